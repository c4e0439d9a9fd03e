// Who said it: a speaker phrase from an attribution ("Peskov", "the Kremlin spokesman", "he",
// "Siemon Wezeman of SIPRI") resolved to a corpus entity.
import type { EntityTable } from './entities';

const PRONOUN_RE = /^(he|she|they)$/i;
/** "he" is looked for among this many names before the quotation at most: further back it is no one's (and the walk stays linear). */
const PRONOUN_LOOKBACK = 64;
/**
 * Resolves a speaker phrase to an entity id: an alias, a role ("the Kremlin spokesman"), or a
 * pronoun (the last person named before). A phrase that names a person and an organisation
 * ("Siemon Wezeman of SIPRI", "US analyst Ankit Panda") resolves to the person. Only the first
 * `count` of `mentions` (in text order) are looked at, so a caller walking a long article passes its
 * whole list instead of copying a prefix for every quotation.
 */
export function resolveSpeaker(corpus: EntityTable, speakerText: string | undefined, mentions: readonly { start: number; end: number; id: string }[], at: number, count = mentions.length): string | undefined {
  if (!speakerText) return undefined;
  const s = speakerText.replace(/’/g, "'").replace(/^(the|The)\s+/, '');
  if (PRONOUN_RE.test(s)) {
    const n = Math.min(count, mentions.length);
    for (let i = n - 1; i >= Math.max(0, n - PRONOUN_LOOKBACK); i--) {
      const m = mentions[i];
      if (m.start < at && corpus.kindOf(m.id) === 'person') return m.id;
    }
    return undefined;
  }
  const isPerson = (id: string | undefined) => !!id && corpus.kindOf(id) === 'person';
  const whole = resolvePhrase(corpus, s);
  if (isPerson(whole)) return whole;
  // A person named inside a longer phrase beats the organisation or place it also names.
  const person = personIn(corpus, s);
  return person ?? whole;
}

/** An alias, a surname tail of the phrase, or a role held by one entity. */
function resolvePhrase(corpus: EntityTable, s: string): string | undefined {
  const direct = corpus.aliases.get(s);
  if (direct) return direct;
  // "Siemon Wezeman" said by surname only, or a longer form: match on any alias ending the phrase.
  const words = s.split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const id = corpus.aliases.get(words.slice(k).join(' '));
    if (id) return id;
  }
  const byRole = corpus.roles.get(s.toLowerCase());
  if (byRole?.length === 1) return byRole[0];
  return undefined;
}

/** The longest run of the phrase's words that is the alias of a person, if any. */
function personIn(corpus: EntityTable, s: string): string | undefined {
  const words = s.replace(/[,;:]/g, ' ').split(/\s+/).filter(Boolean).map((w) => w.replace(/'s$/, ''));
  for (let len = Math.min(4, words.length); len >= 1; len--) {
    for (let k = 0; k + len <= words.length; k++) {
      const phrase = words.slice(k, k + len);
      if (!/^\p{Lu}/u.test(phrase[0])) continue;
      const id = corpus.aliases.get(phrase.join(' '));
      if (id && corpus.kindOf(id) === 'person') return id;
    }
  }
  return undefined;
}
