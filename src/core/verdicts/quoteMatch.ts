// Word-level alignment of a draft quotation with the quotations the sources report.
import type { Passage, Quote, Mark } from '../types';
import type { Corpus } from '../corpus/corpus';
import { tokenize, STOPWORDS, type Token } from '../analysis/text';

export interface QuoteMatch {
  /** `exact`: the draft's words appear in order in a source quotation; `close`: most do, some differ. */
  kind: 'exact' | 'close';
  passage: Passage;
  quote: Quote;
  /** 2·matched / (draft words + source window words). */
  similarity: number;
  /** Marks in passage-text coordinates: matched words and differing words. */
  marks: Mark[];
  /** The source's words for the span the draft quotes. */
  sourceWording: string;
  differences: { draft: string; source: string }[];
  /** The draft's quotation holds the source's words unchanged, with more words before or after them. */
  extendsSource?: boolean;
}

const CONTRACTIONS: Record<string, string> = { ll: 'will', re: 'are', ve: 'have', d: 'would', m: 'am' };
/** Words of a quotation for alignment, contractions spelled out ("We'll" -> "we", "will"). */
function words(toks: Token[]): { t: Token; w: string }[] {
  const out: { t: Token; w: string }[] = [];
  for (const t of toks) {
    const m = /^([a-z]+)'(ll|re|ve|d|m)$/.exec(t.norm);
    if (m) { out.push({ t, w: m[1] }, { t, w: CONTRACTIONS[m[2]] }); continue; }
    if (t.norm === "can't") { out.push({ t, w: 'can' }, { t, w: 'not' }); continue; }
    const n = /^([a-z]+)n't$/.exec(t.norm);
    if (n) { out.push({ t, w: n[1] }, { t, w: 'not' }); continue; }
    out.push({ t, w: t.norm });
  }
  return out;
}

/** The source quotation that best matches `draftQuote`, if any is close enough. */
export function compareQuote(draftQuote: string, corpus: Corpus): QuoteMatch | undefined {
  const d = words(tokenize(draftQuote));
  if (!d.length) return undefined;
  let best: QuoteMatch | undefined;
  for (const { passage, quote: q } of corpus.searchQuotes(d.map((x) => x.w), 25)) {
    {
      const local = q.start - passage.start, localEnd = q.end - passage.start;
      const s = focus(d.map((x) => x.w), words(corpus.tokensOf(passage).filter((t) => t.start >= local && t.end <= localEnd)));
      const m = align(d, s, passage, q, draftQuote);
      if (m && (!best || m.similarity > best.similarity || (m.similarity === best.similarity && !!m.quote.speaker && !best.quote.speaker))) best = m;
    }
  }
  return best;
}

function align(d: { t: Token; w: string }[], s: { t: Token; w: string }[], passage: Passage, quote: Quote, draftQuote: string): QuoteMatch | undefined {
  const n = d.length, m = s.length;
  const gaps = [...draftQuote.matchAll(/\.\.\.|…|\[\.\.\.\]/g)].map((g) => g.index!);
  if (!m) return undefined;
  // LCS table on normalised words.
  const dn = d.map((x) => x.w), sn = s.map((x) => x.w);
  const sset = new Set(sn);
  if (dn.filter((w) => sset.has(w)).length / n < 0.6) return undefined;
  // The words that carry the remark must be the source's too: "The Battle of the Sentry" shares
  // only "The … of the" with "The leader of the DPRK", and is no quotation of it.
  const content = dn.filter((w) => !STOPWORDS.has(w));
  const heldContent = content.filter((w) => sset.has(w)).length;
  if (content.length && (heldContent / content.length < 0.5 || heldContent < Math.min(2, content.length))) return undefined;
  // Verbatim first: each ellipsis-separated part of the draft quote, in order, word for word.
  const exact = verbatim(dn, sn, d.map((x) => gaps.filter((g) => g <= x.t.start).length));
  if (exact) {
    const marks: Mark[] = [];
    for (const j of exact) if (!marks.length || marks[marks.length - 1].start !== s[j].t.start) marks.push({ start: s[j].t.start, end: s[j].t.end, kind: 'match' });
    return { kind: 'exact', passage, quote, similarity: 1, marks, sourceWording: passage.text.slice(s[exact[0]].t.start, s[exact[exact.length - 1]].t.end), differences: [] };
  }
  const dp: Uint16Array[] = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) {
    dp[i][j] = dn[i] === sn[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  }
  const L = dp[0][0];
  if (L / n < 0.6 || L < 3 && L < n) return undefined;
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (dn[i] === sn[j] && dp[i][j] === dp[i + 1][j + 1] + 1) { pairs.push([i, j]); i++; j++; }
    else if (dp[i + 1][j] >= dp[i][j + 1]) i++;
    else j++;
  }
  // The source window the draft quotes: matched span, widened by unmatched words at the draft's edges.
  let ws = Math.max(0, pairs[0][1] - pairs[0][0]);
  let we = Math.min(m - 1, pairs[pairs.length - 1][1] + (n - 1 - pairs[pairs.length - 1][0]));
  if (pairs[0][0] > 0) ws = Math.min(ws, pairs[0][1]);
  const windowLen = we - ws + 1;
  const similarity = (2 * L) / (n + windowLen);
  // An ellipsis in the draft ("the Russian army ... will win") marks words left out on purpose:
  // each part between ellipses must be verbatim, in order.
  const segmentOf = d.map((x) => gaps.filter((g) => g <= x.t.start).length);
  let contiguous = L === n;
  for (let k = 1; contiguous && k < pairs.length; k++) {
    const sameSegment = segmentOf[pairs[k][0]] === segmentOf[pairs[k - 1][0]];
    if (sameSegment && pairs[k][1] !== pairs[k - 1][1] + 1) contiguous = false;
  }
  if (!contiguous && similarity < 0.6) return undefined;
  const matched = new Set(pairs.map((p) => p[1]));
  const marks: Mark[] = [];
  for (let j = ws; j <= we; j++) {
    const last = marks[marks.length - 1];
    if (last && last.start === s[j].t.start) { if (!matched.has(j)) last.kind = 'differ'; continue; }
    marks.push({ start: s[j].t.start, end: s[j].t.end, kind: matched.has(j) ? 'match' : 'differ' });
  }
  const differences: { draft: string; source: string }[] = [];
  const edges: [number, number][] = [[-1, ws - 1], ...pairs, [n, we + 1]];
  for (let k = 0; k + 1 < edges.length; k++) {
    const [di, sj] = edges[k], [di2, sj2] = edges[k + 1];
    const surface = (xs: { t: Token }[]) => xs.filter((x, i) => i === 0 || x.t !== xs[i - 1].t).map((x) => x.t.text).join(' ');
    const dw = surface(d.slice(di + 1, di2));
    const sw = surface(s.slice(sj + 1, sj2));
    if (dw || sw) differences.push({ draft: dw, source: sw });
  }
  const sourceWording = passage.text.slice(s[ws].t.start, s[we].t.end);
  // Every source word of the window matched, in one unbroken run on both sides: the draft only adds
  // words at its edges (a longer excerpt of the same remark), it changes none of the source's.
  const unbroken = pairs.every((p, k) => k === 0 || (p[0] === pairs[k - 1][0] + 1 && p[1] === pairs[k - 1][1] + 1));
  const extendsSource = !contiguous && L === windowLen && unbroken && L < n;
  return { kind: contiguous ? 'exact' : 'close', passage, quote, similarity: contiguous ? 1 : similarity, marks, sourceWording, differences, extendsSource };
}

/** Source word positions matching the draft's words verbatim, segment by segment in order; or undefined. */
function verbatim(dn: string[], sn: string[], segmentOf: number[]): number[] | undefined {
  const out: number[] = [];
  let from = 0;
  for (let i = 0; i < dn.length;) {
    let k = i;
    while (k < dn.length && segmentOf[k] === segmentOf[i]) k++;
    const seg = dn.slice(i, k);
    let found = -1;
    for (let j = from; j + seg.length <= sn.length; j++) {
      let ok = true;
      for (let x = 0; x < seg.length && ok; x++) ok = sn[j + x] === seg[x];
      if (ok) { found = j; break; }
    }
    if (found < 0) return undefined;
    for (let x = 0; x < seg.length; x++) out.push(found + x);
    from = found + seg.length;
    i = k;
  }
  return out.length ? out : undefined;
}

/**
 * The stretch of a long source quotation the draft quotes: the window, a little longer than the
 * draft, holding the most of its words. Aligning there stops a common first word ("It") from
 * anchoring the alignment at the wrong sentence.
 */
function focus(dn: string[], s: { t: Token; w: string }[]): { t: Token; w: string }[] {
  const len = Math.ceil(dn.length * 1.5) + 2;
  if (s.length <= len) return s;
  const want = new Set(dn);
  let best = 0, bestAt = 0, count = 0;
  for (let j = 0; j < s.length; j++) {
    if (want.has(s[j].w)) count++;
    if (j >= len && want.has(s[j - len].w)) count--;
    if (j >= len - 1 && count > best) { best = count; bestAt = j - len + 1; }
  }
  return s.slice(Math.max(0, bestAt - 2), bestAt + len);
}

/**
 * A short quotation (one to three words: "busy timetable", "remarkable") is too short to align on
 * its own words, so it is placed by the words around it: the source quotation standing between the
 * same words ("the Russian leader's “busy schedule”") is the one the draft quotes. Returns a `close`
 * match when the quoted words differ, undefined when no source quotation stands in that place.
 * `before` and `after` are the draft's words right outside the quotation marks, nearest last / first.
 */
export function compareShortQuote(draftQuote: string, before: string[], after: string[], corpus: Corpus): QuoteMatch | undefined {
  const d = words(tokenize(draftQuote));
  if (!d.length || d.length > 3 || before.length + after.length < 2) return undefined;
  const keys = [...new Set(tokenize([...before, draftQuote, ...after].join(' ')).map((t) => t.key))];
  let best: QuoteMatch | undefined;
  let bestHold = 0;
  for (const { passage } of corpus.search(keys, 8)) {
    const toks = corpus.tokensOf(passage);
    for (const q of passage.quotes) {
      const local = q.start - passage.start, localEnd = q.end - passage.start;
      const inside = toks.filter((t) => t.start >= local && t.end <= localEnd);
      const s = words(inside);
      if (!s.length || s.length > 4 || Math.abs(s.length - d.length) > 1) continue;
      const sBefore = toks.filter((t) => t.end <= local).slice(-before.length).map((t) => t.norm);
      const sAfter = toks.filter((t) => t.start >= localEnd).slice(0, after.length).map((t) => t.norm);
      // The words next to the quotation marks, read outwards on each side, must be the same.
      let hold = 0;
      for (let k = 1; k <= before.length && sBefore[sBefore.length - k] === before[before.length - k]; k++) hold++;
      for (let k = 0; k < after.length && sAfter[k] === after[k]; k++) hold++;
      if (hold < 2 || hold <= bestHold) continue;
      const same = s.length === d.length && s.every((x, i) => x.w === d[i].w);
      if (same) return undefined; // the words are the source's: the exact match is not this function's business
      const sourceWording = passage.text.slice(inside[0].start, inside[inside.length - 1].end);
      const shared = new Set(s.map((x) => x.w).filter((w) => d.some((y) => y.w === w)));
      const marks: Mark[] = inside.map((t) => ({ start: t.start, end: t.end, kind: shared.has(t.norm) ? 'match' as const : 'differ' as const }));
      best = {
        kind: 'close', passage, quote: q, similarity: (2 * shared.size) / (d.length + s.length), marks, sourceWording,
        differences: [{ draft: d.map((x) => x.t.text).filter((w, i, a) => a.indexOf(w) === i).join(' '), source: sourceWording }],
      };
      bestHold = hold;
    }
  }
  return best;
}
