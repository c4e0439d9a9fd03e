// Word-level text helpers: tokens with offsets, normalised stems, a small paraphrase lexicon.
import { stemmer } from 'stemmer';
import FORMS from './lexicon/forms.json';

export interface Token {
  /** Surface text. */
  text: string;
  /** Lower-cased, spelling-normalised form. */
  norm: string;
  /** Stem of `norm` mapped through the paraphrase lexicon: what matching compares. */
  key: string;
  start: number;
  end: number;
}

const WORD_RE = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;

/** Splits text into word tokens with UTF-16 offsets. Hyphenated and apostrophe words stay whole. */
export function tokenize(text: string, base = 0): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    let surface = m[0];
    // Trailing abbreviation dots are not part of the match; possessive 's is split off below.
    const norm = normalizeWord(surface);
    out.push({ text: surface, norm, key: keyOf(norm), start: base + m.index!, end: base + m.index! + surface.length });
  }
  return out;
}

/** Lower-case, curly apostrophes to straight, possessive removed, British spellings to one form. */
const normCache = new Map<string, string>();
export function normalizeWord(w: string): string {
  let n = normCache.get(w);
  if (n === undefined) {
    n = normalizeUncached(w);
    if (normCache.size > 200_000) normCache.clear();
    normCache.set(w, n);
  }
  return n;
}

function normalizeUncached(w: string): string {
  let s = w.toLowerCase().replace(/’/g, "'");
  s = s.replace(/'s$/, '').replace(/s'$/, 's');
  return SPELLING[s] ?? s.replace(/(?<=[lvbmndg])our$/, (x) => (s.length > 5 && !/-/.test(s) ? 'or' : x)).replace(/ise(d|s)?$/, (x, e) => (s.length > 6 ? 'ize' + (e ?? '') : x));
}

const SPELLING: Record<string, string> = {
  armoured: 'armored', defence: 'defense', programme: 'program', programmes: 'programs', kilometres: 'kilometers',
  kilometre: 'kilometer', metres: 'meters', metre: 'meter', centre: 'center', centres: 'centers', travelled: 'traveled',
  travelling: 'traveling', manoeuvres: 'maneuvers', sceptical: 'skeptical', ammo: 'ammunition',
};

// Groups of words that news copy uses interchangeably; every member maps to the first.
const PARAPHRASE_GROUPS: string[][] = [
  ['armored', 'bullet-proof', 'bulletproof', 'armor-plated'],
  ['shake', 'handshake'],
  ['facility', 'site', 'complex', 'installation'],
  ['trip', 'travel', 'visit', 'journey', 'tour'],
  ['say', 'tell', 'state', 'add', 'quote', 'announce', 'claim', 'remark'],
  ['talk', 'negotiation', 'discussion', 'discuss', 'meeting', 'summit'],
  ['weapon', 'arm', 'weaponry', 'armament', 'munition'],
  ['ammunition', 'ammo', 'shell'],
  ['deal', 'agreement', 'pact'], // not "accord": "according to" is a light word, and would make "deal" one
  ['help', 'assist', 'aid', 'support'],
  ['build', 'construct', 'develop', 'make'],
  ['meet', 'met', 'greet', 'host'],
  ['pandemic', 'covid', 'covid-19', 'coronavirus'],
  ['spaceport', 'cosmodrome', 'space center', 'launch site'],
  ['fire', 'launch', 'shoot', 'test-fire'],
  ['leader', 'head'],
  ['ministry', 'department'],
  ['country', 'nation', 'state'],
  ['rocket', 'missile', 'launcher'],
  ['car', 'limousine', 'vehicle'],
  ['photo', 'photograph', 'image', 'picture'],
  ['fail', 'failure', 'unsuccessful'],
  ['attempt', 'bid', 'try', 'effort'],
  ['sanction', 'embargo'],
  ['spokesman', 'spokeswoman', 'spokesperson', 'press secretary'],
  ['korea', 'korean', 'dprk'],
  ['soviet', 'ussr'],
];
const PARAPHRASE = new Map<string, string>();
for (const group of PARAPHRASE_GROUPS) {
  const head = stemmer(group[0]);
  for (const w of group) PARAPHRASE.set(stemmer(w), head);
}
// Irregular verb forms come from compromise's conjugations (scripts/build-lexicon.mjs); these are the
// forms it reads otherwise ("left" as an adjective) and the nouns the stemmer would keep apart.
const IRREGULAR: Record<string, string> = {
  ...(FORMS as Record<string, string>),
  says: 'say', left: 'leave', arms: 'arm', soviet: 'soviet',
};

const keyCache = new Map<string, string>();
/** The comparison key of a normalised word: irregular forms resolved, stemmed, paraphrase-grouped. */
export function keyOf(norm: string): string {
  let k = keyCache.get(norm);
  if (k !== undefined) return k;
  const base = IRREGULAR[norm] ?? norm;
  const st = stemmer(base);
  k = PARAPHRASE.get(st) ?? PARAPHRASE.get(base) ?? st;
  if (keyCache.size > 200_000) keyCache.clear();
  keyCache.set(norm, k);
  return k;
}

export const STOPWORDS = new Set(
  ('a an the and or but if of at by for with about against between into through during before after above below to from up down in out on off over under ' +
    'again further then once here there when where why how all any both each few more most other some such no nor not only own same so than too very ' +
    'can will just should now is are was were be been being have has had having do does did doing would could might must shall may ' +
    'i me my we our ours us you your he him his she her it its they them their what which who whom this that these those ' +
    'as also until while am s t don also ever even still yet already however though although because since which whose would').split(/\s+/),
);

/** Words that carry little meaning for matching even though they are not stop words. */
export const LIGHT_WORDS = new Set([
  'say', 'tell', 'report', 'accord', 'add', 'ask', 'mr', 'ms', 'mrs', 'year', 'week', 'day', 'month', 'time', 'new', 'like',
  'recent', 'recently', 'later', 'earlier', 'last', 'ago', 'previously', 'meanwhile', 'reportedly', 'also',
  // number words are compared as figures, not as words
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'twenty', 'thirty',
  'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'million', 'billion', 'dozen',
  'first', 'second', 'third', 'fourth', 'fifth', 'once', 'twice', 'thrice',
  // units are compared with their figures
  'km', 'kilometer', 'kilometers', 'mile', 'miles', 'meter', 'meters', 'kg', 'kilogram', 'kilograms', 'tonne', 'tonnes', 'ton', 'tons',
  'pound', 'pounds', 'liter', 'liters', 'barrel', 'barrels', 'cubic', 'percent', 'cent',
  // verbs of place that say nothing checkable on their own
  'lie', 'lies', 'located', 'situated', 'sits',
  // approximations qualify figures
  'around', 'roughly', 'nearly', 'almost', 'approximately', 'estimated', 'some', 'least',
]);
/** Comparison keys of LIGHT_WORDS (what keysWithEntities compares). */
export const LIGHT_KEYS = new Set([...LIGHT_WORDS].map((w) => keyOf(w)));

export function isContent(t: Token): boolean {
  return !STOPWORDS.has(t.norm) && t.norm.length > 0;
}

const PREFIXES = new Set(['anti', 'non', 'co', 'semi', 'multi']);
const DROP_PREFIXES = new Set(['post', 'pre', 'ex', 'self', 'well']);
/**
 * The keys a token stands for: its own key when the lexicon knows the whole word ("bullet-proof"),
 * else the keys of its hyphenated parts ("post-pandemic" -> pandemic), so compounds match their words.
 */
export function tokenKeys(t: Token): string[] {
  if (!t.norm.includes('-') || PARAPHRASE.has(stemmer(t.norm)) || PARAPHRASE.has(t.norm) || /\d/.test(t.norm)) return [t.key];
  const parts = t.norm.split('-');
  // "anti-tank" is also written "antitank": a prefix joins the word it qualifies.
  if (parts.length === 2 && PREFIXES.has(parts[0])) return [keyOf(parts.join(''))];
  return parts.filter((p) => p.length > 1 && !DROP_PREFIXES.has(p) && !STOPWORDS.has(p)).map((p) => keyOf(p));
}

/** Content-word keys of a text, for retrieval and coverage. */
export function contentKeys(text: string): string[] {
  return tokenize(text).filter(isContent).map((t) => t.key);
}

/** Replaces curly quotes and dashes with plain ones and collapses spaces, keeping length (1:1 char map). */
export function foldPunctuation(s: string): string {
  return s.replace(/[‘’‚‛]/g, "'").replace(/[“”„‟«»]/g, '"').replace(/[–—]/g, '-');
}

/** 1-based line and column of an offset. `lineStarts` from `lineStartsOf`. */
export function lineColAt(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0, hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) { if (text.charCodeAt(i + 1) === 10) i++; starts.push(i + 1); }
  }
  return starts;
}

/** Characters that end a line somewhere: CR, LF, VT, FF, NEL, LS, PS (CommonMark breaks at CR and LF; terminals, browsers and the Problems panel at the others). */
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/g;
/**
 * The other control characters: C0 but tab, DEL, C1 (NEL is a line break), and the bidirectional
 * embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder the text around
 * them on screen. The marks LRM, RLM and ALM stay: they reorder nothing beyond themselves and
 * right-to-left text needs them.
 */
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a source or a draft on one line: every line break becomes a space and every other
 * control character `control` (U+FFFD by default, so tampering shows; tabs are kept). With a
 * one-character `control`, one character in is one out, so offsets stay valid. The CLI's text
 * output, quick-fix replacements and the editor's escaping all use it.
 */
export function oneLine(s: string, control = '\uFFFD'): string {
  return s.replace(LINE_BREAK, ' ').replace(CONTROL, control);
}
