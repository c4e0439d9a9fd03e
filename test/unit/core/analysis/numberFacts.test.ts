import { strict as assert } from 'node:assert';
import { normalizeWord } from '../../../../src/core/analysis/text';
import { findFigures, comparable, agrees } from '../../../../src/core/analysis/numberFacts';

describe('figures', () => {
  it('reads "three times" as how often, comparable with "twice"', () => {
    const [f] = findFigures('North Korea has failed three times to put a satellite into orbit.');
    assert.equal(f.kind, 'times');
    assert.equal(f.value, 3);
  });

  it('marks "the two men" and "both" as referring back, not as a count the text asserts', () => {
    assert.equal(findFigures('Video showed the two men shaking hands.')[0].referential, true);
    assert.equal(findFigures('North Korea fired two missiles.')[0].referential, undefined);
  });

  it('keeps the proper nouns next to a figure as its anchors, within its clause', () => {
    const [f] = findFigures('The site, opened in 2016, lies some 5,500 kilometres east of Moscow.').filter((x) => x.kind === 'measure');
    assert.deepEqual(f.anchors.map((a) => a.text), ['Moscow']);
    const [g] = findFigures('Shoigu, who visited Pyongyang in July, joined the talks.');
    assert.deepEqual(g.anchors.map((a) => a.text), ['Pyongyang']);
    const [h] = findFigures('some 1,000 kilometres (620 miles) from Vladivostok');
    assert.deepEqual(h.anchors.map((a) => a.text), ['Vladivostok']);
  });
});

describe('how often', () => {
  it('compares "three times" with "twice" about the same thing', () => {
    const [a] = findFigures('North Korea has failed three times to put a satellite into orbit.');
    const [b] = findFigures('Pyongyang failed twice recently in its bid to put a satellite into orbit.');
    assert.ok(comparable(a, b));
    assert.ok(!agrees(a, b));
  });
});

describe('times of day', () => {
  it('are timestamps, not quantities: a live blog entry time is no figure, a count next to it still is', () => {
    const kinds = (t: string) => findFigures(t).map((f) => `${f.kind}:${f.value}`);
    assert.deepEqual(kinds('11:05 Putin said the two men would meet again'), ['count:2']);
    assert.deepEqual(kinds('At 10.30 local time the leaders met'), []);
    assert.deepEqual(kinds('**14:20 GMT** North Korea fired 2 missiles'), ['count:2']);
    assert.deepEqual(kinds('The talks lasted 4 hours'), ['count:4']);
    assert.deepEqual(kinds('Growth was 10.30 percent'), ['percent:10.3']);
  });
});

describe('numbers joined to their noun', () => {
  it('reads "39-year-old", "two-hour" and "1,000-km" as figures with that noun as head', () => {
    const [age] = findFigures('while the 39-year-old toured the site');
    assert.deepEqual([age.kind, age.value, age.head], ['count', 39, 'year']);
    const [talks] = findFigures('the two-hour talks ended');
    assert.deepEqual([talks.kind, talks.value, talks.head, !!talks.referential], ['count', 2, 'hour', false]);
    const [dist] = findFigures('a 1,000-km journey');
    assert.equal(dist.kind, 'measure');
    assert.equal(dist.value, 1_000_000);
  });

  it('leaves words that only look like them alone', () => {
    assert.deepEqual(findFigures('a one-on-one meeting with short-range missiles'), []);
    assert.equal(normalizeWord('two-hour'), 'two-hour');
    assert.equal(normalizeWord('twenty-four'), 'twenty-four');
    assert.equal(normalizeWord('colour'), 'color');
    assert.equal(normalizeWord('hour'), 'hour');
  });
});
