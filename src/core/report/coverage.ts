// How much of a draft the corpus backs: the claims and quotations by verdict (names are not claims).
import { VERDICTS, type Finding, type Verdict } from '../types';

export interface Coverage {
  /** Claims and quotations judged (every verdict; names excluded). */
  total: number;
  /** Those the corpus supports. */
  backed: number;
  /** Claims and quotations by verdict, every verdict present (0 when none). */
  byVerdict: Record<Verdict, number>;
}

export function coverageOf(findings: readonly Finding[]): Coverage {
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  let total = 0;
  for (const f of findings) {
    if (f.kind === 'name' || f.verdict === 'found') continue;
    byVerdict[f.verdict]++;
    total++;
  }
  return { total, backed: byVerdict.supported, byVerdict };
}

/** The verdicts that are not backing, in the order the line lists them: what needs a look first. */
const NOT_BACKED: readonly Verdict[] = ['contradicted', 'misquoted', 'misattributed', 'unverified'];

/**
 * One line for a person: "3 of 7 claims backed by the corpus (2 contradicted, 1 misquoted, 1 unverified)".
 * Quotations count as claims; only the verdicts that occur are listed.
 */
export function coverageLine(c: Coverage): string {
  if (!c.total) return 'no claims to check against the corpus';
  const rest = NOT_BACKED.filter((v) => c.byVerdict[v]).map((v) => `${c.byVerdict[v]} ${v}`);
  return `${c.backed} of ${c.total} claim${c.total === 1 ? '' : 's'} backed by the corpus${rest.length ? ` (${rest.join(', ')})` : ''}`;
}
