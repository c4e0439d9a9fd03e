// Property: after any edit, checking a draft with the sentence cache of its earlier versions gives
// exactly the findings of a fresh check. Drafts and edits are random (test/unit/core/verdicts/draftFuzz.ts),
// from a fixed seed; CORROBORATE_FUZZ_SEED and CORROBORATE_FUZZ_STEPS run other or longer sessions:
//   CORROBORATE_FUZZ_SEED=7 CORROBORATE_FUZZ_STEPS=50000 npx mocha test/unit/core/verdicts/incrementalProperty.test.ts
import { strict as assert } from 'node:assert';
import { seeds } from '../helpers';
import { checkDraft, DraftChecker, type Finding } from '../../../../src/core';
import { Rng, randomDraft, randomEdit } from './draftFuzz';

const SEED = Number(process.env.CORROBORATE_FUZZ_SEED ?? 20240613);
const STEPS = Number(process.env.CORROBORATE_FUZZ_STEPS ?? 3000);
/** Edits per document before the session opens a new one (the cache carries over, as in an editor). */
const EDITS_PER_DRAFT = 60;

/** The first place two lists of findings differ, for the failure message. */
function firstDifference(a: Finding[], b: Finding[]): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = JSON.stringify(a[i]), y = JSON.stringify(b[i]);
    if (x !== y) {
      const brief = (f: Finding | undefined) => (f ? `${f.kind} ${f.verdict}${f.speaker ? ` (speaker ${f.speaker})` : ''} @${f.start}-${f.end} “${f.text}”` : 'nothing');
      return `finding ${i}: incremental ${brief(a[i])}, full ${brief(b[i])}`;
    }
  }
  return 'none';
}

describe('incremental checking equals a full check (property)', function () {
  this.timeout(Math.max(120000, STEPS * 100));

  it(`holds for ${STEPS} random edits of random drafts (seed ${SEED})`, async () => {
    const corpus = await seeds();
    const r = new Rng(SEED);
    let dc = new DraftChecker(corpus);
    let draft = randomDraft(r);
    let what = 'first draft';
    for (let step = 0; step < STEPS; step++) {
      if (step > 0) {
        if (step % EDITS_PER_DRAFT === 0) {
          draft = randomDraft(r);
          what = 'new draft';
          // Now and then a new session too, so that a cold cache is exercised as well as a warm one.
          if (r.chance(0.3)) dc = new DraftChecker(corpus);
        } else {
          ({ text: draft, what } = randomEdit(r, draft));
        }
      }
      const incremental = dc.check(draft);
      const full = checkDraft(draft, corpus);
      if (JSON.stringify(incremental) !== JSON.stringify(full)) {
        assert.fail(`incremental != full at seed ${SEED}, step ${step} after ${what}: ${firstDifference(incremental, full)}\n--- draft ---\n${draft}\n---`);
      }
      assert.deepStrictEqual(incremental, full);
    }
  });
});

describe('incremental checks equal full checks while typing (no stale verdicts)', () => {
  const quote = '“China will be hardly too happy about Russia entering into what Chinese consider their monopoly territory,” he said.';
  // Two sentences between the name and the pronoun, the one in between naming only places.
  const draft = `Dmitry Peskov spoke in Moscow on Wednesday. Officials from Russia and North Korea met in Vladivostok. ${quote}`;

  it('re-judges a pronoun quotation when the speaker named two sentences earlier is corrected (Peskov -> Tikhonov)', async () => {
    const corpus = await seeds();
    const dc = new DraftChecker(corpus);
    const speakerOf = (fs: Finding[]) => fs.find((f) => f.kind === 'quote')!;
    const before = speakerOf(dc.check(draft));
    assert.equal(before.verdict, 'misattributed');
    assert.equal(before.speaker, 'Dmitry Peskov');
    const fixed = draft.replace('Dmitry Peskov', 'Vladimir Tikhonov');
    const got = dc.check(fixed);
    assert.equal(speakerOf(got).verdict, 'supported');
    assert.equal(speakerOf(got).speaker, 'Vladimir Tikhonov');
    assert.deepStrictEqual(got, checkDraft(fixed, corpus));
  });

  it('reuses the quotation while the sentences before it change, but not when its speaker does', async () => {
    const corpus = await seeds();
    const dc = new DraftChecker(corpus);
    const long = `Dmitry Peskov spoke in Moscow on Wednesday. Officials from Russia and North Korea met for several hours in Vladivostok, the port city on the Pacific coast. ${quote}`;
    dc.check(long);
    let quoteLookups = 0;
    const orig = corpus.searchQuotes.bind(corpus);
    corpus.searchQuotes = (...a: Parameters<typeof orig>) => { quoteLookups++; return orig(...a); };
    try {
      // Typing in the first sentence moves the speaker, far from the quotation: it is not judged again.
      const moved = long.replace('spoke in Moscow', 'spoke briefly in Moscow');
      const again = dc.check(moved);
      assert.equal(quoteLookups, 0);
      assert.deepStrictEqual(again, checkDraft(moved, corpus));
      const renamed = moved.replace('Dmitry Peskov', 'Vladimir Tikhonov');
      quoteLookups = 0;
      const got = dc.check(renamed);
      assert.ok(quoteLookups > 0, 'the quotation is judged again');
      assert.equal(got.find((f) => f.kind === 'quote')!.speaker, 'Vladimir Tikhonov');
    } finally {
      corpus.searchQuotes = orig;
    }
  });

  it('re-judges a short quotation when the words before it, in the sentence before, change', async () => {
    // “Busy timetable” is placed by the words before its marks, here the end of the sentence before
    // (the source has the Russian leader's "busy schedule"); a typo there leaves no word moved.
    const corpus = await seeds();
    const dc = new DraftChecker(corpus);
    const placed = 'Kim thanked Putin for inviting him to visit, despite the Russian leader’s.” “Busy timetable” was the phrase.';
    assert.equal(dc.check(placed).find((f) => f.kind === 'quote')?.verdict, 'misquoted');
    const retyped = placed.replace('leader’s', 'palace’s');
    const got = dc.check(retyped);
    assert.equal(got.find((f) => f.kind === 'quote'), undefined);
    assert.deepStrictEqual(got, checkDraft(retyped, corpus));
  });

  it('keeps the sentences of the last check only', async () => {
    const dc = new DraftChecker(await seeds());
    dc.check(draft);
    assert.equal(dc.size, 3);
    dc.check('Kim travelled overland to Russia in his armoured train.');
    assert.equal(dc.size, 1);
  });
});
