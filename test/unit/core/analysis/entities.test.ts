import { strict as assert } from 'node:assert';
import { seeds } from '../helpers';
import { findNameMentions } from '../../../../src/core/analysis/names';
import { extractMentions, cleanName, nameRuns } from '../../../../src/core/analysis/entities';

describe('entities and aliases', () => {
  it('groups short and titled forms into one person', async () => {
    const c = await seeds();
    const putin = c.getEntity('Vladimir Putin');
    assert.ok(putin, 'Vladimir Putin is an entity');
    assert.equal(putin!.kind, 'person');
    assert.ok(putin!.aliases.includes('Putin'));
    assert.equal(c.aliases.get('Putin'), 'Vladimir Putin');
    assert.equal(c.aliases.get('Kim'), 'Kim Jong Un');
    assert.equal(c.getEntity('Putin'), undefined, 'no separate "Putin" entity');
  });

  it('completes names compromise cuts short and strips titles and punctuation', async () => {
    const c = await seeds();
    for (const n of ['Kim Jong Un', 'Pak Jong Chon', 'An Chan-il', 'Sergei Shoigu', 'Jo Chun Ryong', 'Dmitry Peskov'])
      assert.equal(c.getEntity(n)?.kind, 'person', n);
    for (const bad of ['Kim Jong', 'Marshal Pak Jong', 'An Chan-', 'Minister Sergei Shoigu --', 'President Vladimir Putin'])
      assert.equal(c.getEntity(bad), undefined, bad);
    assert.equal(cleanName("Putin's"), 'Putin');
    assert.equal(cleanName('Minister Sergei Shoigu --').endsWith('Shoigu'), true);
  });

  it('adds multi-word places and organisations compromise misses', async () => {
    const c = await seeds();
    assert.equal(c.getEntity('Vostochny Cosmodrome')?.kind, 'place');
    assert.equal(c.getEntity('Munitions Industry Department')?.kind, 'organization');
    assert.equal(c.getEntity('World Institute for North Korea Studies')?.kind, 'organization');
  });

  it('keeps roles the sources give', async () => {
    const c = await seeds();
    assert.ok(c.getEntity('Dmitry Peskov')!.roles.some((r) => /Kremlin spokesman/i.test(r)));
    assert.ok(c.getEntity('Sergei Shoigu')!.roles.some((r) => /Defence Minister/.test(r)));
    assert.equal(c.getEntity('Dmitry Peskov')!.sources.length, 2);
  });

  it('finds mentions in a draft by alias, possessive and unique role, and ignores unknown names', async () => {
    const c = await seeds();
    const text = "Putin's guest met the Kremlin spokesman. Marcus Rashford and Manchester United did not. Kim Jong Un smiled.";
    const ms = findNameMentions(text, c);
    const got = ms.map((m) => [text.slice(m.start, m.end), m.id]);
    // The organisation named inside the role phrase is a mention of its own.
    assert.deepEqual(got, [['Putin', 'Vladimir Putin'], ['Kremlin spokesman', 'Dmitry Peskov'], ['Kremlin', 'Kremlin'], ['Kim Jong Un', 'Kim Jong Un']]);
  });

  it('does not take a lone alias that is part of another name, and knows hyphenated Korean names', async () => {
    const c = await seeds();
    const text = 'Kim Kardashian met Denzel Washington. President Putin greeted Kim Jong-un in Moscow.';
    const got = findNameMentions(text, c).map((m) => [text.slice(m.start, m.end), m.id]);
    assert.deepEqual(got, [['Putin', 'Vladimir Putin'], ['Kim Jong-un', 'Kim Jong Un'], ['Moscow', 'Moscow']]);
  });

  it('extracts mentions with offsets into the text', () => {
    const text = 'Defence Minister Sergei Shoigu visited Pyongyang in July.';
    const ms = extractMentions(text);
    const shoigu = ms.find((m) => m.name === 'Sergei Shoigu');
    assert.ok(shoigu);
    assert.equal(text.slice(shoigu!.start, shoigu!.end), 'Sergei Shoigu');
    assert.equal(shoigu!.role, 'Defence Minister');
  });
});

describe('which sentences compromise is given', () => {
  const text = 'Putin arrived early. He said the talks went well. Then the delegation left. It rained in Moscow. the end of it. Meanwhile, it rained. Officials waited.';
  const sentence = (s: string) => { const start = text.indexOf(s); return { start, end: start + s.length }; };

  it('leaves out only sentences with no capital but a leading determiner, pronoun, adverb or the like', () => {
    const covered = (s: string) => nameRuns(text).some((r) => r.start <= sentence(s).start && r.end >= sentence(s).end);
    for (const s of ['Putin arrived early.', 'It rained in Moscow.', 'Officials waited.']) assert.ok(covered(s), s);
    for (const s of ['He said the talks went well.', 'Then the delegation left.', 'the end of it.', 'Meanwhile, it rained.']) assert.ok(!covered(s), s);
  });

  it('finds the same names as compromise over the whole text, at the same offsets', () => {
    const names = extractMentions(text).map((m) => `${m.name}@${m.start}`);
    assert.deepEqual(names.sort(), [`Moscow@${text.indexOf('Moscow')}`, `Putin@0`]);
  });
});
