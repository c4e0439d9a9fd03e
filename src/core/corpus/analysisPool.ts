// Source analysis in worker threads: the NLP part of indexing is per article and independent, so a
// big corpus is split into batches analysed in parallel while the thread that owns the index (and
// the editor's thread above it) stays free. The worker side is in engineWorker.ts (role 'analyse').
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { SourceAnalysis, PieceJob } from './corpus';
import type { NlpMode, Mention } from '../analysis/entities';

/** Whole articles to analyse, or the pieces of one long article whose names to find. */
export type AnalyseRequest = { id: number; kind: 'sources'; batch: string[]; mode: NlpMode } | { id: number; kind: 'pieces'; batch: PieceJob[]; mode: NlpMode };
export type AnalyseResponse = { id: number; ok: true; result: SourceAnalysis[] | Mention[][] } | { id: number; ok: false; error: string };
type Job = { req: AnalyseRequest; resolve: (r: never) => void; reject: (e: Error) => void };

/** How many analysis threads to use: one per core, at most `max`. */
export function defaultAnalysisThreads(max = 4): number {
  return Math.max(1, Math.min(max, availableParallelism()));
}

export class AnalysisPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, Job>();
  private nextId = 1;
  private failed: Error | undefined;

  /** `script` is the bundled dist/engineWorker.js. */
  constructor(script: string, size = defaultAnalysisThreads()) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(script, { workerData: { role: 'analyse' }, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
      w.on('message', (m: AnalyseResponse) => {
        const job = this.running.get(w);
        this.running.delete(w);
        this.idle.push(w);
        if (job) { if (m.ok) job.resolve(m.result as never); else job.reject(new Error(m.error)); }
        this.pump();
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => { if (code !== 0 && !this.closed) this.fail(new Error(`analysis worker exited with code ${code}`)); });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Analyses a batch of texts; resolves in the order given. Matches IndexOptions['analyse']. */
  analyse = (batch: { text: string }[], mode: NlpMode): Promise<SourceAnalysis[]> =>
    this.submit({ id: this.nextId++, kind: 'sources', batch: batch.map((b) => b.text), mode });

  /** Finds the names of pieces of a long article; resolves in the order given. Matches IndexOptions['pieces']. */
  pieces = (batch: PieceJob[], mode: NlpMode): Promise<Mention[][]> =>
    this.submit({ id: this.nextId++, kind: 'pieces', batch, mode });

  private submit<T>(req: AnalyseRequest): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ req, resolve: resolve as (r: never) => void, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.running.set(w, job);
      w.postMessage(job.req);
    }
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const j of this.running.values()) j.reject(e);
    for (const j of this.queue) j.reject(e);
    this.running.clear();
    this.queue.length = 0;
  }

  private closed = false;
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
