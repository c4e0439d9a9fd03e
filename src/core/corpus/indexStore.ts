// A persistent corpus index: each source's analysis is cached by its content hash, and the whole
// built index by the hashes of all its sources, so a warm start loads instead of re-running the NLP
// and a changed file re-analyses alone. Storage sits behind `IndexStore`, so a server-backed
// archive can be added later without touching the checker.
import { createHash } from 'node:crypto';
import { promises as fs, constants as fsConstants } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { Source, CorpusProblem } from '../types';
import { Corpus, buildCorpus, analyseSource, analysisPieces, pieceJobs, finishAnalysis, resolveMode, type SourceAnalysis, type CorpusSnapshot, type PieceJob } from './corpus';
import type { NlpMode, Mention } from '../analysis/entities';
import { releaseTexts } from './lazyText';
import { mapLimited } from './limit';

/** Store reads and writes in flight at once (a corpus of 50,000 articles must not open 50,000 files). */
const STORE_PARALLEL = 32;

/**
 * Where index data lives. Keys are hex strings; values opaque bytes (indexCorpus seals each value
 * with a checksum and checks it when reading, so a store need not be trusted to keep them intact).
 */
export interface IndexStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, data: Uint8Array): Promise<void>;
  /** Where the value of `key` is kept (without a key: the store itself), for messages: a file path. */
  describe?(key?: string): string;
  /**
   * Drops what no current run can use: entries of older index formats, snapshots of earlier states of
   * a corpus beyond the few most recent (keeping `keep`, snapshot keys as hashes, without the `b`/`c`
   * kind letter), and writes abandoned by a killed process.
   */
  prune?(keep: string[]): Promise<void>;
}

/** Bumped whenever analysis or index layout changes, so old caches are ignored. */
export const INDEX_FORMAT = 'corroborate-index-23';

/** Cache files larger than this are not read (no index part comes near it). */
const MAX_ENTRY_BYTES = 2 ** 31 - 1;

/** Snapshots (whole-corpus indexes) kept per cache folder: a few corpora (workspaces) in turn stay warm. */
export const SNAPSHOTS_KEPT = 4;
/** A temporary file this old was abandoned by a process killed while writing it. */
const ABANDONED_MS = 60 * 60 * 1000;
/** The file names this store writes (an entry, or its temporary file), so pruning never touches anything else. */
const ENTRY_FILE = /^[abc][0-9a-f]{40}\.bin(?:\.\d+\.\d+\.tmp)?$/;

/**
 * An IndexStore in a folder: one file per key, written atomically, under a folder named after the
 * index format (`<dir>/corroborate-index-23/<2 chars>/<key>.bin`), so a new format's files never mix
 * with an old one's and the old folder can be dropped whole.
 */
export class FileIndexStore implements IndexStore {
  readonly root: string;
  constructor(readonly dir: string) { this.root = path.join(dir, INDEX_FORMAT); }
  private file(key: string) { return path.join(this.root, key.slice(0, 2), key + '.bin'); }
  describe(key?: string): string { return key === undefined ? this.dir : this.file(key); }

  async prune(keep: string[]): Promise<void> {
    const list = async (d: string) => { try { return await fs.readdir(d, { withFileTypes: true }); } catch { return []; } };
    const rmQuiet = (p: string) => fs.rm(p, { force: true }).catch(() => undefined);
    // Older formats: a folder of an earlier format, and the first layout (entries straight under `dir`).
    for (const e of await list(this.dir)) {
      const p = path.join(this.dir, e.name);
      if (e.isDirectory() && /^corroborate-index-\d+$/.test(e.name) && e.name !== INDEX_FORMAT) await fs.rm(p, { recursive: true, force: true }).catch(() => undefined);
      else if (e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name)) {
        for (const f of await list(p)) if (f.isFile() && ENTRY_FILE.test(f.name)) await rmQuiet(path.join(p, f.name));
        await fs.rmdir(p).catch(() => undefined); // only if nothing else is in it
      }
    }
    // This format: abandoned temporary files, and snapshots beyond the most recent few.
    const now = Date.now();
    const snapshots = new Map<string, number>();
    for (const e of await list(this.root)) {
      if (!e.isDirectory() || !/^[abc][0-9a-f]$/.test(e.name)) continue;
      const d = path.join(this.root, e.name);
      for (const f of await list(d)) {
        if (!f.isFile() || !ENTRY_FILE.test(f.name)) continue;
        const p = path.join(d, f.name);
        const st = await fs.stat(p).catch(() => undefined);
        if (!st) continue;
        if (f.name.endsWith('.tmp')) { if (now - st.mtimeMs > ABANDONED_MS) await rmQuiet(p); continue; }
        if (f.name[0] === 'a') continue;
        const key = f.name.slice(1, 41);
        snapshots.set(key, Math.max(snapshots.get(key) ?? 0, st.mtimeMs));
      }
    }
    const kept = new Set(keep);
    const byAge = [...snapshots].filter(([k]) => !kept.has(k)).sort((x, y) => y[1] - x[1]);
    for (const [key] of byAge.slice(Math.max(0, SNAPSHOTS_KEPT - kept.size))) {
      await rmQuiet(this.file('b' + key));
      await rmQuiet(this.file('c' + key));
    }
  }
  async get(key: string): Promise<Uint8Array | undefined> {
    // Only a regular file is read (a pipe put in its place would block), and no more than its size.
    let handle: FileHandle | undefined;
    try {
      handle = await fs.open(this.file(key), fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
      const st = await handle.stat();
      if (!st.isFile() || st.size > MAX_ENTRY_BYTES) return undefined;
      const buf = Buffer.alloc(st.size);
      let n = 0;
      while (n < buf.length) {
        const { bytesRead } = await handle.read(buf, n, buf.length - n, n);
        if (!bytesRead) break;
        n += bytesRead;
      }
      return n === buf.length ? buf : buf.subarray(0, n);
    } catch {
      return undefined;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }
  async put(key: string, data: Uint8Array): Promise<void> {
    const f = this.file(key);
    await fs.mkdir(path.dirname(f), { recursive: true });
    const tmp = `${f}.${process.pid}.${Date.now()}.tmp`;
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, f);
  }
}

/** An IndexStore in memory (tests, one-off CLI runs). */
export class MemoryIndexStore implements IndexStore {
  readonly map = new Map<string, Uint8Array>();
  async get(key: string) { return this.map.get(key); }
  async put(key: string, data: Uint8Array) { this.map.set(key, data); }
}

export function sourceHash(s: Source, mode: NlpMode): string {
  return textHash(s.text, mode);
}
function textHash(text: string, mode: NlpMode): string {
  return createHash('sha1').update(INDEX_FORMAT).update('\0').update(mode).update('\0').update(text).digest('hex');
}

/** Articles at least this long (UTF-16 code units, about 25 analysis pieces) are shared between threads piece by piece when IndexOptions.pieces is given. */
export const LONG_ARTICLE = 200_000;
/** Pieces sent to a thread at once: few enough that both threads get work, enough to keep messages few. */
const PIECES_PER_BATCH = 8;

/** Corpora with more articles than this keep their text on disk, not in memory (see lazyText.ts). */
export const KEEP_TEXTS_UP_TO = 500;

export interface IndexOptions {
  store?: IndexStore;
  mode?: NlpMode | 'auto';
  /** Called as sources are analysed: (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Analyses batches elsewhere (an AnalysisPool of worker threads); without it, sources are analysed in this thread. */
  analyse?: (batch: { text: string }[], mode: NlpMode) => Promise<SourceAnalysis[]>;
  /** Use `analyse` only when at least this many sources need analysing (default 1); fewer are analysed here. */
  analyseFrom?: number;
  /**
   * Finds the names of pieces of one long article elsewhere (AnalysisPool.pieces), so that a single
   * article of megabytes is shared between threads; articles of LONG_ARTICLE or more use it.
   */
  pieces?: (batch: PieceJob[], mode: NlpMode) => Promise<Mention[][]>;
  /** Keep every article's text in memory (default: only for corpora up to KEEP_TEXTS_UP_TO articles). */
  keepTexts?: boolean;
  /** Yield to the event loop between sources (default true) so a host stays responsive. */
  yieldEvery?: number;
}

export interface IndexStats {
  sources: number; analysed: number; reused: number; snapshot: 'loaded' | 'built'; ms: number;
  /** Cache entries that were damaged or did not fit, each reported once: discarded, and rewritten by this run. */
  problems: CorpusProblem[];
}

/** Builds (or loads) the index for `sources`, reusing whatever the store already holds that checks out. */
export async function indexCorpus(sources: Source[], opts: IndexOptions = {}): Promise<{ corpus: Corpus; stats: IndexStats }> {
  const t0 = performance.now();
  const mode = resolveMode(opts.mode, sources.length);
  const hashes = sources.map((s) => sourceHash(s, mode));
  const meta = sources.map((s) => JSON.stringify({ ...s, text: undefined }));
  // Once indexed, a big corpus' texts are read back from their files when needed.
  const release = () => { if (!(opts.keepTexts ?? sources.length <= KEEP_TEXTS_UP_TO)) { const hashOf = new Map(sources.map((s, i) => [s, hashes[i]])); releaseTexts(sources, (s, t) => textHash(t, mode) === hashOf.get(s)); } };
  const snapshotKey = createHash('sha1').update(INDEX_FORMAT).update(mode).update(hashes.join(',')).update(meta.join('\n')).digest('hex');
  const store = opts.store;
  const problems: CorpusProblem[] = [];
  const discard = (key: string, why: string) => problems.push({ path: store?.describe?.(key) ?? `index cache entry ${key}`, message: `${why}; discarded and rebuilt`, severity: 'warning' });
  if (store) {
    const snapshot = await loadSnapshot(store, snapshotKey, sources, discard);
    if (snapshot) {
      release();
      opts.onProgress?.(sources.length, sources.length);
      return { corpus: snapshot, stats: { sources: sources.length, analysed: 0, reused: sources.length, snapshot: 'loaded', ms: performance.now() - t0, problems } };
    }
  }
  const analyses: (SourceAnalysis | undefined)[] = new Array(sources.length);
  let reused = 0;
  if (store) {
    // Read in parallel; reported in source order.
    const bad: (string | undefined)[] = new Array(sources.length);
    await mapLimited(hashes, STORE_PARALLEL, async (h, i) => {
      const b = await store.get('a' + h);
      if (!b) return;
      const opened = unseal('a' + h, b);
      if ('problem' in opened) { bad[i] = opened.problem; return; }
      let a: unknown;
      try { a = v8.deserialize(opened.payload); } catch (e) { bad[i] = `damaged (${(e as Error).message})`; return; }
      const misfit = analysisProblem(a, sources[i].text.length);
      if (misfit) { bad[i] = `does not fit its article (${misfit})`; return; }
      analyses[i] = a as SourceAnalysis;
      reused++;
    });
    bad.forEach((why, i) => { if (why) discard('a' + hashes[i], why); });
  }
  let missing = sources.map((_, i) => i).filter((i) => !analyses[i]);
  let done = reused;
  opts.onProgress?.(done, sources.length);
  const yieldEvery = opts.yieldEvery ?? 1;
  const long = opts.pieces ? missing.filter((i) => sources[i].text.length >= LONG_ARTICLE) : [];
  const analysed = [...missing];
  if (long.length) {
    // Each long article's pieces, a few at a time, to whichever thread is free; then put back together here.
    missing = missing.filter((i) => sources[i].text.length < LONG_ARTICLE);
    // An empty batch first: the threads start (load the bundle and compromise) while this one plans the pieces.
    const started = opts.pieces!([], mode);
    for (const i of long) {
      const text = sources[i].text;
      const pieces = analysisPieces(text);
      const jobs = pieceJobs(text, pieces);
      const batches: PieceJob[][] = [];
      for (let k = 0; k < jobs.length; k += PIECES_PER_BATCH) batches.push(jobs.slice(k, k + PIECES_PER_BATCH));
      const found = (await Promise.all(batches.map((b) => opts.pieces!(b, mode)))).flat();
      analyses[i] = finishAnalysis(text, pieces, found);
      done++;
      opts.onProgress?.(done, sources.length);
    }
    await started;
  }
  if (opts.analyse && missing.length >= (opts.analyseFrom ?? 1)) {
    const batchSize = 32;
    const batches: number[][] = [];
    for (let i = 0; i < missing.length; i += batchSize) batches.push(missing.slice(i, i + batchSize));
    await Promise.all(batches.map(async (b) => {
      const res = await opts.analyse!(b.map((i) => ({ text: sources[i].text })), mode);
      b.forEach((i, k) => { analyses[i] = res[k]; });
      done += b.length;
      opts.onProgress?.(done, sources.length);
    }));
  } else {
    for (let n = 0; n < missing.length; n++) {
      const i = missing[n];
      analyses[i] = analyseSource(sources[i].text, mode);
      done++;
      if (yieldEvery && n % yieldEvery === 0) { opts.onProgress?.(done, sources.length); await new Promise((r) => setImmediate(r)); }
    }
  }
  if (store) await mapLimited(analysed, STORE_PARALLEL, (i) => store.put('a' + hashes[i], seal('a' + hashes[i], v8.serialize(analyses[i]))));
  const corpus = buildCorpus(sources, { mode, analyses });
  if (store) {
    const { skeleton, blob } = packSnapshot(corpus.toSnapshot());
    // The arrays first: a skeleton is only ever found next to its arrays (and is sealed with their checksum).
    const sealedBlob = seal('b' + snapshotKey, blob);
    await store.put('b' + snapshotKey, sealedBlob);
    await store.put('c' + snapshotKey, seal('c' + snapshotKey, skeleton, sealedBlob.subarray(MAGIC.length, HEADER)));
    // Clearing up is best effort: a folder that cannot be listed or emptied costs disk, not the index.
    await store.prune?.([snapshotKey]).catch(() => undefined);
  }
  release();
  return { corpus, stats: { sources: sources.length, analysed: analysed.length, reused, snapshot: 'built', ms: performance.now() - t0, problems } };
}

/** The stored snapshot for `key` when it is intact and fits `sources`; a damaged or misfitting one is reported. */
async function loadSnapshot(store: IndexStore, key: string, sources: Source[], discard: (key: string, why: string) => void): Promise<Corpus | undefined> {
  const [skeletonBytes, blobBytes] = await Promise.all([store.get('c' + key), store.get('b' + key)]);
  if (!skeletonBytes || !blobBytes) return undefined;
  const blob = unseal('b' + key, blobBytes);
  if ('problem' in blob) { discard('b' + key, blob.problem); return undefined; }
  // The skeleton's checksum covers the blob's too: the two halves must come from one write.
  const skeleton = unseal('c' + key, skeletonBytes, blob.sum);
  if ('problem' in skeleton) { discard('c' + key, skeleton.problem); return undefined; }
  let snapshot: CorpusSnapshot;
  try { snapshot = unpackSnapshot(skeleton.payload, blob.payload) as CorpusSnapshot; }
  catch (e) { discard('c' + key, `does not fit the corpus (${(e as Error).message})`); return undefined; }
  const misfit = validateSnapshot(snapshot, sources);
  if (misfit) { discard('c' + key, `does not fit the corpus (${misfit})`); return undefined; }
  try { return Corpus.fromSnapshot(snapshot, sources); }
  catch (e) { discard('c' + key, `does not fit the corpus (${(e as Error).message})`); return undefined; }
}

// Sealed values: an 8-byte mark, the SHA-256 of the key and the payload (and of what the value is
// bound to), then the payload, which stays 8-byte aligned for the snapshot's array views.
const MAGIC = Buffer.from('CRBSEAL1');
const HEADER = MAGIC.length + 32;

function checksum(key: string, payload: Uint8Array, bound?: Uint8Array): Buffer {
  const h = createHash('sha256').update(MAGIC).update(key).update('\0');
  if (bound) h.update(bound);
  return h.update(payload).digest();
}

/** `payload` with its mark and checksum in front, for storing under `key`. */
export function seal(key: string, payload: Uint8Array, bound?: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + payload.byteLength);
  out.set(MAGIC, 0);
  out.set(checksum(key, payload, bound), MAGIC.length);
  out.set(payload, HEADER);
  return out;
}

/** The payload of a value stored under `key` (and its checksum), or why it cannot be trusted. */
export function unseal(key: string, bytes: Uint8Array, bound?: Uint8Array): { payload: Uint8Array; sum: Uint8Array } | { problem: string } {
  if (bytes.byteLength < HEADER) return { problem: `damaged (${bytes.byteLength} bytes, too short for a cache entry)` };
  if (!Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).equals(MAGIC)) return { problem: 'damaged (no Corroborate cache entry mark)' };
  const payload = bytes.subarray(HEADER);
  const sum = bytes.subarray(MAGIC.length, HEADER);
  if (!checksum(key, payload, bound).equals(sum)) return { problem: 'damaged (checksum mismatch)' };
  return { payload, sum };
}

const MENTION_KINDS = new Set(['person', 'place', 'organization']);
const isSpan = (x: unknown, len: number): x is { start: number; end: number } => {
  const s = x as { start?: unknown; end?: unknown } | null;
  return !!s && typeof s === 'object' && Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= (s.start as number) && (s.start as number) <= (s.end as number) && (s.end as number) <= len;
};

/** Why a cached analysis cannot be the analysis of a text of `len` characters, or undefined. */
export function analysisProblem(a: unknown, len: number): string | undefined {
  if (!a || typeof a !== 'object') return 'not an analysis';
  const { sentences, mentions, quotes, keys, quoteWords } = a as Record<string, unknown[]>;
  if (![sentences, mentions, quotes, keys, quoteWords].every(Array.isArray)) return 'parts missing';
  const n = sentences.length;
  if (quotes.length !== n || keys.length !== n || quoteWords.length !== n) return 'parts of different lengths';
  let at = 0;
  for (const s of sentences as { start: number; heading: unknown }[]) {
    if (!isSpan(s, len) || s.start < at || typeof s.heading !== 'boolean') return 'a sentence out of place';
    at = s.start;
  }
  at = 0;
  for (const m of mentions as { start: number; name: unknown; kind: unknown; role?: unknown }[]) {
    if (!isSpan(m, len) || m.start < at || typeof m.name !== 'string' || !MENTION_KINDS.has(m.kind as string) || (m.role !== undefined && typeof m.role !== 'string')) return 'a name out of place';
    at = m.start;
  }
  for (let k = 0; k < n; k++) {
    const qs = quotes[k], ws = quoteWords[k], ks = keys[k];
    if (!Array.isArray(qs) || !Array.isArray(ws) || ws.length !== qs.length || typeof ks !== 'string') return 'a sentence\'s parts missing';
    for (const q of qs as { text: unknown; speakerText?: unknown }[]) if (!isSpan(q, len) || typeof q.text !== 'string' || (q.speakerText !== undefined && typeof q.speakerText !== 'string')) return 'a quotation out of place';
    if (!ws.every((w) => typeof w === 'string')) return 'a quotation\'s words missing';
    // Name keys point at a mention of this text: "@" MENTION_MARK index.
    for (const mark of ks.matchAll(/@\u0002([^\u0001]*)/g)) if (!/^\d+$/.test(mark[1]) || Number(mark[1]) >= mentions.length) return 'a key naming a mention that is not there';
  }
  return undefined;
}

/** Whether `r` is a well-formed list of `rows` rows whose ids are below `limit`. */
function rowsProblem(r: unknown, rows: number, limit: number): boolean {
  const x = r as { off?: unknown; ids?: unknown } | null;
  if (!x || !(x.off instanceof Int32Array) || !(x.ids instanceof Int32Array) || x.off.length !== rows + 1 || x.off[0] !== 0 || x.off[rows] !== x.ids.length) return true;
  for (let i = 0; i < rows; i++) if (x.off[i + 1] < x.off[i]) return true;
  for (let k = 0; k < x.ids.length; k++) if (x.ids[k] < 0 || x.ids[k] >= limit) return true;
  return false;
}
const count = (joined: unknown, nonEmpty: boolean) => (typeof joined !== 'string' ? -1 : !joined && !nonEmpty ? 0 : joined.split('\u0001').length);

/**
 * Why a snapshot cannot be the index of `sources`, or undefined: every column present and of its
 * length, every offset inside its text, every id inside its table. Run before a loaded snapshot is used.
 */
export function validateSnapshot(s: CorpusSnapshot, sources: Source[]): string | undefined {
  if (!s || typeof s !== 'object' || !Array.isArray(s.sources)) return 'not a snapshot';
  if (s.sources.length !== sources.length || s.sources.some((x, i) => !x || x.id !== sources[i].id || x.path !== sources[i].path)) return 'other sources';
  const ints = [s.pSource, s.pStart, s.pEnd, s.pLine, s.pLen, s.qPassage, s.qSlot, s.quotes?.start, s.quotes?.end, s.names?.aliasOwner];
  if (!ints.every((a) => a instanceof Int32Array) || !(s.pKeyTf instanceof Uint8Array) || !(s.postTf instanceof Uint8Array)) return 'a column missing';
  const n = s.pSource.length;
  if ([s.pStart, s.pEnd, s.pLine, s.pLen].some((a) => a.length !== n)) return 'passage columns of different lengths';
  // Texts still in memory are measured; a text already released to its file is not read back for this.
  const lengths = sources.map((src) => { const d = Object.getOwnPropertyDescriptor(src, 'text'); return typeof d?.value === 'string' ? d.value.length : Infinity; });
  for (let i = 0; i < n; i++) {
    const si = s.pSource[i];
    if (si < 0 || si >= sources.length || s.pStart[i] < 0 || s.pStart[i] > s.pEnd[i] || s.pEnd[i] > lengths[si] || s.pLen[i] < 0) return 'a passage outside its text';
  }
  const e = s.entities;
  if (!e || typeof e.ids !== 'string' || typeof e.kinds !== 'string') return 'the entities missing';
  const entities = e.ids ? e.ids.split('\u0001').length : 0;
  if (e.kinds.length !== entities || /[^plo]/.test(e.kinds) || (entities > 0 && (count(e.aliases, true) !== entities || count(e.roles, true) !== entities))
    || rowsProblem(e.sources, entities, sources.length) || rowsProblem(e.passages, entities, n)) return 'entity columns that do not fit';
  if (rowsProblem(s.pEnt, n, entities)) return 'passage names out of range';
  const aliases = s.names.aliasOwner.length;
  if ((aliases && count(s.names.aliases, true) !== aliases) || s.names.aliasOwner.some((x) => x < 0 || x >= entities)) return 'the alias table does not fit';
  const roles = s.names.roles ? count(s.names.roles, true) : 0;
  if (rowsProblem(s.names.roleOwners, roles, entities)) return 'the role table does not fit';
  const terms = count(s.terms, false);
  if (terms < 0 || rowsProblem(s.pKeys, n, terms) || s.pKeyTf.length !== s.pKeys.ids.length) return 'passage keys out of range';
  if (rowsProblem(s.post, terms, n) || s.postTf.length !== s.post.ids.length) return 'postings out of range';
  const nq = s.qPassage.length;
  if (s.qSlot.length !== nq || s.quotes.start.length !== nq || s.quotes.end.length !== nq || (nq && (count(s.quotes.text, true) !== nq || count(s.quotes.speaker, true) !== nq))) return 'quotation columns of different lengths';
  for (let k = 0; k < nq; k++) {
    const p = s.qPassage[k];
    if (p < 0 || p >= n || (k && p < s.qPassage[k - 1]) || s.qSlot[k] !== (k && s.qPassage[k - 1] === p ? s.qSlot[k - 1] + 1 : 0)) return 'quotations out of order';
    if (s.quotes.start[k] < 0 || s.quotes.start[k] > s.quotes.end[k] || s.quotes.end[k] > lengths[s.pSource[p]]) return 'a quotation outside its text';
  }
  const words = count(s.qWords, false);
  if (words < 0 || rowsProblem(s.qPost, words, nq)) return 'the quotation index out of range';
  return undefined;
}

type Typed = Int32Array | Uint8Array | Float64Array;
const TYPED: Record<string, { new(buf: ArrayBuffer, off: number, len: number): Typed; BYTES_PER_ELEMENT: number }> = { Int32Array, Uint8Array, Float64Array };

/**
 * Splits a snapshot into a small skeleton (v8-serialised, typed arrays replaced by references) and
 * one blob holding every typed array's bytes, 8-byte aligned. Loading makes views into the blob
 * instead of copies, so a warm start costs the index's own bytes and no garbage the size of it.
 */
export function packSnapshot(snapshot: object): { skeleton: Uint8Array; blob: Uint8Array } {
  const arrays: Typed[] = [];
  const strip = (v: unknown): unknown => {
    if (ArrayBuffer.isView(v)) { arrays.push(v as Typed); return { __array: arrays.length - 1, type: (v as Typed).constructor.name, length: (v as Typed).length }; }
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]));
    return v;
  };
  const skeletonObj = strip(snapshot);
  const offsets: number[] = [];
  let size = 0;
  for (const a of arrays) { offsets.push(size); size += Math.ceil(a.byteLength / 8) * 8; }
  const blob = new Uint8Array(size);
  arrays.forEach((a, i) => blob.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), offsets[i]));
  return { skeleton: v8.serialize({ skeleton: skeletonObj, offsets }), blob };
}

export function unpackSnapshot(skeletonBytes: Uint8Array, blobBytes: Uint8Array): unknown {
  const { skeleton, offsets } = v8.deserialize(skeletonBytes) as { skeleton: unknown; offsets: number[] };
  // Views need an 8-byte-aligned start; a blob that is not (a small pooled Buffer) is copied once.
  const blob = blobBytes.byteOffset % 8 === 0 ? blobBytes : new Uint8Array(blobBytes);
  const fill = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fill);
    if (v && typeof v === 'object') {
      const ref = v as { __array?: number; type?: string; length?: number };
      if (typeof ref.__array === 'number') {
        const T = TYPED[ref.type!];
        if (!T) throw new Error(`unknown array type ${ref.type}`);
        const start = blob.byteOffset + offsets[ref.__array];
        if (start + ref.length! * T.BYTES_PER_ELEMENT > blob.byteOffset + blob.byteLength) throw new Error('snapshot arrays truncated');
        return new T(blob.buffer as ArrayBuffer, start, ref.length!);
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    }
    return v;
  };
  return fill(skeleton);
}
