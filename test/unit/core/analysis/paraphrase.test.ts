import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { buildCorpus, checkDraft, parseSourceText, type Corpus } from '../../../../src/core';
import { relatedKeys, matchIn } from '../../../../src/core/analysis/lexicon';
import { clausesOf } from '../../../../src/core/verdicts/checker';
import { findFigures } from '../../../../src/core/analysis/numberFacts';
import { keyOf } from '../../../../src/core/analysis/text';
import { ROOT } from '../helpers';

// A made-up corpus about a made-up event, so that nothing here leans on the seed articles' wording.
const ARTICLE = `---
title: Governor opens mountain observatory
outlet: Example Gazette
date: 2031-05-04
---
Governor Alma Ruiz opened the Cerro Alto Observatory on Tuesday, a complex tucked in a forest near the Chilean border.

Ruiz said the site was chosen because the province wants to help local universities train astronomers.

The ceremony lasted around two hours before the guests proceeded to a reception in the town hall.

It was her first official trip abroad since the flooding last year.

Ruiz arrived in a black limousine shortly after noon and greeted the waiting astronomers.

Ruiz thanked the mayor for coming despite his "busy schedule", and praised the "tireless" engineers of the valley.

Tomas Vidal, the regional finance minister, said the observatory had cost less than planned.

Admiral Ines Costa led the honour guard at the gate.

"We have seen no evidence of a deal with the builders," said Marta Lind, an auditor at the regional court.

The province signed a deal with three universities to share the telescope's time.

Ruiz meanwhile praised "the patience of the people of the valley" before cutting the ribbon.

The Regional Court warned that the builders would "answer for every delay" if costs rose again.

Ruiz and Lind "may yet fall out over the budget," according to one official.
`;

let corpus: Corpus;
before(() => {
  corpus = buildCorpus(parseSourceText('/corpus/observatory.md', ARTICLE).sources);
});
/** The finding of `kind` whose span holds `needle`. */
const findingOn = (kind: 'claim' | 'quote', draft: string, needle: string) => {
  const i = draft.indexOf(needle);
  return checkDraft(draft, corpus).find((f) => f.kind === kind && f.start <= i && i < f.end);
};
const claimOn = (draft: string, needle: string) => findingOn('claim', draft, needle)!;
const quoteOn = (draft: string, needle: string) => findingOn('quote', draft, needle);

describe('paraphrase lexicon', () => {
  it('relates synonyms in either direction, by comparison key', () => {
    const k = (w: string) => keyOf(w);
    assert.ok(relatedKeys(k('woodland')).has(k('forest')));
    assert.ok(relatedKeys(k('forest')).has(k('woodland')));
    assert.ok(relatedKeys(k('picked')).has(k('chosen')), 'inflected forms meet through their keys');
    assert.equal(matchIn(k('near'), new Set([k('close')])), k('close'));
    assert.equal(matchIn(k('woodland'), new Set([k('governor')])), undefined);
  });

  it('gives a place adjective the place its common sense names ("Chinese" is China, not Taiwan)', () => {
    assert.equal(keyOf('chinese'), keyOf('china'));
    assert.equal(keyOf('chilean'), keyOf('chile'));
    assert.equal(keyOf('ukrainian'), keyOf('ukraine'));
  });

  it('leaves names and rare senses out ("Russia" is not "USSR"; "crab" is not a leader)', () => {
    assert.equal(relatedKeys(keyOf('russia')).size, 0);
    assert.ok(!relatedKeys(keyOf('crab')).has(keyOf('head')));
  });

  it('supports a claim written in other words, and shows the passage words it matched', () => {
    const draft = 'The observatory is set in woodland close to the border with Chile.';
    const f = claimOn(draft, 'woodland');
    assert.equal(f.verdict, 'supported', f.reason);
    const ev = f.evidence[0];
    const matched = ev.marks.filter((m) => m.kind === 'match').map((m) => ev.quote.slice(m.start, m.end));
    assert.ok(matched.includes('forest') && matched.includes('near'), matched.join(','));
  });

  it('supports a choice written with another verb', () => {
    const f = claimOn('Ruiz said the location had been picked because the province wants to help local universities train astronomers.', 'picked');
    assert.equal(f.verdict, 'supported', f.reason);
  });

  it('is generated from WordNet by scripts/build-lexicon.mjs, and the committed file is current', function () {
    this.timeout(60000);
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build-lexicon.mjs'), '--check'], { encoding: 'utf8' });
    assert.match(out, /up to date: \d+ words/);
  });
});

describe('one fact per clause', () => {
  it('splits a participial phrase and a relative clause off the main clause', () => {
    const s = 'Governor Alma Ruiz opened the observatory on Tuesday, smiling broadly and dressed in a dark suit, which delighted the crowd of local farmers.';
    const parts = clausesOf(s, 0).map((c) => c.text);
    assert.deepEqual(parts, [
      'Governor Alma Ruiz opened the observatory on Tuesday',
      'smiling broadly and dressed in a dark suit',
      'which delighted the crowd of local farmers.',
    ]);
  });

  it('does not split at a preposition that ends in -ing ("during", "including")', () => {
    const s = 'The ceremony lasted around two hours, including speeches by the governor and three mayors from the valley.';
    assert.equal(clausesOf(s, 0).length, 1);
  });

  it('judges the facts of a long sentence separately, so a true clause is supported beside an untrue one', () => {
    const draft = 'Governor Alma Ruiz opened the Cerro Alto Observatory on Tuesday, wearing a hat made by her grandmother in the capital.';
    const first = claimOn(draft, 'opened');
    assert.equal(first.verdict, 'supported', first.reason);
    assert.ok(first.end <= draft.indexOf('wearing'));
  });
});

describe('contrasting attributes', () => {
  it('contradicts a contrasting attribute of the same noun about the same person, even in a short clause', () => {
    const f = claimOn('Ruiz pulled up in a white limousine, local reporters say.', 'white');
    assert.equal(f.verdict, 'contradicted', f.reason);
    assert.match(f.reason!, /black.*white/);
  });

  it('leaves a contrasting attribute about someone else unverified', () => {
    const f = claimOn('The mayor pulled up in a white limousine, local reporters say.', 'white');
    assert.notEqual(f.verdict, 'contradicted', f.reason);
  });
});

describe('short quotations', () => {
  it('are placed by the words around them, so one changed word is a misquote with the source wording', () => {
    const f = quoteOn('Ruiz thanked him despite his "tight schedule", officials said.', 'tight');
    assert.equal(f?.verdict, 'misquoted', f?.reason);
    assert.match(f!.reason!, /busy schedule/);
    assert.equal(f!.fixes[0].replacement, 'busy schedule');
    const g = quoteOn('She praised the "tireless" engineers of the valley.', 'tireless');
    assert.equal(g?.verdict, 'supported', g?.reason);
    const h = quoteOn('She praised the "brilliant" engineers of the valley.', 'brilliant');
    assert.equal(h?.verdict, 'misquoted', h?.reason);
  });

  it('are left alone when no source quotation stands between the same words', () => {
    const f = quoteOn('The governor called the valley a "tireless" place to live.', 'tireless');
    assert.notEqual(f?.verdict, 'misquoted');
    assert.equal(quoteOn('Critics called the observatory a "vanity project".', 'vanity'), undefined);
  });
});

describe('roles', () => {
  const roleOn = (draft: string, needle: string) => {
    const i = draft.indexOf(needle);
    return checkDraft(draft, corpus).filter((f) => f.kind === 'claim' && f.verdict === 'contradicted' && f.start <= i && i < f.end);
  };

  it('reads a role set off by a comma, before or after the name', () => {
    const before = roleOn('The regional transport minister, Tomas Vidal, toured the site.', 'transport');
    assert.equal(before.length, 1);
    assert.match(before[0].reason!, /finance minister.*transport minister/);
    assert.equal(before[0].fixes[0].replacement, 'regional finance minister');
    assert.equal(before[0].text, 'regional transport minister, Tomas Vidal');
    const after = roleOn('Tomas Vidal, the regional transport minister, toured the site.', 'transport');
    assert.equal(after.length, 1);
    assert.deepEqual(roleOn('Tomas Vidal, the regional finance minister, toured the site.', 'finance'), []);
  });

  it('reads lower-case words of a role after a preposition, not a verb before it', () => {
    const f = roleOn('The guests were welcomed by transport minister Tomas Vidal.', 'transport');
    assert.equal(f.length, 1);
    assert.match(f[0].reason!, /not “transport minister”/);
    assert.deepEqual(roleOn('Ruiz met minister Tomas Vidal at the gate.', 'met'), []);
  });

  it('takes a rank modifier as a different role (a Vice Admiral is not an Admiral)', () => {
    const f = roleOn('Vice Admiral Ines Costa led the honour guard at the gate.', 'Vice');
    assert.equal(f.length, 1);
    assert.match(f[0].reason!, /Admiral/);
    assert.deepEqual(roleOn('Admiral Ines Costa led the honour guard at the gate.', 'Admiral'), []);
  });

  it('does not also call the clause with a wrong role supported', () => {
    const draft = 'Vice Admiral Ines Costa led the honour guard at the gate.';
    assert.ok(!checkDraft(draft, corpus).some((f) => f.kind === 'claim' && f.verdict === 'supported'));
  });
});

describe('reported claims and datelines', () => {
  it('does not support a claim reported by one body with words another person said', () => {
    const f = claimOn('Governor Alma Ruiz said she had seen no evidence of a deal with the builders.', 'evidence');
    assert.notEqual(f.verdict, 'supported', f.reason);
    const g = claimOn('Marta Lind said she had seen no evidence of a deal with the builders.', 'evidence');
    assert.equal(g.verdict, 'supported', g.reason);
  });

  it('reads "deal" as a content word ("according to" is light, a deal is not)', () => {
    const f = claimOn('The province signed a deal with three universities to share the telescope\'s time.', 'deal');
    assert.equal(f.verdict, 'supported', f.reason);
    assert.ok(f.evidence[0].marks.some((m) => f.evidence[0].quote.slice(m.start, m.end) === 'deal'));
  });

  it('leaves a dateline out of the claim after it', () => {
    const draft = 'CERRO ALTO, May 4 (Gazette) — Governor Alma Ruiz opened the Cerro Alto Observatory on Tuesday.';
    const f = checkDraft(draft, corpus).find((x) => x.kind === 'claim')!;
    assert.equal(f.verdict, 'supported', f.reason);
    assert.equal(f.start, draft.indexOf('Governor'));
  });

  it('does not report the attribution around a checked quotation as an unverified claim of its own', () => {
    const draft = 'Lind, visibly angry, insisted: "We have seen no evidence of a deal with the builders."';
    const findings = checkDraft(draft, corpus).filter((x) => x.kind !== 'name');
    assert.ok(findings.some((x) => x.kind === 'quote' && x.verdict === 'supported'));
    assert.ok(!findings.some((x) => x.verdict === 'unverified'), findings.map((x) => `${x.kind}:${x.verdict}:${x.text}`).join('; '));
  });
});

describe('speakers of source quotations', () => {
  it('gives a source quotation with no attribution to the person before a verb of speech', () => {
    const f = quoteOn('Lind praised "the patience of the people of the valley" at the ceremony.', 'patience');
    assert.equal(f?.verdict, 'misattributed', f?.reason);
    assert.match(f!.reason!, /Alma Ruiz/);
  });

  it('not to the people a quotation is about ("Ruiz and Lind “may yet fall out …”")', () => {
    const f = quoteOn('Lind said the two "may yet fall out over the budget".', 'fall out');
    assert.notEqual(f?.verdict, 'misattributed', f?.reason);
  });

  it('tells one organisation from another', () => {
    const f = quoteOn('The governor\'s office warned that the builders would "answer for every delay" if costs rose again.', 'answer');
    assert.notEqual(f?.verdict, 'misattributed', 'an unknown speaker is not a wrong one');
    const g = quoteOn('The Cerro Alto Observatory warned that the builders would "answer for every delay" if costs rose again.', 'answer');
    assert.equal(g?.verdict, 'misattributed', g?.reason);
  });
});

describe('figures a supported claim must carry', () => {
  it('does not support a duration no source gives, even when the rest matches', () => {
    const f = claimOn('The ceremony lasted about four hours before the guests proceeded to a reception in the town hall.', 'four');
    assert.notEqual(f.verdict, 'supported');
    const g = claimOn('The ceremony lasted about two hours before the guests proceeded to a reception in the town hall.', 'two');
    assert.equal(g.verdict, 'supported', g.reason);
  });

  it('reads "this one" and "no one" as pronouns, not counts', () => {
    assert.deepEqual(findFigures('On her last trip before this one, Ruiz met no one.').map((f) => f.text), []);
    assert.deepEqual(findFigures('Ruiz met one astronomer.').map((f) => f.text), ['one']);
  });
});
