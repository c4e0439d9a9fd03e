// The main-thread side of the engine worker: loads a corpus and checks drafts by message,
// so the caller (the VS Code extension host) stays responsive while a big corpus indexes.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ArchiveStatus } from '../archive/archiveConnection';
import type { Finding, CorpusProblem } from '../types';
import type { Request, Response, CorpusSummary, LoadRequest } from './engineProtocol';
import type { IndexStats } from '../corpus/indexStore';
import type { CheckOptions } from '../verdicts/checker';

export interface LoadResultMessage { stats: IndexStats; problems: CorpusProblem[]; summary: CorpusSummary; heapUsed: number; archive?: ArchiveStatus }
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** When a dead engine worker is started again. */
export interface RestartPolicy {
  /** Crashes in a row after which the client stops restarting (a crash loop); default 3. */
  maxCrashes?: number;
  /**
   * A worker that stayed up this long after its restart (and reload) ends the row: the next crash
   * counts as the first again. Default 60 000 ms.
   */
  healthyMs?: number;
}

/** What happened to the engine worker (for the editor's status and log). */
export type EngineEvent =
  /** The worker died (a crash, out of memory, killed); a new one is started and reloads the last corpus. */
  | { type: 'crashed'; error: Error; crashes: number }
  /** The new worker reloaded the last corpus (`result`), or could not (`error`); requests go through again. */
  | { type: 'restarted'; result?: LoadResultMessage; error?: Error }
  /** The worker died `crashes` times in a row: it is not started again (until `revive()`); requests fail with `error`. */
  | { type: 'stopped'; error: Error; crashes: number }
  /** The shared archive's connection changed state (connected, unavailable: checks use the local corpus). */
  | { type: 'archive'; status: ArchiveStatus };

export interface EngineClientOptions {
  /** Restart a worker that dies (off when absent: its death then fails every request, as a crash always did). */
  restart?: RestartPolicy;
  /** Told of crashes, restarts and giving up. */
  onEvent?: (e: EngineEvent) => void;
  /** Heap limits of the worker thread (running out of them ends the worker, not the process). */
  resourceLimits?: ResourceLimits;
}

interface Pending { req: Request; resolve: (r: Response) => void; reject: (e: Error) => void; progress?: (d: number, t: number) => void; resent: number }

export class EngineClient {
  private worker!: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private failed: Error | undefined;
  private disposed = false;
  /** Workers that died (each reports 'error' and then 'exit': handled once). */
  private readonly gone = new WeakSet<Worker>();
  /** The last corpus asked for: a restarted worker loads it again. */
  private lastLoad: LoadRequest | undefined;
  /** While a restarted worker reloads the corpus, every request waits for it. */
  private reloading: Promise<void> | undefined;
  private crashes = 0;
  /** Since when the worker has been up with its corpus (undefined while a restarted one reloads). */
  private healthySince: number | undefined;
  private generation = 0;
  /** Workers started again after a crash, in this client's life. */
  restarts = 0;

  /** `workerScript` is the bundled dist/engineWorker.js. */
  constructor(private readonly workerScript: string, private readonly opts: EngineClientOptions = {}) {
    this.start();
    this.healthySince = Date.now();
  }

  /** `running`; `restarting` (a new worker reloads the corpus: requests wait); `stopped` (requests fail). */
  get state(): 'running' | 'restarting' | 'stopped' {
    return this.failed ? 'stopped' : this.reloading ? 'restarting' : 'running';
  }

  /** @internal For tests: the worker thread now running. */
  get thread(): Worker { return this.worker; }

  private start(): void {
    const w = new Worker(this.workerScript, this.opts.resourceLimits ? { resourceLimits: this.opts.resourceLimits } : undefined);
    this.worker = w;
    w.on('message', (m: Response) => {
      if (w !== this.worker) return;
      if (m.type === 'archive') { this.emit({ type: 'archive', status: m.status }); return; }
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.type === 'progress') { p.progress?.(m.done, m.total); return; }
      this.pending.delete(m.id);
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    });
    w.on('error', (e) => this.died(w, e));
    w.on('exit', (code) => this.died(w, new Error(`engine worker exited with code ${code}`)));
  }

  private emit(e: EngineEvent): void {
    try { this.opts.onEvent?.(e); } catch { /* a listener's fault is not the engine's */ }
  }

  private post(req: Request, p: Pending): void {
    this.pending.set(req.id, p);
    this.worker.postMessage(req);
  }

  /**
   * A worker died. Without a restart policy, or after `maxCrashes` in a row, every request fails.
   * Otherwise a new worker reloads the last corpus: loads in flight are answered by that reload, and
   * other requests in flight are sent again once it is done (once only: a request in flight at two
   * crashes fails, so a draft that kills the engine does not keep killing it).
   */
  private died(w: Worker, error: Error): void {
    if (w !== this.worker || this.gone.has(w) || this.disposed) return;
    this.gone.add(w);
    const inflight = [...this.pending.values()];
    this.pending.clear();
    const policy = this.opts.restart;
    const now = Date.now();
    if (this.healthySince !== undefined && now - this.healthySince >= (policy?.healthyMs ?? 60_000)) this.crashes = 0;
    this.crashes++;
    this.healthySince = undefined;
    const gen = ++this.generation;
    if (!policy || this.crashes >= (policy.maxCrashes ?? 3)) {
      this.failed = policy ? new Error(`the engine stopped after ${this.crashes} crashes in a row (last: ${error.message})`) : error;
      this.reloading = undefined;
      for (const p of inflight) p.reject(this.failed);
      if (policy) this.emit({ type: 'stopped', error: this.failed, crashes: this.crashes });
      return;
    }
    this.restarts++;
    this.emit({ type: 'crashed', error, crashes: this.crashes });
    try { this.start(); } catch (e) {
      this.failed = e as Error;
      for (const p of inflight) p.reject(this.failed);
      this.emit({ type: 'stopped', error: this.failed, crashes: this.crashes });
      return;
    }
    const loads = inflight.filter((p) => p.req.type === 'load');
    const others = inflight.filter((p) => p.req.type !== 'load');
    const reload = this.lastLoad;
    const gate = new Promise<void>((done) => {
      if (!reload) {
        this.healthySince = Date.now();
        this.emit({ type: 'restarted' });
        done();
        return;
      }
      const settle = (ok: boolean, r: Response | Error) => {
        for (const p of loads) { if (ok) p.resolve(r as Response); else p.reject(r as Error); }
        if (gen === this.generation && !this.disposed) {
          if (ok) {
            this.healthySince = Date.now();
            this.emit({ type: 'restarted', result: loadResult(r as Response) });
          } else if (!this.failed) this.emit({ type: 'restarted', error: r as Error });
        }
        done();
      };
      this.post(reload, {
        req: reload, resent: 0,
        resolve: (r) => settle(true, r), reject: (e) => settle(false, e),
        progress: (d, t) => { for (const p of loads) p.progress?.(d, t); },
      });
    });
    this.reloading = gate;
    void gate.then(() => { if (this.reloading === gate) this.reloading = undefined; });
    void this.afterReload().then(() => {
      for (const p of others) {
        if (this.failed || this.disposed) p.reject(this.failed ?? new Error('the engine was disposed'));
        else if (p.resent >= 1) p.reject(error);
        else { p.resent++; this.post(p.req, p); }
      }
    });
  }

  /** Resolves once no restarted worker is reloading (it may restart again meanwhile). */
  private async afterReload(): Promise<void> {
    while (this.reloading) await this.reloading;
  }

  /** Starts a new worker after the client stopped restarting (the next `load` gives it a corpus). */
  revive(): void {
    if (!this.failed || this.disposed) return;
    this.failed = undefined;
    this.crashes = 0;
    this.start();
    this.healthySince = Date.now();
  }

  private async send(req: DistributiveOmit<Request, 'id'>, progress?: (d: number, t: number) => void): Promise<Response> {
    if (this.reloading) await this.afterReload();
    if (this.failed) throw this.failed;
    if (this.disposed) throw new Error('the engine was disposed');
    const full = { ...req, id: this.nextId++ } as Request;
    if (full.type === 'load') this.lastLoad = full;
    return new Promise((resolve, reject) => this.post(full, { req: full, resolve, reject, progress, resent: 0 }));
  }

  /** Loads (or reloads) the corpus; resolves when the index is ready. */
  async load(opts: Omit<LoadRequest, 'type' | 'id'>, progress?: (done: number, total: number) => void): Promise<LoadResultMessage> {
    const r = await this.send({ type: 'load', ...opts }, progress);
    if (r.type !== 'loaded') throw new Error(`unexpected reply ${r.type}`);
    return loadResult(r)!;
  }

  /**
   * Checks a draft. `document` names the document it is a version of (its URI): the worker keeps
   * a cache of unchanged sentences per document, until `close(document)`.
   */
  async check(text: string, options?: CheckOptions, incremental = true, document?: string): Promise<{ findings: Finding[]; ms: number; via: 'archive' | 'local' }> {
    const r = await this.send({ type: 'check', text, options, incremental, ...(document !== undefined ? { document } : {}) });
    if (r.type !== 'result') throw new Error(`unexpected reply ${r.type}`);
    return { findings: r.findings, ms: r.ms, via: r.via };
  }

  /** The text the corpus holds for the source read from `path` (undefined if none is loaded from it). */
  async sourceText(path: string): Promise<string | undefined> {
    const r = await this.send({ type: 'sourceText', path });
    if (r.type !== 'sourceText') throw new Error(`unexpected reply ${r.type}`);
    return r.text;
  }

  /** Drops the cache of a document that was closed. */
  async close(document: string): Promise<void> {
    const r = await this.send({ type: 'close', document });
    if (r.type !== 'closed') throw new Error(`unexpected reply ${r.type}`);
  }

  dispose(): Promise<number> {
    this.disposed = true;
    const error = new Error('the engine was disposed');
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    return this.worker.terminate();
  }
}

function loadResult(r: Response): LoadResultMessage | undefined {
  return r.type === 'loaded' ? { stats: r.stats, problems: r.problems, summary: r.summary, heapUsed: r.heapUsed, ...(r.archive ? { archive: r.archive } : {}) } : undefined;
}
