// Finds mentions of corpus entities in a draft by their aliases and unique roles.
import type { EntityTable } from './entities';
import { foldPunctuation } from './text';
import { isDemonym, isLowercaseHead, shortFormOf } from './entities';
import { ROLE_NOISE_WORDS } from './wordLists';

export interface NameMention {
  id: string;
  start: number;
  end: number;
  /** The role written right before the name in the draft ("Foreign Minister"), if any. */
  role?: { text: string; start: number; end: number };
  /** True when found through a role phrase ("the Kremlin spokesman") rather than a name. */
  viaRole?: boolean;
}

/** The words a role is compared by: lower case, one spelling of "defence", without ROLE_NOISE_WORDS. */
export function roleWordsOf(role: string): string[] {
  return role.toLowerCase().replace(/defense/g, 'defence').split(/\s+/).filter((w) => !ROLE_NOISE_WORDS.has(w));
}

/** A name a draft's words may spell: its words (longest first in a lookup's list) and its entity. */
export interface NameCandidate { words: string[]; id: string }
/** Lookups by key: a Map, or (an archive's index) a view that fetches what it has not seen. */
export interface Lookup<V> { has(key: string): boolean; get(key: string): V | undefined }

/**
 * What findNameMentions looks names up in, built from a corpus' aliases and roles. `first`: the
 * names by their first word; `byStart`: the same by their first two words (multi-word) or their one
 * word (a big corpus has thousands of "John ..." names); `roles`: multi-word role phrases held by
 * one person ("the kremlin spokesman"), `roleWords` the longest of them in words.
 */
export interface AliasTable {
  first: Lookup<NameCandidate[]>;
  byStart: Lookup<NameCandidate[]>;
  roles: Lookup<string> & { readonly size: number };
  roleWords: number;
}
/** By the alias map, not the table object: views of one corpus that share its names share their table. */
const tables = new WeakMap<ReadonlyMap<string, string>, AliasTable>();

/** The key of a candidate in `byStart`: its first two words, or its one word. */
export const startKey = (words: string[]) => (words.length > 1 ? `${words[0]} ${words[1]}` : words[0]);

/** The name table of a corpus (one a corpus supplies, such as an archive's, or one built from its aliases and roles). */
export function tableOf(corpus: EntityTable): AliasTable {
  const own = corpus.nameTable?.();
  if (own) return own;
  let t = tables.get(corpus.aliases) as (AliasTable & { first: Map<string, NameCandidate[]> }) | undefined;
  if (t) return t;
  const first = new Map<string, { words: string[]; id: string }[]>();
  for (const [alias, id] of corpus.aliases) {
    const words = alias.split(' ');
    // Single lower-case words and one-letter words are never names.
    if (!/^[\p{Lu}\d]/u.test(words[0]) || alias.length < 2) continue;
    const list = first.get(words[0]) ?? [];
    list.push({ words, id });
    first.set(words[0], list);
  }
  // A place or body is also named by the leading words before its generic head ("Vostochny" for the
  // Vostochny Cosmodrome, "Rostov" for the Rostov Region) when those words are no one else's alias and
  // lead no other such name. Only aliases ending in a head are looked at: no scan of every entity.
  const shortOwner = new Map<string, string | null>();
  for (const [alias, id] of corpus.aliases) {
    const short = shortFormOf(alias);
    if (short === undefined || corpus.aliases.has(short)) continue;
    const kind = corpus.kindOf(id);
    if (kind !== 'place' && kind !== 'organization') continue;
    const o = shortOwner.get(short);
    shortOwner.set(short, o === undefined || o === id ? id : null);
  }
  for (const [short, id] of shortOwner) {
    if (id === null) continue;
    const words = short.split(' ');
    const list = first.get(words[0]) ?? [];
    list.push({ words, id });
    first.set(words[0], list);
  }
  for (const list of first.values()) list.sort((a, b) => b.words.length - a.words.length);
  const byStart = new Map<string, { words: string[]; id: string }[]>();
  for (const list of first.values()) for (const c of list) {
    const key = startKey(c.words);
    const l = byStart.get(key);
    if (l) l.push(c); else byStart.set(key, [c]);
  }
  // Role phrases of two or more words that belong to one person: "the Kremlin spokesman".
  // Looked up word by word after "the" (a big corpus knows thousands of roles: no regex per role).
  const roles = new Map<string, string>();
  let roleWords = 0;
  for (const [role, ids] of corpus.roles) {
    const n = role.split(/\s+/).length;
    if (ids.length !== 1 || n < 2 || role.length > 40) continue;
    roles.set(foldPunctuation(role.toLowerCase()).replace(/\s+/g, ' '), ids[0]);
    roleWords = Math.max(roleWords, n);
  }
  t = { first, byStart, roles, roleWords };
  tables.set(corpus.aliases, t);
  return t;
}

const TITLE_OR_ROLE = /^(President|Prime|Minister|Marshal|Director|General|Secretary|Chairman|Chancellor|King|Queen|Prince|Senator|Governor|Mayor|Ambassador|Spokesman|Spokeswoman|Deputy|Vice|Foreign|Defence|Defense|Interior|Finance|Leader|Premier|Chief|Commander|Admiral|Colonel|Captain|Major|Lieutenant|Sergeant|Professor|minister|president|leader|spokesman|spokeswoman|secretary|director|marshal|chief|general|ambassador|official|analyst|expert|professor|admiral|commander)$/;

const ALL_CAPS = /^\p{Lu}[\p{Lu}'-]*\p{Lu}(?:'S)?$/u;
/** "VOSTOCHNY" -> "Vostochny", "JONG-UN" -> "Jong-un", "PUTIN'S" -> "Putin's". */
const titleCase = (w: string) => w.charAt(0) + w.slice(1).toLowerCase();

/** Every mention of a corpus entity in `text`, longest alias first, left to right. */
export function findNameMentions(text: string, corpus: EntityTable): NameMention[] {
  const { first, byStart, roles, roleWords } = tableOf(corpus);
  const folded = foldPunctuation(text);
  const out: NameMention[] = [];
  const wordRe = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;
  const words: { w: string; start: number; end: number }[] = [];
  for (const m of folded.matchAll(wordRe)) words.push({ w: m[0], start: m.index!, end: m.index! + m[0].length });
  // "the Kremlin spokesman": the longest known role phrase after "the", its words separated by spaces only.
  if (roles.size) {
    for (let i = 0; i + 2 < words.length; i++) {
      if (words[i].w.toLowerCase() !== 'the' || !/^\s+$/.test(folded.slice(words[i].end, words[i + 1].start))) continue;
      let phrase = words[i + 1].w.toLowerCase();
      let found: { id: string; n: number } | undefined;
      for (let n = 2; n <= roleWords && i + n < words.length; n++) {
        if (!/^\s+$/.test(folded.slice(words[i + n - 1].end, words[i + n].start))) break;
        phrase += ' ' + words[i + n].w.toLowerCase();
        const id = roles.get(phrase);
        if (id) found = { id, n };
      }
      if (found) out.push({ id: found.id, start: words[i + 1].start, end: words[i + found.n].end, viaRole: true });
    }
  }
  const byRole = out.slice();
  // The first role phrase not yet passed: phrases and words are both in order of position, so the
  // phrase a word is inside is found by moving on, not by searching every phrase for every word.
  let roleAt = 0;
  for (let i = 0; i < words.length; i++) {
    // Candidates starting with this word and the next (longest first), then the one-word alias.
    let wi = words[i].w;
    let w0 = wi.replace(/'s$/, '');
    // A dateline or headline in capitals names what its title-case form names: "VOSTOCHNY COSMODROME, Russia —".
    let caps = false;
    if (!first.has(w0)) {
      if (!ALL_CAPS.test(wi)) continue;
      caps = true;
      wi = titleCase(wi);
      w0 = wi.replace(/'s$/, '');
      if (!first.has(w0)) continue;
    }
    const form = (w: string) => (caps && ALL_CAPS.test(w) ? titleCase(w) : w);
    // Inside a role phrase ("the Kremlin spokesman") only an organisation or place is still a mention of its own.
    while (roleAt < byRole.length && byRole[roleAt].end <= words[i].start) roleAt++;
    const inRole = roleAt < byRole.length && byRole[roleAt].start <= words[i].start ? byRole[roleAt] : undefined;
    const w1 = words[i + 1] && form(words[i + 1].w);
    const cands = [
      ...(w1 ? byStart.get(`${wi} ${w1}`) ?? [] : []),
      // "Rostov region" for the Rostov Region: a generic head may be written in lower case.
      ...(w1 && /^\p{Ll}/u.test(w1) && isLowercaseHead(w1) ? byStart.get(`${wi} ${w1.charAt(0).toUpperCase()}${w1.slice(1)}`) ?? [] : []),
      ...(w1 && /'s?$/.test(w1) ? byStart.get(`${wi} ${w1.replace(/'s$|'$/, '')}`) ?? [] : []),
      ...(byStart.get(w0) ?? []),
    ];
    for (const c of cands) {
      if (inRole && (corpus.kindOf(c.id) === 'person' || words[i + c.words.length - 1]?.end > inRole.end)) continue;
      let ok = true;
      for (let k = 0; k < c.words.length; k++) {
        const w = words[i + k];
        if (!w) { ok = false; break; }
        const isLast = k === c.words.length - 1;
        const surface = isLast ? form(w.w).replace(/'s$|'$/, '') : form(w.w);
        const same = surface === c.words[k] || (isLast && k > 0 && surface.toLowerCase() === c.words[k].toLowerCase() && /^\p{Ll}/u.test(surface) && isLowercaseHead(c.words[k]));
        if (!same || (k > 0 && !/^[ \t\u00a0-]+$|^ $/.test(folded.slice(words[i + k - 1].end, w.start)))) { ok = false; break; }
      }
      // Not part of a longer capitalised name the corpus does not know ("Manchester United" vs "United").
      if (!ok || (caps && c.words.length === 1 && w0.length < 4)) continue;
      const j = i + c.words.length - 1;
      const next = words[j + 1];
      // A lone alias glued to other capitalised words belongs to a name the corpus does not know
      // ("Kim Kardashian", "Denzel Washington", "Manchester United"); titles before it are fine.
      if (c.words.length === 1) {
        const prev = words[i - 1];
        const gluedNext = next && /^\p{Lu}/u.test(next.w) && folded.slice(words[j].end, next.start) === ' ' && !/'s$/.test(words[j].w) && !first.has(next.w.replace(/'s$/, ''));
        const gluedPrev = prev && /^\p{Lu}/u.test(prev.w) && folded.slice(prev.end, words[i].start) === ' ' && !/'s$/.test(prev.w) &&
          !TITLE_OR_ROLE.test(prev.w) && !/^(The|A|An|In|On|At|But|And|As|By|For|From|With|When|While|After|Before|If|Of|To)$/.test(prev.w) && !first.has(prev.w.replace(/'s$/, '')) &&
          !isDemonym(prev.w); // "Ukrainian SBU drones": a nationality qualifies the name, it is not part of another
        if (gluedNext || gluedPrev) break;
      }
      const mention: NameMention = { id: c.id, start: words[i].start, end: words[j].start + words[j].w.replace(/'s$|'$/i, '').length };
      // A role right before the name: "Foreign Minister Sergei Shoigu".
      let r = i;
      while (r > 0 && TITLE_OR_ROLE.test(words[r - 1].w) && folded.slice(words[r - 1].end, words[r].start) === ' ') r--;
      if (r < i) {
        let rs = r;
        // include capitalised modifiers before the role ("Russian Defence Minister")
        // include capitalised modifiers before the role ("Russian Defence Minister", "Kremlin spokesman"), but not another person
        const isPerson = (w: string) => (first.get(w.replace(/'s$/, '')) ?? []).some((c) => corpus.kindOf(c.id) === 'person');
        while (rs > 0 && /^\p{Lu}/u.test(words[rs - 1].w) && folded.slice(words[rs - 1].end, words[rs].start) === ' ' && i - rs < 5 && !isPerson(words[rs - 1].w) && !/'s$/.test(words[rs - 1].w)) rs--;
        mention.role = { text: text.slice(words[rs].start, words[i - 1].end), start: words[rs].start, end: words[i - 1].end };
        // Lower-case modifiers after a preposition or article: "greeted by energy minister Alexander Kozlov".
        if (rs === i - 1 && /^\p{Ll}/u.test(words[rs].w)) {
          const from = Math.max(0, words[i].start - 70);
          const m = ROLE_BEFORE_NAME.exec(text.slice(from, words[i].start));
          if (m && m[1].includes(' ')) mention.role = { text: m[1], start: words[i].start - m[1].length - (m[0].length - m[0].trimEnd().length), end: words[i - 1].end };
        }
      } else {
        const role = appositiveRole(text, words[i].start, mention.end);
        if (role) mention.role = role;
      }
      out.push(mention);
      i = j;
      break;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

// Nouns that end a role phrase written beside a name, set off by a comma.
const FUNCTION_WORD = 'by|in|on|at|of|to|for|with|from|and|or|as|the|a|an|his|her|their|its|including|like|said|says|told|than';
const ROLE_WORDS = `((?:(?!(?:${FUNCTION_WORD})\\b)[\\p{L}-]+\\s+){0,3}(?!(?:${FUNCTION_WORD})\\b)[\\p{L}-]+)`;
// A role phrase starts after punctuation, a function word, or with an article or a possessive.
const ROLE_LEAD = `(?:[\\n.;:!?(,]\\s*|\\b(?:${FUNCTION_WORD})\\s+)(?:(?:[Tt]he|[Aa]n?|[\\p{Lu}][\\p{L}-]*['’]s)\\s+)?|(?:^|\\s)[\\p{Lu}][\\p{L}-]*['’]s\\s+`;
const ROLE_BEFORE_COMMA = new RegExp(`(?:${ROLE_LEAD})${ROLE_WORDS}$`, 'u');
// Before a name with no comma the phrase must follow a function word or a possessive ("by energy minister X", not "Kim met minister X").
const ROLE_BEFORE_NAME = new RegExp(`(?:\\b(?:${FUNCTION_WORD})\\s+(?:(?:[Tt]he|[Aa]n?|[\\p{Lu}][\\p{L}-]*['’]s)\\s+)?|(?:^|\\s)[\\p{Lu}][\\p{L}-]*['’]s\\s+)${ROLE_WORDS}[ \\t]+$`, 'u');
const APPOSITIVE_HEAD = /^(president|leader|minister|spokesman|spokeswoman|spokesperson|secretary|marshal|director|chairman|chairwoman|chancellor|premier|governor|mayor|general|admiral|commander|ambassador|envoy|chief|head)$/i;

/**
 * A role set off by a comma beside the name: "Russia's transport minister, Alexander Kozlov" or
 * "Alexander Kozlov, Russia's natural resources minister,". The phrase must end in a role noun and
 * hold at most four words after its article or possessive, so that a clause is not read as a role.
 */
export function appositiveRole(text: string, nameStart: number, nameEnd: number): NameMention['role'] {
  const from = Math.max(0, nameStart - 70);
  const w = text.slice(from, nameStart);
  const comma = /,\s+$/.exec(w);
  if (comma) {
    // The words before the comma, after a boundary (punctuation, a preposition, an article or a
    // possessive): "… greeted by Russia's transport minister, Alexander Kozlov".
    const m = ROLE_BEFORE_COMMA.exec((from === 0 ? '\n' : '') + w.slice(0, comma.index));
    if (m && APPOSITIVE_HEAD.test(m[1].split(/\s+/).pop()!)) {
      const start = from + comma.index - m[1].length;
      return { text: m[1], start, end: start + m[1].length };
    }
  }
  const after = /^,\s+(?:(?:[Tt]he|[Aa]n?|[\p{Lu}][\p{L}-]*['’]s)\s+)?((?:[\p{L}-]+\s+){0,3}?[\p{L}-]+)(?=,|\.|\s+who\b|$)/u.exec(text.slice(nameEnd, nameEnd + 80));
  if (after && APPOSITIVE_HEAD.test(after[1].split(/\s+/).pop()!)) {
    const start = nameEnd + after[0].length - after[1].length;
    return { text: after[1], start, end: start + after[1].length };
  }
  return undefined;
}
