// Checks a draft against the corpus: finds names, claims and quotations, and judges each claim.
import type { Finding, Evidence, Mark, Fix, Passage, FactCheck } from '../types';
import { Corpus, keysWithEntities, numberKey } from '../corpus/corpus';
import { resolveSpeaker } from '../analysis/speakers';
import { splitSentences, paragraphsOf, type Sentence } from '../analysis/sentences';
import { findNameMentions, roleWordsOf, type NameMention } from '../analysis/names';
import { findQuotes, SPEECH_VERBS, type RawQuote } from '../analysis/quotes';
import { findFigures, comparable, agrees, type Figure } from '../analysis/numberFacts';
import { tokenize, lineStartsOf, lineColAt, STOPWORDS, isContent, oneLine } from '../analysis/text';
import { compareQuote, compareShortQuote } from './quoteMatch';
import { matchIn, commonness } from '../analysis/lexicon';
import { DATE_STAMP, isFurniture, isCaptionSentence, titlesAfterStamps } from '../analysis/furniture';
import { readAgainst, aboutOtherThing, type ClaimParts } from './facts';
import { MAX_DRAFT_BYTES, DraftTooLargeError, draftBytes } from '../analysis/limits';
import { maskMarkup, blank, DATELINE } from '../analysis/markup';

export { maskMarkup };

export { aboutOtherThing };
import { CONTRAST_CLASSES, MEANS, MEANS_CUE, UNAMBIGUOUS_MEANS, PERIODS, RELATIVE, STOP_DEMONYMS, MONTH_OR_DAY, RANKS, RANK_MODIFIERS } from '../analysis/wordLists';

/**
 * The share of a claim's other words (beyond names, figures and times, which must all be found)
 * that its passage must hold to support it. Fitted by scripts/fit-thresholds.mjs on the labelled
 * sets written by different authors (see test/eval/fit.json); never on the blind sets.
 */
export const WORDS_HELD = 0.8;
/** Weight of a claim word by its English frequency band (commonest first; rare and unlisted last). */
const WORD_WEIGHT = [0.25, 0.5, 1, 1.5, 2, 2.5];

export interface CheckOptions {
  /** Report name findings (default true). */
  names?: boolean;
  /** Report claim and quote findings (default true). */
  claims?: boolean;
}

/** Checks a draft against the corpus: names found, claims and quotes with verdicts. Offsets are UTF-16 into `text`. */
export function checkDraft(original: string, corpus: Corpus, opts: CheckOptions = {}, cache?: SentenceCache): Finding[] {
  refuseOversized(original);
  const starts = lineStartsOf(original);
  // Markup is not prose: blank it out, keeping every offset where it was.
  const text = maskMarkup(original);
  const mentions = findNameMentions(text, corpus);
  const findings: Finding[] = [];
  if (opts.names !== false) for (const m of mentions) findings.push(nameFinding(text, m, corpus));
  if (opts.claims !== false) {
    // The first mention at or after the sentence, and the last person named before it.
    let mi = 0;
    let lastPerson = -1;
    const longest = mentions.reduce((a, m) => Math.max(a, m.end - m.start), 0);
    // A dateline ("SEOUL, Sept 13 (Reuters) —") says where and when the story was filed, not a claim.
    const prose = text.replace(DATELINE, blank).replace(DATE_STAMP, blank);
    const titles = titlesAfterStamps(text);
    // Captions, credits and bylines are not the story's claims (headlines are headings already).
    const paragraphs = paragraphsOf(prose);
    const furniture = new Set(paragraphs.filter((p) => isFurniture(prose.slice(p.start, p.end))).map((p) => p.index));
    for (const s of splitSentences(prose, paragraphs)) {
      if (s.heading || furniture.has(s.paragraph) || titles.has(s.start) || isCaptionSentence(s.text)) continue;
      while (mi < mentions.length && mentions[mi].start < s.start) {
        if (corpus.kindOf(mentions[mi].id) === 'person') lastPerson = mi;
        mi++;
      }
      // The sentence is judged on its window alone, with or without a cache (see sentenceInput):
      // a cached verdict is the verdict of the same input, so incremental equals full.
      const input = sentenceInput(prose, s, mentions, mi, longest, lastPerson);
      const key = cache && input.key();
      const hit = key !== undefined ? cache!.get(key) : undefined;
      const got = hit ?? checkSentence(input.text, input.sentence, input.mentions, corpus);
      if (key !== undefined && !hit) cache!.set(key, got);
      for (const f of got) findings.push(shift(f, input.base));
    }
  }
  for (const f of findings) {
    f.text = original.slice(f.start, f.end);
    const lc = lineColAt(starts, f.start);
    f.line = lc.line;
    f.column = lc.column;
  }
  return findings.sort((a, b) => a.start - b.start || (a.kind === 'name' ? 1 : 0) - (b.kind === 'name' ? 1 : 0));
}

export { MAX_DRAFT_BYTES, DraftTooLargeError };

/** Throws DraftTooLargeError for a draft over MAX_DRAFT_BYTES (counted in UTF-8; no UTF-16 unit is less than a byte). */
function refuseOversized(text: string): void {
  if (text.length * 3 <= MAX_DRAFT_BYTES) return;
  const bytes = draftBytes(text);
  if (bytes > MAX_DRAFT_BYTES) throw new DraftTooLargeError(bytes);
}


/**
 * Findings of sentences already judged, reused across checks of the same draft. Keys are made by
 * checkDraft (see sentenceInput); values are findings with offsets relative to the key's window.
 * A cache serves one corpus: the corpus is not part of the key.
 */
export interface SentenceCache { get(key: string): Finding[] | undefined; set(key: string, v: Finding[]): void }

function shift(f: Finding, by: number): Finding {
  return { ...f, start: f.start + by, end: f.end + by, fixes: f.fixes.map((x) => ({ ...x, start: x.start + by, end: x.end + by })) };
}

/** How far checkQuote reads around a quotation of one to three words: the words before and after it. */
const QUOTE_READS_BEFORE = 80, QUOTE_READS_AFTER = 60;
/** How far judgeClaim reads past a name ("Putin's"). */
const NAME_READS_AFTER = 3;
/** A mark that findQuotes may take to open a quotation: any double one, a single one after a space or bracket. */
const MAY_OPEN_QUOTE = /[“"]|(?:^|[\s(\[—–-])[‘']/u;

/** What checkSentence is given for one sentence, in offsets relative to `base`. */
interface SentenceInput {
  base: number;
  text: string;
  sentence: Sentence;
  mentions: NameMention[];
  /** The cache key: every input above except `base`. */
  key(): string;
}

/**
 * The input of checkSentence for sentence `s`, cut down to what its verdicts can depend on and
 * moved to offset 0, so that the same sentence in the same surroundings gets the same input
 * wherever it stands in the draft.
 *
 * Why the key is complete: checkDraft calls checkSentence on exactly this input whether or not it
 * has a cache, and the key spells all of it out: the window's text, then the JSON of the sentence's
 * span in it (its text is that span; paragraph and heading are constants) and of every mention
 * passed, with all its fields (id, offsets, role, viaRole). checkSentence is a function of its
 * arguments and the corpus, which a cache is bound to (a DraftChecker has one corpus). So a cache
 * hit returns what a full check computes: incremental equals full by construction, whatever
 * checkSentence reads. Nothing else about the draft (where the sentence stands, the paragraph it is
 * in, names further away) reaches it; findings are moved back by `base` on both paths alike.
 *
 * What keeps the verdicts those of the whole draft: the window holds everything checkSentence
 * and what it calls read outside the sentence. These are, as of this writing:
 * - checkQuote, for a quotation of one to three words, the 80 characters before it and the 60
 *   after it (QUOTE_READS_BEFORE/AFTER), which may lie in the sentences around it: taken around
 *   the whole of any sentence that may hold a quotation;
 * - judgeClaim, the 3 characters after a name (NAME_READS_AFTER), which may pass the sentence end;
 * - checkRole and roleOutsideNames, a name's role and the names inside it (found by
 *   findNameMentions on the whole draft, so a role may lie outside the sentence);
 * - checkQuote, through resolveSpeaker, for a pronoun ("he said"): the last person named before
 *   the quotation, however far back. Of that mention it reads only the id, and that it stands
 *   before the quotation, so a person named before the window is passed as a stand-in at offset
 *   -1: typing between the two does not change the key, correcting the name does ("Dmitry Peskov"
 *   -> "Vladimir Tikhonov"). (The key used to hold the ids of the last three names, of any kind:
 *   a person named before three places was missed, and the quotation kept its old speaker.)
 * The mentions themselves (ids, roles) come from findNameMentions over the whole draft, and are
 * passed as found. Whoever widens one of these reads must widen the window here, or the verdict
 * is judged on less than the draft (still the same with and without a cache).
 */
function sentenceInput(prose: string, s: Sentence, mentions: NameMention[], next: number, longest: number, lastPerson: number): SentenceInput {
  // A sentence that may hold a quotation (a mark that can open one, for findQuotes) reaches as far
  // around it as checkQuote reads around any quotation in it. (Cheaper than finding its quotations.)
  const quoting = MAY_OPEN_QUOTE.test(s.text);
  let lo = s.start, hi = s.end + NAME_READS_AFTER;
  if (quoting) {
    lo = s.start - QUOTE_READS_BEFORE;
    hi = Math.max(hi, s.end + QUOTE_READS_AFTER);
  }
  // The sentence's names (those at or after `next` that start inside it) and their roles.
  for (let j = next; j < mentions.length && mentions[j].start < s.end; j++) {
    const r = mentions[j].role;
    if (r && mentions[j].end <= s.end) { lo = Math.min(lo, r.start); hi = Math.max(hi, r.end); }
  }
  lo = Math.max(0, lo);
  hi = Math.min(prose.length, hi);
  // Every name overlapping the window, in the draft's order (no mention is longer than `longest`).
  let first = next;
  while (first > 0 && mentions[first - 1].start >= lo - longest) first--;
  const picked: NameMention[] = [];
  const at = (x: number) => x - lo;
  let standIn = quoting && lastPerson >= 0;
  let standInAt = 0;
  for (let j = first; j < mentions.length && mentions[j].start < hi; j++) {
    const m = mentions[j];
    if (m.end <= lo) continue;
    if (j === lastPerson) standIn = false;
    if (j < lastPerson) standInAt++;
    picked.push({ ...m, start: at(m.start), end: at(m.end), ...(m.role ? { role: { ...m.role, start: at(m.role.start), end: at(m.role.end) } } : {}) });
  }
  // The last person named before a quotation's sentence, for its pronouns, when not in the window:
  // in its place in the draft's order of names.
  if (standIn) picked.splice(standInAt, 0, { id: mentions[lastPerson].id, start: -1, end: -1 });
  const text = prose.slice(lo, hi);
  // The sentence is its span of the window (as splitSentences makes it): the window and the span say it all.
  const sentence: Sentence = { text: text.slice(at(s.start), at(s.end)), start: at(s.start), end: at(s.end), paragraph: 0, heading: false };
  // The JSON has no raw U+0000 (it escapes it), so the key splits back at its last one: one key, one input.
  return { base: lo, text, sentence, mentions: picked, key: () => `${text}\u0000${JSON.stringify([sentence.start, sentence.end, picked])}` };
}

/**
 * Checks successive versions of one draft, re-judging only sentences whose input changed (see
 * sentenceInput): after a one-word edit only that sentence, and those whose window it reaches, are
 * analysed again; the rest keep their findings. Keeps the entries of the last check and the one
 * before it (at most `maxEntries` each), so memory follows the draft's size; a checker per open
 * document (as the engine worker keeps) keeps documents from evicting each other.
 */
export class DraftChecker {
  private previous = new Map<string, Finding[]>();
  constructor(readonly corpus: Corpus, private readonly maxEntries = 20000) {}
  check(text: string, opts: CheckOptions = {}): Finding[] {
    if (opts.claims === false) return checkDraft(text, this.corpus, opts);
    const previous = this.previous;
    const current = new Map<string, Finding[]>();
    const keep = (k: string, v: Finding[]) => { if (current.size < this.maxEntries) current.set(k, v); };
    const cache: SentenceCache = {
      get: (k) => {
        const v = current.get(k) ?? previous.get(k);
        if (v) keep(k, v);
        return v;
      },
      set: keep,
    };
    const findings = checkDraft(text, this.corpus, opts, cache);
    this.previous = current;
    return findings;
  }
  /** Sentences kept for the next check. */
  get size(): number { return this.previous.size; }
}

/** What a name's finding says about its entity, per corpus: the same for every mention, so made once. */
const nameCards = new WeakMap<Corpus, Map<string, Pick<Finding, 'entity' | 'reason' | 'evidence' | 'details'>>>();

function nameFinding(text: string, m: NameMention, corpus: Corpus): Finding {
  let cards = nameCards.get(corpus);
  if (!cards) { cards = new Map(); nameCards.set(corpus, cards); }
  let card = cards.get(m.id);
  if (!card) {
    const e = corpus.getEntity(m.id)!;
    card = {
      entity: e.name,
      reason: `${e.name}: mentioned in ${e.sources.length} source${e.sources.length === 1 ? '' : 's'}`,
      evidence: e.passages.slice(0, 3).map((pi) => evidenceOf(corpus, corpus.passage(pi), [], 1)),
      details: { roles: e.roles.slice(0, 5), sourceCount: e.sources.length, aliases: e.aliases },
    };
    if (cards.size > 5000) cards.clear();
    cards.set(m.id, card);
  }
  return { kind: 'name', text: text.slice(m.start, m.end), start: m.start, end: m.end, line: 0, column: 0, verdict: 'found', ...card, fixes: [] };
}

/** An evidence record for a passage, with marks on the words to highlight. */
export function evidenceOf(corpus: Corpus, p: Passage, marks: Mark[], score: number): Evidence {
  const s = corpus.getSource(p.sourceId)!;
  const ev: Evidence = { sourceId: s.id, title: s.title, path: s.path, line: p.line, quote: p.text, marks, score: Math.round(score * 1000) / 1000 };
  if (s.outlet) ev.outlet = s.outlet;
  if (s.date) ev.date = s.date;
  return ev;
}


function checkSentence(text: string, s: Sentence, allMentions: NameMention[], corpus: Corpus): Finding[] {
  const out: Finding[] = [];
  // The draft's names are in order of position: the sentence's are found by bisection, not by
  // reading every name of the draft for every sentence (see MentionIndex).
  const index = mentionIndex(allMentions);
  const mentions = index.inside(s.start, s.end);
  const quotes = findQuotes(s.text, s.start);
  const names = new SentenceNames(mentions, index.lastPersonBefore(s.start, corpus), corpus);
  // Quotations.
  for (const q of quotes) {
    const f = q.end - q.start > MAX_JUDGED_CHARS ? tooLongToJudge('quote', text, q) : checkQuote(text, q, names, corpus);
    if (f) out.push(f);
  }
  // Roles written next to names ("Foreign Minister Sergei Shoigu").
  for (const m of mentions) {
    const f = m.role && checkRole(text, roleOutsideNames(m, index.near(m.role.start, m.role.end), text), corpus);
    if (f) out.push(f);
  }
  // The rest of the sentence, with quotations and attributions taken out, is the claim.
  const masked = blankParts(s.text, s.start, quotes);
  const allKeys = keysByStretch(masked, s.start, mentions);
  const nonSpeech = allKeys.filter((k) => !k.startsWith('@'));
  const figures = findFigures(masked, s.start);
  const checkable = figures.length > 0 || mentions.length > 0 || quotes.length > 0 || nonSpeech.length >= 4;
  const quoteOnly = quotes.length > 0 && nonSpeech.length < 2;
  if (!checkable || quoteOnly || allKeys.length < 2) return out;
  // One claim per clause, so that a sentence with a right and a wrong fact gets both verdicts.
  const subject = allKeys.filter((k) => k.startsWith('@'));
  const inSentence = mentionIndex(mentions);
  const judge = (c: { text: string; start: number; end: number }) => {
    const cm = inSentence.inside(c.start, c.end);
    let keys = keysByStretch(c.text, c.start, cm);
    if (!keys.some((k) => k.startsWith('@'))) keys = [...keys, ...subject];
    const cf = spansInside(figures, c.start, c.end);
    const span: Sentence = { ...s, text: text.slice(c.start, c.end), start: c.start, end: c.end };
    return judgeClaim(text, span, c.text, keys, cf, cm, corpus);
  };
  const wrongRoles = out.filter((f) => f.kind === 'claim' && f.verdict === 'contradicted');
  const quoteJudged = out.some((f) => f.kind === 'quote' && f.verdict !== 'unverified');
  const quoteWrong = out.some((f) => f.kind === 'quote' && (f.verdict === 'misquoted' || f.verdict === 'misattributed'));
  for (const c of clausesOf(masked, s.start)) {
    if (c.end - c.start > MAX_JUDGED_CHARS) { out.push(tooLongToJudge('claim', text, c)); continue; }
    const f = judge(c);
    // A clause holding a wrong role is not also "supported": the role's finding speaks for it.
    if (f.verdict === 'supported' && wrongRoles.some((r) => r.start >= f.start && r.end <= f.end)) continue;
    // Nor is a sentence whose quotation is misquoted or misattributed: the attribution around it
    // ("…," Tikhonov told AFP) being right does not make the sentence right.
    if (f.verdict === 'supported' && quoteWrong) continue;
    // Nor is the attribution around a quotation the sources report ("Putin, for his part, hailed …")
    // an unverified claim of its own: the quotation's finding speaks for the sentence.
    if (f.verdict === 'unverified' && quoteJudged && keysByStretch(c.text, c.start, inSentence.overlapping(c.start, c.end)).filter((k) => !k.startsWith('@')).length < 4) continue;
    out.push(...(f.verdict === 'contradicted' ? narrowContradiction(text, c, f, judge) : [f]));
  }
  return out;
}

/**
 * The longest claim (a clause) or quotation judged, in UTF-16 code units. The longest in the
 * labelled drafts, the seeds and 88 Brown Corpus press articles are a clause of 1,105 and a
 * quotation of 921; a longer one is no sentence of reporting (a pasted table, a list of names, text
 * without punctuation), and judging one costs more than its length (each of a claim's words is
 * compared with each of its names, each of a quotation's words with each of its ellipses): it is
 * reported as not checked instead.
 */
export const MAX_JUDGED_CHARS = 4000;

function tooLongToJudge(kind: 'claim' | 'quote', text: string, c: { start: number; end: number }): Finding {
  const n = c.end - c.start;
  return {
    kind, text: text.slice(c.start, c.end), start: c.start, end: c.end, line: 0, column: 0, verdict: 'unverified',
    reason: kind === 'claim'
      ? `Not checked: too long to read as one claim (${n} characters without a full stop, semicolon or dash; claims are checked up to ${MAX_JUDGED_CHARS}).`
      : `Not checked: too long to compare as one quotation (${n} characters; quotations are compared up to ${MAX_JUDGED_CHARS}).`,
    evidence: [], fixes: [],
  };
}

/** What checkSentence asks of the draft's names, answered by bisection when they are in order of position. */
interface MentionIndex {
  /** The names inside [start, end), in the list's order (as `filter` would give them). */
  inside(start: number, end: number): NameMention[];
  /** The names that may overlap [start, end) (every one that does), in the list's order. */
  near(start: number, end: number): NameMention[];
  /** Those that do overlap [start, end). */
  overlapping(start: number, end: number): NameMention[];
  /** The last person (in the list's order) named before `at`. */
  lastPersonBefore(at: number, corpus: Corpus): NameMention | undefined;
}
const mentionIndexes = new WeakMap<NameMention[], MentionIndex>();

/**
 * An index of a list of names, made once per list. findNameMentions gives the draft's names in
 * order of start; a list in another order is read whole each time (as before), which is right for
 * any list and costs only what it did.
 */
function mentionIndex(list: NameMention[]): MentionIndex {
  let ix = mentionIndexes.get(list);
  if (ix) return ix;
  let ordered = true, longest = 0;
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && list[i].start < list[i - 1].start) ordered = false;
    longest = Math.max(longest, list[i].end - list[i].start);
  }
  // The first index whose name starts at or after `at`.
  const from = (at: number) => {
    let lo = 0, hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].start < at) lo = mid + 1; else hi = mid; }
    return lo;
  };
  let lastPerson: Int32Array | undefined;
  ix = ordered
    ? {
      inside: (a, b) => list.slice(from(a), from(b)).filter((m) => m.end <= b),
      near: (a, b) => list.slice(from(a - longest), from(b)),
      overlapping: (a, b) => list.slice(from(a - longest), from(b)).filter((m) => m.end > a),
      lastPersonBefore: (at, corpus) => {
        if (!lastPerson) {
          // For each index, the last person at or before it.
          lastPerson = new Int32Array(list.length);
          let p = -1;
          list.forEach((m, i) => { if (corpus.kindOf(m.id) === 'person') p = i; lastPerson![i] = p; });
        }
        const n = from(at);
        return n > 0 && lastPerson[n - 1] >= 0 ? list[lastPerson[n - 1]] : undefined;
      },
    }
    : {
      inside: (a, b) => list.filter((m) => m.start >= a && m.end <= b),
      near: () => list,
      overlapping: (a, b) => list.filter((m) => m.start < b && m.end > a),
      lastPersonBefore: (at, corpus) => list.filter((m) => m.start < at && corpus.kindOf(m.id) === 'person').pop(),
    };
  mentionIndexes.set(list, ix);
  return ix;
}

/**
 * The names of one sentence (in the draft's order) and the last person named before it, with what
 * checkQuote asks of them for each quotation answered from indexes made once: in a sentence of
 * thousands of quotations and names, each quotation read every name.
 */
class SentenceNames {
  /** The people named (in order) and, for each, the smallest end among it and the people before it. */
  private readonly people: NameMention[] = [];
  private readonly firstEnd: number[] = [];
  /** Per entity id: the earliest end of a person named so, and the last mention of it. */
  private readonly earliestEnd = new Map<string, number>();
  private readonly last = new Map<string, NameMention>();
  private readonly index: MentionIndex;

  constructor(readonly mentions: NameMention[], private readonly personBefore: NameMention | undefined, private readonly corpus: Corpus) {
    this.index = mentionIndex(mentions);
    for (const m of mentions) {
      this.last.set(m.id, m);
      if (corpus.kindOf(m.id) !== 'person') continue;
      this.people.push(m);
      this.firstEnd.push(Math.min(m.end, this.firstEnd[this.firstEnd.length - 1] ?? Infinity));
      this.earliestEnd.set(m.id, Math.min(m.end, this.earliestEnd.get(m.id) ?? Infinity));
    }
  }

  /**
   * What resolveSpeaker needs for a pronoun before `at`: the last person named before it, in this
   * sentence or before (it reads no other name: any other speaker phrase resolves by the corpus).
   */
  pronounContext(at: number): { start: number; end: number; id: string }[] {
    const m = this.index.lastPersonBefore(at, this.corpus) ?? this.personBefore;
    return m ? [{ start: m.start, end: m.end, id: m.id }] : [];
  }

  /** sentenceSpeaker(q, mentions, sourceSpeaker, corpus), without reading every name. */
  sentenceSpeaker(q: { start: number; parts: { start: number; end: number }[] }, sourceSpeaker: string | undefined): string | undefined {
    // The first person ending at or before the quotation (firstEnd falls as people are added), and
    // whether the source's speaker is among those that do.
    let lo = 0, hi = this.firstEnd.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (this.firstEnd[mid] <= q.start) hi = mid; else lo = mid + 1; }
    if (lo === this.people.length) return undefined;
    return sourceSpeaker !== undefined && (this.earliestEnd.get(sourceSpeaker) ?? Infinity) <= q.start ? sourceSpeaker : this.people[lo].id;
  }

  /** The sentence's last mention of `id`. */
  lastOf(id: string): NameMention | undefined {
    return this.last.get(id);
  }
}

/** The spans (in order of start, e.g. figures) inside [start, end). */
function spansInside<T extends { start: number; end: number }>(list: T[], start: number, end: number): T[] {
  let lo = 0, hi = list.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid].start < start) lo = mid + 1; else hi = mid; }
  const out: T[] = [];
  for (let i = lo; i < list.length && list[i].start < end; i++) if (list[i].end <= end) out.push(list[i]);
  return out;
}

/** The sentence's text with its quotations' parts blanked with spaces (offsets kept). */
function blankParts(text: string, base: number, quotes: RawQuote[]): string {
  const out: string[] = [];
  let at = 0;
  for (const q of quotes) for (const part of q.parts) {
    out.push(text.slice(at, part.start - base), ' '.repeat(part.end - part.start));
    at = part.end - base;
  }
  out.push(text.slice(at));
  return out.join('');
}

/** Stretches of about this many characters are given keysWithEntities one at a time. */
const KEY_STRETCH = 500;

/**
 * keysWithEntities(text, base, mentions), a stretch at a time with only the names that overlap it:
 * for each word it finds the first name holding it, reading every name of the list, which for a
 * sentence of thousands of names was quadratic. Stretches end at a space (no word is cut), a word
 * finds the same first name among those overlapping its stretch, and a name's key is repeated at
 * the join only if it would not have been (the key is dropped then): the keys are the same.
 */
function keysByStretch(text: string, base: number, mentions: NameMention[]): string[] {
  const ix = mentionIndex(mentions);
  if (text.length <= KEY_STRETCH || mentions.length < 8) return keysWithEntities(text, base, mentions);
  const keys: string[] = [];
  for (let a = 0; a < text.length;) {
    let b = Math.min(text.length, a + KEY_STRETCH);
    while (b < text.length && !/\s/.test(text[b])) b++;
    const got = keysWithEntities(text.slice(a, b), base + a, ix.overlapping(base + a, base + b));
    if (got.length && got[0].startsWith('@') && keys[keys.length - 1] === got[0]) got.shift();
    for (const k of got) keys.push(k);
    a = b;
  }
  return keys;
}

/**
 * A contradiction is reported on the comma-separated part of the clause that holds the differing
 * word ("…, some 1,500 kilometres from Vladivostok"); the other parts, when they say enough to be
 * checked, are judged on their own ("Kim Jong Un met Vladimir Putin on Sept. 13").
 */
export function narrowContradiction(text: string, c: { text: string; start: number; end: number }, f: Finding, judge: (c: { text: string; start: number; end: number }) => Finding): Finding[] {
  const at = f.fixes[0]?.start;
  if (at === undefined) return [f];
  const segs: { start: number; end: number }[] = [];
  let from = 0;
  for (const m of c.text.matchAll(/,\s+/g)) { segs.push({ start: from, end: m.index! }); from = m.index! + m[0].length; }
  segs.push({ start: from, end: c.text.length });
  if (segs.length < 2) return [f];
  const k = segs.findIndex((x) => at - c.start >= x.start && at - c.start < x.end);
  // An opening participle ("Wearing a white suit, Kim grinned") describes the main clause's subject: one fact.
  if (k < 0 || (k === 0 && /^\p{L}+ing\b/u.test(c.text))) return [f];
  const enough = (a: number, b: number) => tokenize(c.text.slice(segs[a].start, segs[b].end)).filter(isContent).length >= 3;
  // The contradicted part: the differing word's segment, widened to the left until it says something.
  let a = k;
  while (a > 0 && !enough(a, k)) a--;
  const piece = (x: number, y: number) => ({ text: c.text.slice(segs[x].start, segs[y].end), start: c.start + segs[x].start, end: c.start + segs[y].end });
  const own = piece(a, k);
  const out: Finding[] = [{ ...f, text: text.slice(own.start, own.end), start: own.start, end: own.end }];
  if (a > 0 && enough(0, a - 1)) out.push(judge(piece(0, a - 1)));
  if (k + 1 < segs.length && enough(k + 1, segs.length - 1)) out.push(judge(piece(k + 1, segs.length - 1)));
  return out;
}

// Where one fact ends and the next begins: a conjunction or relative pronoun after a comma, a
// participial phrase after a comma ("…, opening a summit that…", "…, smiling broadly"), a semicolon
// or a dash. Spaces before a dash are read from the first of them (`(?<!\s)`): a blanked-out
// quotation is a long run of spaces, and trying each of its spaces took quadratic time.
const CLAUSE_SPLIT = /[,;]\s+(?=(?:where|while|whereas|but|after|before|although|though|as|and then|which|who|whose|when|and)\b|\p{Ll}+ed\s+by\b|(?!(?:during|including|according|regarding|concerning|following|excluding|considering|pending|notwithstanding)\b)\p{Ll}+ing\b)|;\s+|(?<!\s)\s+[—–]\s+|(?<!\s)\s+--\s+/gu;

const RELATIVE_CLAUSE = /,\s+(?:who|whose|which)\b[^,;:.!?]*?,\s+/gu;

/** Clauses of a (masked) sentence worth judging on their own: at least three content words each. */
export function clausesOf(masked: string, base: number): { text: string; start: number; end: number }[] {
  const cuts = [0];
  for (const m of masked.matchAll(CLAUSE_SPLIT)) cuts.push(m.index! + m[0].length);
  // A relative clause set off by commas ("Kim, who travelled overland, toured …") ends at its
  // closing comma: what follows is the main clause, a fact of its own.
  for (const m of masked.matchAll(RELATIVE_CLAUSE)) cuts.push(m.index! + m[0].length);
  cuts.sort((a, b) => a - b);
  cuts.push(masked.length);
  const parts: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) parts.push({ start: cuts[i], end: cuts[i + 1] });
  const words = (p: { start: number; end: number }) => keysWithEntities(masked.slice(p.start, p.end), 0, []).length;
  const merged: { start: number; end: number }[] = [];
  for (const p of parts) {
    const prev = merged[merged.length - 1];
    if (prev && (words(p) < 4 || words(prev) < 4)) prev.end = p.end;
    else merged.push({ ...p });
  }
  return merged.map((p) => {
    const raw = masked.slice(p.start, p.end);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim().replace(/[,;—–-]+$/, '').trimEnd();
    return { text: t, start: base + p.start + lead, end: base + p.start + lead + t.length };
  });
}

interface Conflict {
  claim: { start: number; end: number; text: string };
  source: { start: number; end: number; text: string };
  what: string;
  noun?: string;
  /**
   * The two sides are tied to the same thing on their own: contrasting words on the same noun in
   * passages naming the same person ("Kim pulled up in a white limousine" / "Kim arrived in a black
   * limousine"). Such a conflict needs less of the rest of the sentence to be about the same fact.
   * (Figures next to the same place were tried too, and cost precision on held-out drafts.)
   */
  tied?: boolean;
}

interface Candidate { passage: Passage; overlap: number; shared: Set<string>; matched: Set<string>; conflicts: Conflict[]; agreed: Set<Figure>; meansAgree: boolean; score: number }

/** The means of transport a token names, if it names one where it stands. */
function meansOf(ts: { norm: string }[], k: number): string | undefined {
  const m = MEANS[ts[k].norm];
  if (!m) return undefined;
  if (UNAMBIGUOUS_MEANS.has(ts[k].norm)) return m;
  if (m === 'foot' && ts[k - 1]?.norm !== 'on') return undefined;
  return MEANS_CUE.test(ts[k - 1]?.norm ?? '') ? m : undefined;
}
const meansClash = (a: string, b: string) => a !== b && !((a === 'land' && (b === 'rail' || b === 'road')) || (b === 'land' && (a === 'rail' || a === 'road')));
const DEMONYM_RE = /^\p{Lu}\p{Ll}+(?:an|ian|ese|ish|i|ic)$/u;
const CONTRAST = new Map<string, number>();
CONTRAST_CLASSES.forEach((c, i) => c.forEach((w) => CONTRAST.set(w, i)));

/**
 * A capitalised word, not opening a sentence, qualifying the noun after it: "Northern Fleet",
 * "the Kazakh border". Compass words after North/South are part of a name ("South Korean").
 */
function properQualifier(ts: { text: string; norm: string }[], k: number): boolean {
  const t = ts[k], next = ts[k + 1], prev = ts[k - 1];
  if (!prev || !next || !/^\p{Lu}\p{Ll}+$/u.test(t.text) || /['’]s$/.test(t.text)) return false;
  // Inside a run of capitalised words it is part of a name ("Yonhap News Agency", "Natural
  // Resources Minister"): an outlet, a body or a title, never an attribute of the noun after it.
  if (/^\p{Lu}/u.test(prev.text) && !/['’]s$/.test(prev.text) && !STOPWORDS.has(prev.norm)) return false;
  // Before a nationality it is part of that name too ("South Korean", "East Asian").
  if (DEMONYM_RE.test(next.text)) return false;
  if (/^(north|south|east|west|the)$/.test(prev.norm) && /^\p{Lu}/u.test(prev.text)) return false;
  // The noun: a word of at least three letters, not a stop word or verb form ("Kim said").
  return /^\p{L}[\p{Ll}-]{2,}$/u.test(next.text) && !STOPWORDS.has(next.norm) && !/(ed|ing|ly)$/.test(next.norm) && !/^(said|says|told)$/.test(next.norm) && !MONTH_OR_DAY.test(next.norm);
}

function judgeClaim(text: string, s: Sentence, masked: string, keys: string[], figures: Figure[], mentions: NameMention[], corpus: Corpus): Finding {
  const uniq = [...new Set(keys)];
  const weight = (k: string) => (k.startsWith('@') ? 1.5 : Math.min(2.5, 0.5 + corpus.idf(k) / 3));
  const total = uniq.reduce((a, k) => a + weight(k), 0) || 1;
  // Numbers in digits help find the passage ("2009", "1,000"); coverage below still compares words only.
  const numbers = tokenize(s.text).filter((t) => /^\d/.test(t.norm)).map((t) => numberKey(t.norm));
  const hits = corpus.search(numbers.length ? [...uniq, ...numbers] : uniq, 12);
  const claimToks = tokenize(masked, s.start);
  const claimKeys = new Set(claimToks.map((t) => t.key));
  const inMention = (pos: number) => mentions.some((m) => pos >= m.start && pos < m.end);
  const cands: Candidate[] = hits.map(({ passage, score }) => {
    const pkeys = new Set(corpus.keysOf(passage));
    // A claim word is shared when the passage has it or a word the lexicon relates to it ("woodland" / "forest").
    // Each passage word stands for one claim word: "giving" covers "gave" or "gift", not both.
    const shared = new Set<string>();
    const matched = new Set<string>();
    for (const k of uniq) if (pkeys.has(k)) { shared.add(k); matched.add(k); }
    for (const k of uniq) {
      if (shared.has(k)) continue;
      const m = matchIn(k, pkeys, matched);
      if (m === undefined) continue;
      shared.add(k);
      matched.add(m);
    }
    const overlap = [...shared].reduce((a, k) => a + weight(k), 0) / total;
    const conflicts: Conflict[] = [];
    const agreed = new Set<Figure>();
    // Figures about the same thing must agree.
    const pf = corpus.figuresOf(passage);
    const ptoks = corpus.tokensOf(passage);
    const pKeys = new Set(ptoks.map((t) => t.key));
    for (const f of figures) {
      const same = pf.filter((g) => comparable(f, g) && !aboutOtherThing(f, g, pKeys, claimKeys, corpus));
      if (!same.length) continue;
      if (same.some((g) => agrees(f, g))) { agreed.add(f); continue; }
      // The source's figure as the draft writes it: "1,000 kilometres", not its "(620 miles)".
      const unit = (x: Figure) => x.text.split(/\s+/).pop()!.toLowerCase().replace(/s$/, '');
      const g = same.find((x) => unit(x) === unit(f)) ?? same[0];
      conflicts.push({ claim: f, source: { start: passage.start + g.start, end: passage.start + g.end, text: g.text }, what: 'figure', noun: f.head });
    }
    // Contrasting attributes of the same noun: "white limousine" vs "black limousine".
    for (let i = 0; i + 1 < claimToks.length; i++) {
      const c = claimToks[i];
      // Nationality adjectives form a class too: "the Chinese border" vs "the Mongolian border".
      const demonym = (ts: { text: string; norm: string }[], k: number) => DEMONYM_RE.test(ts[k].text) && !STOP_DEMONYMS.has(ts[k].norm) && !/^(north|south|east|west)$/.test(ts[k - 1]?.norm ?? '');
      const cls = CONTRAST.get(c.norm) ?? (i > 0 && demonym(claimToks, i) ? -1 : undefined) ?? (properQualifier(claimToks, i) && !inMention(claimToks[i + 1].start) ? -2 : undefined);
      if (cls === undefined || inMention(c.start) || inMention(claimToks[i + 1].start)) continue;
      // A capitalised word inside a sentence is part of a name ("South Korean officials"): it contrasts
      // only as a proper qualifier of its own ("Northern Fleet" / "Pacific Fleet"), not as a word of its class.
      if (cls >= 0 && i > 0 && /^\p{Lu}/u.test(c.text) && !properQualifier(claimToks, i)) continue;
      const noun = claimToks[i + 1].key;
      // A proper qualifier the passage also has elsewhere is not contradicted by another one.
      if (cls === -2 && pKeys.has(c.key)) continue;
      for (let j = 0; j + 1 < ptoks.length; j++) {
        const p = ptoks[j];
        if (ptoks[j + 1].key !== noun || p.norm === c.norm) continue;
        const pcls = CONTRAST.get(p.norm) ?? (j > 0 && demonym(ptoks, j) ? -1 : undefined) ?? (properQualifier(ptoks, j) && !claimKeys.has(p.key) ? -2 : undefined);
        // Two proper qualifiers of the same noun ("Northern Fleet" / "Pacific fleet") contrast whatever their class.
        const bothProper = properQualifier(claimToks, i) && properQualifier(ptoks, j) && !pKeys.has(c.key) && !claimKeys.has(p.key);
        if ((pcls === cls && (cls < 0 || !/^\p{Lu}/u.test(p.text))) || bothProper) {
          conflicts.push({ claim: c, source: { start: passage.start + p.start, end: passage.start + p.end, text: p.text }, what: 'attribute', noun, tied: cls >= 0 && pcls === cls && !/^\p{Lu}/u.test(c.text) && [...shared].some((k) => k.startsWith('@')) });
        }
      }
    }
    // A period counted back or forward: "last month" against "last week".
    for (let i = 1; i < claimToks.length; i++) {
      const c = claimToks[i], before = claimToks[i - 1].norm;
      if (!PERIODS.has(c.norm) || !RELATIVE.has(before)) continue;
      const j = ptoks.findIndex((p, k) => k > 0 && ptoks[k - 1].norm === before && PERIODS.has(p.norm));
      if (j < 0 || ptoks.some((p, k) => k > 0 && ptoks[k - 1].norm === before && p.norm === c.norm)) continue;
      const p = ptoks[j];
      conflicts.push({ claim: c, source: { start: passage.start + p.start, end: passage.start + p.end, text: p.text }, what: 'attribute', noun: before });
    }
    // How someone travelled: "by plane" against "overland ... in his armoured train".
    let meansAgree = false;
    for (let i = 0; i < claimToks.length; i++) {
      const m = meansOf(claimToks, i);
      if (!m) continue;
      const pm = ptoks.map((_, j) => ({ j, m: meansOf(ptoks, j) })).filter((x) => x.m);
      if (pm.some((x) => !meansClash(m, x.m!))) meansAgree = true;
      if (!pm.length || meansAgree) continue;
      const p = ptoks[pm[0].j];
      conflicts.push({ claim: claimToks[i], source: { start: passage.start + p.start, end: passage.start + p.end, text: p.text }, what: 'attribute', noun: 'means' });
    }
    return { passage, overlap, shared, matched, conflicts, agreed, meansAgree, score };
  });
  // Each candidate judged on the words it shares beyond the conflicting ones.
  cands.sort((a, b) => b.overlap - a.overlap || b.score - a.score);
  const claimEntities = uniq.filter((k) => k.startsWith('@'));
  // The same fact: most of the claim's weighted words, at least three of them (two for a short claim
  // that matches almost entirely), and a shared entity when the claim names one.
  const sameFact = (c: Candidate) =>
    (c.overlap >= 0.45 && (c.shared.size >= 3 || (c.shared.size >= 2 && c.overlap >= 0.75)) &&
    (claimEntities.length === 0 || claimEntities.some((e) => c.shared.has(e)) || c.overlap >= 0.6)) ||
    // A conflict tied to the same thing on its own needs only some of the rest in common.
    (c.conflicts.some((x) => x.tied) && c.overlap >= 0.25 && c.shared.size >= 2);
  // A conflict stands unless an at-least-as-close passage says the same thing without it: agreeing on
  // a figure, or naming the same noun with no contrasting attribute (another report of the same fact).
  // Each conflict must be answered by the other passage: a figure by an agreeing figure, an attribute
  // by the same noun without the contrast, a means of transport by the same means.
  const answers = (o: Candidate, x: Conflict) =>
    // A figure conflict is answered by a passage agreeing on that same figure (not on the weekday next to it).
    x.what === 'figure' ? o.agreed.has(x.claim as Figure) : x.noun === 'means' ? o.meansAgree : x.noun !== undefined && o.shared.has(x.noun);
  const vetoed = (c: Candidate) => cands.some((o) => o !== c && o.conflicts.length === 0 && sameFact(o) && o.overlap >= c.overlap - 0.05 &&
    c.conflicts.every((x) => answers(o, x)));
  const parts: ClaimParts = {
    keys: uniq, tokens: claimToks, figures,
    // How much a word of the claim counts: by how rare it is in English ("held" little, "limousine" much).
    weight: (k) => (k.startsWith('@') ? 1.5 : WORD_WEIGHT[commonness(k)] ?? 2.5),
    nameOf: (k) => corpus.getEntity(k.slice(1))?.name ?? k.slice(1),
    specific: (k) => commonness(k) >= 3,
    mustName: (k) => corpus.kindOf(k.slice(1)) !== 'place' && mentions.some((m) => m.id === k.slice(1) && !/^['’]s\b/.test(text.slice(m.end, m.end + 3))),
  };
  // A conflict is about the same thing only when the claim and the passage speak of the same
  // subject: a name they share, or words beside the thing measured (three, or two with one that is
  // not common: "the talks with the delegations lasted … hours"). "They distribute equipment in 11 states" shares "states" and
  // little else with "the two states", and is not contradicted by it.
  const subjectAgrees = (c: Candidate) => {
    if ([...c.shared].some((k) => k.startsWith('@'))) return true;
    // The same words, not words the lexicon relates ("equipment" is not the "arms" of another story).
    const own = new Set(corpus.keysOf(c.passage));
    const beside = [...c.shared].filter((k) => own.has(k) && !c.conflicts.some((x) => x.noun === k));
    return beside.length >= 3 || (beside.length >= 2 && beside.some((k) => commonness(k) >= 3));
  };
  // And the passage must name everyone the claim names (the summit "in four years" is not the 75
  // years of the country its passage is about, which names no Putin).
  const contra = cands.find((c) => c.conflicts.length > 0 && sameFact(c) && !vetoed(c) && subjectAgrees(c) && readAgainst(parts, corpus, c.passage).facts.every((f) => f.kind !== 'who' || f.status === 'found'));
  const base = { kind: 'claim' as const, text: s.text, start: s.start, end: s.end, line: 0, column: 0 };
  if (contra) {
    const c = contra.conflicts[0];
    const marks = marksFor(corpus, contra.passage, contra.matched, contra.conflicts);
    const fixes: Fix[] = contra.conflicts
      .filter((x) => x.claim.end <= s.end)
      .slice(0, 1)
      .map((x) => ({ title: `Use the source's ${x.what === 'figure' ? 'figure' : 'wording'}: “${x.source.text}”`, start: x.claim.start, end: x.claim.end, replacement: plainText(x.source.text) }));
    return {
      ...base, verdict: 'contradicted',
      reason: `Sources say “${c.source.text}”, not “${c.claim.text}”.`,
      evidence: [evidenceOf(corpus, contra.passage, marks, contra.overlap), ...supporting(corpus, cands, contra, 2)],
      fixes,
      facts: conflictFacts(readAgainst(parts, corpus, contra.passage).facts, contra.conflicts),
    };
  }
  // Supported: one passage (with the sentences beside it in its source) holds every fact of the
  // claim: whom it names, its figures, when, the same polarity, and nearly all of its other words.
  const read = cands
    .filter((c) => c.shared.size >= 2 && c.overlap >= 0.25)
    .slice(0, 8)
    .map((c) => ({ c, r: readAgainst(parts, corpus, c.passage) }))
    .sort((a, b) => Number(b.r.slotsHeld) - Number(a.r.slotsHeld) || b.r.words - a.r.words || b.c.overlap - a.c.overlap);
  // One slot against the source: a passage that holds everything else the claim says (whom it names,
  // its other figures and times, its polarity, its words) and gives another value for one figure or
  // one part of the day ("lasted around five hours" / "around two hours"). The fix replaces exactly
  // that slot.
  const clash = read.find(({ r }) => {
    // Every name must be there, places too: a visit to Moscow in 2011 is not the visit to Vladivostok in 2019.
    if (!r.anchored || !r.namesHeld || r.words < WORDS_HELD) return false;
    const off = r.facts.filter((f) => f.status !== 'found' && f.kind !== 'what');
    return off.length === 1 && off[0].status === 'conflict' && (off[0].kind === 'figure' || off[0].kind === 'when') &&
      r.facts.some((f) => f.kind === 'who' && f.status === 'found');
  });
  if (clash) {
    const x = clash.r.facts.find((f) => f.status === 'conflict')!;
    const at = masked.indexOf(x.text);
    const fixes: Fix[] = at >= 0 && x.source ? [{ title: `Use the source's ${x.kind === 'figure' ? 'figure' : 'time'}: “${x.source}”`, start: s.start + at, end: s.start + at + x.text.length, replacement: plainText(x.source) }] : [];
    return {
      ...base, verdict: 'contradicted',
      reason: `Sources say “${x.source}”, not “${x.text}”.`,
      evidence: [evidenceOf(corpus, clash.c.passage, marksFor(corpus, clash.c.passage, clash.c.matched, []), clash.c.overlap), ...supporting(corpus, cands, clash.c, 2)],
      fixes,
      facts: clash.r.facts,
      reading: { held: false, words: round2(clash.r.words) },
    };
  }
  const readings = read.filter((x) => x.c.conflicts.length === 0);
  // Who said it is part of a reported claim: the White House saying it had seen "no evidence" is not
  // supported by an analyst saying so: the passage that says it best must name the speaker. (A
  // quotation's speaker is checked with the quotation.)
  const speaker = reportedBy(masked, s.start, mentions);
  const speaks = (p: Passage) => p.entities.includes(speaker!) || p.quotes.some((q) => q.speaker === speaker);
  const top = readings[0];
  const subjectCovered = speaker === undefined || (!!top && top.r.passages.some(speaks));
  if (top && top.r.slotsHeld && top.r.anchored && top.r.words >= WORDS_HELD && subjectCovered) {
    const used = [top.c, ...readings.slice(1).filter((x) => x.r.slotsHeld && x.r.words >= WORDS_HELD).map((x) => x.c)].slice(0, 3);
    const n = new Set(used.map((c) => c.passage.sourceId)).size;
    return {
      ...base, verdict: 'supported',
      reason: `Supported by ${n} source${n === 1 ? '' : 's'}${top.r.words < 0.95 ? ` (${Math.round(top.r.words * 100)}% of its other words found)` : ''}.`,
      evidence: used.map((c) => evidenceOf(corpus, c.passage, marksFor(corpus, c.passage, c.matched, []), c.overlap)),
      fixes: [],
      facts: top.r.facts,
      reading: { held: true, words: round2(top.r.words) },
    };
  }
  const near = cands.filter((c) => c.overlap >= 0.25).slice(0, 3);
  let reason = 'Nothing in the corpus bears on this claim.';
  const lacking = top?.r.facts.find((f) => f.status !== 'found' && f.kind !== 'what');
  if (near.length || top) {
    reason = lacking
      ? lacking.kind === 'polarity'
        ? `The closest source says it the other way round (${lacking.source}); related passages are shown.`
        : lacking.kind === 'who'
          ? `The closest passage does not name ${lacking.text}; related passages are shown.`
          : `No passage that bears on it gives “${lacking.text}”; related passages are shown.`
      : speaker !== undefined && !subjectCovered
        ? `Related passages found, but none has ${corpus.getEntity(speaker)?.name ?? speaker} saying it.`
        : `Related passages found, but none says all of it${top?.r.facts.find((f) => f.kind === 'what' && f.status === 'missing') ? ` (not found: ${top.r.facts.find((f) => f.kind === 'what')!.text})` : ''}.`;
  }
  return {
    ...base, verdict: 'unverified', reason,
    evidence: (near.length ? near : top ? [top.c] : []).map((c) => evidenceOf(corpus, c.passage, marksFor(corpus, c.passage, c.matched, []), c.overlap)),
    fixes: [],
    ...(top ? { facts: top.r.facts, reading: { held: top.r.slotsHeld && top.r.anchored && subjectCovered, words: round2(top.r.words) } } : {}),
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Source text as a replacement in a draft: on one line, without control characters. */
export function plainText(s: string): string {
  return oneLine(s.replace(/\r\n/g, '\n'), '');
}

/** The facts of a contradicted claim: its reading, with each conflicting figure or word marked. */
function conflictFacts(facts: FactCheck[], conflicts: Conflict[]): FactCheck[] {
  const out = facts.filter((f) => !(f.kind === 'figure' && conflicts.some((c) => c.claim.text === f.text)));
  for (const c of conflicts) out.push({ kind: c.what === 'figure' ? 'figure' : 'what', text: c.claim.text, status: 'conflict', source: c.source.text });
  // In reading order: who, figures, when, polarity, then the rest of the words.
  const order: FactCheck['kind'][] = ['who', 'figure', 'when', 'polarity', 'what'];
  return out.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

const SAYING = new RegExp(`\\b(?:${SPEECH_VERBS}|denied|denies)\\b`, 'i');
/**
 * The name that reports a claim with no quotation of its own: the last name before its verb of
 * saying ("In Moscow, spokeswoman Maria Zakharova told TASS …"), else the first right after it ("…, said Peskov").
 */
export function reportedBy(masked: string, base: number, mentions: NameMention[]): string | undefined {
  if (/["“”]/.test(masked)) return undefined;
  const v = SAYING.exec(masked);
  if (!v) return undefined;
  const at = base + v.index;
  const before = mentions.filter((m) => m.end <= at && at - m.end < 40);
  if (before.length) return before[before.length - 1].id;
  return mentions.find((m) => m.start >= at + v[0].length && m.start - at < 30)?.id;
}


function supporting(corpus: Corpus, cands: Candidate[], except: Candidate, n: number): Evidence[] {
  return cands.filter((c) => c !== except && c.overlap >= 0.3).slice(0, n).map((c) => evidenceOf(corpus, c.passage, marksFor(corpus, c.passage, c.matched, c.conflicts), c.overlap));
}

/** Marks the passage words that match the claim, and the spans that differ from it. */
function marksFor(corpus: Corpus, p: Passage, shared: Set<string>, conflicts: Conflict[]): Mark[] {
  const marks: Mark[] = [];
  for (const c of conflicts) marks.push({ start: c.source.start - p.start, end: c.source.end - p.start, kind: 'differ' });
  for (const t of corpus.tokensOf(p)) {
    if (shared.has(t.key) && !marks.some((m) => t.start < m.end && m.start < t.end)) marks.push({ start: t.start, end: t.end, kind: 'match' });
  }
  return marks.sort((a, b) => a.start - b.start);
}

function checkQuote(text: string, q: RawQuote, names: SentenceNames, corpus: Corpus): Finding | undefined {
  const words = q.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  // The draft's speaker: a name or role next to the quote, or a pronoun for the last person named.
  const context = names.pronounContext(q.start);
  let match = compareQuote(q.text, corpus);
  // A quotation of one to three words is placed by the words around it ("the Russian leader's “busy timetable”").
  let placed = false;
  if (words.length <= 3 && match?.kind !== 'exact') {
    const from = q.parts[0].start, to = q.parts[q.parts.length - 1].end;
    const before = tokenize(text.slice(Math.max(0, from - 80), from).split(/[.!?]\s|\n/).pop()!).map((t) => t.norm).slice(-3);
    const after = tokenize(text.slice(to, to + 60).split(/[.!?](?:\s|$)|\n/)[0]).map((t) => t.norm).slice(0, 2);
    const short = compareShortQuote(q.text, before, after, corpus);
    placed = !!short;
    match = short ?? match;
  }
  const speakerId = resolveSpeaker(corpus, q.speakerText, context, q.start) ?? (match && !q.speakerText ? names.sentenceSpeaker(q, match.quote.speaker) : undefined);
  // A fragment of one to three words is someone's only in its context: placed by the words around
  // it, given to the speaker the source gives it to, or found word for word as the whole of a
  // source's quotation ("There is time") or with at least two words that carry meaning ("a great
  // victory"). "new" or "space" in quotation marks is a scare quote, and "all issues" is not
  // Peskov's "sensitive issues".
  const meaningful = words.filter((w) => !STOPWORDS.has(w.toLowerCase().replace(/[^\p{L}\p{N}'-]/gu, ''))).length;
  const wholeRemark = !!match && isWholeSentenceOf(match.sourceWording, match.quote.text);
  if (match && words.length <= 3 && !placed && !(match.kind === 'exact' && (meaningful >= 2 || wholeRemark || (speakerId !== undefined && speakerId === match.quote.speaker)))) return undefined;
  const base = { kind: 'quote' as const, text: q.text, start: q.start, end: q.end, line: 0, column: 0 };
  const speakerName = speakerId ? corpus.getEntity(speakerId)?.name ?? speakerId : q.speakerText;
  const withSpeaker = speakerName ? { speaker: speakerName } : {};
  if (!match || (match.kind === 'close' && words.length < 4 && !placed)) {
    if (words.length < 3) return undefined; // a scare quote nobody can check
    return { ...base, ...withSpeaker, verdict: 'unverified', reason: 'No source reports these words.', evidence: [], fixes: [] };
  }
  const p = match.passage;
  const sourceSpeaker = match.quote.speaker;
  const ev = evidenceOf(corpus, p, match.marks, match.similarity);
  const fixes: Fix[] = [];
  const sourceKind = sourceSpeaker ? corpus.kindOf(sourceSpeaker) : undefined;
  // Words the sources give to a person, or to an organisation ("the White House warned") when the draft gives them to a person or another organisation.
  const draftKind = corpus.kindOf(speakerId ?? '');
  const attributable = sourceKind === 'person' || (sourceKind === 'organization' && (draftKind === 'person' || draftKind === 'organization'));
  if (speakerId && sourceSpeaker && speakerId !== sourceSpeaker && attributable) {
    const who = corpus.getEntity(sourceSpeaker)!;
    const sm = names.lastOf(speakerId);
    if (sm) {
      const surface = text.slice(sm.start, sm.end);
      const replacement = surface.includes(' ') ? who.name : who.name.split(' ').length > 1 && /^(Kim|Pak|Jo|An|Xi|Li)$/.test(who.name.split(' ')[0]) ? who.name.split(' ')[0] : who.name.split(' ').slice(-1)[0];
      fixes.push({ title: `Attribute to ${who.name}, as the source does`, start: sm.start, end: sm.end, replacement });
    }
    return {
      ...base, ...withSpeaker, verdict: 'misattributed',
      reason: `Sources attribute these words to ${who.name}, not ${speakerName}.`,
      evidence: [ev], fixes,
    };
  }
  if (match.kind === 'close' && match.extendsSource) {
    // A longer excerpt of the remark: the source's words are right, the rest is not in the sources.
    // Not a misquote, and no fix (it would delete words the speaker may well have said).
    return {
      ...base, ...withSpeaker, verdict: 'unverified',
      reason: `The sources quote only “${match.sourceWording}”; the rest of this quotation is not in them.`,
      evidence: [ev], fixes: [],
    };
  }
  if (match.kind === 'close') {
    // Changed in three places or more, it reads as another translation of the remark (agencies
    // translate Russian and Korean each their own way): still not the source's words, but no fix,
    // which would swap one translation for another.
    const translation = match.differences.length >= 3;
    if (!translation) fixes.push({ title: 'Use the source’s wording', start: q.parts[0].start, end: q.parts[q.parts.length - 1].end, replacement: plainText(match.sourceWording) });
    const at = match.differences.length ? ` (differs at: ${match.differences.slice(0, 3).map((d) => `“${d.draft || '—'}” vs “${d.source || '—'}”`).join(', ')})` : '';
    return {
      ...base, ...withSpeaker, verdict: 'misquoted',
      reason: translation
        ? `Worded differently from the source, perhaps in another translation: the source reads “${match.sourceWording}”${at}.`
        : `The source reads “${match.sourceWording}”${at}.`,
      evidence: [ev], fixes,
    };
  }
  const who = sourceSpeaker ? corpus.getEntity(sourceSpeaker)?.name : undefined;
  return {
    ...base, ...withSpeaker, verdict: 'supported',
    reason: who ? `Quoted as said by ${who}.` : 'The words appear in a source.',
    evidence: [ev], fixes: [],
  };
}

/**
 * The speaker of a quotation whose sentence has no attribution the rules read ("Putin used the
 * dinner to predict that Russia would “win a great victory”"): the person named before the quote,
 * the source's speaker when the sentence names them, else the first person named (the subject).
 */
/** Whether `words` are a whole sentence of a quotation ("There is time" in "… without haste. There is time"). */
function isWholeSentenceOf(words: string, quote: string): boolean {
  const at = quote.indexOf(words);
  if (at < 0) return false;
  const before = quote.slice(0, at).trimEnd(), after = quote.slice(at + words.length).trimStart();
  return (before === '' || /[.!?…]["”’]?$/.test(before)) && (after === '' || /^[.!?,;…]/.test(after));
}

export function sentenceSpeaker(q: { start: number; parts: { start: number; end: number }[] }, mentions: NameMention[], sourceSpeaker: string | undefined, corpus: Corpus): string | undefined {
  const people = mentions.filter((m) => m.end <= q.start && corpus.kindOf(m.id) === 'person');
  if (!people.length) return undefined;
  return people.some((m) => m.id === sourceSpeaker) ? sourceSpeaker : people[0].id;
}


/** A role next to a known person that the sources give differently: "Foreign Minister Sergei Shoigu". */
/**
 * The role written before a name, without the words of another name it starts inside: in "Korean
 * People's Army Vice Marshal Pak Jong Chon" the role is "Vice Marshal", and a fix to it must not cut
 * the army's name.
 */
function roleOutsideNames(m: NameMention, mentions: NameMention[], text: string): NameMention {
  if (!m.role) return m;
  let start = m.role.start;
  for (const o of mentions) if (o !== m && o.start <= start && o.end > start && o.end <= m.role.end) start = o.end;
  if (start === m.role.start) return m;
  while (start < m.role.end && /\s/.test(text[start])) start++;
  if (start >= m.role.end) return { ...m, role: undefined };
  return { ...m, role: { text: text.slice(start, m.role.end), start, end: m.role.end } };
}

function checkRole(text: string, m: NameMention, corpus: Corpus): Finding | undefined {
  const e = corpus.getEntity(m.id);
  if (!e || e.kind !== 'person' || !m.role) return undefined;
  const words = roleWordsOf;
  const draftRole = words(m.role.text);
  if (!draftRole.length) return undefined;
  // A rank modifier changes the role: a Vice Marshal is not a Marshal, a deputy minister not the minister.
  const modifiers = (ws: string[]) => ws.filter((w) => RANK_MODIFIERS.has(w)).sort().join(' ');
  const ok = e.roles.some((r) => {
    const rw = words(r);
    return modifiers(rw) === modifiers(draftRole) && (draftRole.every((w) => rw.includes(w)) || rw.every((w) => draftRole.includes(w)));
  });
  if (ok || !e.roles.length) return undefined;
  const head = draftRole[draftRole.length - 1];
  const sameHead = e.roles.find((r) => words(r).slice(-1)[0] === head);
  // Another person's role, whole or its last words ("Marshal" of "Korean People's Army Marshal").
  const holder = corpus.rolesEndingWith(draftRole).find(([, ids]) => !ids.includes(e.id));
  // A different title where the sources give one ("Admiral" for a Marshal) is also a wrong role.
  const isTitle = (w: string) => RANKS.has(w);
  const titled = isTitle(head) ? e.roles.find((r) => isTitle(words(r).slice(-1)[0] ?? '')) : undefined;
  if (!sameHead && !holder && !titled) return undefined;
  const right = sameHead ?? titled ?? e.roles[0];
  // The role may stand before the name or after it ("Alexander Kozlov, Russia's transport minister").
  const from = Math.min(m.role.start, m.start), to = Math.max(m.role.end, m.end);
  const base = { kind: 'claim' as const, text: text.slice(from, to), start: from, end: to, line: 0, column: 0 };
  const pi = e.passages.find((p) => corpus.passageText(p).includes(right)) ?? e.passages[0];
  const ev = evidenceOf(corpus, corpus.passage(pi), [], 1);
  const holderName = holder ? corpus.getEntity(holder[1][0])?.name : undefined;
  return {
    ...base, verdict: 'contradicted', entity: e.name,
    reason: `Sources call ${e.name} “${right}”, not “${m.role.text}”${holderName ? ` (sources give that role to ${holderName})` : ''}.`,
    evidence: [ev],
    fixes: [{ title: `Use the source's role: “${right}”`, start: m.role.start, end: m.role.end, replacement: plainText(right) }],
  };
}

