// Status bar text for the active draft's counts (pure).
import type { Finding, CorpusProblem } from '../core/types';
import { countByVerdict } from './report';
import type { ArchiveStatus } from '../core/archive/archiveConnection';

/** Shown once in the status bar when the engine worker died and a new one has reloaded the corpus. */
export const ENGINE_RESTARTED = '$(debug-restart) Corroborate: engine restarted';

/**
 * `restarting`: the engine worker died and a new one is reloading the corpus; the draft's last
 * findings stay shown. `stopped`: it died several times in a row and is not restarted.
 */
export function statusText(findings: Finding[] | undefined, state: 'indexing' | 'ready' | 'error' | 'restarting' | 'stopped', archive?: ArchiveStatus): { text: string; tooltip: string } {
  const base = engineStatusText(findings, state);
  if (!archive || state === 'indexing' || state === 'error' || state === 'stopped') return base;
  // With a shared archive: where the findings come from, and a visible word when it is out of reach.
  if (archive.state === 'unavailable') {
    return {
      text: `$(debug-disconnect) local only  ${base.text}`,
      tooltip: `The shared archive is unavailable (${archive.message ?? 'no answer'}): drafts are checked against the local corpus until it is back; Corroborate reconnects by itself.\n${base.tooltip}`,
    };
  }
  if (archive.state === 'connecting') return { text: `$(sync~spin) ${base.text}`, tooltip: `Connecting to the shared archive…\n${base.tooltip}` };
  const size = archive.articles !== undefined ? `${archive.articles.toLocaleString('en')} articles` : `${(archive.passages ?? 0).toLocaleString('en')} passages`;
  return { text: `$(database) ${base.text}`, tooltip: `Checked against the shared archive (${size}, index generation ${archive.generation}).\n${base.tooltip}` };
}

function engineStatusText(findings: Finding[] | undefined, state: 'indexing' | 'ready' | 'error' | 'restarting' | 'stopped'): { text: string; tooltip: string } {
  if (state === 'indexing') return { text: '$(sync~spin) Corroborate', tooltip: 'Corroborate is indexing the corpus' };
  if (state === 'error') return { text: '$(error) Corroborate', tooltip: 'Corroborate could not load the corpus: see the Output panel' };
  if (state === 'stopped') return { text: '$(error) Corroborate', tooltip: 'Corroborate\'s engine crashed several times in a row and was stopped: run "Corroborate: Reload Corpus" to start it again (details in the Output panel)' };
  if (state === 'restarting' && !findings) return { text: '$(sync~spin) Corroborate', tooltip: 'Corroborate\'s engine stopped unexpectedly and is restarting' };
  if (!findings) return { text: '$(checklist) Corroborate', tooltip: 'Corroborate: click to check the claims in this draft' };
  const c = countByVerdict(findings);
  const problems = c.contradicted + c.misquoted + c.misattributed;
  const total = c.supported + problems + c.unverified;
  // Coverage first: how much of the draft the corpus backs; then what needs a look.
  const counts = `$(pass) ${c.supported} of ${total} claim${total === 1 ? '' : 's'} backed by the corpus${problems ? `  $(warning) ${problems}` : ''}`;
  const summary = `${c.supported} of ${total} claim${total === 1 ? '' : 's'} backed by the corpus.\n` +
    `Supported: ${c.supported}\nContradicted: ${c.contradicted}\nMisquoted: ${c.misquoted}\nMisattributed: ${c.misattributed}\nUnverified: ${c.unverified}\nNames found: ${c.found}`;
  if (state === 'restarting') return { text: `$(sync~spin) ${counts}`, tooltip: `Corroborate's engine stopped unexpectedly and is restarting; until it is back these are the last findings.\n${summary}` };
  return { text: counts, tooltip: `Corroborate: ${summary}\nClick to check claims.` };
}

/**
 * The one notification for a load's new corpus problems: how many were skipped (files, lines or
 * folders not loaded) and how many are warnings about what loaded all the same, with the first one.
 */
export function corpusProblemNotice(problems: CorpusProblem[]): string {
  const skipped = problems.filter((p) => p.severity === 'skipped').length;
  const warned = problems.length - skipped;
  const parts = [skipped && `${skipped} corpus ${skipped === 1 ? 'entry' : 'entries'} skipped`, warned && `${warned} corpus warning${warned === 1 ? '' : 's'}`].filter(Boolean);
  const first = problems[0];
  return `Corroborate: ${parts.join(', ')} (${first.path.split(/[\\/]/).pop()}: ${first.message}${problems.length > 1 ? ', …' : ''}).`;
}
