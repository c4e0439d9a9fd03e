import { strict as assert } from 'node:assert';
import { seeds } from './helpers';
import { checkDraft } from '../../../src/core';

const claimOn = async (t: string, needle: string) => {
  const i = t.indexOf(needle);
  return checkDraft(t, await seeds()).find((f) => f.kind === 'claim' && f.start <= i && i < f.end)!;
};

describe('a contradiction needs the same fact', () => {
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
