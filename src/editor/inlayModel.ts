// Inlay hints (pure): after each contradicted figure of a claim, the sources' figure and where it is
// from ("two · AFP"). Source text is one line and short; the hint is plain text, never Markdown.
import type { Finding } from '../core/types';
import { plainLine } from './markdownSafe';

export interface FigureHint { offset: number; label: string; tooltip: string }

const short = (s: string, max: number) => (s.length > max ? s.slice(0, max - 1) + '…' : s);

export function sourceFigureHints(findings: Finding[]): FigureHint[] {
  const out: FigureHint[] = [];
  for (const f of findings) {
    if (f.verdict !== 'contradicted') continue;
    const from = f.evidence[0] ? plainLine(f.evidence[0].outlet || f.evidence[0].title).replace(/\s+/g, ' ').trim() : '';
    let searchFrom = 0;
    for (const fact of f.facts ?? []) {
      if (fact.kind !== 'figure' || fact.status !== 'conflict' || !fact.source) continue;
      const at = f.text.indexOf(fact.text, searchFrom);
      if (at < 0) continue;
      searchFrom = at + fact.text.length;
      const figure = short(plainLine(fact.source).replace(/\s+/g, ' ').trim(), 40);
      out.push({
        offset: f.start + at + fact.text.length,
        label: from ? `${figure} · ${short(from, 30)}` : figure,
        tooltip: `The sources say “${figure}”, not “${plainLine(fact.text)}”${from ? ` (${from})` : ''}.`,
      });
    }
  }
  return out;
}
