import { strict as assert } from 'node:assert';
import { seeds } from '../helpers';
import { checkDraft } from '../../../../src/core';

const claimOn = async (t: string, needle: string) => {
  const i = t.indexOf(needle);
  return checkDraft(t, await seeds()).find((f) => f.kind === 'claim' && f.start <= i && i < f.end)!;
};

describe('a contradiction needs the same fact', () => {
  it('keeps a figure conflict unless another passage agrees on that same figure (agreeing on the weekday next to it is no answer)', async () => {
    const f = await claimOn('While Kim was in Russia, North Korea fired three ballistic missiles on Wednesday, the South Korean military said.', 'three');
    assert.equal(f.verdict, 'contradicted');
    assert.match(f.reason!, /two.*three/);
  });

  it('does not contradict a figure about another place', async () => {
    const f = await claimOn('The Vostochny Cosmodrome lies some 5,500 kilometres east of Moscow.', '5,500');
    assert.notEqual(f.verdict, 'contradicted');
    const g = await claimOn('The Vostochny Cosmodrome lies some 1,500 kilometres from Vladivostok.', '1,500');
    assert.equal(g.verdict, 'contradicted');
  });

  it('does not contradict a month of another trip', async () => {
    const f = await claimOn('Russian Defence Minister Sergei Shoigu travelled to Tehran in August.', 'August');
    assert.notEqual(f.verdict, 'contradicted');
    const g = await claimOn('Russian Defence Minister Sergei Shoigu visited Pyongyang in August.', 'August');
    assert.equal(g.verdict, 'contradicted');
  });

  it('supports a claim whose only figure refers back ("the two men")', async () => {
    const f = await claimOn('Footage released by the Kremlin showed the two men shaking hands enthusiastically at the Vostochny Cosmodrome.', 'shaking');
    assert.equal(f.verdict, 'supported');
  });
});

describe('contrast classes', () => {
  it('contradicts another means of transport, and supports the same one in other words', async () => {
    const f = await claimOn('Kim travelled to Russia by plane for the summit with Putin.', 'plane');
    assert.equal(f.verdict, 'contradicted');
    assert.match(f.reason!, /plane/);
    const g = await claimOn('Kim travelled to Russia by train for the summit with Putin.', 'train');
    assert.notEqual(g.verdict, 'contradicted');
  });

  it('contradicts another proper qualifier of the same noun ("Northern Fleet" / "Pacific fleet")', async () => {
    const f = await claimOn('Kim will later oversee a display of the potential of Russia’s Northern Fleet in Vladivostok, Putin announced.', 'Northern');
    assert.equal(f.verdict, 'contradicted');
    assert.match(f.reason!, /Pacific/);
    const g = await claimOn('Kim will later oversee a display of the potential of Russia’s Pacific Fleet in Vladivostok, Putin announced.', 'Pacific');
    assert.equal(g.verdict, 'supported');
  });
});

describe('a contradiction is reported on its part of the clause', () => {
  it('narrows to the comma-separated part with the differing figure and judges the rest on its own', async () => {
    const t = 'Kim Jong Un met Vladimir Putin on Sept. 13 at the Vostochny Cosmodrome, some 1,500 kilometres from Vladivostok.';
    const fs = checkDraft(t, await seeds()).filter((f) => f.kind === 'claim');
    const bad = fs.find((f) => f.verdict === 'contradicted')!;
    assert.match(bad.text, /^some 1,500 kilometres from Vladivostok/);
    assert.equal(fs.find((f) => f.text.startsWith('Kim Jong Un met'))?.verdict, 'supported');
  });

  it('keeps an opening participle with its clause', async () => {
    const t = 'Wearing a white suit, Kim grinned as he shook Putin’s hand.';
    const fs = checkDraft(t, await seeds()).filter((f) => f.kind === 'claim');
    assert.equal(fs.length, 1);
    assert.equal(fs[0].verdict, 'contradicted');
  });
});

describe('relative periods', () => {
  it('contradicts "last month" where the sources say "last week", and supports "last week"', async () => {
    const f = await claimOn('The White House warned last month that North Korea would pay a price if it supplies Russia with weaponry.', 'month');
    assert.equal(f.verdict, 'contradicted');
    assert.match(f.reason!, /week/);
    const g = await claimOn('The White House warned last week that North Korea would pay a price if it supplies Russia with weaponry.', 'week');
    assert.equal(g.verdict, 'supported');
  });
});
