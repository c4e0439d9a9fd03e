// The paraphrase lexicon: which comparison keys may stand for one another ("woodland" / "forest",
// "picked" / "chose", "journey" / "trip"). Built from WordNet by scripts/build-lexicon.mjs; used to
// judge how much of a claim a passage covers, never to find names or figures.
import SYNONYMS from './lexicon/synonyms.json';
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

/** Builds the relation now rather than on the first claim judged. */
export function warmLexicon(): void {
  relation();
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
