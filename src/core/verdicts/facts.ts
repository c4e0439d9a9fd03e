// A claim read as facts against one passage, the way a fact-checker reads it: who it is about, the
// figures it gives, when it happened, whether it is affirmed or denied, and the rest of what it
// says. A claim is supported only when one passage (with the sentences beside it in the same
// source) holds every one of these; the hover lists them fact by fact.
import type { Passage, FactCheck } from '../types';
import type { Corpus } from '../corpus/corpus';
import { tokenize, type Token } from '../analysis/text';
import { comparable, agrees, type Figure } from '../analysis/numberFacts';
import { matchIn } from '../analysis/lexicon';
import { DAY_PARTS, RELATIVE_DAYS, RELATIVE, PERIODS, WEEKDAY, BELIEF_VERBS, isNegation } from '../analysis/wordLists';
import { SPEECH_VERBS } from '../analysis/quotes';

const REPORTING = new Set([...SPEECH_VERBS.split('|'), ...BELIEF_VERBS]);

export interface ClaimParts {
  /** The claim's distinct comparison keys (entities as `@id`). */
  keys: string[];
  /** The claim's tokens (quotations masked). */
  tokens: Token[];
  /** Figures the claim asserts (not weekdays; those are time words). */
  figures: Figure[];
  /** Display names of the claim's entities, by key. */
  nameOf: (key: string) => string;
  /** How much a key counts (entities and rare words more). */
  weight: (key: string) => number;
  /**
   * Whether an entity must be named by the passage itself: people and organisations the claim is
   * about. Places, and names used as qualifiers ("Russia's leader"), count with the other words:
   * reports write "Moscow" for Russia and "the Far East" for a region.
   */
  mustName: (key: string) => boolean;
  /** Whether a word is specific enough to tie a claim to a passage on its own (a rare word). */
  specific: (key: string) => boolean;
}

export interface FactReading {
  facts: FactCheck[];
  /** Weighted share of the claim's other words the passage holds. */
  words: number;
  /**
   * Whether something specific ties the claim to the passage: a person or organisation or a figure
   * they share, the same word rarer than English's commonest 5,000, or a place with two more words.
   * Common words alone ("helped hundreds of families in this area") tie a claim to nothing.
   */
  anchored: boolean;
  /** Every name in the claim, places included, is in the passage or its neighbours. */
  namesHeld: boolean;
  /** Every who, figure, time and polarity fact found. */
  slotsHeld: boolean;
  /** The passages read together (the passage and its neighbours in the same source). */
  passages: Passage[];
}

/** A time expression in the claim: a weekday, a part of the day, "yesterday", or "this year". */
export function timeWords(tokens: Token[]): { text: string; norms: string[]; start: number; end: number }[] {
  const out: { text: string; norms: string[]; start: number; end: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (WEEKDAY.test(t.norm) || DAY_PARTS.has(t.norm) || RELATIVE_DAYS.has(t.norm)) out.push({ text: t.text, norms: [t.norm], start: t.start, end: t.end });
    else if (PERIODS.has(t.norm) && i > 0 && RELATIVE.has(tokens[i - 1].norm)) {
      const p = tokens[i - 1];
      out.push({ text: `${p.text} ${t.text}`, norms: [p.norm, t.norm], start: p.start, end: t.end });
    }
  }
  return out;
}

/** Whether the tokens deny what they say ("did not", "never", "denied"). */
export function negated(tokens: Token[]): boolean {
  return tokens.some((t) => isNegation(t.norm));
}

/** The passage with the sentences on either side of it in the same source. */
/** Words by which a sentence refers back to people named before it ("the two", "he", "the Russian president"). */
const REFERS_BACK = /\b(?:he|she|they|him|her|them|his|their|both|the (?:[\p{L}-]+ ){0,2}(?:two|pair|leaders?|men|president|premier|chairman|minister|spokesman|spokeswoman|sides))\b/iu;

const mainPeople = new WeakMap<Corpus, Map<string, string[]>>();
/** The two people a source names most: whom "the two men" and "the pair" most likely mean. */
function mainPeopleOf(corpus: Corpus, p: Passage): string[] {
  let bySource = mainPeople.get(corpus);
  if (!bySource) mainPeople.set(corpus, (bySource = new Map()));
  let top = bySource.get(p.sourceId);
  if (top) return top;
  // Counted from the source's first passage on, so that people named equally often rank by first
  // mention whichever passage asked first (the answer is kept for the whole source).
  let first = p.index;
  while (first > 0 && corpus.passage(first - 1).sourceId === p.sourceId) first--;
  const counts = new Map<string, number>();
  for (let i = first; i < corpus.passageCount; i++) {
    const q = corpus.passage(i);
    if (q.sourceId !== p.sourceId) break;
    for (const e of q.entities) if (corpus.kindOf(e) === 'person') counts.set(e, (counts.get(e) ?? 0) + 1);
  }
  top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([e]) => e);
  bySource.set(p.sourceId, top);
  return top;
}

/**
 * Entities a passage speaks of: those it names, and when it refers back ("The two then toured …",
 * "the Russian president congratulated Kim"), the people named in the three sentences before it in
 * the same source and the two people the source names most.
 */
export function entitiesSpokenOf(corpus: Corpus, p: Passage): Set<string> {
  const out = new Set(p.entities);
  if (!REFERS_BACK.test(p.text)) return out;
  for (let i = p.index - 1; i >= Math.max(0, p.index - 3); i--) {
    const q = corpus.passage(i);
    if (q.sourceId !== p.sourceId) break;
    for (const e of q.entities) if (corpus.kindOf(e) === 'person') out.add(e);
  }
  for (const e of mainPeopleOf(corpus, p)) out.add(e);
  return out;
}

export function withNeighbours(corpus: Corpus, p: Passage): Passage[] {
  const out = [p];
  for (const i of [p.index - 1, p.index + 1]) {
    if (i < 0 || i >= corpus.passageCount) continue;
    const q = corpus.passage(i);
    if (q.sourceId === p.sourceId) out.push(q);
  }
  return out;
}

const backs = (f: Figure, g: Figure) => (comparable(f, g) && agrees(f, g)) || ((f.kind === 'date' || f.kind === 'year') && g.kind === f.kind && g.value === f.value);

/** Reads the claim against one passage and its neighbours: each fact found, missing or in conflict. */
/** What a passage and its neighbours hold, whatever the claim: read once per passage and kept. */
interface Group {
  passages: Passage[];
  keys: Set<string>;
  tokens: Token[];
  tokenKeys: Set<string>;
  /** Keys and token keys together: what a claim's word may match. */
  wordKeys: Set<string>;
  norms: Set<string>;
  figures: Figure[];
  spoken: Set<string>;
}
const groups = new WeakMap<Corpus, Map<number, Group>>();
function groupOf(corpus: Corpus, passage: Passage): Group {
  let byIndex = groups.get(corpus);
  if (!byIndex) groups.set(corpus, (byIndex = new Map()));
  let g = byIndex.get(passage.index);
  if (g) return g;
  const passages = withNeighbours(corpus, passage);
  const keys = new Set(passages.flatMap((p) => corpus.keysOf(p)));
  const tokens = passages.flatMap((p) => corpus.tokensOf(p));
  const tokenKeys = new Set(tokens.map((t) => t.key));
  g = {
    passages, keys, tokens, tokenKeys, wordKeys: new Set([...keys, ...tokenKeys]), norms: new Set(tokens.map((t) => t.norm)),
    figures: passages.flatMap((p) => corpus.figuresOf(p)), spoken: new Set(passages.flatMap((p) => [...entitiesSpokenOf(corpus, p)])),
  };
  if (byIndex.size >= 20_000) byIndex.clear();
  byIndex.set(passage.index, g);
  return g;
}

/** What a claim says, whatever the passage: read once per claim. */
interface ClaimView {
  tokenKeys: Set<string>;
  keySet: Set<string>;
  times: ReturnType<typeof timeWords>;
  timeKeys: Set<string>;
  negated: boolean;
  /** The word keys of each place's name ("north", "korea"). */
  placeWords: Map<string, string[]>;
}
const views = new WeakMap<ClaimParts, ClaimView>();
function viewOf(claim: ClaimParts): ClaimView {
  let v = views.get(claim);
  if (v) return v;
  const times = timeWords(claim.tokens);
  v = {
    tokenKeys: new Set(claim.tokens.map((t) => t.key)),
    keySet: new Set(claim.keys),
    times,
    timeKeys: new Set(times.flatMap((w) => claim.tokens.filter((t) => t.start >= w.start && t.end <= w.end).map((t) => t.key))),
    negated: negated(claim.tokens),
    placeWords: new Map(claim.keys.filter((k) => k.startsWith('@')).map((k) => [k, tokenize(claim.nameOf(k)).map((t) => t.key)])),
  };
  views.set(claim, v);
  return v;
}

export function readAgainst(claim: ClaimParts, corpus: Corpus, passage: Passage): FactReading {
  const g = groupOf(corpus, passage);
  const view = viewOf(claim);
  const { passages, keys: pkeys, tokens: ptoks, figures: pfigs, norms: pnorms, tokenKeys: ptokKeys, wordKeys, spoken } = g;
  const facts: FactCheck[] = [];
  const ckeySet = view.tokenKeys;
  const placeWordsIn = (k: string, keys: Set<string>) => { const ws = view.placeWords.get(k) ?? []; return ws.length > 0 && ws.every((w) => keys.has(w)); };
  let slotsHeld = true;
  // Who: every entity the claim names.
  for (const k of claim.keys) {
    if (!k.startsWith('@') || !claim.mustName(k)) continue;
    const found = pkeys.has(k) || spoken.has(k.slice(1));
    if (!found) slotsHeld = false;
    facts.push({ kind: 'who', text: claim.nameOf(k), status: found ? 'found' : 'missing' });
  }
  // Figures: each quantity, date or year must be given, and agree.
  for (const f of claim.figures) {
    if (f.kind === 'weekday' || f.referential) continue;
    const same = pfigs.filter((g) => comparable(f, g) && !aboutOtherThing(f, g, ptokKeys, ckeySet, corpus));
    const back = pfigs.find((g) => backs(f, g));
    if (back) { facts.push({ kind: 'figure', text: f.text, status: 'found', source: back.text }); continue; }
    slotsHeld = false;
    facts.push(same.length ? { kind: 'figure', text: f.text, status: 'conflict', source: same[0].text } : { kind: 'figure', text: f.text, status: 'missing' });
  }
  // When: weekdays, parts of the day, "yesterday", "this year".
  const ctimes = view.times;
  for (const w of ctimes) {
    const found = w.norms.length === 1 ? pnorms.has(w.norms[0]) : ptoks.some((t, i) => i > 0 && ptoks[i - 1].norm === w.norms[0] && t.norm === w.norms[1]);
    if (found) { facts.push({ kind: 'when', text: w.text, status: 'found' }); continue; }
    slotsHeld = false;
    // Another part of the same day ("Sunday afternoon" where the source has "Sunday evening"): the
    // day agrees, so the part of it is in conflict. Other times are only missing.
    const other = DAY_PARTS.has(w.norms[0]) && ctimes.some((d) => WEEKDAY.test(d.norms[0]) && pnorms.has(d.norms[0]))
      ? ptoks.find((t) => DAY_PARTS.has(t.norm) && t.norm !== w.norms[0]) : undefined;
    facts.push(other ? { kind: 'when', text: w.text, status: 'conflict', source: other.text } : { kind: 'when', text: w.text, status: 'missing' });
  }
  // Polarity: denied in the claim and affirmed in the passage, or the other way round (a negation
  // just before one of the claim's words in the passage: "did not meet").
  const cneg = view.negated;
  const ckeys = view.keySet;
  const denies = (p: Passage) => { const ts = corpus.tokensOf(p); return ts.some((t, i) => isNegation(t.norm) && ts.slice(i + 1, i + 5).some((u) => ckeys.has(u.key))); };
  if (cneg ? !passages.some(denies) : denies(passage)) {
    slotsHeld = false;
    facts.push({ kind: 'polarity', text: cneg ? 'denied' : 'affirmed', status: 'conflict', source: cneg ? 'affirmed' : 'denied' });
  }
  // The rest: the claim's other words, each matched once (itself or a word the lexicon relates).
  // What follows a verb of saying or believing is a fact of its own ("met Putin on Wednesday and said
  // North Korea wants …"): each part must be held by itself, so the share is the worst part's.
  // Time words were read above; they are not counted again.
  const timeKeys = view.timeKeys;
  const rest = claim.keys.filter((k) => (!k.startsWith('@') || !claim.mustName(k)) && !timeKeys.has(k));
  const restSet = new Set(rest);
  const taken = new Set<string>();
  const missing: string[] = [];
  const matched = new Set<string>();
  for (const k of rest) {
    // A place is held by its name as a word too ("the Russian leader" holds "Russia's leader"), and
    // a word by the same word inside a name ("Russian" in "Russia").
    const m = k.startsWith('@') ? (pkeys.has(k) || placeWordsIn(k, ptokKeys) ? k : undefined) : matchIn(k, wordKeys, taken);
    if (m === undefined) { missing.push(k); continue; }
    taken.add(m);
    matched.add(k);
  }
  const share = (keys: string[]) => {
    let have = 0, all = 0;
    for (const k of keys) { all += claim.weight(k); if (matched.has(k)) have += claim.weight(k); }
    return all ? have / all : 1;
  };
  const parts: string[][] = [[]];
  for (const t of claim.tokens) {
    if (REPORTING.has(t.norm)) { parts.push([]); continue; }
    if (restSet.has(t.key) && !parts[parts.length - 1].includes(t.key)) parts[parts.length - 1].push(t.key);
  }
  const partShares = parts.filter((p) => p.length >= 2).map(share);
  const overall = share(rest);
  const words = Math.min(overall, ...partShares);
  if (rest.length) {
    const shown = [...claim.tokens.filter((t) => missing.includes(t.key)).map((t) => t.text), ...missing.filter((k) => k.startsWith('@')).map(claim.nameOf)];
    facts.push({ kind: 'what', text: shown.length ? [...new Set(shown)].join(', ') : 'its other words', status: missing.length ? 'missing' : 'found' });
  }
  // A paraphrase can support a claim but not tie it to a passage: "a back brace" is not "the pair".
  const exact = [...matched].filter((k) => pkeys.has(k) || ptokKeys.has(k));
  const anchored = facts.some((f) => (f.kind === 'who' || f.kind === 'figure') && f.status === 'found') ||
    exact.some((k) => !k.startsWith('@') && claim.specific(k)) ||
    (exact.some((k) => k.startsWith('@')) && exact.filter((k) => !k.startsWith('@')).length >= 2);
  const namesHeld = claim.keys.filter((k) => k.startsWith('@')).every((k) => pkeys.has(k) || spoken.has(k.slice(1)));
  return { facts, words, anchored, namesHeld, slotsHeld, passages };
}

/**
 * Whether two comparable figures are about different things because their own surroundings name
 * different places or actors: "5,500 km east of Moscow" and "1,000 km from Vladivostok", "travelled
 * to Tehran in August" and "visited Pyongyang in July". A proper noun next to the claim's figure
 * that is not next to the passage's, while the passage has another one of the same kind next to
 * its figure that the claim lacks.
 */
export function aboutOtherThing(f: Figure, g: Figure, passageKeys: Set<string>, claimKeys: Set<string>, corpus: Corpus): boolean {
  const near = (x: Figure, k: string) => x.anchors.some((a) => a.key === k);
  const missing = f.anchors.filter((a) => !near(g, a.key) && !(passageKeys.has(a.key) && g.anchors.length === 0));
  const extra = g.anchors.filter((a) => !near(f, a.key) && !claimKeys.has(a.key));
  if (!missing.length || !extra.length) return false;
  const kind = (text: string) => { const id = corpus.aliases.get(text.replace(/['’]s$/, '')); return id ? corpus.kindOf(id) : undefined; };
  return missing.some((m) => extra.some((x) => { const a = kind(m.text), b = kind(x.text); return !a || !b || a === b; }));
}
