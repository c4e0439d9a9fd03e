// Article text on demand: a big corpus keeps its index in memory but not the text of every article.
// After indexing, each source's `text` becomes a getter that re-reads its file when a check needs a
// passage from it (the most recent 32 MB of text are kept), after making sure the file still holds the
// text that was indexed. A file that changed or vanished reads as empty until the corpus reloads.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import type { Source } from '../types';
import { parseSourceText } from './corpusLoader';

/** Recently read texts are kept up to this many characters (a full check touches hundreds of articles). */
const RECENT_CHARS = 32 * 1024 * 1024;
const recent = new Map<Source, string>();
let recentChars = 0;
/** Sources whose file no longer held the indexed text (reported once each). */
export const staleSources = new Set<string>();
/** Each released source's file size when its text was released. */
const releasedSize = new WeakMap<Source, number>();

/**
 * A file's bytes, when it is still a regular file and not far larger than it was: opened without
 * blocking (a pipe put in its place must not hang a check), read up to a bound by the bytes actually read.
 */
function readBounded(file: string, wasSize: number): Buffer | undefined {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return undefined;
    // A JSON Lines file may have grown by other articles; one that grew past this is not re-read.
    const limit = Math.max(4 * wasSize, wasSize + 16 * 1024 * 1024);
    const buf = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(st.size, wasSize) + 1));
    let n = 0;
    for (;;) {
      if (n === buf.length) return undefined; // more than the bound, or grew while read
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (!got) break;
      n += got;
    }
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function remember(s: Source, text: string): string {
  const had = recent.get(s);
  if (had !== undefined) { recent.delete(s); recentChars -= had.length; }
  recent.set(s, text);
  recentChars += text.length;
  while (recentChars > RECENT_CHARS && recent.size > 1) {
    const [oldest, t] = recent.entries().next().value!;
    recent.delete(oldest);
    recentChars -= t.length;
  }
  return text;
}

function reread(s: Source, isIndexed: (text: string) => boolean): string {
  const cached = recent.get(s);
  if (cached !== undefined) return remember(s, cached);
  try {
    const bytes = readBounded(s.path, releasedSize.get(s) ?? 0);
    if (!bytes) throw new Error('not re-readable');
    const raw = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const suffix = s.id.includes('#') ? s.id.slice(s.id.lastIndexOf('#')) : undefined;
    const parsed = parseSourceText(s.path, raw).sources.find((p) => (suffix ? p.id.endsWith(suffix) : true));
    if (parsed && isIndexed(parsed.text)) return remember(s, parsed.text);
  } catch { /* unreadable now: treated as changed */ }
  staleSources.add(s.path);
  return '';
}

/**
 * Drops the text of file-backed sources from memory; reading `source.text` re-reads it.
 * `isIndexed(source, text)` tells whether a re-read text is the one the index was built from.
 * Returns how many texts were released. Sources without a readable file keep their text.
 */
export function releaseTexts(sources: Source[], isIndexed: (s: Source, text: string) => boolean): number {
  let n = 0;
  for (const s of sources) {
    try { const st = statSync(s.path); if (!st.isFile()) continue; releasedSize.set(s, st.size); } catch { continue; }
    Object.defineProperty(s, 'text', {
      configurable: true, enumerable: false,
      get: () => reread(s, (t) => isIndexed(s, t)),
      // Assigning a text puts it back in memory.
      set: (v: string) => Object.defineProperty(s, 'text', { value: v, writable: true, enumerable: true, configurable: true }),
    });
    n++;
  }
  return n;
}

/** A source's metadata without its text (without reading a released text back from disk). */
export function withoutText(s: Source): Omit<Source, 'text'> {
  const out: Partial<Source> = {};
  for (const [k, v] of Object.entries(s)) if (k !== 'text') (out as Record<string, unknown>)[k] = v;
  return out as Omit<Source, 'text'>;
}
