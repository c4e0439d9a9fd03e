// Worker-thread entry: owns the corpus index and answers checks, so indexing and checking never
// block the thread that runs the editor. Bundled to dist/engineWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import type { Request, Response } from './engineProtocol';
import { loadSources } from '../corpus/corpusLoader';
import { warmLexicon } from '../analysis/lexicon';
import { indexCorpus, FileIndexStore, MemoryIndexStore } from '../corpus/indexStore';
import { getHeapStatistics } from 'node:v8';
import { DraftChecker, checkDraft } from '../verdicts/checker';
import { analyseSource } from '../corpus/corpus';
import { withoutText } from '../corpus/lazyText';
import { AnalysisPool, defaultAnalysisThreads, type AnalyseRequest, type AnalyseResponse } from '../corpus/analysisPool';

/** Corpora with at least this many articles to analyse are analysed in extra threads. */
const POOL_MIN_SOURCES = 64;

let checker: DraftChecker | undefined;
const post = (m: Response) => parentPort!.postMessage(m);

async function handle(req: Request): Promise<void> {
  if (req.type === 'load') {
    const loaded = await loadSources(req.paths, { baseDir: req.baseDir, includeSeeds: req.includeSeeds, seedsDir: req.seedsDir, maxFileBytes: req.maxFileBytes });
    const store = req.storeDir ? new FileIndexStore(req.storeDir) : new MemoryIndexStore();
    // Analysis threads only when there is much to analyse (a warm start analyses nothing).
    let pool: AnalysisPool | undefined;
    const { corpus, stats } = await indexCorpus(loaded.sources, {
      store, mode: req.mode, analyseFrom: POOL_MIN_SOURCES,
      analyse: (batch, mode) => (pool ??= new AnalysisPool(__filename, defaultAnalysisThreads(2))).analyse(batch, mode),
      onProgress: (done, total) => post({ type: 'progress', id: req.id, done, total }),
    }).finally(() => pool?.close());
    checker = new DraftChecker(corpus);
    warmLexicon(); // ~0.3 s once per process: paid while loading, not by the first check
    post({
      type: 'loaded', id: req.id, stats, problems: loaded.problems, heapUsed: getHeapStatistics().used_heap_size,
      summary: {
        sources: corpus.sources.map(withoutText),
        entities: corpus.entityCount, passages: corpus.passageCount, files: loaded.files,
      },
    });
  } else if (req.type === 'check') {
    if (!checker) throw new Error('the corpus is not loaded yet');
    const t0 = performance.now();
    const findings = req.incremental === false ? checkDraft(req.text, checker.corpus, req.options) : checker.check(req.text, req.options);
    post({ type: 'result', id: req.id, findings, ms: performance.now() - t0 });
  }
}

if ((workerData as { role?: string } | undefined)?.role === 'analyse') {
  // An analysis thread of AnalysisPool: texts in, analyses out.
  parentPort!.on('message', (req: AnalyseRequest) => {
    let res: AnalyseResponse;
    try { res = { id: req.id, ok: true, result: req.batch.map((t) => analyseSource(t, req.mode)) }; }
    catch (e) { res = { id: req.id, ok: false, error: (e as Error).stack ?? String(e) }; }
    parentPort!.postMessage(res);
  });
} else {
  parentPort?.on('message', (req: Request) => {
    handle(req).catch((e: Error) => post({ type: 'error', id: req.id, message: e.message }));
  });
}
