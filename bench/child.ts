// One benchmark size, in its own process so sizes do not share memory. Prints one JSON line.
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { EngineClient, loadSources, indexCorpus, FileIndexStore, DraftChecker, checkDraft } from '../src/core';
import { keysWithEntities } from '../src/core/corpus';
import { findNameMentions } from '../src/core/names';
import { splitSentences } from '../src/core/sentences';

const [mode, corpusDir, storeDir, root] = process.argv.slice(2);
const seedsDir = path.join(root, 'seeds');
const fold = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

async function viaWorker() {
  // The extension's path: index in the engine worker while this thread's event loop is watched.
  const paths = corpusDir === '-' ? [] : [corpusDir];
  const h = monitorEventLoopDelay({ resolution: 10 });
  const client = new EngineClient(path.join(root, 'dist', 'engineWorker.js'));
  h.enable();
  let t = performance.now();
  const cold = await client.load({ paths, baseDir: root, includeSeeds: true, seedsDir, storeDir });
  const coldMs = performance.now() - t;
  h.disable();
  await client.dispose();
  const warmClient = new EngineClient(path.join(root, 'dist', 'engineWorker.js'));
  t = performance.now();
  const warm = await warmClient.load({ paths, baseDir: root, includeSeeds: true, seedsDir, storeDir });
  const warmMs = performance.now() - t;
  await warmClient.dispose();
  return { articles: cold.summary.sources.length, passages: cold.summary.passages, coldMs, warmMs, warmSnapshot: warm.stats.snapshot, maxLoopDelayMs: h.max / 1e6, analysed: cold.stats.analysed };
}

async function inProcess() {
  const paths = corpusDir === '-' ? [] : [corpusDir];
  const loaded = await loadSources(paths, { baseDir: root, includeSeeds: true, seedsDir });
  const mb = loaded.sources.reduce((a, s) => a + Buffer.byteLength(s.text), 0) / 1048576;
  let t = performance.now();
  const { corpus, stats } = await indexCorpus(loaded.sources, { store: new FileIndexStore(storeDir), yieldEvery: 0 });
  const loadMs = performance.now() - t;
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  // Checks of a ~1,500-word draft.
  const { benchDraft } = await import(path.join(root, 'bench', 'corpus.mjs'));
  const draft: string = benchDraft(seedsDir);
  const full: number[] = [];
  for (let i = 0; i < 3; i++) checkDraft(draft, corpus); // warm-up: JIT and caches
  for (let i = 0; i < 30; i++) { t = performance.now(); checkDraft(draft, corpus); full.push(performance.now() - t); }
  const dc = new DraftChecker(corpus);
  dc.check(draft);
  const words = draft.split(' ');
  const incr: number[] = [];
  for (let i = 0; i < 30; i++) {
    const w = [...words];
    const k = 200 + ((i * 37) % (words.length - 400));
    w[k] = w[k] + (i % 2 ? 's' : 'x');
    const edited = w.join(' ');
    t = performance.now(); dc.check(edited); incr.push(performance.now() - t);
  }
  // Evidence queries for the labelled claims: ours against MiniSearch (BM25) on the same passages.
  const claims: { text: string; evidence?: string }[] = [];
  for (const f of [path.join(root, 'test', 'eval', 'set', 'expected.json'), path.join(root, '..', 'shared', 'eval', 'dev', 'expected.json')]) {
    try { for (const d of Object.values(JSON.parse(readFileSync(f, 'utf8')).drafts) as { claims: { text: string; evidence?: string; verdict: string }[] }[]) for (const c of d.claims) if (c.evidence && c.verdict !== 'unverified') claims.push(c); } catch { /* set missing */ }
  }
  t = performance.now();
  const ms = new MiniSearch({ fields: ['text'], storeFields: [] });
  ms.addAll(corpus.passages.map((p) => ({ id: p.index, text: p.text })));
  const msBuildMs = performance.now() - t;
  // Our query is what the checker sends: content keys, with known names as entity keys.
  const queryKeys = (text: string) => keysWithEntities(text, 0, findNameMentions(text, corpus));
  const queries = claims.map((c) => ({ c, keys: queryKeys(c.text) }));
  let ourHits = 0, msHits = 0;
  const hit = (idx: number[], ev: string) => idx.some((i) => fold(corpus.passages[i].text).includes(fold(ev)));
  for (const q of queries) {
    if (hit(corpus.search(q.keys, 3).map((r) => r.passage.index), q.c.evidence!)) ourHits++;
    if (hit(ms.search(q.c.text).slice(0, 3).map((r) => r.id as number), q.c.evidence!)) msHits++;
  }
  const reps = 5;
  t = performance.now();
  for (let r = 0; r < reps; r++) for (const q of queries) corpus.search(queryKeys(q.c.text), 3);
  const ourQueryMs = (performance.now() - t) / (reps * queries.length);
  t = performance.now();
  for (let r = 0; r < reps; r++) for (const q of queries) ms.search(q.c.text).slice(0, 3);
  const msQueryMs = (performance.now() - t) / (reps * queries.length);
  void splitSentences;
  return {
    mb, inProcessLoadMs: loadMs, snapshot: stats.snapshot, rssMB: mem.rss / 1048576, heapMB: mem.heapUsed / 1048576,
    fullP50: pct(full, 0.5), fullP95: pct(full, 0.95), incrP50: pct(incr, 0.5), incrP95: pct(incr, 0.95), draftWords: draft.split(/\s+/).length,
    msBuildMs, ourQueryMs, msQueryMs, queries: queries.length, ourRecall3: ourHits / Math.max(1, queries.length), msRecall3: msHits / Math.max(1, queries.length),
  };
}

(mode === 'worker' ? viaWorker() : inProcess()).then(
  (r) => { process.stdout.write(JSON.stringify(r) + '\n'); process.exit(0); },
  (e) => { process.stderr.write(String(e?.stack ?? e) + '\n'); process.exit(1); },
);
