// Figures in text: counts, ordinals, years, dates, measures, with what they count,
// so that "two missiles" can be compared with "three missiles" and "1,000 km" with "620 miles".
import { tokenize, STOPWORDS, keyOf, normalizeWord, type Token } from './text';
import { DURATION_UNITS } from './wordLists';

export type FigureKind = 'count' | 'ordinal' | 'times' | 'year' | 'date' | 'month' | 'weekday' | 'percent' | 'money' | 'measure' | 'score';

export interface Figure {
  kind: FigureKind;
  /** Numeric value in base units (metres, kg, ...) for measures; month*100+day for dates. */
  value: number;
  /** The figure as written ("two", "1,000 kilometres"). */
  text: string;
  start: number;
  end: number;
  /** Key of the noun counted or measured ("missil", "year"); the dimension for measures. */
  head?: string;
  /** Keys of the content words around the figure, to tell whether two figures describe the same thing. */
  context: string[];
  /** The same within ten words: what a span of time ("two hours") measures is often further off. */
  wide: string[];
  approx: boolean;
  /** "the two leaders", "both": a figure that refers back to what was named, not a count the text asserts. */
  referential?: boolean;
  /**
   * Capitalised words (proper nouns) next to the figure, with their offsets, not at a sentence start:
   * the place, actor or event the figure is about ("5,500 km east of Moscow", "visited Pyongyang in July").
   */
  anchors: { key: string; text: string; start: number }[];
}

const SMALL: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30,
  forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, dozen: 12, hundred: 100,
};
const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, eleventh: 11, twelfth: 12,
  twentieth: 20, hundredth: 100,
};
const TIMES: Record<string, number> = { once: 1, twice: 2, thrice: 3 };
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, m: 1e6, k: 1e3 };
const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6, july: 7, jul: 7,
  august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAYS: Record<string, number> = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, sunday: 7 };
// Units to base units, by dimension.
const UNITS: Record<string, [string, number]> = {
  kilometre: ['length', 1000], kilometer: ['length', 1000], km: ['length', 1000], mile: ['length', 1609.344], metre: ['length', 1],
  meter: ['length', 1], m: ['length', 1], feet: ['length', 0.3048], foot: ['length', 0.3048], ft: ['length', 0.3048],
  kilogram: ['mass', 1], kg: ['mass', 1], tonne: ['mass', 1000], ton: ['mass', 1000], pound: ['mass', 0.4536], lb: ['mass', 0.4536],
  litre: ['volume', 0.001], liter: ['volume', 0.001], barrel: ['volume', 0.159], 'cubic meter': ['volume', 1], 'cubic metre': ['volume', 1],
};
const APPROX = new Set(['some', 'around', 'roughly', 'about', 'nearly', 'almost', 'approximately', 'approx', 'estimated', 'over', 'than', 'to', 'least', 'close', 'under', 'several']);

function unitOf(words: string[]): [string, number, number] | undefined {
  // Returns [dimension, factor, words used].
  if (words.length >= 2) {
    const two = words.slice(0, 2).join(' ').replace(/s$/, '');
    if (UNITS[two]) return [...UNITS[two], 2];
  }
  const one = (words[0] ?? '').replace(/es$/, 'e').replace(/s$/, '');
  if (UNITS[one]) return [...UNITS[one], 1];
  const raw = words[0] ?? '';
  if (UNITS[raw]) return [...UNITS[raw], 1];
  return undefined;
}

/** Finds the figures in `text` (offsets relative to `base`). */
const TIME_OF_DAY_RE = /^\d{1,2}:[0-5]\d(?::[0-5]\d)?\b|^\d{1,2}[.:][0-5]\d\s*(?:[ap]\.?m\b\.?|GMT\b|UTC\b|BST\b|CET\b|local time\b|hrs\b|h\b)/i;

export function findFigures(text: string, base = 0): Figure[] {
  const toks = tokenize(text, base);
  const out: Figure[] = [];
  const lowers = toks.map((t) => t.norm);
  const used = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    if (used.has(i)) continue;
    const t = toks[i];
    const w = lowers[i];
    // A time of day ("11:05", "14:20 GMT", "10.30 a.m.") is a timestamp, not a quantity: live blogs
    // start entries with one. It is skipped whole.
    const clock = /^\d{1,2}(?:\.\d\d)?$/.test(t.text) && parseInt(t.text, 10) <= 24 ? TIME_OF_DAY_RE.exec(text.slice(t.start - base)) : null;
    if (clock) {
      const end = t.start + clock[0].length;
      while (i + 1 < toks.length && toks[i + 1].start < end) used.add(++i);
      continue;
    }
    // A number joined to its noun ("39-year-old", "1,000-km", "two-hour"): the noun is its head.
    const joined = /^(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|[a-z]+)-([a-z]+)(?:-[a-z]+)*$/.exec(t.text.toLowerCase());
    const joinedValue = joined ? (/^\d/.test(joined[1]) ? Number(joined[1].replace(/,/g, '')) : SMALL[joined[1]]) : undefined;
    if (joined && joinedValue !== undefined && SMALL[joined[2]] === undefined && !STOPWORDS.has(joined[2])) {
      const u = unitOf([joined[2]]);
      const f = makeFigure(text, base, toks, i, i, u ? 'measure' : 'count', u ? joinedValue * u[1] : joinedValue, u?.[0]);
      if (!u) f.head = keyOf(normalizeWord(joined[2]));
      // "the two-hour talks" measures the talks; only "the two leaders" points back at people named before.
      f.referential = undefined;
      out.push(f);
      used.add(i);
      continue;
    }
    let kind: FigureKind | undefined;
    let value = NaN;
    let j = i; // last token of the figure
    const num = /^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$/.test(t.text) ? Number(t.text.replace(/,/g, '')) : NaN;
    const ordDigits = /^(\d+)(st|nd|rd|th)$/.exec(w);
    const score = /^(\d+)-(\d+)$/.exec(w);
    if (score) { kind = 'score'; value = Number(score[1]) * 1000 + Number(score[2]); }
    else if (ordDigits) { kind = 'ordinal'; value = Number(ordDigits[1]); }
    else if (!Number.isNaN(num)) {
      value = num;
      kind = 'count';
      if (/^\d{4}$/.test(t.text) && num >= 1800 && num <= 2100) kind = 'year';
    } else if (w in SMALL && !(w === 'one' && !/^\d/.test(lowers[i + 1] ?? '') && !isCountedNoun(toks[i + 1], text.slice(t.end - base, (toks[i + 1]?.start ?? t.end) - base), lowers[i - 1]))) {
      value = SMALL[w];
      kind = 'count';
      // twenty-five, "a hundred"
      const hy = /^(\w+)-(\w+)$/.exec(w);
      if (hy && SMALL[hy[1]] !== undefined && SMALL[hy[2]] !== undefined) value = SMALL[hy[1]] + SMALL[hy[2]];
    } else if (/^(\w+)-(\w+)$/.test(w) && SMALL[w.split('-')[0]] !== undefined && SMALL[w.split('-')[1]] !== undefined) {
      value = SMALL[w.split('-')[0]] + SMALL[w.split('-')[1]];
      kind = 'count';
    } else if (w in ORDINALS && !(w === 'second' && /^(hand|thought)/.test(lowers[i + 1] ?? ''))) { kind = 'ordinal'; value = ORDINALS[w]; }
    else if (w in TIMES) { kind = 'times'; value = TIMES[w]; }
    else if (w in WEEKDAYS) { kind = 'weekday'; value = WEEKDAYS[w]; }
    else if (w in MONTHS && /^[A-Z]/.test(t.text) && (w !== 'may' || /^\d/.test(lowers[i + 1] ?? ''))) {
      // "Sept. 13", "September 13, 2023", "13 September"
      const d = Number(lowers[i + 1]);
      if (Number.isInteger(d) && d >= 1 && d <= 31) { kind = 'date'; value = MONTHS[w] * 100 + d; j = i + 1; }
      else if (w.length > 3 && /^(in|since|until|by|during|early|late|mid|last|next|this|of|from)$/.test(lowers[i - 1] ?? '') && !/^\d{1,2}$/.test(lowers[i - 1] ?? '')) { kind = 'month'; value = MONTHS[w]; }
    }
    if (kind === 'count' && Number.isInteger(value) && value >= 1 && value <= 31 && MONTHS[lowers[i + 1]] !== undefined && /^[A-Z]/.test(toks[i + 1].text)) {
      kind = 'date'; value = MONTHS[lowers[i + 1]] * 100 + value; j = i + 1;
    }
    if (!kind) continue;
    // "three times": how often, like "twice".
    if (kind === 'count' && lowers[j + 1] === 'times' && Number.isInteger(value)) { kind = 'times'; j++; }
    // Scales: "12.5 thousand", "2 million".
    if ((kind === 'count') && SCALES[lowers[j + 1]] && !(lowers[j + 1] === 'm' && toks[j + 1].text === 'm' && false)) {
      value *= SCALES[lowers[j + 1]];
      j++;
    }
    // Percent and money.
    const after = text.slice(toks[j].end - base, toks[j].end - base + 2);
    if (kind === 'count' && (after.startsWith('%') || lowers[j + 1] === 'percent' || (lowers[j + 1] === 'per' && lowers[j + 2] === 'cent'))) {
      kind = 'percent';
      if (!after.startsWith('%')) j += lowers[j + 1] === 'per' ? 2 : 1;
    }
    const before = text.slice(Math.max(0, t.start - base - 1), t.start - base);
    if (kind === 'count' && /[$£€¥]/.test(before)) kind = 'money';
    // Measures with units, in base units.
    if (kind === 'count') {
      const u = unitOf(lowers.slice(j + 1, j + 3));
      if (u && !(u[0] === 'length' && lowers[j + 1] === 'm')) {
        kind = 'measure';
        value *= u[1];
        j += u[2];
        out.push(makeFigure(text, base, toks, i, j, kind, value, u[0]));
        for (let k = i; k <= j; k++) used.add(k);
        continue;
      }
    }
    if (kind === 'date' && /^\d{4}$/.test(lowers[j + 1] ?? '')) j++;
    out.push(makeFigure(text, base, toks, i, j, kind, value));
    for (let k = i; k <= j; k++) used.add(k);
  }
  return out;
}

/** Whether the word after "one" is what it counts ("one missile"), not a pronoun use ("this one, Kim…", "no one"). */
function isCountedNoun(next: Token | undefined, gap: string, prev: string | undefined): boolean {
  if (!next || gap.trim() !== '' || /^(this|that|the|no|any|every|each|which|someone)$/.test(prev ?? '')) return false;
  const w = next.norm;
  return !STOPWORDS.has(w) && /^[a-z]/.test(next.text) && !/^(of|another|way|day)$/.test(w);
}

function makeFigure(text: string, base: number, toks: Token[], i: number, j: number, kind: FigureKind, value: number, dimension?: string): Figure {
  // Head noun: the last word of the run of content words right after the figure ("two short-range ballistic missiles").
  let head: string | undefined = dimension;
  const context: string[] = [];
  if (!head) {
    let k = j + 1;
    let last: Token | undefined;
    while (k < toks.length && k <= j + 4 && !STOPWORDS.has(toks[k].norm) && !/^\d/.test(toks[k].norm) && text.slice(toks[k - 1].end - base, toks[k].start - base).trim() === '') {
      // A verb ends the noun phrase ("two leaders toured"); a plural noun is its head ("two ballistic missiles").
      if (last && /ed$/.test(toks[k].norm)) break;
      last = toks[k];
      k++;
      if (value !== 1 && /[^su]s$/.test(last.norm)) break;
    }
    if (last && kind !== 'year' && kind !== 'date' && kind !== 'month' && kind !== 'weekday' && kind !== 'times') head = last.key;
    if (kind === 'ordinal' && last) head = last.key;
  }
  const wide: string[] = [];
  for (let k = Math.max(0, i - 10); k <= Math.min(toks.length - 1, j + 10); k++) {
    if (k >= i && k <= j) continue;
    if (STOPWORDS.has(toks[k].norm) || /^\d/.test(toks[k].norm)) continue;
    wide.push(toks[k].key);
    if (k >= i - 4 && k <= j + 4) context.push(toks[k].key);
  }
  const p1 = toks[i - 1]?.norm ?? '', p2 = toks[i - 2]?.norm ?? '';
  const approx = (APPROX.has(p1) && p1 !== 'to' && p1 !== 'than' && p1 !== 'least') || /^(more|fewer|less) than$|^up to$|^at least$/.test(`${p2} ${p1}`);
  const f: Figure = { kind, value, text: text.slice(toks[i].start - base, toks[j].end - base), start: toks[i].start, end: toks[j].end, head, context, wide, approx, anchors: anchorsOf(text, base, toks, i, j) };
  if (kind === 'count' && value <= 12 && /^(the|these|those|both)$/.test(p1)) f.referential = true;
  return f;
}

const NOT_ANCHORS = new Set([...Object.keys(MONTHS), ...Object.keys(WEEKDAYS), 'i']);
/** Proper nouns within four words of the figure, in the same clause (no comma, semicolon or dash between; brackets are read through). */
function anchorsOf(text: string, base: number, toks: Token[], i: number, j: number): Figure['anchors'] {
  const out: Figure['anchors'] = [];
  const gap = (a: Token, b: Token) => text.slice(a.end - base, b.start - base);
  const take = (k: number) => {
    const t = toks[k];
    if (!/^\p{Lu}/u.test(t.text) || NOT_ANCHORS.has(t.norm)) return;
    const before = k > 0 ? text.slice(Math.max(0, toks[k - 1].end - base), t.start - base) : '';
    if (k === 0 || /[.!?]["”’]?\s+$/.test(before) || /^\s*["“‘(]/.test(before)) return;
    out.push({ key: t.key, text: t.text, start: t.start });
  };
  for (let k = i - 1; k >= Math.max(0, i - 4); k--) {
    if (/[,;:—–]/.test(gap(toks[k], toks[k + 1]))) break;
    take(k);
  }
  for (let k = j + 1; k <= Math.min(toks.length - 1, j + 4); k++) {
    if (/[,;:—–]/.test(gap(toks[k - 1], toks[k]))) break;
    take(k);
  }
  return out;
}

/** Whether two figures can be compared: same kind family and the same thing counted or the same surroundings. */
/** Heads that make a count a span of time (comparison keys). */
const DURATION_HEADS = new Set(DURATION_UNITS.map((w) => keyOf(normalizeWord(w))));

export function comparable(a: Figure, b: Figure): boolean {
  // "failed twice" and "its second attempt" say the same; a different value is not a contradiction.
  if ((a.kind === 'times' && b.kind === 'ordinal') || (a.kind === 'ordinal' && b.kind === 'times')) return a.value === b.value;
  // A month alone ("in July") compares with the month of a full date.
  if ((a.kind === 'month' && b.kind === 'date') || (a.kind === 'date' && b.kind === 'month')) return a.context.some((c) => b.context.includes(c));
  const fam = (k: FigureKind) => (k === 'count' || k === 'times' ? 'count' : k);
  if (fam(a.kind) !== fam(b.kind)) return false;
  if (a.kind === 'measure') return a.head === b.head;
  // The same noun counted, or one side's noun right next to the other's figure ("first trip abroad" / "first foreign trip").
  // A span of time measures many things: "four years" since the last summit is not the "75 years"
  // since the country's founding. Durations compare only with something else of their surroundings in common.
  if (a.head && a.head === b.head && DURATION_HEADS.has(a.head)) return a.wide.some((c) => c !== a.head && b.wide.includes(c));
  if (a.head && b.head) return a.head === b.head || (a.kind === 'ordinal' && (b.context.includes(a.head) || a.context.includes(b.head)));
  // "failed three times" and "failed twice": how often the same thing happened, in the same surroundings.
  if (a.kind === 'times' && b.kind === 'times') return a.context.some((c) => b.context.includes(c));
  if ((a.kind === 'count' || a.kind === 'ordinal') && (a.head || b.head)) {
    // One side names no noun ("the two then toured"): the same surroundings make it the same thing.
    return a.context.filter((c) => b.context.includes(c)).length >= 2;
  }
  if (a.kind === 'year' || a.kind === 'date' || a.kind === 'month' || a.kind === 'weekday' || a.kind === 'score') {
    const shared = a.context.filter((c) => b.context.includes(c)).length;
    return shared >= 1;
  }
  return false;
}

/** Whether two comparable figures agree, allowing for approximations and rounding in unit conversions. */
export function agrees(a: Figure, b: Figure): boolean {
  if (a.value === b.value) return true;
  if (a.kind === 'month' && b.kind === 'date') return Math.floor(b.value / 100) === a.value;
  if (a.kind === 'date' && b.kind === 'month') return Math.floor(a.value / 100) === b.value;
  if (a.kind !== b.kind && (a.kind === 'times' || a.kind === 'ordinal')) return false;
  if (a.kind === 'year' || a.kind === 'date' || a.kind === 'month' || a.kind === 'weekday' || a.kind === 'ordinal' || a.kind === 'times' || a.kind === 'score') return false;
  // Approximations ("some 1,000", "roughly") allow 5%; unit conversions ("620 miles") 3%.
  const tol = a.approx || b.approx ? 0.05 : a.kind === 'measure' ? 0.03 : 0;
  return Math.abs(a.value - b.value) <= tol * Math.max(Math.abs(a.value), Math.abs(b.value));
}

