// Findings of one draft from two corpora: the shared archive and the editor's local corpus (the
// seeds and corroborate.corpus.paths). Each is checked on its own (the archive piece by piece, the
// local corpus by its own index) and the findings are joined span by span: where one corpus has
// evidence the other lacks, its finding stands; a warning from either stands over "supported" (the
// sources disagree, and the hover shows whose passage says what); otherwise the archive's.
import type { Finding } from '../types';

/** How much a verdict tells an editor: a warning, then supported, then a name found, then nothing. */
const WEIGHT: Record<Finding['verdict'], number> = { contradicted: 3, misquoted: 3, misattributed: 3, supported: 2, found: 1, unverified: 0 };

const overlaps = (a: Finding, b: Finding) => a.start < b.end && b.start < a.end;

/**
 * One finding per span: `archive`'s, unless `local` has one for the same span that weighs more (see
 * WEIGHT; ties keep the archive's), with the other's evidence after its own. A local finding with no
 * archive finding on its span is added when it overlaps none of the same kind (no two underlines
 * for one name or claim).
 */
export function combineFindings(archive: Finding[], local: Finding[]): Finding[] {
  const key = (f: Finding) => `${f.kind}\u0000${f.start}\u0000${f.end}`;
  const out = new Map(archive.map((f) => [key(f), f]));
  for (const f of local) {
    const k = key(f);
    const a = out.get(k);
    if (a) {
      const [win, other] = WEIGHT[f.verdict] > WEIGHT[a.verdict] ? [f, a] : [a, f];
      // The other corpus' passages follow the winner's when they bear on it too (sources that
      // disagree are shown side by side in the hover).
      const more = other.verdict === 'unverified' ? [] : other.evidence.filter((e) => !win.evidence.some((w) => w.path === e.path && w.line === e.line));
      out.set(k, more.length ? { ...win, evidence: [...win.evidence, ...more] } : win);
      continue;
    }
    if (!archive.some((x) => x.kind === f.kind && overlaps(x, f))) out.set(k, f);
  }
  // The checker's order: by position, a name after the claim that starts where it does.
  return [...out.values()].sort((a, b) => a.start - b.start || (a.kind === 'name' ? 1 : 0) - (b.kind === 'name' ? 1 : 0) || a.end - b.end);
}
