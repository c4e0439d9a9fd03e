// Names in the corpus: people, places and organisations found with compromise, cleaned up,
// completed where compromise stops short, and grouped so that every alias resolves to one entity.
import nlp from 'compromise';
import type { Entity, EntityKind } from '../types';

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
/** Lower-case heads of administrative areas that stay part of a place's name: "in Amur region" names the Amur Region. */
const AREA_HEAD_LC = /^(region|province|oblast|krai|prefecture|governorate)$/;
/**
 * Heads after which the leading words alone name the same place or body: "Vostochny Cosmodrome" is also
 * "Vostochny", "Rostov Region" "Rostov", "Wagner Group" "Wagner". (Not "Kyiv Post", "Narita Airport",
 * "Ho Chi Minh City", "Rhode Island", "Hood River", "Palm Desert": there the leading words name
 * something else, or nothing.)
 */
const SHORT_FORM_HEADS = /^(Cosmodrome|Spaceport|Region|Oblast|Province|Prefecture|Krai|Governorate|County|District|Territory|Group)$/;
/** Of those, the heads whose leading words may be several: "Nizhny Novgorod Region". ("Beaumont Navigation District" is not "Beaumont Navigation".) */
const AREA_HEADS = /^(Region|Oblast|Province|Prefecture|Krai|Governorate)$/;
/** Heads a draft may write in lower case and still mean the name: "Rostov region", "the Vostochny cosmodrome", "the Wagner group". */
const LOWERCASE_HEADS = /^(Cosmodrome|Spaceport|Region|Oblast|Province|Prefecture|Krai|County|District|Territory|Governorate|Peninsula|Island|Islands|River|Mountains|Desert|Airport|Station|Base|Ministry|Department|Agency|Council|Committee|Commission|Army|Navy|Party|Group|Service)$/;
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
const ACRONYM = /^[\p{Lu}]{2,6}$/u;
/** A generic head noun ending an organisation or place name ("Ministry", "Nations", "Cosmodrome", "Region"). */
const isHead = (w: string) => { const b = w.replace(/[’']s$/, ''); return ORG_HEADS.test(b) || PLACE_HEADS.test(b); };
const capitalise = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** True for a head a draft may write in lower case after the name ("Rostov region" for "Rostov Region"). */
export function isLowercaseHead(head: string): boolean {
  return LOWERCASE_HEADS.test(capitalise(head));
}

/**
 * The leading words of a place or organisation name ending in a generic head, when those words
 * alone name it: "Vostochny Cosmodrome" -> "Vostochny", "Rostov Region" -> "Rostov". Not when a
 * leading word is an ordinary word or title ("Foreign", "White", "Far East"), or names a place of
 * its own in compromise's lexicon ("Moscow Region": "Moscow" is the city).
 */
export function shortFormOf(name: string): string | undefined {
  const t = name.split(' ');
  if (t.length < 2 || t.length > 4 || !SHORT_FORM_HEADS.test(t[t.length - 1]) || (t.length > 2 && !AREA_HEADS.test(t[t.length - 1]))) return undefined;
  const lead = t.slice(0, -1);
  const org = ORG_HEADS.test(t[t.length - 1]);
  for (const w of lead) {
    if (!isCap(w) || /[’'.]/.test(w) || w.length < 3 || isHead(w) || TITLE_WORDS.has(w) || NOT_NAMES.has(w) || NATIONALITY_RE.test(w) || CONNECTORS.has(w.toLowerCase())) return undefined;
    const tag = lexiconTag(w);
    // An unknown word is the specific name; a body may also be named after a person ("Wagner Group").
    if (tag !== undefined && !(org && /Person|FirstName|LastName|MaleName|FemaleName/.test(tag) && !PLACE_TAGS.test(tag))) return undefined;
  }
  return lead.join(' ');
}

const NAME_TAGS = /Person|FirstName|LastName|MaleName|FemaleName|Place|City|Country|Region|Organization/;
/** A word compromise's lexicon knows as an ordinary word (noun, verb, adjective...), not as a name. */
function isCommonWord(w: string): boolean {
  const tag = lexiconTag(w.replace(/[’']s$/, ''));
  return tag !== undefined && !NAME_TAGS.test(tag);
}
/** A demonym ("Ukrainian", "Russian"; not "North", "South"): it qualifies the name after it, it is not part of it. */
export function isDemonym(w: string): boolean {
  return /Demonym/.test(lexiconTag(w) ?? '') || (NATIONALITY_RE.test(w) && !/^(North|South|Eastern|Western)$/.test(w));
}

/**
 * Where news prose names the outlet someone spoke to, before the name: "told", "speaking to", "sent to".
 * ("according to" is left out: it is as often followed by a person or a document.)
 */
const SOURCE_SLOT_RE = /\b(?:told|(?:[Ss]peaking|[Tt]alking|spoke|speak|speaks|talked|sent|statement|comments|remarks)[ \t]+to)[ \t]+([\p{Lu}][\p{L}\p{N}&'’-]*(?:[ \t][\p{Lu}][\p{L}\p{N}&'’-]*){0,3})/gu;

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

/** Whether the line holding `pos` is set in title case (a headline left in the body): there capitals do not mark names. */
function titleCaseLine(text: string, pos: number): boolean {
  const a = text.lastIndexOf('\n', pos) + 1;
  let b = text.indexOf('\n', pos);
  if (b < 0) b = text.length;
  const line = text.slice(a, b).trim();
  if (/[.!?]["”’)]?$/.test(line)) return false;
  const long = (line.match(/\p{L}[\p{L}'’-]*/gu) ?? []).filter((w) => w.length > 3);
  return long.length >= 4 && long.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.8 * long.length;
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

/** What the name finders read of one compromise term (its offset once `compute('offset')` has run). */
interface TaggedTerm { pre?: string; text?: string; normal?: string; post?: string; offset: { start: number } }

/**
 * compromise's reading of a text, without its last pass (noun-phrase chunks, which the name finders
 * do not read): the same tags and names in about 8% less time.
 */
function tagged(text: string): ReturnType<typeof nlp> {
  const world = nlp.world() as { hooks: string[] };
  const hooks = world.hooks;
  world.hooks = hooks.filter((h) => h !== 'chunks');
  try { return nlp(text); } finally { world.hooks = hooks; }
}

/** Finds name mentions in one text with compromise, then repairs them. `skip` ranges (headlines) are ignored. */
export function extractMentions(text: string, skip: { start: number; end: number }[] = [], mode: NlpMode = 'full'): Mention[] {
  if (mode === 'fast') return repairMentions(text, lexiconMentions(text), skip);
  const raw: Mention[] = [];
  // compromise tags sentence by sentence, so only the runs of sentences that can hold a name are
  // given to it, each at its offset: the same spans, without tagging "He said the talks went well."
  for (const run of nameRuns(text)) {
    const doc = tagged(text.slice(run.start, run.end));
    // Each match's text and offset as compromise's json({ offset: true }) gives them, read from its terms
    // directly: json() copies every term of every match, a tenth of the time of tagging.
    doc.compute('offset');
    const take = (view: unknown, kind: EntityKind) => {
      for (const terms of (view as unknown as { docs: TaggedTerm[][] }).docs) {
        if (!terms.length) continue;
        let name = '';
        for (const t of terms) name += (t.pre ?? '') + (t.text || t.normal || '') + (t.post ?? '');
        name = name.trim();
        const start = run.start + terms[0].offset.start;
        // compromise starts the span at the first word but counts the punctuation before it in the
        // length ("-- ed.." is 7 long from "ed"): without it the span can run into the next paragraph.
        const lead = terms[0].pre?.length ?? 0;
        raw.push({ name, kind, start, end: start + name.length - lead });
      }
    };
    take(doc.people(), 'person');
    take(doc.places(), 'place');
    take(doc.organizations(), 'organization');
  }
  return repairMentions(text, raw, skip);
}

/** The lexicon's tags of words that never begin a name (a name span is trimmed to capitalised words, see repairMentions). */
const NEVER_NAME_TAGS = /^(Determiner|Pronoun|Preposition|Conjunction|Adverb|Copula|Modal|QuestionWord)$/;
const CAPITAL = /\p{Lu}/u;

/**
 * The stretches of `text` (whole compromise sentences, neighbours joined) in which compromise can
 * find a name. A name span keeps only capitalised words at its ends, so a sentence with no capital
 * letter but in its first word, where that word is a determiner, pronoun, preposition and the like
 * ("He", "The", "But"), holds none and is left out. The whole text when compromise's sentences
 * cannot be followed.
 */
export function nameRuns(text: string): { start: number; end: number }[] {
  const starts = taggerSentenceStarts(text);
  if (!starts) return [{ start: 0, end: text.length }];
  const runs: { start: number; end: number }[] = [];
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k], end = k + 1 < starts.length ? starts[k + 1] : text.length;
    const sentence = text.slice(start, end);
    const first = /[^\s]+/.exec(sentence);
    const rest = first ? sentence.slice(first.index + first[0].length) : '';
    const word = first ? first[0].replace(/[^\p{L}'’-]/gu, '') : '';
    const nameless = !CAPITAL.test(rest) && (!CAPITAL.test(word) || NEVER_NAME_TAGS.test(lexiconTag(word) ?? ''));
    if (nameless) continue;
    const last = runs[runs.length - 1];
    if (last && last.end === start) last.end = end;
    else runs.push({ start, end });
  }
  return runs;
}

/**
 * Where compromise's own sentence splitter starts each sentence of `text` (ascending offsets), or
 * undefined if its sentences do not add up to the text. compromise tags sentence by sentence, so a
 * text cut where one of these starts is tagged piece by piece as it is whole (used to analyse long
 * articles in pieces; the split alone is cheap: about 0.2 s for 5 MB).
 */
export function taggerSentenceStarts(text: string): number[] | undefined {
  const split = (nlp as unknown as { methods(): { one: { tokenize: { splitSentences(t: string, w: unknown): string[] } } } }).methods().one.tokenize;
  const sentences = split.splitSentences(text, nlp.world());
  const starts: number[] = [];
  let at = 0;
  for (const s of sentences) {
    if (text.startsWith(s, at) === false) return undefined;
    starts.push(at);
    at += s.length;
  }
  return at === text.length ? starts : undefined;
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

  // One raw span; a span holding two names is split and each part repaired the same way.
  const repairOne = (m: Mention): void => {
    if (inSkip(m.start)) return;
    // Word indices covered by the span.
    let i0 = words.findIndex((w) => w.end > m.start);
    if (i0 < 0) return;
    let i1 = i0;
    while (i1 + 1 < words.length && words[i1 + 1].start < m.end) i1++;
    let kind = m.kind;
    // Split possessives: "Russia's Rostov Region" -> "Russia", "Rostov Region".
    for (let k = i0; k < i1; k++) {
      // "Korean People's Army" is one name; "Russia's Rostov Region" is two.
      if (/[’']s$/.test(words[k].text) && !(k > i0 && ORG_HEADS.test(words[i1].text))) {
        if (kind !== 'person') repairOne({ ...m, end: words[k].end });
        i0 = k + 1;
      }
    }
    // "Moscow and Pyongyang": two names.
    for (let k = i0 + 1; k < i1; k++) {
      if (words[k].text === 'and' && kind !== 'organization') {
        repairOne({ ...m, end: words[k - 1].end });
        i0 = k + 1;
      }
    }
    // Leading titles and lowercase words become the role.
    let roleStart = -1;
    while (i0 <= i1 && (TITLE_WORDS.has(words[i0].text) || !isCap(words[i0].text) || (kind === 'person' && NATIONALITY_RE.test(words[i0].text) && i0 < i1 - 1))) {
      if (roleStart < 0) roleStart = i0;
      i0++;
    }
    // Trailing lowercase words ("Amur region", "Sputnik agency") are not part of the name (the head of an
    // administrative area is put back below).
    while (i1 >= i0 && !isCap(words[i1].text)) i1--;
    if (i1 < i0) return;
    const compromiseEnd = i1;
    let areaHead = false;
    // Complete names compromise stops short of: "Kim Jong" + "Un", "An Chan-" + "il", "Munitions Industry" + "Department".
    while (i1 + 1 < words.length) {
      const gap = text.slice(words[i1].end, words[i1 + 1].start);
      const nxt = words[i1 + 1].text;
      // "in Amur region" names the Amur Region. ("county", "district", "territory" are left out: "the
      // historic Delta district", "Democratic district leaders".)
      if (kind === 'place' && gap === ' ' && AREA_HEAD_LC.test(nxt) && !/[’']s$/.test(words[i1].text) && !isCommonWord(words[i1].text) && !isDemonym(words[i1].text)) {
        i1++;
        areaHead = true;
        break;
      }
      if (gap === '' || gap === '-') {
        if (gap === '-' || /^[\p{Ll}]/u.test(nxt)) { i1++; continue; }
      }
      if (!/^[ \t]$/.test(gap)) break;
      if (isCap(nxt) && !TITLE_WORDS.has(nxt) && !NOT_NAMES.has(nxt) && !/[’']s$/.test(words[i1].text)) { i1++; continue; }
      // "World Institute for North Korea Studies", "University of Oslo"
      if (kind !== 'person' && CONNECTORS.has(nxt) && i1 + 2 < words.length && isCap(words[i1 + 2].text) && /^[ \t]$/.test(text.slice(words[i1 + 1].end, words[i1 + 2].start))) { i1 += 2; continue; }
      break;
    }
    // A name compromise found ending in a head noun is not carried on over capitalised words that do not
    // end in one: "a 2009 United Nations Security Resolution" names the United Nations. ("Federal Bureau"
    // + "of Investigation" is one name: an "of" phrase is not cut off.)
    if (kind !== 'person' && !areaHead && i1 > compromiseEnd && compromiseEnd > i0 && isHead(words[compromiseEnd].text) && !isHead(words[i1].text) &&
        !words.slice(compromiseEnd + 1, i1 + 1).some((w) => CONNECTORS.has(w.text.toLowerCase()))) i1 = compromiseEnd;
    // An agency's acronym before ordinary words is the name alone: "SBU Drones Hit Oil Depot" (a headline) -> "SBU".
    // In a title-case line even a run ending in a head is no name: "NABU Agents Raid Port Office".
    if (kind !== 'person' && !areaHead && i1 > i0 && ACRONYM.test(words[i0].text) && isCommonWord(words[i0 + 1].text) &&
        (!isHead(words[i1].text) || titleCaseLine(text, words[i0].start))) i1 = i0;
    let name = cleanName(text.slice(words[i0].start, words[i1].end));
    if (areaHead) name = name.replace(/\S+$/, capitalise);
    if (!name || NOT_NAMES.has(name) || name.length < 2) return;
    const toks = name.split(' ');
    if (toks.every((t) => NOT_NAMES.has(t) || NATIONALITY_RE.test(t))) return;
    // An all-caps first word is an agency, not a person ("RIA Novosti"), unless it is a photo credit surname.
    if (kind === 'person' && /^[\p{Lu}]{2,}$/u.test(toks[0])) kind = 'organization';
    if (kind !== 'person' && ORG_HEADS.test(toks[toks.length - 1])) kind = 'organization';
    if (PLACE_HEADS.test(toks[toks.length - 1])) kind = 'place';
    const start = words[i0].start;
    const mention: Mention = { name, kind, start, end: start + name.length };
    const role = kind === 'person' ? roleBefore(text, words, roleStart >= 0 ? roleStart : i0, i0) ?? roleAfter(text, start + name.length) : undefined;
    if (role) mention.role = role;
    out.push(mention);
  };
  for (const m of raw) repairOne(m);

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
      // In a title-case headline a run of ordinary words before a head is no name ("Agents Raid Port Office").
      const headline = kind !== undefined && words.slice(i, j).some((x) => isCommonWord(x.text)) && titleCaseLine(text, words[i].start);
      if (kind && !headline && !(sentenceStartBefore(i) && NOT_NAMES.has(w))) {
        let a = i;
        while (a < j && (TITLE_WORDS.has(words[a].text) || NATIONALITY_RE.test(words[a].text) && kind === 'organization' && false)) a++;
        const name = cleanName(text.slice(words[a].start, words[j].end));
        out.push({ name, kind, start: words[a].start, end: words[a].start + name.length });
      }
      // a single "Cosmodrome"-less run such as "Vladimir Tikhonov" is left to compromise
      i = j;
    }
  }
  // Outlets and bodies compromise does not know, named where news prose names the outlet someone spoke
  // to: "told Euronews", "speaking to Euronews", "a statement sent to Euronews". A capitalised word
  // there that compromise's lexicon does not know as an ordinary word is a name.
  for (const m of text.matchAll(SOURCE_SLOT_RE)) {
    const start = m.index! + m[0].length - m[1].length;
    const parts = m[1].split(/[ \t]/);
    const ws: string[] = [];
    for (const p of parts) {
      const w = p.replace(/[’']s$/, '');
      if (!isCap(w) || TITLE_WORDS.has(w) || NOT_NAMES.has(w) || NATIONALITY_RE.test(w) || isCommonWord(w) || /Person|FirstName|MaleName|FemaleName|Place|City|Country/.test(lexiconTag(w) ?? '')) break;
      ws.push(w);
      if (w !== p) break;
    }
    if (!ws.length || inSkip(start)) continue;
    const name = ws.join(' ');
    const end = start + name.length;
    if (out.some((o) => o.start < end && start < o.end)) continue;
    out.push({ name, kind: 'organization', start, end });
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
  // A place or body named by its leading words alone is the one whose name they lead, when only one
  // does: "Vostochny" is the Vostochny Cosmodrome, "Rostov" the Rostov Region.
  const byShort = new Map<string, string | null>();
  for (const n of names) {
    if (kindOf(n) === 'person') continue;
    const short = shortFormOf(n);
    if (short === undefined) continue;
    const o = byShort.get(short);
    byShort.set(short, o === undefined || o === n ? n : null);
  }
  for (const n of names) {
    const whole = byShort.get(n);
    if (whole && !canonicalOf.has(n) && kindOf(n) !== 'person') canonicalOf.set(n, whole);
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
    let end = start + m[0].length - (start - m.index!);
    // A run whose leading words the lexicon knows as a name ending in a head names those: "United Nations
    // Security Resolution". ("New York Mets" is not "New York".)
    for (let n = words.length - 1; !kind && n >= 2; n--) {
      if (!isHead(words[n - 1])) continue;
      const tag = lexiconTag(words.slice(0, n).join(' ')) ?? '';
      kind = /Organization/.test(tag) ? 'organization' : PLACE_TAGS.test(tag) ? 'place' : undefined;
      if (!kind) continue;
      const sub = m[0].slice(start - m.index!);
      let pos = 0;
      for (let k = 0; k < n; k++) pos = sub.indexOf(words[k], pos) + words[k].length;
      words = words.slice(0, n);
      end = start + pos;
    }
    if (!kind) continue;
    const name = words.join(' ');
    out.push({ name, kind, start, end });
  }
  return out;
}

/**
 * What the name and speaker finders need from a corpus: its alias and role tables and entity
 * look-up. The corpus (a stage above) implements it; analysis never imports the corpus.
 */
export interface EntityTable {
  /** Surface alias (apostrophes folded) -> entity id; ambiguous aliases are absent. */
  readonly aliases: ReadonlyMap<string, string>;
  /** Lower-cased role phrase -> entity ids holding it. */
  readonly roles: ReadonlyMap<string, string[]>;
  getEntity(id: string): Entity | undefined;
  /** The kind of an entity, where only that is needed (cheaper than the whole entity). */
  kindOf(id: string): Entity['kind'] | undefined;
  /** The table names are looked up in, when the corpus supplies its own (an archive's index does). */
  nameTable?(): import('./names').AliasTable | undefined;
  /** Roles whose words (roleWordsOf) end with `words`, with their holders, in the corpus' order. */
  rolesEndingWith(words: string[]): [string, string[]][];
}
