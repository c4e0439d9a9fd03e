// Text from a source (passages, titles, outlets, file names) and from a draft is untrusted: it reaches
// the hover card and the report only through escapeMarkdown (and the Problems panel through plainLine),
// and nothing in it may become live there — no link, image, HTML, heading, rule, list item, line break
// or codicon. Pure (no vscode import), so it is unit-tested against a Markdown parser.
import { oneLine } from '../core/analysis/text';

/** Invisible, and not a line-break opportunity: put inside a URL, an e-mail address or `$(`, no linkifier or codicon parser matches. */
const WORD_JOINER = '\u2060';

/**
 * Untrusted text as one line of plain text: every line separator becomes a space, every other
 * control character U+FFFD (so tampering shows), a tab a space. One character in, one out (offsets
 * into the text stay valid).
 */
export function plainLine(s: string): string {
  return oneLine(s).replace(/\t/g, ' ');
}

// Punctuation that starts Markdown syntax anywhere in a line: escapes, code, emphasis, links and
// images, headings, tables, strikethrough, and `$` (math in the Markdown preview; codicons in hovers).
const INLINE_SPECIAL = new Set(['\\', '`', '*', '_', '[', ']', '#', '|', '~', '$']);
// HTML, autolinks (`<http://…>`) and entities: as entities, which read as the character itself.
const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
// Block syntax that only counts at the start of a line (the rest are escaped everywhere above):
// list items (`-`, `+`, `1.`, `1)`), setext underlines and thematic breaks (`===`, `---`).
const LINE_START_SPECIAL = new Set(['-', '+', '=']);

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const TWO_LETTERS = /^\p{L}\p{L}/u;

/**
 * Escapes untrusted text for Markdown so it reads as the same text and nothing else: one line (line
 * separators become spaces, see {@link plainLine}), no syntax, HTML or entities, no autolinks (URLs,
 * `www.` and e-mail addresses are broken with an invisible word joiner), no codicons. Leading and
 * trailing white space is dropped (at a line start it would make a code block).
 */
export function escapeMarkdown(s: string): string {
  return markdownSlicer(s)(0, s.length);
}

/**
 * {@link escapeMarkdown} by slices: `markdownSlicer(s)(from, to)` escapes `s.slice(from, to)` with the
 * characters around the slice as context, so a passage cut into marked and unmarked pieces escapes
 * exactly as the whole passage does (a URL split across two pieces is broken too).
 */
export function markdownSlicer(s: string): (from: number, to: number) => string {
  const t = plainLine(s);
  let first = 0;
  while (first < t.length && isSpace(t[first])) first++;
  let end = t.length;
  while (end > first && isSpace(t[end - 1])) end--;
  // The "." or ")" of a list marker "1." / "1)" at the start.
  const ordinal = /^\d{1,9}[.)](?=\s|$)/.exec(t.slice(first))?.[0];
  const ordinalAt = ordinal ? first + ordinal.length - 1 : -1;
  return (from, to) => {
    let out = '';
    for (let i = Math.max(from, first); i < Math.min(to, end); i++) {
      const c = t[i];
      const prev = i > 0 ? t[i - 1] : undefined;
      const next = t[i + 1];
      if (INLINE_SPECIAL.has(c)) out += '\\' + c;
      else if (HTML_SPECIAL[c]) out += HTML_SPECIAL[c];
      else if ((i === first && LINE_START_SPECIAL.has(c)) || i === ordinalAt) out += '\\' + c;
      // An e-mail address ("desk@evil.com", also after "mailto:"): the name must touch the "@".
      else if (c === '@' && !isSpace(prev)) out += WORD_JOINER + c;
      else out += c;
      // URLs ("http://", "//host"), hosts ("evil.com": a top-level domain, two letters or more, after
      // a dot; "www.1evil"), codicons ("$("). "U.S." and "3.5" stay as they are.
      if ((c === '/' && next === '/') || (c === '$' && next === '(')) out += WORD_JOINER;
      else if (c === '.' && !isSpace(prev) && (TWO_LETTERS.test(t.slice(i + 1, i + 3)) || (/^[\p{L}\p{N}]/u.test(next ?? '') && /www$/i.test(t.slice(Math.max(0, i - 3), i))))) out += WORD_JOINER;
    }
    return out;
  };
}

/**
 * A link destination that nothing in it can end or change: `href` (already a URI, so `%` stays)
 * with every character outside a conservative set percent-encoded — parentheses, brackets, quotes,
 * spaces, `!`, `*`, `&` (an entity in a destination is decoded), `$`, `<`, `>`, backslash.
 */
export function safeLinkTarget(href: string): string {
  return href.replace(/[^A-Za-z0-9\-._~:/?#@%=+,;]/gu, encodeChar);
}

/** encodeURIComponent, which leaves `!'()*` as they are, for one character (a lone surrogate becomes U+FFFD). */
function encodeChar(c: string): string {
  let e: string;
  try { e = encodeURIComponent(c); } catch { e = '%EF%BF%BD'; }
  return e.replace(/[!'()*]/g, (x) => '%' + x.charCodeAt(0).toString(16).toUpperCase());
}

/** A `command:` link with JSON arguments, encoded so that no argument can end or alter it. */
export function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${safeLinkTarget(encodeURIComponent(JSON.stringify(args)))}`;
}

/**
 * Untrusted text for a plain-text UI that still renders codicons (quick pick labels, descriptions
 * and details): on one line, with every `$(` broken by a word joiner, so a source titled
 * "$(pass) Verified" shows those characters rather than an icon.
 */
export function plainLabel(s: string): string {
  return plainLine(s).replace(/\$\(/g, `$${WORD_JOINER}(`);
}
