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
    // The outlet names the source in a few letters ("AFP"); a title is too long to sit in a line of text.
    const e = f.evidence[0];
    const outlet = e?.outlet ? short(plainLine(e.outlet).replace(/\s+/g, ' ').trim(), 30) : '';
    const from = e ? plainLine(e.outlet || e.title).replace(/\s+/g, ' ').trim() : '';
    let searchFrom = 0;
    for (const fact of f.facts ?? []) {
      if (fact.kind !== 'figure' || fact.status !== 'conflict' || !fact.source) continue;
      const at = f.text.indexOf(fact.text, searchFrom);
      if (at < 0) continue;
      searchFrom = at + fact.text.length;
      const figure = short(plainLine(fact.source).replace(/\s+/g, ' ').trim(), 40);
      out.push({
        offset: f.start + at + fact.text.length,
        label: outlet ? `${figure} · ${outlet}` : figure,
        tooltip: `The sources say “${figure}”, not “${plainLine(fact.text)}”${from ? ` (${from})` : ''}.`,
      });
    }
  }
  return out;
}
