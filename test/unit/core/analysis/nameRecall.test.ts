// Name recall by general rules, on invented articles (no seed names): places and bodies known by the
// words before their generic head, heads in lower case, runs cut back to the name they hold, acronyms
// in title-case headlines, outlets named where prose names who someone spoke to, organisations inside
// role phrases and names in capitals (datelines). Each test also checks the rule does not invent names.
import { strict as assert } from 'node:assert';
import { buildCorpus, type Corpus } from '../../../../src/core';
import { extractMentions, groupEntities, shortFormOf, type Mention } from '../../../../src/core/analysis/entities';
import { findNameMentions } from '../../../../src/core/analysis/names';
import type { Source } from '../../../../src/core/types';

const ARTICLES = [
  'Officials met at the Plesetsk Cosmodrome in Arkhangelsk region on Monday, the Kremlin said.',
  'Under a 2015 United Nations Security Resolution, such exports are banned.',
  'Speaking to Meduza in May, Ivan Petrov said the launch had been delayed.',
  // A headline left in the body with the line after it (too long to be taken for a heading and skipped).
  'NABU Agents Raid Port Office in Ukraine’s Odesa Region, Sources Say\nOther Topics of Interest\n\nSources told the Kyiv Post that fuel was stored there.',
  'Dmitry Peskov, the Kremlin spokesman, declined to comment. Analyst Mira Sol said the launch was late.',
];

function corpusOf(texts: string[]): Corpus {
  const sources: Source[] = texts.map((text, i) => ({ id: `a${i}.txt`, path: `/virtual/a${i}.txt`, title: `Article ${i}`, text, lineOffset: 0 }));
  return buildCorpus(sources, { mode: 'full' });
}
let corpus: Corpus | undefined;
const invented = () => (corpus ??= corpusOf(ARTICLES));
const found = (text: string, c: Corpus) => findNameMentions(text, c).map((m) => [text.slice(m.start, m.end), m.id]);
const names = (text: string, mode: 'full' | 'fast' = 'full') => extractMentions(text, [], mode).map((m) => `${m.kind}:${m.name}`);

describe('name recall: general rules', function () {
  this.timeout(30000);

  it('cuts a capitalised run back to the name ending in a head noun, in both analysis modes', () => {
    for (const mode of ['full', 'fast'] as const) {
      const got = names('Under a 2015 United Nations Security Resolution, such exports are banned.', mode);
      assert.ok(got.includes('organization:United Nations'), `${mode}: ${got}`);
      assert.ok(!got.some((n) => n.includes('Resolution')), `${mode}: ${got}`);
    }
    // An "of" phrase after the head stays: one name.
    assert.ok(names('He joined the Federal Bureau of Investigation in 1990.').includes('organization:Federal Bureau of Investigation'));
  });

  it('keeps an agency acronym apart from the title-case words of a headline', () => {
    const got = names('NABU Agents Raid Port Office in Ukraine’s Odesa Region, Sources Say\n\nFuel was stored there.');
    assert.ok(got.includes('organization:NABU'), String(got));
    assert.ok(got.includes('place:Odesa Region'), String(got));
    assert.ok(!got.some((n) => /Agents|Raid|Port Office/.test(n)), String(got));
    // In prose, a name ending in a head after an acronym is left whole.
    assert.ok(names('He told the BBC World Service on Monday.').includes('organization:BBC World Service'));
  });

  it('keeps the lower-case head of an administrative area in the place name, not a generic one', () => {
    assert.ok(names('They met in Arkhangelsk region on Monday.').includes('place:Arkhangelsk Region'));
    // "county", "district" and "territory" are as often generic: "the historic Delta district".
    const generic = names('Voters in the historic Delta district went to the polls.');
    assert.ok(generic.includes('place:Delta') && !generic.some((n) => /District/.test(n)), String(generic));
  });

  it('takes an unknown capitalised word where prose names the outlet someone spoke to', () => {
    assert.ok(names('Speaking to Meduza in May, Ivan Petrov said the launch had been delayed.').includes('organization:Meduza'));
    assert.ok(names('A statement sent to Meduza on Friday said so.').includes('organization:Meduza'));
    // Ordinary words and known places there are not outlets.
    const none = names('He told reporters in May that he had spoken to Moscow, and told Interior staff.');
    assert.ok(!none.some((n) => /reporters|Moscow|Interior/.test(n) && n.startsWith('organization')), String(none));
  });

  it('knows a place or body by the words before its generic head, only when they are the name itself', () => {
    assert.equal(shortFormOf('Plesetsk Cosmodrome'), 'Plesetsk');
    assert.equal(shortFormOf('Arkhangelsk Region'), 'Arkhangelsk');
    assert.equal(shortFormOf('Nizhny Novgorod Region'), 'Nizhny Novgorod');
    assert.equal(shortFormOf('Wagner Group'), 'Wagner');
    for (const n of ['Moscow Region', 'Foreign Ministry', 'Kyiv Post', 'White House', 'Rhode Island', 'Chinese Province', 'Union County', 'Beaumont Navigation District'])
      assert.equal(shortFormOf(n), undefined, n);
    // In the corpus, the short form seen alone joins the full name, unless two names share it.
    const m = (name: string, kind: Mention['kind'] = 'place') => ({ m: { name, kind, start: 0, end: 0 }, sourceId: 's', passage: 0 });
    const one = groupEntities([m('Plesetsk Cosmodrome'), m('Plesetsk')]).entities;
    assert.deepEqual(one.map((e) => [e.name, e.aliases]), [['Plesetsk Cosmodrome', ['Plesetsk Cosmodrome', 'Plesetsk']]]);
    const two = groupEntities([m('Amga Region'), m('Amga District'), m('Amga')]).entities;
    assert.equal(two.length, 3);
  });

  it('finds in drafts the short form, a lower-case head, a dateline in capitals, and the organisation in a role', () => {
    const c = invented();
    assert.deepEqual(found('The launch from Plesetsk was delayed.', c), [['Plesetsk', 'Plesetsk Cosmodrome']]);
    assert.deepEqual(found('The Plesetsk cosmodrome lies in the Arkhangelsk region.', c), [['Plesetsk cosmodrome', 'Plesetsk Cosmodrome'], ['Arkhangelsk region', 'Arkhangelsk Region']]);
    assert.deepEqual(found('Fuel burned in Odesa after Ukrainian NABU agents struck.', c), [['Odesa', 'Odesa Region'], ['NABU', 'NABU']]);
    assert.deepEqual(found('PLESETSK COSMODROME, Russia — Rockets rose from PLESETSK.', c), [['PLESETSK COSMODROME', 'Plesetsk Cosmodrome'], ['PLESETSK', 'Plesetsk Cosmodrome']]);
    assert.deepEqual(found('He told Meduza about a 2015 United Nations Security Council resolution.', c), [['Meduza', 'Meduza'], ['United Nations', 'United Nations']]);
    const role = found('Dmitry Peskov, the Kremlin spokesman, said nothing. The Kremlin spokesman smiled.', c);
    assert.deepEqual(role, [['Dmitry Peskov', 'Dmitry Peskov'], ['Kremlin spokesman', 'Dmitry Peskov'], ['Kremlin', 'Kremlin'], ['Kremlin spokesman', 'Dmitry Peskov'], ['Kremlin', 'Kremlin']]);
  });

  it('does not take names the corpus does not know for ones it does', () => {
    const c = invented();
    // Glued to other capitalised words, in hyphenated place names, or a short form two names share.
    assert.deepEqual(found('Plesetsk Rovers beat Arkhangelsk-on-Sea; PLESETSK RANGERS lost. Amga is far.', c), []);
    const shared = corpusOf(['Floods hit Amga Region and Amga District this week.']);
    assert.deepEqual(found('Amga was flooded. The Amga region recovered.', shared).map((x) => x[0]), ['Amga region']);
    // A lower-case word after a name is a head only for the name's own head.
    assert.deepEqual(found('The Plesetsk crowd cheered.', c), [['Plesetsk', 'Plesetsk Cosmodrome']]);
    assert.deepEqual(found('The Kyiv post office was shut.', c), []);
    // In capitals, a word shorter than four letters is as likely an acronym: "SOL" is not Mira Sol.
    assert.deepEqual(found('The SOL index fell; analyst SOL smiled.', c), []);
    assert.deepEqual(found('He said Sol smiled.', c).concat(found('SOL', c)), [['Sol', 'Mira Sol']]);
  });
});
