// Splits text into sentences with UTF-16 offsets, paragraph by paragraph.

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (blank-line separated block) it belongs to. */
  paragraph: number;
  /** A heading, headline or caption-like line: short, no terminal punctuation, or a Markdown `#` line. */
  heading: boolean;
}

const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'capt', 'sgt', 'rep', 'sen', 'gov', 'pres', 'st', 'jr', 'sr', 'vs', 'no',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'inc', 'ltd', 'co', 'corp', 'etc', 'e.g', 'i.e',
  'u.s', 'u.k', 'u.n', 'a.m', 'p.m', 'approx', 'est', 'fig', 'mt', 'ft', 'ave',
]);

export interface Paragraph { start: number; end: number; index: number }

/** Blocks separated by blank lines; Markdown headings and list items are blocks of their own. */
export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const lineRe = /[^\r\n]*(\r\n|\r|\n|$)/g;
  let blockStart = -1, blockEnd = -1;
  const flush = () => {
    if (blockStart >= 0) out.push({ start: blockStart, end: blockEnd, index: out.length });
    blockStart = -1;
  };
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(text)) && m[0].length > 0) {
    const lineStart = m.index;
    const body = m[0].replace(/[\r\n]+$/, '');
    const lineEnd = lineStart + body.length;
    if (body.trim() === '') { flush(); continue; }
    const block = /^\s{0,3}(#{1,6}\s|[-*+]\s|\d+[.)]\s|>)/.test(body);
    if (block) flush();
    const lead = body.length - body.trimStart().length;
    if (blockStart < 0) blockStart = lineStart + lead;
    blockEnd = lineStart + body.trimEnd().length;
    if (/^\s{0,3}#{1,6}\s/.test(body)) flush();
    if (lineEnd >= text.length) break;
  }
  flush();
  return out;
}

/** Sentences of `text` (whose paragraphs a caller may pass, having found them already). Offsets point into `text`; quotes and brackets that close a sentence stay with it. */
export function splitSentences(text: string, paragraphs: Paragraph[] = paragraphsOf(text)): Sentence[] {
  const out: Sentence[] = [];
  for (const p of paragraphs) {
    const first = out.length;
    const ptext = text.slice(p.start, p.end);
    const isMdHeading = /^#{1,6}\s/.test(ptext);
    let s = 0;
    // A sentence ends at terminal punctuation (with closing quotes or brackets, and a picture credit
    // run into the text: "… cosmodrome.(AP) Kim …") before a capital; at a line break; or, in text
    // copied from a page without its spaces, between a word and a capitalised word ("summit.Following").
    // A run of stops is read from its first ("(?<![.!?])"): tried from each of its stops, "!!!…" took quadratic time.
    const boundary = /(?<![.!?])([.!?]+)(["'”’)\]]*(?:\s?\([^()\n]{1,40}\))?)(\s+)(?=["'“‘(\[]?[\p{Lu}\p{N}])|(\n)(?=\s*\S)|(?<=\p{Ll}{3})([.!?])()()(?=\p{Lu}\p{Ll}{2})/gu;
    let m: RegExpExecArray | null;
    const inQuote = quoteMask(ptext);
    const push = (a: number, b: number) => {
      const raw = ptext.slice(a, b);
      const lead = raw.length - raw.trimStart().length;
      const t = raw.trim();
      if (!t) return;
      const start = p.start + a + lead;
      out.push({ text: t, start, end: start + t.length, paragraph: p.index, heading: false });
    };
    while ((m = boundary.exec(ptext))) {
      if (m[4] !== undefined) {
        // A single line break splits only after terminal punctuation (a hard-wrapped line otherwise).
        const before = ptext.slice(s, m.index).trimEnd();
        if (!/[.!?:"”’)]$/.test(before)) continue;
        push(s, m.index);
        s = m.index + 1;
        continue;
      }
      if (m[5] !== undefined) {
        if (inQuote[m.index]) continue;
        push(s, m.index + 1);
        s = m.index + 1;
        continue;
      }
      const endPunct = m.index + m[1].length + m[2].length;
      if (inQuote[endPunct - 1]) continue;
      if (m[1] === '.') {
        const wordBefore = /([\p{L}.]+)$/u.exec(ptext.slice(Math.max(s, m.index - 12), m.index))?.[1] ?? '';
        const w = wordBefore.toLowerCase();
        if (ABBREVIATIONS.has(w) || /^\p{Lu}$/u.test(wordBefore) || /^(\p{L}\.)+\p{L}$/u.test(wordBefore)) continue;
      }
      push(s, endPunct);
      s = endPunct;
    }
    push(s, ptext.length);
    // Headings: Markdown `#` lines, or a one-sentence paragraph without terminal punctuation.
    const mine = out.slice(first);
    if (isMdHeading || (mine.length === 1 && !/[.!?:"”’)]$/.test(mine[0].text) && mine[0].text.split(/\s+/).length <= 14)) {
      for (const x of mine) x.heading = true;
    }
  }
  return out;
}

/** For each char, whether it lies inside a double quotation that closes within the text. */
function quoteMask(t: string): Uint8Array {
  const mask = new Uint8Array(t.length);
  let open = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    const straight = c === '"';
    const opening = c === '“' || (straight && open < 0);
    const closing = c === '”' || (straight && open >= 0);
    if (opening && open < 0) open = i;
    else if (closing && open >= 0) {
      mask.fill(1, open, i);
      open = -1;
    }
  }
  return mask;
}
