// Focus mode (pure): which findings wait while the writer types on a line, as markdownlint's focus
// mode does. A finding on the cursor's line that was not shown before (new, or changed in verdict,
// wording or reason) waits until the cursor leaves the line or typing pauses; everything else is
// shown at once, so underlines elsewhere stay current and nothing appears under the cursor mid-word.
import type { Finding } from '../core/types';

/** Typing pauses this long at least (or the debounce, if longer) before held findings show anyway. */
export const FOCUS_PAUSE_MIN_MS = 1500;

const sameFinding = (a: Finding, b: Finding) => a.kind === b.kind && a.verdict === b.verdict && a.text === b.text && a.reason === b.reason;

/**
 * Splits `findings` into those shown now and those held: findings touching [lineStart, lineEnd]
 * with no equal finding shown on that line now (`shown`: what the diagnostics show, from an earlier
 * version of the draft; typing on the line moves nothing before it, so the line starts where it did).
 */
export function heldByFocus(findings: Finding[], shown: Finding[], lineStart: number, lineEnd: number): { show: Finding[]; hold: Finding[] } {
  const show: Finding[] = [], hold: Finding[] = [];
  const shownOnLine = shown.filter((s) => s.start >= lineStart && s.start <= lineEnd);
  for (const f of findings) {
    const onLine = f.start <= lineEnd && f.end >= lineStart;
    if (onLine && !shownOnLine.some((s) => sameFinding(s, f))) hold.push(f);
    else show.push(f);
  }
  return { show, hold };
}
