// Issue 12, item 4 ("bounded work for any input"): drafts built to make a check super-linear. For
// each, the check is timed at sizes n, 2n and 4n in the same run and the growth of the time is
// asserted, never a wall-clock bound (machines differ; ratios do not): doubling the input may at
// most about double the time (2.5x per doubling, allowing noise), where each of these drafts took
// four times as long (or, for the byline, twice as long per two more characters) before.
import { strict as assert } from 'node:assert';
import { seeds } from '../helpers';
import { checkDraft, type Corpus } from '../../../../src/core';

/** Each timing runs the check this long at size n (repeated as needed), so that timer and scheduling noise stay small. */
const TARGET_MS = 50;
/** The most the time may grow per doubling of the input (a quadratic cost grows 4x, a linear one 2x). */
const MAX_GROWTH = 2.5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/**
 * The times of checking make(n), make(2n) and make(4n), each the median of `runs`, interleaved so
 * that a slow moment of the machine falls on every size alike. A check taking less than TARGET_MS
 * at size n is repeated to take about that long (the same number of times at every size).
 */
function growth(corpus: Corpus, make: (n: number) => string, n: number, runs = 3): { sizes: number[]; ms: number[] } {
  const drafts = [make(n), make(2 * n), make(4 * n)];
  const once = (d: string) => { const t = performance.now(); checkDraft(d, corpus); return performance.now() - t; };
  once(drafts[0]); // warm up: compiled code, word caches
  const repeat = Math.max(1, Math.ceil(TARGET_MS / Math.max(0.01, once(drafts[0]))));
  const times: number[][] = [[], [], []];
  for (let r = 0; r < runs; r++) {
    drafts.forEach((d, i) => {
      const t = performance.now();
      for (let k = 0; k < repeat; k++) checkDraft(d, corpus);
      times[i].push(performance.now() - t);
    });
  }
  return { sizes: drafts.map((d) => d.length), ms: times.map(median) };
}

/** Asserts the check of make(n) grows at most MAX_GROWTH-fold per doubling (over n -> 4n; measured again once if not, to rule out a hiccup). */
function assertLinear(corpus: Corpus, make: (n: number) => string, n: number): void {
  let g = growth(corpus, make, n);
  const ok = (x: typeof g) => x.ms[2] / x.ms[0] <= MAX_GROWTH ** 2;
  if (!ok(g)) g = growth(corpus, make, n);
  const say = g.sizes.map((s, i) => `${s} chars: ${g.ms[i].toFixed(0)} ms`).join(', ');
  assert.ok(ok(g), `time grows faster than the input: ${say} (x${(g.ms[2] / g.ms[0]).toFixed(1)} for x4)`);
  assert.ok(g.sizes[2] <= 300_000, 'the drafts must stay well under the size limit (1 MiB)');
}

describe('bounded work for any input: the check grows linearly', function () {
  this.timeout(120000);
  let corpus: Corpus;
  before(async () => { corpus = await seeds(); });

  const cases: [string, (n: number) => string, number][] = [
    // One sentence of quotations: each looked for its speaker in the whole text, blanked out again per quotation.
    ['a sentence of many quotations', (n) => 'Putin said "we will win" and '.repeat(n) + 'left.', 1000],
    ['a quotation per speaker verb, looked for before it', (n) => 'Putin praised the "victory" and '.repeat(n) + 'left.', 1000],
    ['a pronoun before each of many quotations', (n) => 'Putin met Kim. ' + 'He said "we will win" and '.repeat(n) + 'left.', 1000],
    // The dateline pattern shared a run of spaces among its parts in every way.
    ['a dateline word followed by spaces', (n) => 'SEOUL' + ' '.repeat(n) + 'x', 16000],
    ['dateline words followed by spaces, line after line', (n) => ('SEOUL' + ' '.repeat(n) + 'x\n').repeat(20), 2000],
    // Markup that does not close, each opening read to the end of its line or of the text.
    ['unclosed link labels', (n) => 'Kim met Putin. ' + '['.repeat(n), 32000],
    ['unclosed link targets', (n) => 'Kim met Putin. ' + '[a](b '.repeat(n), 4000],
    ['unclosed tags', (n) => 'Kim met Putin. ' + '<a'.repeat(n), 16000],
    ['unclosed comments', (n) => 'Kim met Putin. ' + '<!--'.repeat(n), 16000],
    ['unclosed code fences', (n) => 'Kim met Putin.\n\n' + '```x\n'.repeat(n), 8000],
    // Quotations that do not close, each read to the end of its paragraph.
    ['unclosed double quotation marks', (n) => 'Kim met Putin. ' + '“a '.repeat(n), 4000],
    ['unclosed single quotation marks', (n) => 'Kim met Putin. ' + ' ‘a'.repeat(n), 4000],
    ['quotations ending in many spaces and commas', (n) => 'Putin said "' + ', '.repeat(n) + 'x" as Kim met Shoigu in Vladivostok on Sept 13.', 8000],
    // Sentences, paragraphs and names: each sentence read all the draft's names (twice), each
    // paragraph all the sentences, each name with a role all the names, each word of a sentence
    // all its names. (Sentences short enough that judging them costs little: the reading was most of it.)
    ['many short sentences of a name', (n) => 'Putin. '.repeat(n), 8000],
    ['many short paragraphs of a name', (n) => 'Putin.\n\n'.repeat(n), 8000],
    ['many names with a role', (n) => 'Minister Putin, Kim, Kim, Kim, Kim, Kim, Kim, Kim said "a". '.repeat(n), 1200],
    ['role phrases', (n) => 'the Kremlin spokesman said so, '.repeat(n) + 'done.', 2000],
    ['roles set off by commas', (n) => 'by the big bad Russian defence minister, Putin, '.repeat(n) + 'done.', 1000],
    ['one sentence of names', (n) => 'Putin met Kim and '.repeat(n) + 'left.', 4000],
    // Long runs of one character.
    ['a run of full stops', (n) => 'Putin met Kim' + '.'.repeat(n) + 'x', 16000],
    ['a long quotation, blanked to spaces', (n) => 'Putin said "' + 'we will win '.repeat(n) + '" as Kim met Shoigu in Vladivostok on Sept 13.', 4000],
    // A byline's "and" glued to names: each one doubled the ways to read the line.
    ['a byline of names joined by "and"', (n) => 'By A' + 'andA'.repeat(n) + '!', 4000],
  ];
  for (const [name, make, n] of cases) it(name, () => assertLinear(corpus, make, n));

  it('checks the 36 KB sentence of quotations within a second', () => {
    const draft = 'Putin said "we will win" and '.repeat(1250);
    assert.ok(draft.length >= 36000);
    checkDraft('Putin said "we will win".', corpus);
    const t = performance.now();
    checkDraft(draft, corpus);
    assert.ok(performance.now() - t < 1000, `${(performance.now() - t).toFixed(0)} ms`);
  });
});
