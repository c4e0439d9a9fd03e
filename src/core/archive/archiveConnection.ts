// An editor's connection to the shared archive, as the engine worker holds it: opened on load,
// used for every check while it answers, and when it stops answering (server down, network gone, a
// query over its time limit) reported as unavailable, with checks falling back to the local corpus,
// while it reconnects by itself in the background.
import type { Pool } from 'pg';
import { openArchive } from './archiveDb';
import { PgIndexSource } from './publishedIndex';
import { checkCurrent, openIndex, type IndexCheck, type IndexReader } from './indexCheck';
import type { CheckOptions } from '../verdicts/checker';
import type { Source } from '../types';

export interface ArchiveStatus {
  state: 'connecting' | 'connected' | 'unavailable';
  /** Why it is unavailable (the server's or the network's words; never the password). */
  message?: string;
  generation?: string;
  articles?: number;
  passages?: number;
}

export interface ArchiveConnectionOptions {
  /** The password, when not in the URL or the environment (from VS Code's SecretStorage). */
  password?: string;
  /** A query taking longer is cancelled and the check falls back (default 5 s). */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Waits between reconnection attempts, the last one repeated (default 2, 5, 15, 30, 60 s). */
  retryDelaysMs?: number[];
  onStatus?: (s: ArchiveStatus) => void;
}

/** The archive could not answer a check: the caller checks against the local corpus instead. */
export class ArchiveUnavailableError extends Error {}

export class ArchiveConnection {
  private pool: Pool | undefined;
  private reader: IndexReader | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private closed = false;
  status: ArchiveStatus = { state: 'connecting' };

  constructor(private readonly url: string, private readonly opts: ArchiveConnectionOptions = {}) {}

  private setStatus(s: ArchiveStatus): void {
    const same = s.state === this.status.state && s.message === this.status.message && s.generation === this.status.generation;
    this.status = s;
    if (!same) this.opts.onStatus?.(s);
  }

  /** Connects and reads the current generation's head and names; resolves either way (see status). */
  async open(): Promise<ArchiveStatus> {
    clearTimeout(this.timer);
    await this.drop();
    if (this.closed) return this.status;
    const pool = openArchive(this.url, {
      statementTimeoutMs: this.opts.statementTimeoutMs ?? 5000, connectTimeoutMs: this.opts.connectTimeoutMs ?? 5000, password: this.opts.password,
    });
    // An idle connection the server drops must not crash the worker: it is reported by the next query.
    pool.on('error', () => undefined);
    this.pool = pool;
    try {
      const source = new PgIndexSource(pool);
      const cache = await openIndex(source);
      if (this.closed || this.pool !== pool) { await pool.end().catch(() => undefined); return this.status; }
      this.reader = { source, cache };
      this.attempt = 0;
      this.setStatus({ state: 'connected', generation: cache.head.generation, articles: cache.head.articles, passages: cache.head.passages });
    } catch (e) {
      this.lost(e as Error);
    }
    return this.status;
  }

  /** Checks against the archive; throws ArchiveUnavailableError when it cannot (then it reconnects by itself). */
  async check(text: string, options?: CheckOptions): Promise<IndexCheck> {
    const reader = this.reader;
    if (!reader) throw new ArchiveUnavailableError(this.status.message ?? 'the archive is not connected');
    try {
      const r = await checkCurrent(text, reader, options);
      if (reader.cache.head.generation !== this.status.generation) this.setStatus({ state: 'connected', generation: reader.cache.head.generation, articles: reader.cache.head.articles, passages: reader.cache.head.passages });
      return r;
    } catch (e) {
      // Only the archive's faults fall back; a fault of the checker itself is the checker's.
      if (!isConnectionFault(e)) throw e;
      this.lost(e as Error);
      throw new ArchiveUnavailableError(this.status.message);
    }
  }

  private lost(e: Error): void {
    this.reader = undefined;
    void this.drop();
    this.setStatus({ state: 'unavailable', message: describe(e) });
    if (this.closed) return;
    const delays = this.opts.retryDelaysMs ?? [2000, 5000, 15_000, 30_000, 60_000];
    const wait = delays[Math.min(this.attempt++, delays.length - 1)];
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { void this.open(); }, wait);
    this.timer.unref?.();
  }

  private async drop(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.reader = undefined;
    await pool?.end().catch(() => undefined);
  }

  /** An archive article the checks have read, by its path (for opening evidence). */
  source(path: string): Source | undefined {
    return this.reader?.cache.articles.find((a) => a.source.path === path)?.source;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.drop();
  }
}

/** Errors of reaching or querying the server (not of the checker): network, server, timeouts, schema. */
function isConnectionFault(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as { code?: string }).code ?? '';
  // Node's network errors, and PostgreSQL's SQLSTATE classes 08 (connection), 53 (resources),
  // 57 (operator intervention: shutdown, cancelled by statement_timeout), 42 (schema: a table gone).
  if (/^E[A-Z]+$/.test(code) || /^(08|53|57|42|3D|28)/.test(code)) return true;
  return /timeout|terminat|Connection|connect|ECONN|socket|the archive/i.test(e.message) && !/is not a function|undefined/.test(e.message);
}

function describe(e: Error): string {
  const code = (e as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'the server refused the connection (is it running?)';
  if (code === '57014') return 'a query took longer than allowed (statement timeout)';
  if (code === '28P01' || code === '28000') return `the server refused the login (${e.message})`;
  return e.message || String(e);
}
