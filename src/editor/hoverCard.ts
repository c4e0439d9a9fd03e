// Hover cards as functions of plain data (unit-testable, no vscode import). Corpus text is untrusted:
// everything from a source (and from the draft) goes through markdownSafe.ts before it reaches Markdown.
import type { Finding, Evidence, Mark, FactCheck } from '../core/types';
import { CommandIds } from './commandIds';
import { commandLink, escapeMarkdown, markdownSlicer } from './markdownSafe';

export { escapeMarkdown };

// Codicons (rendered by VS Code with supportThemeIcons) rather than emoji, which not every font has.
const VERDICT_LABEL: Record<string, string> = {
  supported: '$(pass) Supported',
  contradicted: '$(error) Contradicted',
  misquoted: '$(edit) Misquoted',
  misattributed: '$(person) Misattributed',
  unverified: '$(question) Unverified',
  found: '$(account) Known name',
};

/** A `command:` link that opens a source at a line. */
export function openSourceLink(path: string, line: number): string {
  return commandLink(CommandIds.openSource, [path, line]);
}

/** The passage with its marks: matching words bold, differing words bold italic with a marker. */
export function renderMarkedQuote(quote: string, marks: Mark[]): string {
  // The pieces are escaped as parts of the whole passage (a URL cut by a mark is still broken).
  const escape = markdownSlicer(quote);
  let out = '';
  let at = 0;
  for (const m of [...marks].sort((a, b) => a.start - b.start)) {
    if (m.start < at || m.end > quote.length) continue;
    out += escape(at, m.start);
    const word = escape(m.start, m.end);
    if (word) out += m.kind === 'match' ? `**${word}**` : `***${word}***⚠`;
    at = m.end;
  }
  return out + escape(at, quote.length);
}

function sourceLine(e: Evidence): string {
  const meta = [e.outlet, e.date].filter(Boolean).map((x) => escapeMarkdown(x!)).join(', ');
  return `*${escapeMarkdown(e.title)}*${meta ? ` — ${meta}` : ''} · [line ${e.line}](${openSourceLink(e.path, e.line)})`;
}

const FACT_LABEL: Record<FactCheck['kind'], string> = { who: 'who', figure: 'figure', when: 'when', polarity: 'polarity', what: 'what' };
const FACT_MARK: Record<FactCheck['status'], string> = { found: '✓', missing: '?', conflict: '✗' };

/**
 * The claim fact by fact, against the passage that bears on it best: "who ✓ Kim Jong Un · figure ✗
 * 1,500 km (sources: 1,000 km) · what ? limousine". Missing means no passage holding the rest says it.
 */
export function renderFacts(facts: FactCheck[]): string {
  return facts.map((f) => {
    const text = f.kind === 'what' && f.status === 'found' ? 'its other words' : escapeMarkdown(f.text);
    const source = f.status === 'conflict' && f.source ? ` (sources: ${escapeMarkdown(f.source)})` : '';
    return `${FACT_LABEL[f.kind]} ${FACT_MARK[f.status]} ${text}${source}`;
  }).join(' · ');
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
    if (f.checked) {
      const c = f.checked;
      parts.push(`**$(check-all) Checked by hand** on ${escapeMarkdown(c.date)}${c.by ? ` by ${escapeMarkdown(c.by)}` : ''}${c.note ? `: ${escapeMarkdown(c.note)}` : ''} (the verdict then: ${escapeMarkdown(c.verdict)})`);
    }
    parts.push(`**${VERDICT_LABEL[f.verdict] ?? escapeMarkdown(f.verdict)}**${f.speaker ? ` · speaker in the draft: ${escapeMarkdown(f.speaker)}` : ''}`);
    if (f.reason) parts.push(escapeMarkdown(f.reason));
    if (f.kind === 'claim' && f.facts?.length) parts.push(renderFacts(f.facts));
  }
  for (const e of f.evidence.slice(0, 3)) parts.push(`> ${renderMarkedQuote(e.quote, e.marks)}\n>\n> ${sourceLine(e)}`);
  if (f.fixes.length) parts.push(`Quick fix available: ${f.fixes.map((x) => escapeMarkdown(x.title)).join('; ')}`);
  return parts.join('\n\n');
}
