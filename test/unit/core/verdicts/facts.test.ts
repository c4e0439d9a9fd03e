// A claim is judged fact by fact against one passage (with the sentences beside it): who, figures,
// when, polarity, and the rest of its words; a sentence is as good as its worst fact.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { seeds, ROOT } from '../helpers';
import { checkDraft, type Finding } from '../../../../src/core';
import { WORDS_HELD, plainText } from '../../../../src/core/verdicts/checker';

const claimsOf = async (t: string) => checkDraft(t, await seeds()).filter((f) => f.kind !== 'name');
const claimOn = async (t: string, needle: string): Promise<Finding | undefined> => {
  const i = t.indexOf(needle);
  return (await claimsOf(t)).find((f) => f.start <= i && i < f.end);
};
const fact = (f: Finding | undefined, kind: string, status: string) => f?.facts?.find((x) => x.kind === kind && x.status === status);

describe('claims judged fact by fact', () => {
  it('supports a claim whose every fact one passage holds', async () => {
    const f = await claimOn('Kim Jong Un left Pyongyang on Sunday evening aboard an armoured train.', 'Pyongyang');
    assert.equal(f?.verdict, 'supported', f?.reason);
    assert.ok(f?.facts?.every((x) => x.status === 'found'), JSON.stringify(f?.facts));
  });

  it('contradicts another part of the same day, and the fix replaces only that word', async () => {
    // Seed 002: "Having left Pyongyang on Sunday evening aboard an armoured train …"
    const t = 'Kim Jong Un left Pyongyang on Sunday afternoon aboard an armoured train.';
    const f = await claimOn(t, 'Pyongyang');
    assert.equal(f?.verdict, 'contradicted', f?.reason);
    assert.equal(fact(f, 'when', 'conflict')?.source, 'evening', JSON.stringify(f?.facts));
    assert.ok(fact(f, 'when', 'found')?.text === 'Sunday');
    const [fix] = f!.fixes;
    assert.equal(t.slice(fix.start, fix.end), 'afternoon');
    assert.equal(fix.replacement, 'evening');
  });

  it('does not support a claim with a time no source gives, and says which', async () => {
    const f = await claimOn('Kim Jong Un left Pyongyang last month aboard an armoured train.', 'Pyongyang');
    assert.equal(f?.verdict, 'unverified');
    assert.equal(fact(f, 'when', 'missing')?.text, 'last month', JSON.stringify(f?.facts));
    assert.match(f!.reason!, /last month/);
  });

  it('does not support a supported fact joined to what someone is said to want, which no source gives', async () => {
    const t = 'Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome and said North Korea wants to build a new railway bridge to Moscow.';
    assert.ok((await claimsOf(t)).every((f) => f.verdict !== 'supported'), 'the sentence is as good as its worst fact');
  });

  it('does not support a claim that denies what the sources say', async () => {
    const f = await claimOn('Kim Jong Un did not leave Pyongyang aboard an armoured train.', 'Pyongyang');
    assert.notEqual(f?.verdict, 'supported');
    assert.ok(fact(f, 'polarity', 'conflict'), JSON.stringify(f?.facts));
  });

  it('finds the people a passage refers back to ("The two then toured …")', async () => {
    // Seed 001: "The two leaders met at the Vostochny Cosmodrome …" then "The two then toured assembly
    // and launch facilities for the Angara and Soyuz-2 space rocket launchers …"; Putin is named before.
    const f = await claimOn('Kim Jong Un toured assembly and launch facilities for the Angara and Soyuz-2 rockets with Vladimir Putin.', 'Angara');
    assert.equal(f?.verdict, 'supported', `${f?.reason} ${JSON.stringify(f?.facts)}`);
  });

  it('reads a relative clause set off by commas as a fact of its own', async () => {
    const t = 'Kim Jong Un, who travelled overland in his armoured train, toured assembly and launch facilities for the Angara and Soyuz-2 rockets with Vladimir Putin.';
    const fs = await claimsOf(t);
    assert.ok(fs.length >= 2, fs.map((f) => f.text).join(' | '));
    assert.ok(fs.some((f) => f.verdict === 'supported' && f.text.includes('Angara')), fs.map((f) => `${f.verdict}: ${f.text}`).join(' | '));
  });

  it('gives no verdict to prose that shares only common words with the corpus', async () => {
    // Sentences from 1961 press articles (Brown Corpus) that a word-overlap rule called supported.
    for (const t of ['Family Service has helped hundreds of families in this area.', 'Reply: A back brace might help.', 'Now big forces buffet food.', 'This time the initiative came, in part at least, from Washington.']) {
      const bad = (await claimsOf(t)).filter((f) => f.verdict !== 'unverified');
      assert.deepEqual(bad.map((f) => `${f.verdict}: ${f.text} (${f.reason})`), [], t);
    }
  });

  it('explains a contradiction fact by fact: the conflicting figure against the source’s', async () => {
    const f = await claimOn('The talks between Kim Jong Un and Vladimir Putin lasted around five hours.', 'five');
    assert.equal(f?.verdict, 'contradicted', f?.reason);
    const x = fact(f, 'figure', 'conflict');
    assert.ok(x && /five/.test(x.text) && /two/.test(x.source ?? ''), JSON.stringify(f?.facts));
  });
});

describe('a contradiction needs the same subject', () => {
  it('does not contradict a sentence that names nobody and shares only the counted noun', async () => {
    const bad = (await claimsOf('They distribute equipment in 11 states.')).filter((f) => f.verdict === 'contradicted');
    assert.deepEqual(bad.map((f) => f.reason), []);
  });

  it('still contradicts a figure about the same described thing without a name', async () => {
    const f = await claimOn('The talks with the delegations lasted around five hours.', 'five');
    assert.equal(f?.verdict, 'contradicted', f?.reason);
  });
});

describe('the fitted threshold', () => {
  it('is the one recorded by scripts/fit-thresholds.mjs in test/eval/fit.json', () => {
    const fit = JSON.parse(readFileSync(path.join(ROOT, 'test', 'eval', 'fit.json'), 'utf8'));
    assert.equal(fit.parameter, 'WORDS_HELD');
    assert.equal(WORDS_HELD, fit.value);
    assert.ok(fit.crossValidation.length >= 3, 'cross-validated over at least three authors');
  });
});

describe('quick fixes that leave the copy intact', () => {
  it('corrects a rank without cutting the name of the army it follows', async () => {
    // Seeds: Pak Jong Chon is "Korean People's Army Marshal"; Jo Chun Ryong a department director.
    const t = "Korean People's Army Vice Marshal Pak Jong Chon was part of the delegation.";
    const all = checkDraft(t, await seeds());
    const army = all.find((f) => f.kind === 'name' && t.slice(f.start, f.end).includes('Army'));
    for (const f of all) for (const x of f.fixes) {
      assert.ok(!army || x.start >= army.end || x.end <= army.start, `fix "${t.slice(x.start, x.end)}" -> "${x.replacement}" cuts "${army && t.slice(army.start, army.end)}"`);
    }
    const role = all.find((f) => f.kind === 'claim' && f.verdict === 'contradicted');
    assert.ok(role, 'the wrong rank is still reported');
    assert.equal(t.slice(role!.fixes[0].start, role!.fixes[0].end), 'Vice Marshal');
  });

  it('offers no fix for a quotation worded as another translation, and says so', async () => {
    // Seed 000: “That’s why we came here. The leader of the DPRK shows great interest in rocket
    // technology, and they are trying to develop (their presence in) space …”
    const t = '“That’s why we came here. The leader of the DPRK shows great interest in rocket engineering, they are also trying to develop space,” Putin told reporters.';
    const q = checkDraft(t, await seeds()).find((f) => f.kind === 'quote');
    assert.equal(q?.verdict, 'misquoted', q?.reason);
    assert.match(q!.reason!, /another translation/);
    assert.deepEqual(q!.fixes, []);
  });

  it('puts source text into a draft on one line, without control characters', () => {
    assert.equal(plainText('great\r\ninterest\u2028in\u001b[2K rockets'), 'great interest in[2K rockets');
  });
});

describe('a sentence with a wrong quotation', () => {
  it('is not supported for its attribution (samples/draft.md, line 11)', async () => {
    const line = readFileSync(path.join(ROOT, 'samples', 'draft.md'), 'utf8').split('\n')[10];
    assert.match(line, /very happy/, 'the sample still has its misquotation on line 11');
    const all = await claimsOf(line);
    assert.ok(all.some((f) => f.kind === 'quote' && f.verdict === 'misquoted'));
    assert.deepEqual(all.filter((f) => f.verdict === 'supported').map((f) => f.text), []);
  });
});

describe('places written as words', () => {
  it('holds a country named as an adjective or a possessive ("the Russian minister" / "Russia’s minister")', async () => {
    // Seed: "Russia’s natural resources minister Alexander Kozlov greeted Kim when he arrived in the country …"
    const f = await claimOn('The Russian natural resources minister Alexander Kozlov greeted Kim Jong Un when he arrived in the country.', 'Kozlov');
    assert.equal(f?.verdict, 'supported', `${f?.reason} ${JSON.stringify(f?.facts)}`);
  });
});
