// A persistent corpus index: each source's analysis is cached by its content hash, and the whole
// built index by the hashes of all its sources, so a warm start loads instead of re-running the NLP
// and a changed file re-analyses alone. Storage sits behind `IndexStore`, so a server-backed
// archive can be added later without touching the checker.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { Source } from '../types';
import { Corpus, buildCorpus, analyseSource, resolveMode, type SourceAnalysis, type CorpusSnapshot } from './corpus';
import type { NlpMode } from '../analysis/entities';
import { releaseTexts } from './lazyText';
import { mapLimited } from './limit';

/** Store reads and writes in flight at once (a corpus of 50,000 articles must not open 50,000 files). */
const STORE_PARALLEL = 32;

/** Where index data lives. Keys are hex strings; values opaque bytes. */
export interface IndexStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, data: Uint8Array): Promise<void>;
}

/** Bumped whenever analysis or index layout changes, so old caches are ignored. */
export const INDEX_FORMAT = 'corroborate-index-20';

/** An IndexStore in a folder: one file per key, written atomically. */
export class FileIndexStore implements IndexStore {
  constructor(readonly dir: string) {}
  private file(key: string) { return path.join(this.dir, key.slice(0, 2), key + '.bin'); }
  async get(key: string): Promise<Uint8Array | undefined> {
    try { return await fs.readFile(this.file(key)); } catch { return undefined; }
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
  /** Keep every article's text in memory (default: only for corpora up to KEEP_TEXTS_UP_TO articles). */
  keepTexts?: boolean;
  /** Yield to the event loop between sources (default true) so a host stays responsive. */
  yieldEvery?: number;
}

export interface IndexStats { sources: number; analysed: number; reused: number; snapshot: 'loaded' | 'built'; ms: number }

/** Builds (or loads) the index for `sources`, reusing whatever the store already holds. */
export async function indexCorpus(sources: Source[], opts: IndexOptions = {}): Promise<{ corpus: Corpus; stats: IndexStats }> {
  const t0 = performance.now();
  const mode = resolveMode(opts.mode, sources.length);
  const hashes = sources.map((s) => sourceHash(s, mode));
  const meta = sources.map((s) => JSON.stringify({ ...s, text: undefined }));
  // Once indexed, a big corpus' texts are read back from their files when needed.
  const release = () => { if (!(opts.keepTexts ?? sources.length <= KEEP_TEXTS_UP_TO)) { const hashOf = new Map(sources.map((s, i) => [s, hashes[i]])); releaseTexts(sources, (s, t) => textHash(t, mode) === hashOf.get(s)); } };
  const snapshotKey = createHash('sha1').update(INDEX_FORMAT).update(mode).update(hashes.join(',')).update(meta.join('\n')).digest('hex');
  const store = opts.store;
  if (store) {
    const snap = await store.get('c' + snapshotKey);
    const blob = snap && await store.get('b' + snapshotKey);
    if (snap && blob) {
      try {
        const corpus = Corpus.fromSnapshot(unpackSnapshot(snap, blob) as CorpusSnapshot, sources);
        release();
        opts.onProgress?.(sources.length, sources.length);
        return { corpus, stats: { sources: sources.length, analysed: 0, reused: sources.length, snapshot: 'loaded', ms: performance.now() - t0 } };
      } catch { /* a corrupt or outdated snapshot is rebuilt below */ }
    }
  }
  const analyses: (SourceAnalysis | undefined)[] = new Array(sources.length);
  let reused = 0;
  if (store) {
    await mapLimited(hashes, STORE_PARALLEL, async (h, i) => {
      const b = await store.get('a' + h);
      if (!b) return;
      try { analyses[i] = v8.deserialize(b) as SourceAnalysis; reused++; } catch { /* re-analyse */ }
    });
  }
  const missing = sources.map((_, i) => i).filter((i) => !analyses[i]);
  let done = reused;
  opts.onProgress?.(done, sources.length);
  const yieldEvery = opts.yieldEvery ?? 1;
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
  if (store) await mapLimited(missing, STORE_PARALLEL, (i) => store.put('a' + hashes[i], v8.serialize(analyses[i])));
  const corpus = buildCorpus(sources, { mode, analyses });
  if (store) {
    const { skeleton, blob } = packSnapshot(corpus.toSnapshot());
    // The arrays first: a skeleton is only ever found next to its arrays.
    await store.put('b' + snapshotKey, blob);
    await store.put('c' + snapshotKey, skeleton);
  }
  release();
  return { corpus, stats: { sources: sources.length, analysed: missing.length, reused, snapshot: 'built', ms: performance.now() - t0 } };
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
