// The text of a finding's diagnostic (pure, so the Problems wording is unit-tested). The verdict
// itself is the diagnostic's `code`, which the Problems panel shows next to the message.
import type { Finding } from '../core/types';

export function diagnosticMessage(f: Finding): string {
  if (f.kind === 'name') {
    const n = f.details?.sourceCount ?? new Set(f.evidence.map((e) => e.sourceId)).size;
    return `Known name: ${f.entity ?? f.text} (${n} source${n === 1 ? '' : 's'})`;
  }
  return f.reason || `${f.kind === 'quote' ? 'Quotation' : 'Claim'} ${f.verdict}.`;
}
