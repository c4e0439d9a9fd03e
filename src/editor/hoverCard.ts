// Hover cards as functions of plain data (unit-testable, no vscode import). Corpus text is untrusted:
// everything from a source is escaped before it reaches Markdown.
import type { Finding, Evidence, Mark } from '../core/types';
import { CommandIds } from './commandIds';

// Codicons (rendered by VS Code with supportThemeIcons) rather than emoji, which not every font has.
const VERDICT_LABEL: Record<string, string> = {
  supported: '$(pass) Supported',
  contradicted: '$(error) Contradicted',
  misquoted: '$(edit) Misquoted',
  misattributed: '$(person) Misattributed',
  unverified: '$(question) Unverified',
  found: '$(account) Known name',
};

/** Escapes text for Markdown: special characters backslash-escaped, HTML neutralised. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    // Enough to stop links, images, emphasis, code, tables and headings; plain punctuation stays readable.
    .replace(/[`*_[\]#|~]/g, (c) => '\\' + c)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ');
}

/** A `command:` link that opens a source at a line. */
export function openSourceLink(path: string, line: number): string {
  return `command:${CommandIds.openSource}?${encodeURIComponent(JSON.stringify([path, line]))}`;
}

/** The passage with its marks: matching words bold, differing words bold italic with a marker. */
export function renderMarkedQuote(quote: string, marks: Mark[]): string {
  let out = '';
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end > quote.length) continue;
    out += escapeMarkdown(quote.slice(at, m.start));
    const word = escapeMarkdown(quote.slice(m.start, m.end));
    out += m.kind === 'match' ? `**${word}**` : `***${word}***⚠`;
    at = m.end;
  }
  return out + escapeMarkdown(quote.slice(at));
}

function sourceLine(e: Evidence): string {
  const meta = [e.outlet, e.date].filter(Boolean).map((x) => escapeMarkdown(x!)).join(', ');
  return `*${escapeMarkdown(e.title)}*${meta ? ` — ${meta}` : ''} · [line ${e.line}](${openSourceLink(e.path, e.line)})`;
}

/** The hover card for one finding, as Markdown. */
export function renderHoverCard(f: Finding): string {
  const parts: string[] = [];
  if (f.kind === 'name') {
    parts.push(`**${escapeMarkdown(f.entity ?? f.text)}** — ${VERDICT_LABEL.found}`);
    const d = f.details;
    if (d?.roles.length) parts.push(`Sources call them: ${d.roles.map((r) => escapeMarkdown(r)).join('; ')}`);
    if (d) parts.push(`Mentioned in ${d.sourceCount} source${d.sourceCount === 1 ? '' : 's'}.`);
  } else {
    parts.push(`**${VERDICT_LABEL[f.verdict] ?? escapeMarkdown(f.verdict)}**${f.speaker ? ` · speaker in the draft: ${escapeMarkdown(f.speaker)}` : ''}`);
    if (f.reason) parts.push(escapeMarkdown(f.reason));
  }
  for (const e of f.evidence.slice(0, 3)) parts.push(`> ${renderMarkedQuote(e.quote, e.marks)}\n>\n> ${sourceLine(e)}`);
  if (f.fixes.length) parts.push(`Quick fix available: ${f.fixes.map((x) => escapeMarkdown(x.title)).join('; ')}`);
  return parts.join('\n\n');
}
