// The text of a finding's diagnostic (pure, so the Problems wording is unit-tested). The verdict
// itself is the diagnostic's `code`, which the Problems panel shows next to the message. Diagnostic
// messages are plain text, not Markdown: source text is only made one line (no line separators or
// control characters, which would start new lines of their own in the Problems panel and the hover).
import type { Evidence, Finding } from '../core/types';
import { plainLine } from './markdownSafe';

export function diagnosticMessage(f: Finding): string {
  if (f.kind === 'name') {
    const n = f.details?.sourceCount ?? new Set(f.evidence.map((e) => e.sourceId)).size;
    return `Known name: ${plainLine(f.entity ?? f.text)} (${n} source${n === 1 ? '' : 's'})`;
  }
  return f.reason ? plainLine(f.reason) : `${f.kind === 'quote' ? 'Quotation' : 'Claim'} ${f.verdict}.`;
}

/** The message of a diagnostic's related information for one piece of evidence: the source's title (and date). */
export function relatedInformationMessage(e: Evidence): string {
  const title = plainLine(e.title).trim();
  return `Source: ${title.length > 80 ? title.slice(0, 77) + '…' : title}${e.date ? ` (${plainLine(e.date)})` : ''}`;
}
