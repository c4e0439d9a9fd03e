// Worker-thread entry: owns the corpus index and answers checks, so indexing and checking never
// block the thread that runs the editor. Bundled to dist/engineWorker.js.
import { parentPort } from 'node:worker_threads';
import type { Request, Response } from './engineProtocol';
import { loadSources } from './corpusLoader';
import { indexCorpus, FileIndexStore, MemoryIndexStore } from './indexStore';
import { getHeapStatistics } from 'node:v8';
import { DraftChecker, checkDraft } from './checker';

let checker: DraftChecker | undefined;
const post = (m: Response) => parentPort!.postMessage(m);

async function handle(req: Request): Promise<void> {
  if (req.type === 'load') {
    const loaded = await loadSources(req.paths, { baseDir: req.baseDir, includeSeeds: req.includeSeeds, seedsDir: req.seedsDir, maxFileBytes: req.maxFileBytes });
    const store = req.storeDir ? new FileIndexStore(req.storeDir) : new MemoryIndexStore();
    const { corpus, stats } = await indexCorpus(loaded.sources, {
      store, mode: req.mode,
      onProgress: (done, total) => post({ type: 'progress', id: req.id, done, total }),
    });
    checker = new DraftChecker(corpus);
    post({
      type: 'loaded', id: req.id, stats, problems: loaded.problems, heapUsed: getHeapStatistics().used_heap_size,
      summary: {
        sources: corpus.sources.map(({ text: _text, ...info }) => info),
        entities: corpus.entities.length, passages: corpus.passageCount, files: loaded.files,
      },
    });
  } else if (req.type === 'check') {
    if (!checker) throw new Error('the corpus is not loaded yet');
    const t0 = performance.now();
    const findings = req.incremental === false ? checkDraft(req.text, checker.corpus, req.options) : checker.check(req.text, req.options);
    post({ type: 'result', id: req.id, findings, ms: performance.now() - t0 });
  }
}

parentPort?.on('message', (req: Request) => {
  handle(req).catch((e: Error) => post({ type: 'error', id: req.id, message: e.message }));
});
