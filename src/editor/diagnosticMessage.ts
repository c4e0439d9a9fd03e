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

/** Related information is one line in the Problems panel and the hover: a passage is cut here. */
export const RELATED_PASSAGE_CHARS = 160;

/**
 * The message of a diagnostic's related information for one piece of evidence: the passage itself
 * (what the editor needs to judge the finding), then where it is from, short.
 */
export function relatedInformationMessage(e: Evidence): string {
  const passage = plainLine(e.quote).replace(/\s+/g, ' ').trim();
  const cut = passage.length > RELATED_PASSAGE_CHARS ? passage.slice(0, RELATED_PASSAGE_CHARS - 1).replace(/\s+\S*$/, '') + '…' : passage;
  const from = plainLine(e.outlet || e.title).replace(/\s+/g, ' ').trim();
  const source = from.length > 40 ? from.slice(0, 39) + '…' : from;
  return `“${cut}” — ${source}${e.date ? `, ${plainLine(e.date)}` : ''}`;
}
