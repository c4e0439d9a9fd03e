// Which files of a workspace are drafts (Check Workspace and the CLI's folder arguments): globs, with
// the defaults for Markdown and plain text. The corpus folders are never drafts.

export const DEFAULT_DRAFT_INCLUDE: readonly string[] = ['**/*.md', '**/*.markdown', '**/*.txt'];
export const DEFAULT_DRAFT_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**', '**/.corroborate/**', '**/.vscode/**'];

/**
 * Globs that exclude the corpus paths too: files, folders or globs relative to `folder` (the
 * workspace folder), or absolute paths inside it. Paths outside it exclude nothing there.
 */
export function excludeWithCorpus(exclude: readonly string[], corpusPaths: readonly string[], folder?: string): string[] {
  const out = [...exclude];
  const root = folder?.replace(/\\/g, '/').replace(/\/+$/, '');
  for (const raw of corpusPaths) {
    let p = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
    if (root && p.startsWith(root + '/')) p = p.slice(root.length + 1);
    if (!p || p.startsWith('/') || /^[A-Za-z]:/.test(p) || p.startsWith('../')) continue; // outside the workspace
    out.push(p, /[*?[\]{}]/.test(p) ? p : `${p}/**`);
  }
  return [...new Set(out)];
}

/** One glob for APIs that take a single pattern: `{a,b}` (brace-free globs only are joined). */
export function joinGlobs(globs: readonly string[]): string | undefined {
  if (!globs.length) return undefined;
  return globs.length === 1 ? globs[0] : `{${globs.join(',')}}`;
}
