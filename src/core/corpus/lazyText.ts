// Article text on demand: a big corpus keeps its index in memory but not the text of every article.
// After indexing, each source's `text` becomes a getter that re-reads its file when a check needs a
// passage from it (the most recent 32 MB of text are kept), after making sure the file still holds the
// text that was indexed. A file that changed or vanished reads as empty until the corpus reloads.
import { readFileSync, statSync } from 'node:fs';
import type { Source } from '../types';
import { parseSourceText } from './corpusLoader';

/** Recently read texts are kept up to this many characters (a full check touches hundreds of articles). */
const RECENT_CHARS = 32 * 1024 * 1024;
const recent = new Map<Source, string>();
let recentChars = 0;
/** Sources whose file no longer held the indexed text (reported once each). */
export const staleSources = new Set<string>();

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
    const raw = readFileSync(s.path, 'utf8').replace(/^\uFEFF/, '');
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
    try { if (!statSync(s.path).isFile()) continue; } catch { continue; }
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
