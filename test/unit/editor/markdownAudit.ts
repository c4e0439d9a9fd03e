// Reads rendered Markdown the way the most permissive renderer would, to find what source text made live.
import MarkdownIt from 'markdown-it';

export type Token = MarkdownIt.Token;

/**
 * CommonMark + GFM (tables, strikethrough; autolinks through linkify) with raw HTML allowed, every
 * linkifier on (bare domains and e-mail addresses too) and no link destination refused — more than
 * the hover (marked) or the Markdown preview (markdown-it) make live, so what passes here passes there.
 */
export function strictMarkdown(): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt('default', { html: true, linkify: true });
  md.linkify.set({ fuzzyLink: true, fuzzyEmail: true });
  md.validateLink = () => true;
  return md;
}

const md = strictMarkdown();

export function parse(markdown: string): Token[] {
  return md.parse(markdown, {});
}

/** Every token, inline children included, in document order. */
export function flatten(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...flatten(t.children ?? [])]);
}

/** A link token's destination. */
export function hrefOf(link: Token): string {
  return String(link.attrGet('href') ?? '');
}

/** Token types no source text may produce: links are checked apart (our own `command:` and file links are allowed). */
export const LIVE_TYPES = [
  'image', 'html_inline', 'html_block', 'heading_open', 'hr', 'bullet_list_open', 'ordered_list_open', 'list_item_open',
  'code_inline', 'code_block', 'fence', 's_open', 'softbreak', 'hardbreak', 'table_open', 'blockquote_open', 'link_open',
];

/** The raw text of an inline token's text children (codicons show here as `$(`), word joiners kept. */
export function rawText(inline: Token): string {
  return (inline.children ?? []).filter((t) => t.type === 'text').map((t) => t.content).join('');
}

/** What a reader sees of an inline token: its text, without the invisible word joiners. */
export function visibleText(inline: Token): string {
  return rawText(inline).replace(/\u2060/g, '');
}

/** How untrusted text should read once rendered: one line, control characters shown as U+FFFD, trimmed. */
export function expectedText(s: string): string {
  return s.replace(/[\n\v\f\r\u0085\u2028\u2029\t]/g, ' ').replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\uFFFD').trim();
}

/** The blocks at the top of a document (or directly inside a container), as [type, its tokens]. */
export function blocks(tokens: Token[]): { type: string; tokens: Token[] }[] {
  const out: { type: string; tokens: Token[] }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.nesting === 1) {
      let depth = 1;
      let j = i + 1;
      for (; j < tokens.length && depth > 0; j++) depth += tokens[j].nesting;
      out.push({ type: t.type.replace(/_open$/, ''), tokens: tokens.slice(i + 1, j - 1) });
      i = j - 1;
    } else {
      out.push({ type: t.type, tokens: [t] });
    }
  }
  return out;
}
