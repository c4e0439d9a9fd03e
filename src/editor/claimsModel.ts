// What the claims view shows (pure, no vscode): a draft's claims grouped by verdict in the order an
// editor works through them, with one-line labels, descriptions and tooltips. Source text is made
// one line here; the view shows it as plain text (labels and tooltips are never Markdown).
import type { Finding } from '../core/types';
import { plainLine } from './markdownSafe';

/** The verdict groups, worst first; `checked` holds claims marked as checked by hand. */
export const CLAIM_GROUPS = ['contradicted', 'misquoted', 'misattributed', 'unverified', 'supported', 'checked'] as const;
export type ClaimGroupId = (typeof CLAIM_GROUPS)[number];
export const isClaimGroup = (g: unknown): g is ClaimGroupId => (CLAIM_GROUPS as readonly unknown[]).includes(g);

export const GROUP_LABEL: Record<ClaimGroupId, string> = {
  contradicted: 'Contradicted',
  misquoted: 'Misquoted',
  misattributed: 'Misattributed',
  unverified: 'Unverified',
  supported: 'Supported',
  checked: 'Checked by hand',
};

export interface ClaimGroup { id: ClaimGroupId; label: string; findings: Finding[] }

/**
 * The groups of a draft's claims and quotations (names are not claims), each in draft order, empty
 * groups and groups outside `shown` left out. `isChecked` moves a claim to the `checked` group.
 */
export function groupClaims(findings: Finding[], shown: ReadonlySet<ClaimGroupId> = new Set(CLAIM_GROUPS), isChecked: (f: Finding) => boolean = () => false): ClaimGroup[] {
  const by = new Map<ClaimGroupId, Finding[]>();
  for (const f of findings) {
    if (f.kind === 'name' || f.verdict === 'found') continue;
    const id: ClaimGroupId = isChecked(f) ? 'checked' : (f.verdict as ClaimGroupId);
    if (!CLAIM_GROUPS.includes(id) || !shown.has(id)) continue;
    by.set(id, [...(by.get(id) ?? []), f]);
  }
  return CLAIM_GROUPS.filter((id) => by.has(id)).map((id) => ({ id, label: GROUP_LABEL[id], findings: by.get(id)!.sort((a, b) => a.start - b.start) }));
}

/** A claim as a tree label: its text on one line, cut at a word near `max` characters. */
export function claimLabel(f: Finding, max = 80): string {
  const t = plainLine(f.text).replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : t.slice(0, max - 1).replace(/\s+\S*$/, '') + '…';
}

/** The reason, one line (the tree item's description). */
export function claimDescription(f: Finding): string {
  return f.reason ? plainLine(f.reason).replace(/\s+/g, ' ').trim() : '';
}

/** Plain-text tooltip: the verdict and reason, then each source with the passage that bears on it. */
export function claimTooltip(f: Finding): string {
  const lines = [`${GROUP_LABEL[f.verdict as ClaimGroupId] ?? f.verdict}${f.reason ? `: ${claimDescription(f)}` : ''}`];
  for (const e of f.evidence.slice(0, 3)) {
    const from = [e.title, e.outlet, e.date].filter(Boolean).map((x) => plainLine(x!).trim()).join(' · ');
    const passage = plainLine(e.quote).replace(/\s+/g, ' ').trim();
    lines.push('', from, `“${passage.length > 240 ? passage.slice(0, 239) + '…' : passage}”`);
  }
  if (!f.evidence.length) lines.push('', 'No passage in the corpus bears on it.');
  return lines.join('\n');
}

/** Counts for a file's description: "2 contradicted · 1 misquoted · 5 supported". */
export function groupSummary(groups: ClaimGroup[]): string {
  return groups.map((g) => `${g.findings.length} ${g.id === 'checked' ? 'checked' : g.id}`).join(' · ');
}
