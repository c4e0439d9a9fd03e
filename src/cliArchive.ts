// `corroborate archive import PATH... --archive URL`: fills the shared PostgreSQL archive.
import * as path from 'node:path';
import { openArchive } from './core/archive/archiveDb';
import { importArchive } from './core/archive/importer';
import { publishIndex } from './core/archive/publishedIndex';
import { AnalysisPool } from './core/corpus/analysisPool';
import { oneLine } from './core/analysis/text';

export const ARCHIVE_USAGE = `Usage: corroborate archive import PATH... --archive URL [--mode fast|full]

Imports corpus files, folders or globs (.txt, .md, .jsonl, .html) into the shared archive at URL
(postgres://user@host:port/db; the password from PGPASSWORD or ~/.pgpass, or in the URL; default
$CORROBORATE_ARCHIVE_URL). Unchanged files are skipped, changed ones replaced, and files gone from
a folder imported again are removed. An interrupted import carries on where it stopped when run again.
Then the index editors check against is built for the whole archive and published (a new
generation; checks in flight finish on the one before).

Options:
  --archive URL   the archive (default: $CORROBORATE_ARCHIVE_URL)
  --mode MODE     name finding: fast (lexicon lookup, default for an archive) or full (compromise)

Exit status: 0 when imported (unreadable files are reported and skipped), 2 on bad usage or when
the archive cannot be reached.`;

const printable = (s: string) => oneLine(s);

export async function archiveMain(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '-h' || sub === '--help' || !sub) { process.stdout.write(ARCHIVE_USAGE + '\n'); return sub ? 0 : 2; }
  if (sub !== 'import') { process.stderr.write(`corroborate: unknown archive command "${printable(sub)}"\n\n${ARCHIVE_USAGE}\n`); return 2; }
  let url = process.env.CORROBORATE_ARCHIVE_URL;
  let mode: 'fast' | 'full' = 'fast';
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i];
    if (x === '--archive') url = rest[++i];
    else if (x.startsWith('--archive=')) url = x.slice(10);
    else if (x === '--mode' || x.startsWith('--mode=')) {
      const v = x.includes('=') ? x.slice(7) : rest[++i];
      if (v !== 'fast' && v !== 'full') { process.stderr.write(`corroborate: --mode must be fast or full, not "${printable(v ?? '')}"\n`); return 2; }
      mode = v;
    } else if (x.startsWith('-')) { process.stderr.write(`corroborate: unknown option "${printable(x)}"\n\n${ARCHIVE_USAGE}\n`); return 2; }
    else paths.push(x);
  }
  if (!url) { process.stderr.write(`corroborate: no archive: give --archive URL or set CORROBORATE_ARCHIVE_URL\n`); return 2; }
  if (!paths.length) { process.stderr.write(`corroborate: nothing to import: give files, folders or globs\n`); return 2; }
  const pool = openArchive(url);
  let analysisPool: AnalysisPool | undefined;
  try {
    const stats = await importArchive(pool, paths, {
      baseDir: process.cwd(), mode,
      analyse: (batch, m) => (analysisPool ??= new AnalysisPool(path.join(__dirname, 'engineWorker.js'))).analyse(batch, m),
      onProgress: (p) => process.stderr.write(`corroborate: ${p.files}/${p.filesTotal} files, ${p.articles} articles, ${p.perSecond.toFixed(1)} articles/s${p.etaSeconds !== undefined ? `, about ${Math.ceil(p.etaSeconds)} s left` : ''}\n`),
    });
    for (const p of stats.problems) process.stderr.write(`corroborate: ${printable(p.path)}: ${printable(p.message)}${p.severity === 'skipped' ? ' (skipped)' : ''}\n`);
    process.stdout.write(`imported ${stats.imported} file${stats.imported === 1 ? '' : 's'} (${stats.articles} articles), ${stats.unchanged} unchanged, ${stats.removed} removed, in ${(stats.ms / 1000).toFixed(1)} s\n`);
    // The index editors check against: built once for the whole archive, as it now is.
    const index = await publishIndex(pool, (what) => process.stderr.write(`corroborate: index: ${what}\n`));
    process.stdout.write(index.skipped
      ? `index: generation ${index.generation} is current (${index.articles} articles, ${index.passages} passages)\n`
      : `index: published generation ${index.generation} (${index.articles} articles, ${index.passages} passages, ${index.terms} terms, ${index.entities} names) in ${(index.ms / 1000).toFixed(1)} s\n`);
    return 0;
  } catch (e) {
    // The password never reaches the message: pg's errors do not carry the connection string.
    process.stderr.write(`corroborate: archive: ${printable((e as Error).message)}\n`);
    return 2;
  } finally {
    await analysisPool?.close();
    await pool.end().catch(() => undefined);
  }
}
