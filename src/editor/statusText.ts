// Status bar text for the active draft's counts (pure).
import type { Finding } from '../core/types';
import { countByVerdict } from './report';

export function statusText(findings: Finding[] | undefined, state: 'indexing' | 'ready' | 'error'): { text: string; tooltip: string } {
  if (state === 'indexing') return { text: '$(sync~spin) Corroborate', tooltip: 'Corroborate is indexing the corpus' };
  if (state === 'error') return { text: '$(error) Corroborate', tooltip: 'Corroborate could not load the corpus: see the Output panel' };
  if (!findings) return { text: '$(checklist) Corroborate', tooltip: 'Corroborate: click to check the claims in this draft' };
  const c = countByVerdict(findings);
  const problems = c.contradicted + c.misquoted + c.misattributed;
  const text = `$(check) ${c.supported}  $(warning) ${problems}  $(question) ${c.unverified}`;
  const tooltip = `Corroborate: ${c.supported} supported, ${c.contradicted} contradicted, ${c.misquoted} misquoted, ${c.misattributed} misattributed, ${c.unverified} unverified; ${c.found} names found. Click to check claims.`;
  return { text, tooltip };
}
