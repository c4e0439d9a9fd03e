// Checking against the archive, in its own process (so its memory is the checker's alone): what an
// editor's engine worker does with `corroborate.archive.url`. Bundled and run by bench/archive.mjs.
//   open: head and names of the current generation; cold: the first check of the bench draft;
//   warm: the same draft again; typing: the draft after each of `runs` one-word edits; fresh:
//   a new editor (empty cache) each check; load: `editors` editors at once, each from an empty
//   cache checking its own edited draft, then again warm; same: findings equal to a local index
//   of the same articles (built here with the analysis threads).
import { promises as fs } from 'node:fs';
import { Worker, workerData, parentPort } from 'node:worker_threads';
import * as path from 'node:path';
import { openArchive } from '../src/core/archive/archiveDb';
import { PgIndexSource } from '../src/core/archive/publishedIndex';
import { checkCurrent, openIndex, type IndexReader } from '../src/core/archive/indexCheck';
import type { IndexSource, Needs } from '../src/core/corpus/partialCorpus';
import { AnalysisPool } from '../src/core/corpus/analysisPool';
import * as core from '../src/core/index';

interface Args { url: string; draftPath: string; corpusDir: string; runs: number; editors: number; compareLocal: boolean; engineScript: string; out: string }
const args = JSON.parse(process.argv[2]) as Args;
const role = (workerData as { role?: string } | undefined)?.role;
const log = (m: string) => process.stderr.write(`[archive check] ${m}\n`);
const gc = (globalThis as { gc?: () => void }).gc;
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const stat = (xs: number[]) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) });
const mb = (n: number) => Math.round(n / 2 ** 20);
const memory = () => { gc?.(); const m = process.memoryUsage(); return { rssMB: mb(m.rss), heapUsedMB: mb(m.heapUsed), externalMB: mb(m.external + m.arrayBuffers) }; };

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; v: T }> { const t0 = performance.now(); const v = await f(); return { ms: performance.now() - t0, v }; }

/**
 * One editor of the load test, in a thread: opens the index, then checks when told to. Its first
 * check's fetches are recorded, so that `replay` can ask the server the same again without the
 * checker's own work (what 20 editors on their own machines ask of one server).
 */
async function editor(): Promise<void> {
  const { url, texts } = workerData as { url: string; texts: string[] };
  const pool = openArchive(url, { statementTimeoutMs: 10_000 });
  pool.on('error', () => undefined);
  const pg = new PgIndexSource(pool);
  const recorded: { generation: string; needs: Needs }[] = [];
  const source: IndexSource = { head: () => pg.head(), fetch: (g, n) => { recorded.push({ generation: g, needs: n }); return pg.fetch(g, n); } };
  let reader: IndexReader;
  try { reader = { source, cache: await openIndex(source) }; } catch (e) { parentPort!.postMessage({ error: (e as Error).message }); return; }
  parentPort!.postMessage({});
  parentPort!.on('message', async (phase: string) => {
    const t0 = performance.now();
    try {
      if (phase === 'replay') { for (const r of recorded.slice()) await pg.fetch(r.generation, r.needs); }
      else {
        if (phase === 'full') reader.cache.sentences.clear();
        await checkCurrent(texts[phase === 'edit' ? 1 : 0], phase === 'cold' ? reader : { source: pg, cache: reader.cache });
      }
      parentPort!.postMessage({ ms: performance.now() - t0 });
    } catch (e) { parentPort!.postMessage({ ms: performance.now() - t0, error: (e as Error).message }); }
  });
}

if (role === 'editor') void editor();
else (async () => {
  const { draft, edits } = JSON.parse(await fs.readFile(args.draftPath, 'utf8')) as { draft: string; edits: string[] };
  const out: Record<string, unknown> = { memoryStart: memory() };
  const pool = openArchive(args.url, { statementTimeoutMs: 10_000 });
  const source = new PgIndexSource(pool);
  const open = await timed(() => openIndex(source));
  const reader: IndexReader = { source, cache: open.v };
  out.open = { ms: open.ms, passages: open.v.head.passages, articles: open.v.head.articles, memory: memory() };
  log(`opened generation ${open.v.head.generation} in ${open.ms.toFixed(0)} ms: ${open.v.head.passages} passages`);

  const cold = await timed(() => checkCurrent(draft, reader));
  out.cold = { ms: cold.ms, runs: cold.v.runs, fetches: cold.v.fetches, fetchMs: cold.v.fetchMs, findings: cold.v.findings.length };
  log(`cold check: ${cold.ms.toFixed(0)} ms, ${cold.v.runs} runs, ${cold.v.fetches} fetches (${cold.v.fetchMs.toFixed(0)} ms waiting)`);
  out.coldQueries = Object.fromEntries([...source.timings].sort((a, b) => b[1].ms - a[1].ms).map(([k, v]) => [k, { n: v.n, ms: Math.round(v.ms) }]));
  log(`cold check's queries: ${JSON.stringify(out.coldQueries)}`);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push((await timed(() => checkCurrent(draft, reader))).ms);
  out.warm = stat(warm);
  // Every sentence judged again (no sentence findings kept), the pieces it needs in the cache: the
  // checker's own work, as a full check of the local index measures it.
  const full: number[] = [];
  for (let i = 0; i < args.runs; i++) { reader.cache.sentences.clear(); full.push((await timed(() => checkCurrent(draft, reader))).ms); }
  out.full = stat(full);
  log(`full check, pieces cached: p50 ${pct(full, 50).toFixed(0)} p95 ${pct(full, 95).toFixed(0)} ms`);
  const typing: number[] = [], typingFetches: number[] = [];
  for (const e of edits.slice(0, args.runs)) { const t = await timed(() => checkCurrent(e, reader)); typing.push(t.ms); typingFetches.push(t.v.fetches); }
  out.typing = { ...stat(typing), fetchesMax: Math.max(...typingFetches) };
  out.memoryAfterChecks = memory();
  log(`warm p50 ${out.warm && (out.warm as { p50: number }).p50.toFixed(0)} ms; after an edit p50 ${pct(typing, 50).toFixed(0)} p95 ${pct(typing, 95).toFixed(0)} ms; memory ${JSON.stringify(out.memoryAfterChecks)}`);

  const fresh: number[] = [];
  const freshOpen: number[] = [];
  for (let i = 0; i < 5; i++) {
    const o = await timed(() => openIndex(source));
    freshOpen.push(o.ms);
    const r: IndexReader = { source, cache: o.v };
    fresh.push((await timed(() => checkCurrent(edits[i % edits.length], r))).ms);
  }
  out.freshEditor = { open: stat(freshOpen), firstCheck: stat(fresh) };
  log(`a new editor: opening p50 ${pct(freshOpen, 50).toFixed(0)} ms, first check p50 ${pct(fresh, 50).toFixed(0)} p95 ${pct(fresh, 95).toFixed(0)} ms`);

  // Editors at once: each in a thread of its own with its own connections (as each editor's engine
  // worker is). Their engines start one after another (opening the index); then all check at once:
  // their first check (cold), a full check with the pieces cached (sentence findings dropped), and a
  // check after an edit.
  const editors: Worker[] = [];
  let openErrors = 0;
  const reply = (w: Worker) => new Promise<{ ms?: number; error?: string }>((resolve) => w.once('message', resolve));
  for (let i = 0; i < args.editors; i++) {
    const w = new Worker(__filename, { workerData: { role: 'editor', url: args.url, texts: [edits[i % edits.length], edits[(i + 1) % edits.length]] }, argv: [process.argv[2]] });
    const r = await reply(w);
    if (r.error) { openErrors++; log(`open: ${r.error}`); await w.terminate(); } else editors.push(w);
  }
  const load = async (phase: string, only?: Worker[]) => {
    const t0 = performance.now();
    const replies = await Promise.all((only ?? editors).map((w) => { const r = reply(w); w.postMessage(phase); return r; }));
    const errors = replies.filter((r) => r.error);
    for (const e of errors.slice(0, 3)) log(`${phase}: ${e.error}`);
    return { ...stat(replies.map((r) => r.ms ?? 0)), errors: errors.length, wallMs: performance.now() - t0 };
  };
  out.loadOpenErrors = openErrors;
  out.loadCold = await load('cold');
  out.loadFull = await load('full');
  out.loadEdit = await load('edit');
  // The server's part: each editor's first-check fetches asked again, one editor alone, then all at once.
  out.serverAlone = await load('replay', editors.slice(0, 1));
  out.serverAlone2 = await load('replay', editors.slice(1, 2));
  out.serverLoaded = await load('replay');
  log(`the server's part of a first check: alone ${(out.serverAlone as { p50: number }).p50.toFixed(0)} / ${(out.serverAlone2 as { p50: number }).p50.toFixed(0)} ms, ${editors.length} editors at once p50 ${(out.serverLoaded as { p50: number }).p50.toFixed(0)} p95 ${(out.serverLoaded as { p95: number }).p95.toFixed(0)} ms`);
  const p95 = (k: string) => (out[k] as { p95: number }).p95.toFixed(0);
  log(`${editors.length} editors at once (${openErrors} could not open): first check p95 ${p95('loadCold')} ms, full check p95 ${p95('loadFull')} ms, after an edit p95 ${p95('loadEdit')} ms; errors ${['loadCold', 'loadFull', 'loadEdit'].map((k) => (out[k] as { errors: number }).errors).join('/')}`);
  await Promise.all(editors.map((w) => w.terminate()));

  if (args.compareLocal) {
    const { sources } = await core.loadSources([args.corpusDir], { baseDir: process.cwd(), includeSeeds: false, seedsDir: '' });
    const analysis = new AnalysisPool(args.engineScript);
    const t = await timed(() => core.indexCorpus(sources, { mode: 'fast', yieldEvery: 0, analyseFrom: 64, analyse: (b, m) => analysis.analyse(b, m), pieces: (b, m) => analysis.pieces(b, m) }));
    await analysis.close();
    const local = t.v.corpus;
    let same = 0, differ = 0, firstDiff = '';
    for (const text of [draft, ...edits.slice(0, args.runs)]) {
      const fa = (await checkCurrent(text, reader)).findings, fb = core.checkDraft(text, local);
      if (JSON.stringify(fa) === JSON.stringify(fb)) { same++; continue; }
      differ++;
      if (!firstDiff) {
        const i = fa.findIndex((f, k) => JSON.stringify(f) !== JSON.stringify(fb[k]));
        const a = JSON.stringify(fa[i]) ?? '', b = JSON.stringify(fb[i]) ?? '';
        let at = 0;
        while (at < a.length && a[at] === b[at]) at++;
        firstDiff = `finding ${i} of ${fa.length}/${fb.length}, from character ${at}: archive …${a.slice(Math.max(0, at - 200), at + 300)} / local …${b.slice(Math.max(0, at - 200), at + 300)}`;
        log(firstDiff);
      }
    }
    out.sameAsLocal = { drafts: same + differ, same, differ, localIndexSeconds: t.ms / 1000, localPassages: local.passageCount, firstDiff };
    log(`same findings as a local index of the same ${sources.length} articles: ${same}/${same + differ} drafts`);
  }
  await pool.end();
  await fs.writeFile(args.out, JSON.stringify(out, null, 1));
})().catch((e) => { console.error(e); process.exit(1); });
