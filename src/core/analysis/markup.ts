// Markup is not prose: the draft's front matter, HTML comments and tags, code, link targets and
// emphasis markers blanked out with every offset kept (the checker, suppression comments and the
// checked-claims hashes all read drafts this way). Linear scans, no backtracking on a line.
export const blank = (m: string) => m.replace(/[^\r\n]/g, ' ');
// The place may end in spaces, but not in one the spaces after it could take instead (the `(?! [ \t])`):
// without it "SEOUL" and 64,000 spaces took seconds to fail (each way of sharing them was tried).
export const DATELINE = /^[ \t]*[\p{Lu}][\p{Lu} .'’-]{2,}(?! [ \t])(?:,[ \t]*[\p{Lu}][\p{L}.]*(?:[ \t]+\d{1,2})?)*(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*(?:—|–|--)/gmu;
/**
 * Blanks out what is markup rather than prose, keeping offsets: YAML front matter, HTML comments
 * and tags, code, link targets and emphasis markers.
 */
export function maskMarkup(text: string): string {
  // Comments, fences, tags and links are found by scanning (see maskComments …): as regular
  // expressions, every unclosed "<!--", "```", "<a" or "[" read on to the end of its line or of the text.
  const scanned = maskLinks(maskTags(maskFences(maskComments(text.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*(?=\r?\n|$)/, blank))).replace(/`[^`\n]*`/g, blank)));
  return scanned
    .replace(/(\*\*|__|(?<![\p{L}\p{N}])[*_](?=\S))/gu, blank)
    .replace(/(?<=\S)(\*\*|__|[*_])(?![\p{L}\p{N}])/gu, blank);
}

/** `text` with each range [start, end) (ascending, disjoint) replaced by `fill` of its text. */
function replaceRanges(text: string, ranges: [number, number][], fill: (s: string) => string = blank): string {
  if (!ranges.length) return text;
  const out: string[] = [];
  let at = 0;
  for (const [a, b] of ranges) { out.push(text.slice(at, a), fill(text.slice(a, b))); at = b; }
  out.push(text.slice(at));
  return out.join('');
}

/**
 * Where the next `ch` is at or after `from`, for queries whose `from` never decreases: each part of
 * the text is searched once however many openers ask (an unclosed "[" per character is linear).
 */
function nextFinder(text: string, ch: string): (from: number) => number {
  let found = -2, asked = -1;
  return (from) => {
    if (found === -1 && from >= asked) return -1;
    if (found >= from && from >= asked) return found;
    asked = from;
    found = text.indexOf(ch, from);
    return found;
  };
}

const isLineBreak = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';

/** HTML comments, as /<!--[\s\S]*?-->/g: once no "-->" follows an opening, none follows a later one. */
function maskComments(text: string): string {
  const ranges: [number, number][] = [];
  for (let i = text.indexOf('<!--'); i >= 0; i = text.indexOf('<!--', ranges[ranges.length - 1][1])) {
    const j = text.indexOf('-->', i + 4);
    if (j < 0) break;
    ranges.push([i, j + 3]);
  }
  return replaceRanges(text, ranges);
}

/**
 * Fenced code, as /^(```|~~~)[\s\S]*?^\1[ \t]*$/gm: from a line starting with a fence to the next
 * line holding only the same fence (and spaces). Lines are read once; each opening takes the first
 * closing line after it.
 */
function maskFences(text: string): string {
  const openings: number[] = [];
  const closings: Record<string, { at: number; end: number }[]> = { '```': [], '~~~': [] };
  for (let line = 0; ;) {
    const fence = text.startsWith('```', line) ? '```' : text.startsWith('~~~', line) ? '~~~' : undefined;
    if (fence) {
      openings.push(line);
      let k = line + 3;
      while (text[k] === ' ' || text[k] === '\t') k++;
      if (k === text.length || isLineBreak(text[k])) closings[fence].push({ at: line, end: k });
    }
    let k = line;
    while (k < text.length && !isLineBreak(text[k])) k++;
    if (k >= text.length) break;
    line = k + 1;
  }
  const ranges: [number, number][] = [];
  const next: Record<string, number> = { '```': 0, '~~~': 0 };
  let from = 0;
  for (const at of openings) {
    if (at < from) continue;
    const fence = text.slice(at, at + 3), list = closings[fence];
    let n = next[fence];
    while (n < list.length && list[n].at <= at) n++;
    next[fence] = n;
    if (n === list.length) continue;
    ranges.push([at, list[n].end]);
    from = list[n].end;
  }
  return replaceRanges(text, ranges);
}

/** HTML tags, as /<\/?[A-Za-z][^>\n]*>/g: a "<" and a letter, to the next ">" before the end of the line. */
function maskTags(text: string): string {
  const ranges: [number, number][] = [];
  const gt = nextFinder(text, '>'), nl = nextFinder(text, '\n');
  for (let i = text.indexOf('<'); i >= 0;) {
    const k = text[i + 1] === '/' ? i + 2 : i + 1;
    if (/[A-Za-z]/.test(text[k] ?? '')) {
      const g = gt(k + 1), n = nl(k + 1);
      if (g >= 0 && (n < 0 || g < n)) {
        ranges.push([i, g + 1]);
        i = text.indexOf('<', g + 1);
        continue;
      }
    }
    i = text.indexOf('<', i + 1);
  }
  return replaceRanges(text, ranges);
}

/**
 * Link and image targets, as /!?\[([^\]\n]*)\]\([^)\n]*\)/g replaced by a space, the label and
 * spaces: "[label](url)" or "![label](url)" whose label ends on its line and whose target does.
 */
function maskLinks(text: string): string {
  const out: string[] = [];
  let at = 0;
  // Labels and targets each ask in order of position, so each has its own finders.
  const close = nextFinder(text, ']'), labelEnd = nextFinder(text, '\n'), paren = nextFinder(text, ')'), targetEnd = nextFinder(text, '\n');
  const before = (a: number, b: number) => (a >= 0 && (b < 0 || a < b) ? a : -1);
  for (let p = text.indexOf('['); p >= 0; p = text.indexOf('[', p + 1)) {
    const q = before(close(p + 1), labelEnd(p + 1));
    if (q < 0 || text[q + 1] !== '(') continue;
    const r = before(paren(q + 2), targetEnd(q + 2));
    if (r < 0) continue;
    const start = p > at && text[p - 1] === '!' ? p - 1 : p;
    const label = text.slice(p + 1, q);
    out.push(text.slice(at, start), ' ' + label + ' '.repeat(r + 1 - start - label.length - 1));
    at = r + 1;
    p = r;
  }
  if (!out.length) return text;
  out.push(text.slice(at));
  return out.join('');
}
