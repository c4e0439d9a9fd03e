// Worker-thread entry: owns the corpus index and answers checks, so indexing and checking never
// block the thread that runs the editor. Bundled to dist/engineWorker.js.
import { parentPort, workerData } from 'node:worker_threads';
import type { Request, Response } from './engineProtocol';
import type { Finding } from '../types';
import { loadSources } from '../corpus/corpusLoader';
import { warmLexicon } from '../analysis/lexicon';
import { indexCorpus, FileIndexStore, MemoryIndexStore } from '../corpus/indexStore';
import { getHeapStatistics } from 'node:v8';
import { DraftChecker, checkDraft } from '../verdicts/checker';
import { applySuppressions } from '../workflow/suppression';
import { analyseSource, pieceMentions, type Corpus } from '../corpus/corpus';
import { withoutText } from '../corpus/lazyText';
import { AnalysisPool, defaultAnalysisThreads, type AnalyseRequest, type AnalyseResponse } from '../corpus/analysisPool';
import { ArchiveConnection, ArchiveUnavailableError } from '../archive/archiveConnection';
import { combineFindings } from '../verdicts/combine';

/** Corpora with at least this many articles to analyse are analysed in extra threads. */
const POOL_MIN_SOURCES = 64;

/**
 * One sentence cache per document, so that documents checked in turn do not evict each other's
 * sentences, and a closed document's are dropped. At most `maxDocuments`, the least recently checked
 * dropped first; each holds the sentences of its last two versions, at most `maxEntries` each.
 */
export class DocumentCheckers {
  private readonly byDocument = new Map<string, DraftChecker>();
  constructor(readonly corpus: Corpus, private readonly maxDocuments = 32, private readonly maxEntries = 5000) {}
  /** The checker of a document (checks without one share the document ''). */
  of(document: string): DraftChecker {
    let c = this.byDocument.get(document);
    if (c) this.byDocument.delete(document);
    else {
      c = new DraftChecker(this.corpus, this.maxEntries);
      if (this.byDocument.size >= this.maxDocuments) this.byDocument.delete(this.byDocument.keys().next().value!);
    }
    this.byDocument.set(document, c);
    return c;
  }
  close(document: string): void {
    this.byDocument.delete(document);
  }
  /** Documents with a cache, least recently checked first. */
  get documents(): string[] { return [...this.byDocument.keys()]; }
}

// Replaced with the corpus on every load: a cache holds verdicts against one corpus.
let checkers: DocumentCheckers | undefined;
/** The shared archive, when one is set: checked against first, the local corpus when it cannot answer. */
let archive: ArchiveConnection | undefined;
const post = (m: Response) => parentPort!.postMessage(m);

async function handle(req: Request): Promise<void> {
  if (req.type === 'load') {
    await archive?.close();
    archive = undefined;
    const loaded = await loadSources(req.paths, { baseDir: req.baseDir, includeSeeds: req.includeSeeds, seedsDir: req.seedsDir, maxFileBytes: req.maxFileBytes });
    const store = req.storeDir ? new FileIndexStore(req.storeDir) : new MemoryIndexStore();
    // Analysis threads only when there is much to analyse (a warm start analyses nothing).
    let pool: AnalysisPool | undefined;
    const threads = () => (pool ??= new AnalysisPool(__filename, defaultAnalysisThreads(2)));
    const { corpus, stats } = await indexCorpus(loaded.sources, {
      store, mode: req.mode, analyseFrom: POOL_MIN_SOURCES,
      analyse: (batch, mode) => threads().analyse(batch, mode),
      pieces: (batch, mode) => threads().pieces(batch, mode),
      onProgress: (done, total) => post({ type: 'progress', id: req.id, done, total }),
    }).finally(() => pool?.close());
    checkers = new DocumentCheckers(corpus);
    warmLexicon(); // ~0.3 s once per process: paid while loading, not by the first check
    if (req.archive) {
      const { url, password, statementTimeoutMs, retryDelaysMs } = req.archive;
      archive = new ArchiveConnection(url, { password, statementTimeoutMs, retryDelaysMs, onStatus: (status) => post({ type: 'archive', id: 0, status }) });
      await archive.open();
    }
    post({
      type: 'loaded', id: req.id, stats, problems: loaded.problems, heapUsed: getHeapStatistics().used_heap_size, archive: archive?.status,
      summary: {
        sources: corpus.sources.map(withoutText),
        entities: corpus.entityCount, passages: corpus.passageCount, files: loaded.files,
      },
    });
  } else if (req.type === 'check') {
    if (!checkers) throw new Error('the corpus is not loaded yet');
    const t0 = performance.now();
    let all: Finding[] | undefined;
    let via: 'archive' | 'local' = 'archive';
    if (archive) {
      try { all = (await archive.check(req.text, req.options)).findings; } catch (e) { if (!(e instanceof ArchiveUnavailableError)) throw e; }
    }
    const local = () => (req.incremental === false ? checkDraft(req.text, checkers!.corpus, req.options) : checkers!.of(req.document ?? '').check(req.text, req.options));
    if (!all) {
      via = 'local';
      all = local();
    } else if (checkers.corpus.passageCount) {
      // The local corpus (seeds, corroborate.corpus.paths) combines with the archive.
      all = combineFindings(all, local());
    }
    // Findings inside <!-- corroborate-disable… --> comments are dropped here, for every front end.
    const findings = applySuppressions(req.text, all);
    post({ type: 'result', id: req.id, findings, ms: performance.now() - t0, via });
  } else if (req.type === 'sourceText') {
    if (!checkers) throw new Error('the corpus is not loaded yet');
    const source = checkers.corpus.sources.find((s) => s.path === req.path) ?? archive?.source(req.path);
    post({ type: 'sourceText', id: req.id, text: source?.text });
  } else if (req.type === 'close') {
    checkers?.close(req.document);
    post({ type: 'closed', id: req.id });
  }
}

if ((workerData as { role?: string } | undefined)?.role === 'analyse') {
  // An analysis thread of AnalysisPool: texts in, analyses out.
  parentPort!.on('message', (req: AnalyseRequest) => {
    let res: AnalyseResponse;
    try {
      res = req.kind === 'pieces'
        ? { id: req.id, ok: true, result: req.batch.map((job) => pieceMentions(job, req.mode)) }
        : { id: req.id, ok: true, result: req.batch.map((t) => analyseSource(t, req.mode)) };
    }
    catch (e) { res = { id: req.id, ok: false, error: (e as Error).stack ?? String(e) }; }
    parentPort!.postMessage(res);
  });
} else {
  parentPort?.on('message', (req: Request) => {
    handle(req).catch((e: Error) => post({ type: 'error', id: req.id, message: e.message }));
  });
}
