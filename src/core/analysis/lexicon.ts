// The paraphrase lexicon: which comparison keys may stand for one another ("woodland" / "forest",
// "picked" / "chose", "journey" / "trip"). Built from WordNet by scripts/build-lexicon.mjs; used to
// judge how much of a claim a passage covers, never to find names or figures.
import SYNONYMS from './lexicon/synonyms.json';
import FREQUENCY from './lexicon/frequency.json';
import { keyOf, normalizeWord } from './text';

let related: Map<string, Set<string>> | undefined;

/** Builds the key-level relation once (about 0.1 s): symmetric, so either word may be the claim's. */
function relation(): Map<string, Set<string>> {
  if (related) return related;
  const rel = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    let s = rel.get(a);
    if (!s) rel.set(a, (s = new Set()));
    s.add(b);
  };
  for (const [word, list] of Object.entries(SYNONYMS as Record<string, string>)) {
    const a = keyOf(normalizeWord(word));
    for (const w of list.split(' ')) {
      const b = keyOf(normalizeWord(w));
      link(a, b);
      link(b, a);
    }
  }
  related = rel;
  return rel;
}

const NONE: ReadonlySet<string> = new Set();

let bands: Map<string, number> | undefined;
/** Comparison key -> frequency band (0: the ~300 commonest English words … 4: rank 15,000-40,000). */
function bandTable(): Map<string, number> {
  if (bands) return bands;
  const t = new Map<string, number>();
  FREQUENCY.bands.forEach((list, b) => {
    for (const w of list.split(' ')) {
      const k = keyOf(normalizeWord(w));
      if (!t.has(k)) t.set(k, b);
    }
  });
  bands = t;
  return t;
}

/**
 * How common a word is in English: 0 for the commonest words ("take", "place") up to
 * FREQUENCY.bands.length for rare words and words English does not list. A claim word that is
 * common says less than a rare one, whatever the corpus's own statistics (three articles have none
 * worth the name).
 */
export function commonness(key: string): number {
  return bandTable().get(key) ?? FREQUENCY.bands.length;
}

/** Builds the relation and the frequency table now rather than on the first claim judged. */
export function warmLexicon(): void {
  relation();
  bandTable();
}

/** Keys the lexicon relates to `key` (not including it). */
export function relatedKeys(key: string): ReadonlySet<string> {
  return relation().get(key) ?? NONE;
}

/** The key in `keys` that `key` matches: itself, or a related key not already `taken`. */
export function matchIn(key: string, keys: ReadonlySet<string>, taken?: ReadonlySet<string>): string | undefined {
  if (keys.has(key)) return key;
  if (key.startsWith('@') || key.startsWith('#')) return undefined;
  for (const r of relatedKeys(key)) if (keys.has(r) && !taken?.has(r)) return r;
  return undefined;
}
