// The main-thread side of the engine worker: loads a corpus and checks drafts by message,
// so the caller (the VS Code extension host) stays responsive while a big corpus indexes.
import { Worker } from 'node:worker_threads';
import type { Finding, CorpusProblem } from '../types';
import type { Request, Response, CorpusSummary, LoadRequest } from './engineProtocol';
import type { IndexStats } from '../corpus/indexStore';
import type { CheckOptions } from '../verdicts/checker';

export interface LoadResultMessage { stats: IndexStats; problems: CorpusProblem[]; summary: CorpusSummary; heapUsed: number }
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class EngineClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Response) => void; reject: (e: Error) => void; progress?: (d: number, t: number) => void }>();
  private failed: Error | undefined;

  /** `workerScript` is the bundled dist/engineWorker.js. */
  constructor(workerScript: string) {
    this.worker = new Worker(workerScript);
    this.worker.on('message', (m: Response) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') { p.progress?.(m.done, m.total); return; }
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    });
    const fail = (e: Error) => {
      this.failed = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => { if (code !== 0) fail(new Error(`engine worker exited with code ${code}`)); });
  }

  private send(req: DistributiveOmit<Request, 'id'>, progress?: (d: number, t: number) => void): Promise<Response> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, progress });
      this.worker.postMessage({ ...req, id });
    });
  }

  /** Loads (or reloads) the corpus; resolves when the index is ready. */
  async load(opts: Omit<LoadRequest, 'type' | 'id'>, progress?: (done: number, total: number) => void): Promise<LoadResultMessage> {
    const r = await this.send({ type: 'load', ...opts }, progress);
    if (r.type !== 'loaded') throw new Error(`unexpected reply ${r.type}`);
    return { stats: r.stats, problems: r.problems, summary: r.summary, heapUsed: r.heapUsed };
  }

  async check(text: string, options?: CheckOptions, incremental = true): Promise<{ findings: Finding[]; ms: number }> {
    const r = await this.send({ type: 'check', text, options, incremental });
    if (r.type !== 'result') throw new Error(`unexpected reply ${r.type}`);
    return { findings: r.findings, ms: r.ms };
  }

  dispose(): Promise<number> {
    return this.worker.terminate();
  }
}
