// Names in the corpus: people, places and organisations found with compromise, cleaned up,
// completed where compromise stops short, and grouped so that every alias resolves to one entity.
import nlp from 'compromise';
import type { Entity, EntityKind } from './types';

/** One occurrence of a name in a text. */
export interface Mention {
  name: string;
  kind: EntityKind;
  start: number;
  end: number;
  /** Role or title written next to the name ("Kremlin spokesman", "Defence Minister"). */
  role?: string;
}

// Titles that compromise glues to names; kept as roles, stripped from the name.
const TITLE_WORDS = new Set([
  'President', 'Prime', 'Minister', 'Marshal', 'Director', 'General', 'Gen.', 'Secretary', 'Chairman', 'Chairwoman', 'Chancellor',
  'King', 'Queen', 'Prince', 'Princess', 'Sen.', 'Senator', 'Rep.', 'Governor', 'Gov.', 'Mayor', 'Judge', 'Justice', 'Dr.', 'Dr',
  'Mr.', 'Mr', 'Mrs.', 'Mrs', 'Ms.', 'Ms', 'Prof.', 'Professor', 'Pope', 'Sheikh', 'Colonel', 'Col.', 'Captain', 'Capt.', 'Lt.',
  'Admiral', 'Commander', 'Chief', 'Ambassador', 'Spokesman', 'Spokeswoman', 'Deputy', 'Vice', 'Foreign', 'Defence', 'Defense',
  'Interior', 'Finance', 'Leader', 'Premier', 'Sir', 'Lord', 'Lady', 'Dame', 'Officer', 'Sergeant', 'Lieutenant', 'Major',
]);
const ROLE_NOUNS =
  'president|leader|minister|spokesman|spokeswoman|spokesperson|secretary|marshal|director|chairman|chairwoman|chancellor|premier|governor|mayor|general|admiral|commander|chief|ambassador|envoy|official|analyst|expert|researcher|professor|correspondent|reporter|editor|ceo|founder|manager|coach|head|king|queen|prince|senator|judge|officer|diplomat|negotiator|aide|adviser|advisor|counterpart|dictator|ruler|monarch|defector|scholar|economist|historian';
const ROLE_NOUN_RE = new RegExp(`^(${ROLE_NOUNS})$`, 'i');
const ORG_HEADS = /^(Department|Ministry|Institute|Institution|University|College|School|Agency|Army|Navy|Force|Forces|Group|Council|Committee|Commission|Office|Bank|Fund|Party|Union|Organisation|Organization|Association|Corporation|Company|Authority|Service|Services|Court|Parliament|Assembly|Congress|Senate|House|Post|Times|News|Novosti|Press|Network|Foundation|Centre|Center|Program|Programme|Board|Bureau|Federation|League|Club|Team|Nations|Alliance|Coalition|Guard|Command|Kremlin|Pentagon|Insitute|Studies)$/;
const PLACE_HEADS = /^(Cosmodrome|Spaceport|Region|Oblast|Province|Prefecture|County|District|Territory|Peninsula|Island|Islands|Sea|Ocean|River|Lake|Mountains|Mount|Valley|Coast|Strait|Gulf|Bay|Square|Street|Airport|Station|Base|Port|Harbour|Harbor|Palace|Bridge|Border|Desert|Forest|Park|City|Krai)$/;
const NOT_NAMES = new Set([
  'COVID', 'COVID-19', 'Covid', 'Advertisement', 'Other', 'Topics', 'Interest', 'Photo', 'AM', 'PM', 'TV', 'I', 'OK', 'CEO',
  'Wednesday', 'Monday', 'Tuesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May',
  'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Sept', 'Jan', 'Feb', 'Aug', 'Oct', 'Nov', 'Dec',
  'The', 'A', 'An', 'In', 'On', 'At', 'But', 'And', 'If', 'He', 'She', 'It', 'They', 'We', 'This', 'That', 'While', 'With', 'As',
]);
const CONNECTORS = new Set(['of', 'for', 'the', 'de', 'du', 'von', 'van', 'ten', 'al', 'bin']);
const NATIONALITY_RE = /^(Russian|North|South|Korean|American|Chinese|Japanese|Ukrainian|British|French|German|Soviet|Western|Eastern|US|U\.S\.|UN|EU)$/;

const CAP = /^[\p{Lu}][\p{L}\p{N}'’.-]*$/u;
const isCap = (w: string) => CAP.test(w);

/** Strips possessives and punctuation compromise leaves on names. */
export function cleanName(raw: string): string {
  return raw
    .replace(/\s+--?\s*$|\s+[—–]\s*$/, '')
    .replace(/^[\s"“”‘’'(\[]+|[\s"“”‘’'),.;:!?\]]+$/g, '')
    .replace(/’/g, "'")
    .replace(/'s$/, '')
    .replace(/'$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Word { text: string; start: number; end: number }
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)) {
    let w = m[0];
    // keep a trailing hyphen-less form; drop sentence dots unless an abbreviation like "U.S."
    if (w.endsWith('.') && !/^(\p{L}\.)+$/u.test(w) && !TITLE_WORDS.has(w)) w = w.slice(0, -1);
    out.push({ text: w, start: m.index!, end: m.index! + w.length });
  }
  return out;
}

/**
 * How names are found: `full` tags every sentence with compromise (best, about 20 ms per 1,000 words);
 * `fast` looks capitalised words up in compromise's lexicon (names, places, organisations) and is
 * about a hundred times faster, for corpora of thousands of articles.
 */
export type NlpMode = 'full' | 'fast';

/** Finds name mentions in one text with compromise, then repairs them. `skip` ranges (headlines) are ignored. */
export function extractMentions(text: string, skip: { start: number; end: number }[] = [], mode: NlpMode = 'full'): Mention[] {
  if (mode === 'fast') return repairMentions(text, lexiconMentions(text), skip);
  const doc = nlp(text);
  const raw: Mention[] = [];
  const take = (list: any[], kind: EntityKind) => {
    for (const j of list) {
      const start = j.offset.start as number;
      raw.push({ name: j.text, kind, start, end: start + (j.offset.length as number) });
    }
  };
  take(doc.people().json({ offset: true }), 'person');
  take(doc.places().json({ offset: true }), 'place');
  take(doc.organizations().json({ offset: true }), 'organization');
  return repairMentions(text, raw, skip);
}

/** The product's own clean-up of compromise's spans, plus capitalised names it misses. */
export function repairMentions(text: string, raw: Mention[], skip: { start: number; end: number }[] = []): Mention[] {
  const words = wordsOf(text);
  const wordAt = new Map<number, number>();
  words.forEach((w, i) => wordAt.set(w.start, i));
  const inSkip = (s: number) => skip.some((r) => s >= r.start && s < r.end);
  const out: Mention[] = [];
  const sentenceStartBefore = (i: number) => {
    if (i === 0) return true;
    const gap = text.slice(words[i - 1].end, words[i].start);
    return /[.!?]["”’]?\s|\n/.test(gap) || /[.!?]$/.test(text.slice(words[i - 1].start, words[i].start).trim());
  };

  for (const m of raw) {
    if (inSkip(m.start)) continue;
    // Word indices covered by the span.
    let i0 = words.findIndex((w) => w.end > m.start);
    if (i0 < 0) continue;
    let i1 = i0;
    while (i1 + 1 < words.length && words[i1 + 1].start < m.end) i1++;
    let kind = m.kind;
    // Split possessives: "Russia's Rostov Region" -> "Russia", "Rostov Region".
    for (let k = i0; k < i1; k++) {
      // "Korean People's Army" is one name; "Russia's Rostov Region" is two.
      if (/[’']s$/.test(words[k].text) && !(k > i0 && ORG_HEADS.test(words[i1].text))) {
        if (kind !== 'person') out.push(...repairMentions(text, [{ ...m, end: words[k].end }], skip));
        i0 = k + 1;
      }
    }
    // "Moscow and Pyongyang": two names.
    for (let k = i0 + 1; k < i1; k++) {
      if (words[k].text === 'and' && kind !== 'organization') {
        out.push(...repairMentions(text, [{ ...m, end: words[k - 1].end }], skip));
        i0 = k + 1;
      }
    }
    // Leading titles and lowercase words become the role.
    let roleStart = -1;
    while (i0 <= i1 && (TITLE_WORDS.has(words[i0].text) || !isCap(words[i0].text) || (kind === 'person' && NATIONALITY_RE.test(words[i0].text) && i0 < i1 - 1))) {
      if (roleStart < 0) roleStart = i0;
      i0++;
    }
    // Trailing lowercase words ("Amur region", "Sputnik agency") are not part of the name.
    while (i1 >= i0 && !isCap(words[i1].text)) i1--;
    if (i1 < i0) continue;
    // Complete names compromise stops short of: "Kim Jong" + "Un", "An Chan-" + "il", "Munitions Industry" + "Department".
    while (i1 + 1 < words.length) {
      const gap = text.slice(words[i1].end, words[i1 + 1].start);
      const nxt = words[i1 + 1].text;
      if (gap === '' || gap === '-') {
        if (gap === '-' || /^[\p{Ll}]/u.test(nxt)) { i1++; continue; }
      }
      if (!/^[ \t]$/.test(gap)) break;
      if (isCap(nxt) && !TITLE_WORDS.has(nxt) && !NOT_NAMES.has(nxt) && !/[’']s$/.test(words[i1].text)) { i1++; continue; }
      // "World Institute for North Korea Studies", "University of Oslo"
      if (kind !== 'person' && CONNECTORS.has(nxt) && i1 + 2 < words.length && isCap(words[i1 + 2].text) && /^[ \t]$/.test(text.slice(words[i1 + 1].end, words[i1 + 2].start))) { i1 += 2; continue; }
      break;
    }
    let name = cleanName(text.slice(words[i0].start, words[i1].end));
    if (!name || NOT_NAMES.has(name) || name.length < 2) continue;
    const toks = name.split(' ');
    if (toks.every((t) => NOT_NAMES.has(t) || NATIONALITY_RE.test(t))) continue;
    // An all-caps first word is an agency, not a person ("RIA Novosti"), unless it is a photo credit surname.
    if (kind === 'person' && /^[\p{Lu}]{2,}$/u.test(toks[0])) kind = 'organization';
    if (kind !== 'person' && ORG_HEADS.test(toks[toks.length - 1])) kind = 'organization';
    if (PLACE_HEADS.test(toks[toks.length - 1])) kind = 'place';
    const start = words[i0].start;
    const mention: Mention = { name, kind, start, end: start + name.length };
    const role = kind === 'person' ? roleBefore(text, words, roleStart >= 0 ? roleStart : i0, i0) ?? roleAfter(text, start + name.length) : undefined;
    if (role) mention.role = role;
    out.push(mention);
  }

  // Capitalised names compromise misses: agencies in capitals, and multi-word names ending in an org or place head.
  for (let i = 0; i < words.length; i++) {
    if (inSkip(words[i].start)) continue;
    const w = words[i].text;
    if (/^[\p{Lu}]{2,6}$/u.test(w) && !NOT_NAMES.has(w) && !/^(I|II|III|IV|US|UK|UN|EU|AM|PM)$/.test(w)) {
      out.push({ name: w, kind: 'organization', start: words[i].start, end: words[i].end });
      continue;
    }
    if (!isCap(w) || TITLE_WORDS.has(w) || NOT_NAMES.has(w)) continue;
    let j = i;
    while (j + 1 < words.length && /^[ \t]$/.test(text.slice(words[j].end, words[j + 1].start))) {
      const n = words[j + 1].text;
      if (isCap(n) && !NOT_NAMES.has(n) && !/[’']s$/.test(words[j].text)) j++;
      else if (CONNECTORS.has(n) && j + 2 < words.length && isCap(words[j + 2].text)) j += 2;
      else break;
    }
    if (j === i && /^(Kremlin|Pentagon|Vatican|Elysee|Knesset|Bundestag|Duma)$/.test(w.replace(/[’']s$/, ''))) {
      out.push({ name: w.replace(/[’']s$/, ''), kind: 'organization', start: words[i].start, end: words[i].start + w.replace(/[’']s$/, '').length });
    }
    if (j > i) {
      const last = words[j].text.replace(/[’']s$/, '');
      const kind: EntityKind | undefined = ORG_HEADS.test(last) ? 'organization' : PLACE_HEADS.test(last) ? 'place' : undefined;
      if (kind && !(sentenceStartBefore(i) && NOT_NAMES.has(w))) {
        let a = i;
        while (a < j && (TITLE_WORDS.has(words[a].text) || NATIONALITY_RE.test(words[a].text) && kind === 'organization' && false)) a++;
        const name = cleanName(text.slice(words[a].start, words[j].end));
        out.push({ name, kind, start: words[a].start, end: words[a].start + name.length });
      }
      // a single "Cosmodrome"-less run such as "Vladimir Tikhonov" is left to compromise
      i = j;
    }
  }
  // People compromise misses, named next to a speech verb or after a role noun: "said Siemon Wezeman", "analyst Ankit Panda".
  const personRe = /(?:\b(?:said|says|told|according to|by)\s+|\b(?:analyst|expert|researcher|professor|spokesman|spokeswoman|official|minister|director|envoy|leader|president)\s+)([\p{Lu}][\p{Ll}'’-]+(?:[ \t][\p{Lu}][\p{Ll}'’-]+){1,2})/gu;
  for (const m of text.matchAll(personRe)) {
    let name = cleanName(m[1]);
    let start = m.index! + m[0].length - m[1].length;
    while (TITLE_WORDS.has(name.split(' ')[0]) && name.includes(' ')) {
      const t = name.split(' ')[0];
      name = name.slice(t.length + 1);
      start += t.length + 1;
    }
    if (!name.includes(' ')) continue;
    if (inSkip(start) || name.split(' ').some((t) => NOT_NAMES.has(t) || ORG_HEADS.test(t) || PLACE_HEADS.test(t))) continue;
    const k = words.findIndex((w) => w.start === start);
    const role = k >= 0 ? roleBefore(text, words, k, k) : undefined;
    out.push({ name, kind: 'person', start, end: start + name.length, ...(role ? { role } : {}) });
  }
  return dedupe(out);
}

/** The role written before a name: title words compromise glued on, and the noun phrase ending in a role noun. */
function roleBefore(text: string, words: Word[], from: number, nameStart: number): string | undefined {
  let a = from;
  // Extend back over the noun phrase: "Russia's natural resources minister", "Kremlin spokesman", "Putin's press secretary".
  while (a > 0 && nameStart - a < 6) {
    const prev = words[a - 1];
    const gap = text.slice(prev.end, words[a].start);
    if (!/^[ \t]+$/.test(gap)) break;
    if (/^(the|a|an|and|with|by|of|to|said|says|told|meeting|met|meets|including|as|on|at|in|from|for|while|but|shows|showed|thanked|greeted|praised|accompanied|did|does|was|is|are|were|has|had|have|visited|hosted|called|named|added|congratulated|joined|when|where|who|that)$/i.test(prev.text)) break;
    if (/[’']s$/.test(prev.text)) break;
    a--;
  }
  const phrase = words.slice(a, nameStart).map((w) => w.text);
  // The role must end, right before the name, in a role noun or a title.
  const last = phrase[phrase.length - 1];
  if (!last || !(ROLE_NOUN_RE.test(last) || TITLE_WORDS.has(last))) return undefined;
  return phrase.join(' ');
}

/** An appositive role after a name: "An Chan-il, a defector-turned-researcher who ...", "Vladimir Tikhonov, professor of Korean studies". */
function roleAfter(text: string, end: number): string | undefined {
  const m = /^,\s+(?:an?\s+|the\s+)?((?:[\p{L}-]+\s+){0,5}?(?:[\p{L}-]*(?:researcher|professor|expert|analyst|spokesman|spokeswoman|minister|official|director|leader|president|defector|secretary|envoy|ambassador|adviser|historian|economist|scholar))(?:\s+(?:of|in|at|for)\s+[\p{L}\s-]{1,40}?)?)(?=,|\s+who\b|\.)/u.exec(text.slice(end, end + 120));
  return m ? m[1].trim() : undefined;
}

function dedupe(ms: Mention[]): Mention[] {
  ms.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Mention[] = [];
  for (const m of ms) {
    const prev = out[out.length - 1];
    if (prev && m.start < prev.end) {
      // Overlap: keep the longer; a person beats an org/place of the same span (compromise disagrees with itself).
      if (m.end - m.start > prev.end - prev.start) out[out.length - 1] = { ...m, role: m.role ?? prev.role };
      else if (!prev.role && m.role) prev.role = m.role;
      continue;
    }
    out.push(m);
  }
  return out;
}

/** Builds entities from all mentions, grouping aliases. Returns the entities and each mention's entity id. */
export function groupEntities(mentions: { m: Mention; sourceId: string; passage: number }[]): { entities: Entity[]; idOf: (i: number) => string | undefined } {
  const byName = new Map<string, { kind: Map<EntityKind, number>; count: number }>();
  for (const { m } of mentions) {
    const e = byName.get(m.name) ?? { kind: new Map(), count: 0 };
    e.kind.set(m.kind, (e.kind.get(m.kind) ?? 0) + 1);
    e.count++;
    byName.set(m.name, e);
  }
  const kinds = new Map<string, EntityKind>();
  const kindOf = (n: string): EntityKind => {
    let kind = kinds.get(n);
    if (!kind) { kind = [...byName.get(n)!.kind.entries()].sort((a, b) => b[1] - a[1])[0][0]; kinds.set(n, kind); }
    return kind;
  };
  const names = [...byName.keys()];
  // Multi-word people are canonical candidates; a name that is a word-prefix of a longer person merges into it ("Kim Jong").
  // Looked up through maps of word prefixes and of first and last words, not by scanning every
  // person per name: an archive knows tens of thousands of people.
  const canonicalOf = new Map<string, string>();
  const people = names.filter((n) => kindOf(n) === 'person' && n.includes(' '));
  const byPrefix = new Map<string, string[]>(), byFirst = new Map<string, string[]>(), byLast = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, k: string, v: string) => { const l = map.get(k); if (l) l.push(v); else map.set(k, [v]); };
  for (const p of people) {
    const t = p.split(' ');
    for (let k = 1; k < t.length; k++) add(byPrefix, t.slice(0, k).join(' '), p);
    add(byFirst, t[0], p);
    add(byLast, t[t.length - 1], p);
  }
  for (const n of people) {
    const longer = byPrefix.get(n) ?? [];
    canonicalOf.set(n, longer.length === 1 ? longer[0] : n);
  }
  // Single words resolve to the one multi-word person whose first or last word they are ("Putin", "Kim").
  for (const n of names) {
    if (n.includes(' ') || canonicalOf.has(n)) continue;
    const owners = new Set<string>();
    for (const p of byLast.get(n) ?? []) owners.add(canonicalOf.get(p)!);
    if (byName.get(n)!.kind.has('person')) for (const p of byFirst.get(n) ?? []) owners.add(canonicalOf.get(p)!);
    if (owners.size === 1) canonicalOf.set(n, [...owners][0]);
  }
  // Everything else stands for itself; compromise's kind disagreements are settled by the majority.
  for (const n of names) if (!canonicalOf.has(n)) canonicalOf.set(n, n);
  // Canonical people: the most frequent full form is the name.
  const entities = new Map<string, Entity>();
  const ids: (string | undefined)[] = [];
  mentions.forEach(({ m, sourceId, passage }) => {
    const id = canonicalOf.get(m.name)!;
    let e = entities.get(id);
    if (!e) {
      e = { id, name: id, kind: kindOf(id), aliases: [], roles: [], sources: [], passages: [] };
      entities.set(id, e);
    }
    if (!e.aliases.includes(m.name)) e.aliases.push(m.name);
    if (m.role && !e.roles.some((r) => r.toLowerCase() === m.role!.toLowerCase())) e.roles.push(m.role);
    if (e.sources[e.sources.length - 1] !== sourceId) e.sources.push(sourceId); // mentions come in source order
    if (e.passages[e.passages.length - 1] !== passage) e.passages.push(passage);
    ids.push(id);
  });
  // A person's single-word alias that is also a standalone person entity should not shadow it.
  return { entities: [...entities.values()], idOf: (i) => ids[i] };
}

let lexicon: Record<string, string> | undefined;
function lexiconTag(word: string): string | undefined {
  lexicon ??= (nlp as unknown as { model(): { one: { lexicon: Record<string, string> } } }).model().one.lexicon;
  return lexicon[word.toLowerCase()];
}
const PERSON_TAGS = /MaleName|FemaleName|FirstName|Person/;
const PLACE_TAGS = /Country|City|Region|Place/;

/** Name spans found by looking capitalised runs up in compromise's lexicon: cheap, context-free. */
export function lexiconMentions(text: string): Mention[] {
  const out: Mention[] = [];
  const re = /[\p{Lu}][\p{L}'’.-]*(?:[ \t]+(?:[\p{Lu}][\p{L}'’.-]*))*/gu;
  for (const m of text.matchAll(re)) {
    let words = m[0].split(/[ \t]+/);
    let start = m.index!;
    // Leading titles, nationalities and sentence-initial words are not part of the name.
    while (words.length > 1 && (TITLE_WORDS.has(words[0]) || (NATIONALITY_RE.test(words[0]) && !/^(North|South|East|West|Eastern|Western)$/.test(words[0])) || NOT_NAMES.has(words[0]) || /Pronoun|Determiner|Preposition|Conjunction/.test(lexiconTag(words[0]) ?? ''))) {
      start += m[0].slice(start - m.index!).indexOf(words[1]);
      words = words.slice(1);
    }
    const first = words[0].replace(/[’']s$|[.]$/, '');
    const last = words[words.length - 1].replace(/[’']s$|[.]$/, '');
    const startOfSentence = /(^|[.!?]["”’]?\s+|\n\s*)$/.test(text.slice(Math.max(0, start - 4), start));
    let kind: EntityKind | undefined;
    if (words.length >= 2 && (PERSON_TAGS.test(lexiconTag(first) ?? '') || TITLE_WORDS.has(first) || /LastName/.test(lexiconTag(last) ?? ''))) kind = 'person';
    else if (ORG_HEADS.test(last) || /Organization/.test(lexiconTag(words.join(' ')) ?? lexiconTag(last) ?? '')) kind = 'organization';
    else if (PLACE_HEADS.test(last) || PLACE_TAGS.test(lexiconTag(words.join(' ')) ?? '') || (words.length === 1 && PLACE_TAGS.test(lexiconTag(first) ?? ''))) kind = 'place';
    else if (words.length === 1 && /LastName/.test(lexiconTag(first) ?? '') && !startOfSentence) kind = 'person';
    if (!kind) continue;
    const name = words.join(' ');
    out.push({ name, kind, start, end: start + m[0].length - (start - m.index!) });
  }
  return out;
}
