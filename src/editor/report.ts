// The Check Claims report: a Markdown document a person would want to read. Pure, no vscode import.
import { pathToFileURL } from 'node:url';
import type { Finding } from '../core/types';
import { renderMarkedQuote } from './hoverCard';
import { escapeMarkdown, safeLinkTarget } from './markdownSafe';

/**
 * A link to a source line that works in the Markdown preview and the editor (`command:` links do not:
 * they need a trusted hover). A file name can hold `(`, `)` or `&`: encoded, they cannot end the link.
 */
export function sourceFileLink(file: string, line: number): string {
  return safeLinkTarget(`${pathToFileURL(file).href}#L${line}`);
}

const ORDER = ['contradicted', 'misquoted', 'misattributed', 'unverified', 'supported'] as const;
const HEADINGS: Record<string, string> = {
  contradicted: 'Contradicted by the sources',
  misquoted: 'Misquoted',
  misattributed: 'Misattributed',
  unverified: 'Unverified (nothing in the corpus bears on these)',
  supported: 'Supported',
};

export interface ReportContext { fileName: string; sources: number; checkedAt: Date }

export function countByVerdict(findings: Finding[]): Record<string, number> {
  const c: Record<string, number> = { supported: 0, contradicted: 0, misquoted: 0, misattributed: 0, unverified: 0, found: 0 };
  for (const f of findings) c[f.verdict] = (c[f.verdict] ?? 0) + 1;
  return c;
}

export function renderReport(findings: Finding[], ctx: ReportContext): string {
  const claims = findings.filter((f) => f.kind !== 'name');
  const names = findings.filter((f) => f.kind === 'name');
  const c = countByVerdict(findings);
  const out: string[] = [];
  out.push(`# Corroborate report: ${escapeMarkdown(ctx.fileName)}`);
  out.push(`Checked ${ctx.checkedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC against ${ctx.sources} source${ctx.sources === 1 ? '' : 's'}.`);
  out.push(
    `| verdict | claims |\n|---|---:|\n` + ORDER.map((v) => `| ${v} | ${c[v]} |`).join('\n') + `\n| names found | ${names.length} |`,
  );
  if (!claims.length) out.push('No checkable claims found in this draft.');
  for (const v of ORDER) {
    const list = claims.filter((f) => f.verdict === v);
    if (!list.length) continue;
    out.push(`## ${HEADINGS[v]} (${list.length})`);
    for (const f of list) {
      const lines = [`### Line ${f.line}: “${escapeMarkdown(f.text.length > 160 ? f.text.slice(0, 157) + '…' : f.text)}”`];
      if (f.speaker) lines.push(`Speaker in the draft: ${escapeMarkdown(f.speaker)}`);
      if (f.reason) lines.push(`**Why:** ${escapeMarkdown(f.reason)}`);
      for (const e of f.evidence.slice(0, 3)) {
        const meta = [e.outlet, e.date].filter(Boolean).map((x) => escapeMarkdown(x!)).join(', ');
        lines.push(`> ${renderMarkedQuote(e.quote, e.marks)}\n>\n> — *${escapeMarkdown(e.title)}*${meta ? `, ${meta}` : ''}, [${escapeMarkdown(e.sourceId)} line ${e.line}](${sourceFileLink(e.path, e.line)})`);
      }
      if (f.fixes.length) lines.push(`Suggested fix: ${f.fixes.map((x) => `${escapeMarkdown(x.title)}`).join('; ')}`);
      out.push(lines.join('\n\n'));
    }
  }
  if (names.length) {
    const byEntity = new Map<string, { n: number; lines: number[]; sources: number }>();
    for (const f of names) {
      const e = byEntity.get(f.entity ?? f.text) ?? { n: 0, lines: [], sources: f.details?.sourceCount ?? 0 };
      e.n++;
      if (!e.lines.includes(f.line)) e.lines.push(f.line);
      byEntity.set(f.entity ?? f.text, e);
    }
    out.push(`## Names the corpus knows (${byEntity.size})`);
    out.push('| name | mentions | lines | sources |\n|---|---:|---|---:|\n' +
      [...byEntity].map(([n, e]) => `| ${escapeMarkdown(n)} | ${e.n} | ${e.lines.join(', ')} | ${e.sources} |`).join('\n'));
  }
  return out.join('\n\n') + '\n';
}
