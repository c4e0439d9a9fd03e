// Inline suppression comments, read the way markdownlint and cspell read theirs:
//
//   <!-- corroborate-disable-next-line -->   the next line with text (blank and comment-only lines are skipped)
//   <!-- corroborate-disable-line -->        the line (or lines) the comment is on
//   <!-- corroborate-disable -->             from the comment to the next corroborate-enable, or to the end
//   <!-- corroborate-enable -->
//
// Any of them may list what it covers: verdicts ("contradicted", "misquoted", "found", …) or kinds of
// finding ("names", "claims", "quotes"), e.g. `<!-- corroborate-disable-next-line contradicted misquoted -->`.
// A finding is covered when its verdict or its kind is listed (a union, as markdownlint's rule lists are).
// A word that names neither covers nothing: a misspelt list suppresses less, never more.
//
// Comments inside fenced code blocks and code spans are text, not directives (CommonMark: a fence
// that never closes runs to the end of the text). Everything is found by scanning each character a
// bounded number of times: an unclosed "<!--", a run of backticks or a fence never makes a later
// one read the rest of the text again.
import { lineStartsOf } from '../analysis/text';
import { VERDICTS, type Finding } from '../types';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

/** A suppression comment of the text. */
export interface SuppressionDirective {
  kind: DirectiveKind;
  /** UTF-16 offsets of the whole comment, `<!--` to `-->`. */
  start: number;
  end: number;
  /** The words listed after the keyword (lower-cased, kinds in the plural); absent when none are. */
  rules?: string[];
  /** Listed words that name no verdict or kind of finding (they cover nothing), for a warning. */
  unknown?: string[];
}

/** Offsets [start, end) of the draft whose findings are suppressed. */
export interface SuppressedRange {
  start: number;
  end: number;
  /** Only findings whose verdict or kind (plural: "names") is listed; every finding when absent. */
  only?: string[];
  /** But not findings whose verdict or kind is listed here (after a `corroborate-enable contradicted` inside a disabled block). */
  except?: string[];
}

/** The word for each kind of finding, as a directive lists it. */
const KIND_WORDS: Record<Finding['kind'], string> = { name: 'names', claim: 'claims', quote: 'quotes' };
/** Words a directive may list: every verdict, 'found' (a name found in the corpus), and the kinds of finding (singular accepted). */
const RULE_WORDS = new Map<string, string>([
  ...[...VERDICTS, 'found'].map((v): [string, string] => [v, v]),
  ...Object.entries(KIND_WORDS).flatMap(([one, many]): [string, string][] => [[one, many], [many, many]]),
]);

/** The keyword of a directive, read (sticky) from just after a comment's `<!--`. */
const DIRECTIVE = /\s*corroborate-(disable-next-line|disable-line|disable|enable)(?=[\s,]|-->)/iy;

interface Span { start: number; end: number }
/** The lines of a text: where each starts, and where its text ends (before its line break). Typed arrays: a 1 MB text may have 500,000 lines. */
interface Lines { count: number; start: Int32Array; end: Int32Array }

/** The suppression comments of `text`, in order. Comments in code, and other comments, are left out. */
export function suppressionDirectives(text: string): SuppressionDirective[] {
  return directivesOf(text, commentsOutsideCode(text, linesOf(text)));
}

/**
 * The parts of `text` whose findings are suppressed by its suppression comments, sorted by start.
 * Line ranges run from the start of the line to the end of its text (the line break excluded).
 */
export function suppressedRanges(text: string): SuppressedRange[] {
  const lines = linesOf(text);
  const comments = commentsOutsideCode(text, lines);
  const directives = directivesOf(text, comments);
  if (!directives.length) return [];
  const lineOf = lineFinder(lines);
  const nextWithText = linesWithText(text, lines, comments);
  // Line ranges by line: two comments on one line make one range, listing what either lists.
  const byLine = new Map<number, SuppressedRange>();
  const cover = (line: number, rules: string[] | undefined) => {
    const had = byLine.get(line);
    if (!had) byLine.set(line, { start: lines.start[line], end: lines.end[line], ...(rules && { only: rules }) });
    else if (!rules) delete had.only;
    else if (had.only) had.only = [...new Set([...had.only, ...rules])];
  };
  const out: SuppressedRange[] = [];
  // disable/enable: the state runs from one of them to the next. `all` with `except`, or only `some`.
  let all = false, some = new Set<string>(), except = new Set<string>();
  let since = 0;
  const close = (at: number) => {
    if (at > since && (all || some.size)) {
      out.push(all
        ? { start: since, end: at, ...(except.size ? { except: [...except] } : {}) }
        : { start: since, end: at, only: [...some] });
    }
    since = at;
  };
  for (const d of directives) {
    if (d.kind === 'disable-line') {
      for (let l = lineOf(d.start), last = lineOf(d.end - 1); l <= last; l++) cover(l, d.rules);
    } else if (d.kind === 'disable-next-line') {
      const next = nextWithText[lineOf(d.end - 1) + 1];
      if (next < lines.count) cover(next, d.rules);
    } else {
      close(d.start);
      if (d.kind === 'disable') {
        if (!d.rules) { all = true; some = new Set(); except = new Set(); }
        else if (all) for (const r of d.rules) except.delete(r);
        else for (const r of d.rules) some.add(r);
      } else {
        if (!d.rules) { all = false; some = new Set(); except = new Set(); }
        else if (all) for (const r of d.rules) except.add(r);
        else for (const r of d.rules) some.delete(r);
      }
    }
  }
  close(text.length);
  for (const r of byLine.values()) out.push(r);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The findings not suppressed by the text's suppression comments, in their order. */
export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  const ranges = suppressedRanges(text);
  if (!ranges.length) return findings;
  // Findings by start against ranges by start, keeping the ranges that may still cover one.
  const order = findings.map((_, i) => i).sort((a, b) => findings[a].start - findings[b].start);
  const dropped = new Uint8Array(findings.length);
  let next = 0;
  let open: SuppressedRange[] = [];
  for (const i of order) {
    const f = findings[i];
    while (next < ranges.length && ranges[next].start <= f.start) open.push(ranges[next++]);
    open = open.filter((r) => r.end > f.start);
    if (open.some((r) => covers(r, f))) dropped[i] = 1;
  }
  return findings.filter((_, i) => !dropped[i]);
}

/** Whether the range's lists cover the finding (its start already lies in the range). */
function covers(r: SuppressedRange, f: Finding): boolean {
  const named = (words: string[]) => words.includes(f.verdict) || words.includes(KIND_WORDS[f.kind]);
  return (!r.only || named(r.only)) && !(r.except && named(r.except));
}

/** The directives among `comments` (offsets of `<!--` … `-->`). */
function directivesOf(text: string, comments: Span[]): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  for (const c of comments) {
    // Read in place (sticky), so that the text of the comments that are no directive is never copied.
    DIRECTIVE.lastIndex = c.start + 4;
    const m = DIRECTIVE.exec(text);
    if (!m || DIRECTIVE.lastIndex > c.end - 3) continue;
    const d: SuppressionDirective = { kind: m[1].toLowerCase() as DirectiveKind, start: c.start, end: c.end };
    const words = isBlank(text, DIRECTIVE.lastIndex, c.end - 3) ? [] : text.slice(DIRECTIVE.lastIndex, c.end - 3).split(/[\s,]+/).filter(Boolean).map((w) => w.toLowerCase());
    if (words.length) {
      d.rules = [...new Set(words.map((w) => RULE_WORDS.get(w) ?? w))];
      const unknown = words.filter((w) => !RULE_WORDS.has(w));
      if (unknown.length) d.unknown = unknown;
    }
    out.push(d);
  }
  return out;
}

/** Each line's start and the end of its text (before the line break): LF, CRLF or CR, as lineStartsOf counts them. */
function linesOf(text: string): Lines {
  const starts = lineStartsOf(text);
  const count = starts.length, start = Int32Array.from(starts), end = new Int32Array(count);
  for (let i = 0; i + 1 < count; i++) end[i] = start[i + 1] - (text[start[i + 1] - 1] === '\n' && text[start[i + 1] - 2] === '\r' ? 2 : 1);
  end[count - 1] = text.length;
  return { count, start, end };
}

/** The index of the line holding an offset. */
function lineFinder(lines: Lines): (offset: number) => number {
  return (offset) => {
    let lo = 0, hi = lines.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines.start[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return lo;
  };
}

/**
 * For each line index i (and lines.count), the first line at or after i with text outside comments
 * (lines.count when none): the line a disable-next-line above it covers.
 */
function linesWithText(text: string, lines: Lines, comments: Span[]): Int32Array {
  const inComment = new Uint8Array(text.length);
  for (const c of comments) inComment.fill(1, c.start, c.end);
  const next = new Int32Array(lines.count + 1).fill(lines.count);
  for (let l = lines.count - 1; l >= 0; l--) {
    let has = false;
    for (let i = lines.start[l]; i < lines.end[l] && !has; i++) has = !inComment[i] && !isSpace(text.charCodeAt(i));
    next[l] = has ? l : next[l + 1];
  }
  return next;
}

/** Whether a UTF-16 code unit is white space as /\s/ has it (without a regular expression per character). */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether text[from, to) is all white space. */
function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Fenced code blocks (CommonMark): a line of at most three spaces and three or more backticks or
 * tildes (a backtick fence's info string holds no backtick) to a line of the same character, at
 * least as many, and only spaces after; or to the end of the text. Each line is read once.
 */
function fencedBlocks(text: string, lines: Lines): Span[] {
  const out: Span[] = [];
  let open: { start: number; ch: string; len: number } | undefined;
  for (let l = 0; l < lines.count; l++) {
    const start = lines.start[l], end = lines.end[l];
    let i = start;
    while (i < end && i - start < 4 && text[i] === ' ') i++;
    if (i - start > 3) continue;
    const ch = text[i];
    if (ch !== '`' && ch !== '~') continue;
    let k = i;
    while (k < end && text[k] === ch) k++;
    const len = k - i;
    if (len < 3) continue;
    if (open) {
      if (ch !== open.ch || len < open.len || !isBlank(text, k, end)) continue;
      out.push({ start: open.start, end });
      open = undefined;
    } else if (ch === '~' || !text.slice(k, end).includes('`')) {
      open = { start, ch, len };
    }
  }
  if (open) out.push({ start: open.start, end: text.length });
  return out;
}

/** A run of backticks outside fenced code, and the paragraph (run of non-blank lines) it is in. */
interface Run { start: number; end: number; paragraph: number }

/**
 * HTML comments outside code. Read left to right as CommonMark does: whichever of a comment and a
 * code span opens first takes the text up to its close (a comment to the next "-->"; a run of n
 * backticks to the next run of exactly n in its paragraph, or it is literal). Each search starts
 * where the last one of its kind stopped, so the work is linear in the text.
 */
function commentsOutsideCode(text: string, lines: Lines): Span[] {
  const fences = fencedBlocks(text, lines);
  // Backtick runs outside fences, with their paragraphs.
  const runs: Run[] = [];
  let paragraph = 0, blankBefore = false, f = 0;
  for (let l = 0; l < lines.count; l++) {
    const lineStart = lines.start[l], lineEnd = lines.end[l];
    while (f < fences.length && fences[f].end < lineStart) f++;
    const fenced = f < fences.length && fences[f].start <= lineStart;
    if (fenced || isBlank(text, lineStart, lineEnd)) { blankBefore = true; continue; }
    if (blankBefore) { paragraph++; blankBefore = false; }
    // Character by character: indexOf would read on past the line, to the end of a text without backticks.
    for (let i = lineStart; i < lineEnd; i++) {
      if (text.charCodeAt(i) !== 96) continue;
      const start = i;
      while (i < lineEnd && text.charCodeAt(i) === 96) i++;
      runs.push({ start, end: i, paragraph });
    }
  }
  const byLength = new Map<number, { runs: number[]; at: number }>();
  runs.forEach((r, i) => {
    const n = r.end - r.start;
    const list = byLength.get(n) ?? { runs: [], at: 0 };
    list.runs.push(i);
    byLength.set(n, list);
  });
  /** The run closing the code span run r opens, or -1. Asked for r in increasing order. */
  const closer = (r: number): number => {
    const list = byLength.get(runs[r].end - runs[r].start)!;
    while (list.at < list.runs.length && list.runs[list.at] <= r) list.at++;
    const c = list.runs[list.at];
    return c !== undefined && runs[c].paragraph === runs[r].paragraph ? c : -1;
  };
  // The next "<!--" outside fences at or after `from` (from never decreases), remembered between asks.
  let found = -2, fence = 0;
  const opening = (from: number): number => {
    if (found >= from || found === -1) return found;
    for (let at = from; ;) {
      found = text.indexOf('<!--', at);
      while (fence < fences.length && fences[fence].end <= found) fence++;
      if (found < 0 || fence === fences.length || found < fences[fence].start) return found;
      at = fences[fence].end;
    }
  };
  const comments: Span[] = [];
  let closes = true; // false once no "-->" follows an opening: none follows a later one either
  let r = 0;
  for (let pos = 0; ;) {
    while (r < runs.length && runs[r].start < pos) r++;
    const c = closes ? opening(pos) : -1;
    if (c < 0 && r === runs.length) break;
    if (c >= 0 && (r === runs.length || c < runs[r].start)) {
      const j = text.indexOf('-->', c + 4);
      if (j < 0) { closes = false; continue; }
      comments.push({ start: c, end: j + 3 });
      pos = j + 3;
      continue;
    }
    const k = closer(r);
    pos = k >= 0 ? runs[k].end : runs[r].end;
  }
  return comments;
}
