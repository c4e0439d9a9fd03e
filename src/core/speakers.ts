// Who said it: a speaker phrase from an attribution ("Peskov", "the Kremlin spokesman", "he")
// resolved to a corpus entity.
import type { Corpus } from './corpus';

const PRONOUN_RE = /^(he|she|they)$/i;
/** Resolves a speaker phrase to an entity id: an alias, a role ("the Kremlin spokesman"), or a pronoun (the last person named before). */
export function resolveSpeaker(corpus: Corpus, speakerText: string | undefined, mentions: { start: number; end: number; id: string }[], at: number): string | undefined {
  if (!speakerText) return undefined;
  const s = speakerText.replace(/’/g, "'").replace(/^(the|The)\s+/, '');
  if (PRONOUN_RE.test(s)) {
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i];
      if (m.start < at && corpus.getEntity(m.id)?.kind === 'person') return m.id;
    }
    return undefined;
  }
  const direct = corpus.aliases.get(s);
  if (direct) return direct;
  // "Siemon Wezeman" said by surname only, or a longer form: match on any alias ending the phrase.
  const words = s.split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const tail = words.slice(k).join(' ');
    const id = corpus.aliases.get(tail);
    if (id) return id;
  }
  const byRole = corpus.roles.get(s.toLowerCase());
  if (byRole?.length === 1) return byRole[0];
  return undefined;
}
