// Command-line front end: `corroborate check [--corpus PATH]... [--no-seeds] [--format text|json|sarif|claimreview] [--include GLOB]... [--exclude GLOB]... FILE|FOLDER...`
import { promises as fs, constants as fsConstants, readFileSync, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import * as os from 'node:os';
import { loadSources, indexCorpus, FileIndexStore, checkDraft, type Finding, type Source } from './core';
import { checkContent, readAtMost } from './core/corpus/corpusLoader';
import { MAX_DRAFT_BYTES, draftSizeProblem } from './core/analysis/limits';
import { oneLine } from './core/analysis/text';
import { AnalysisPool } from './core/corpus/analysisPool';
import type { NlpMode } from './core/analysis/entities';
import type { PieceJob } from './core/corpus/corpus';
import { coverageLine, coverageOf } from './core/report/coverage';
import { toSarif } from './core/report/sarif';
import { toClaimReview } from './core/report/claimReview';
import { jsonReport } from './core/report/json';
import { applySuppressions } from './core/workflow/suppression';
import { DEFAULT_DRAFT_INCLUDE, DEFAULT_DRAFT_EXCLUDE, excludeWithCorpus } from './core/draftFiles';
import fg from 'fast-glob';
import { archiveMain } from './cliArchive';
import { openArchive } from './core/archive/archiveDb';
import { PgIndexSource } from './core/archive/publishedIndex';
import { checkCurrent, openIndex } from './core/archive/indexCheck';
import { combineFindings } from './core/verdicts/combine';
import type { IndexCache } from './core/corpus/partialCorpus';
import type { Pool } from 'pg';

const USAGE = `Usage: corroborate check [--corpus PATH]... [--archive URL] [--no-seeds] [--format text|json|sarif|claimreview] [--names] [--include GLOB]... [--exclude GLOB]... FILE|FOLDER...

Checks news drafts against a reference corpus (the bundled seed articles plus any --corpus
files, folders or globs) and reports names, claims and quotes with their verdicts.

Options:
  --corpus PATH     add a corpus file, folder or glob (repeatable)
  --archive URL     check against a shared archive (postgres://…; see corroborate archive) combined
                    with the local corpus (the seeds, --corpus), which alone is checked when the
                    archive cannot be reached
  --no-seeds        do not include the bundled seed articles
  --format FORMAT   text (default), json, sarif (SARIF 2.1.0 for code scanning) or
                    claimreview (schema.org ClaimReview JSON-LD); sarif and claimreview
                    print one document for all files
  --names           in text format, list name findings too
  --include GLOB    for a FOLDER argument: the drafts in it (repeatable; default **/*.md,
                    **/*.markdown, **/*.txt, as the editor's corroborate.drafts.include)
  --exclude GLOB    for a FOLDER argument: files to skip (repeatable; default node_modules, .git,
                    .corroborate, .vscode); the --corpus paths are always skipped
  --cache DIR       keep the corpus index in DIR (default: $XDG_CACHE_HOME/corroborate
                    or ~/.cache/corroborate); a warm start skips re-analysing the corpus
  --no-cache        do not read or write the index cache
  -h, --help        show this help

Also: corroborate archive import PATH... --archive URL (see corroborate archive --help).

Exit status: 0 when nothing is contradicted, misquoted or misattributed; 1 when something is;
2 on bad usage or unreadable input.`;

const FORMATS = ['text', 'json', 'sarif', 'claimreview'] as const;
type Format = typeof FORMATS[number];

interface Args { corpus: string[]; seeds: boolean; format: Format; names: boolean; files: string[]; cache: string | false; include: string[]; exclude: string[]; archive?: string }

function parseArgs(argv: string[]): Args | string {
  const [cmd, ...rest] = argv;
  if (cmd === '-h' || cmd === '--help') return 'help';
  if (cmd !== 'check') return cmd ? `unknown command "${cmd}"` : 'missing command';
  const a: Args = { corpus: [], seeds: true, format: 'text', names: false, files: [], cache: defaultCacheDir(), include: [], exclude: [] };
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i];
    if (x === '--corpus') { const v = rest[++i]; if (!v) return '--corpus needs a path'; a.corpus.push(v); }
    else if (x.startsWith('--corpus=')) a.corpus.push(x.slice(9));
    else if (x === '--no-seeds') a.seeds = false;
    else if (x === '--archive') { const v = rest[++i]; if (!v) return '--archive needs a postgres:// URL'; a.archive = v; }
    else if (x.startsWith('--archive=')) a.archive = x.slice(10);
    else if (x === '--include' || x === '--exclude') { const v = rest[++i]; if (!v) return `${x} needs a glob`; a[x === '--include' ? 'include' : 'exclude'].push(v); }
    else if (x.startsWith('--include=')) a.include.push(x.slice(10));
    else if (x.startsWith('--exclude=')) a.exclude.push(x.slice(10));
    else if (x === '--names') a.names = true;
    else if (x === '--no-cache') a.cache = false;
    else if (x === '--cache') { const v = rest[++i]; if (!v) return '--cache needs a folder'; a.cache = v; }
    else if (x === '--format' || x.startsWith('--format=')) {
      const v = x.includes('=') ? x.slice(9) : rest[++i];
      if (!FORMATS.includes(v as Format)) return `--format must be text or json (findings), sarif or claimreview (reports), not "${v ?? ''}"`;
      a.format = v as Format;
    } else if (x === '-h' || x === '--help') return 'help';
    else if (x.startsWith('-')) return `unknown option "${x}"`;
    else a.files.push(x);
  }
  if (!a.files.length) return 'no draft files given';
  return a;
}

const PROBLEM_VERDICTS = new Set(['contradicted', 'misquoted', 'misattributed']);

export async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'archive') return archiveMain(argv.slice(1));
  const args = parseArgs(argv);
  if (args === 'help') { process.stdout.write(USAGE + '\n'); return 0; }
  if (typeof args === 'string') { process.stderr.write(`corroborate: ${printable(args)}\n\n${USAGE}\n`); return 2; }
  const drafts: { path: string; text: string }[] = [];
  // A folder stands for its drafts: the editor's Check Workspace globs (or --include/--exclude),
  // never the corpus paths.
  const files: string[] = [];
  for (const f of args.files) {
    const st = await fs.stat(f).catch(() => undefined);
    if (!st?.isDirectory()) { files.push(f); continue; }
    const include = args.include.length ? args.include : [...DEFAULT_DRAFT_INCLUDE];
    const exclude = excludeWithCorpus(args.exclude.length ? args.exclude : DEFAULT_DRAFT_EXCLUDE, args.corpus.map((c) => path.relative(f, path.resolve(c)).replace(/\\/g, '/')));
    const found = await fg(include, { cwd: f, ignore: exclude, onlyFiles: true, dot: false, followSymbolicLinks: false });
    if (!found.length) { process.stderr.write(`corroborate: no drafts in ${printable(f)} (looked for ${printable(include.join(', '))})\n`); return 2; }
    files.push(...found.sort().map((x) => path.join(f, x)));
  }
  for (const f of files) {
    const d = await readDraft(f);
    if ('text' in d) { drafts.push({ path: f, text: d.text }); continue; }
    process.stderr.write(`corroborate: ${d.unreadable ? 'cannot read' : 'cannot check'} ${printable(f)}: ${printable(d.problem)}\n`);
    return 2;
  }
  const seedsDir = path.join(__dirname, '..', 'seeds');
  const loaded = await loadSources(args.corpus, { baseDir: process.cwd(), includeSeeds: args.seeds, seedsDir });
  for (const p of loaded.problems) process.stderr.write(`corroborate: corpus: ${printable(p.path)}: ${printable(p.message)}${p.severity === 'skipped' ? ' (skipped)' : ''}\n`);
  let store: FileIndexStore | undefined;
  if (args.cache) store = new FileIndexStore(args.cache);
  // A big corpus is analysed in worker threads (dist/engineWorker.js, beside this file).
  let pool: AnalysisPool | undefined;
  const poolOf = () => (pool ??= new AnalysisPool(path.join(__dirname, 'engineWorker.js')));
  const threads = {
    analyseFrom: 64,
    analyse: (batch: { text: string }[], mode: NlpMode) => poolOf().analyse(batch, mode),
    pieces: (batch: PieceJob[], mode: NlpMode) => poolOf().pieces(batch, mode),
  };
  // With --archive, the archive's published index is the corpus: the draft is checked against the
  // pieces of it that it needs (fetched in a few batches). An archive out of reach leaves the local corpus.
  const archive = args.archive ? await openArchiveIndex(args.archive) : undefined;
  let results: { path: string; findings: Finding[] }[];
  let sources: Source[];
  let articles: number;
  const localIndex = async () => {
    const { corpus, stats } = await indexCorpus(loaded.sources, { store, yieldEvery: 0, ...threads }).catch(async (e: Error) => {
      // An unwritable cache folder must not stop the check.
      process.stderr.write(`corroborate: index cache unavailable (${printable(e.message)}); continuing without it\n`);
      return indexCorpus(loaded.sources, { yieldEvery: 0, ...threads });
    }).finally(() => pool?.close());
    for (const p of stats.problems) process.stderr.write(`corroborate: index cache: ${p.path}: ${p.message}\n`);
    return corpus;
  };
  if (archive) {
    try {
      // The local corpus (the seeds, --corpus) combines with the archive: see combineFindings.
      const corpus = loaded.sources.length ? await localIndex() : undefined;
      results = [];
      for (const d of drafts) {
        const shared = (await checkCurrent(d.text, archive)).findings;
        results.push({ path: d.path, findings: applySuppressions(d.text, corpus ? combineFindings(shared, checkDraft(d.text, corpus)) : shared) });
      }
      sources = [...archive.cache.articles.map((a) => a.source), ...(corpus?.sources ?? [])];
      articles = (archive.cache.head.articles ?? archive.cache.articles.length) + (corpus?.sources.length ?? 0);
    } finally {
      await archive.pool.end().catch(() => undefined);
    }
  } else {
    const corpus = await localIndex();
    // Findings inside <!-- corroborate-disable… --> comments are left out, as in the editor.
    results = drafts.map((d) => ({ path: d.path, findings: applySuppressions(d.text, checkDraft(d.text, corpus)) }));
    sources = corpus.sources;
    articles = corpus.sources.length;
  }
  if (args.format === 'json') {
    const out = jsonReport(results, articles);
    process.stdout.write(JSON.stringify(out, null, 1) + '\n');
  } else if (args.format === 'sarif') {
    const files = drafts.map((d, i) => ({ path: d.path, text: d.text, findings: results[i].findings }));
    process.stdout.write(JSON.stringify(toSarif(files, toolInfo(), { baseDir: process.cwd() }), null, 1) + '\n');
  } else if (args.format === 'claimreview') {
    process.stdout.write(JSON.stringify(toClaimReview(results, { sources }), null, 1) + '\n');
  } else {
    // Text output goes to a terminal: everything from a source or a draft (file names included) is
    // made printable first (JSON output escapes it already).
    for (const r of results) {
      const file = printable(r.path);
      for (const f of r.findings) {
        if (f.kind === 'name' && !args.names) continue;
        process.stdout.write(`${file}:${f.line}:${f.column} ${f.verdict} ${printable(`${f.kind === 'name' ? f.entity : f.reason}`)} [${f.kind}] ${JSON.stringify(clip(printable(f.text)))}\n`);
      }
      const counts = new Map<string, number>();
      for (const f of r.findings) if (f.kind !== 'name') counts.set(f.verdict, (counts.get(f.verdict) ?? 0) + 1);
      const names = r.findings.filter((f) => f.kind === 'name').length;
      process.stdout.write(`${file}: ${[...counts].map(([v, n]) => `${n} ${v}`).join(', ') || 'no claims'}; ${names} name${names === 1 ? '' : 's'} found (corpus: ${articles} sources)\n`);
      process.stdout.write(`${file}: ${coverageLine(coverageOf(r.findings))}\n`);
    }
  }
  return results.some((r) => r.findings.some((f) => PROBLEM_VERDICTS.has(f.verdict))) ? 1 : 0;
}

/**
 * Reads a draft, refusing what is not a regular file (a device such as /dev/zero never ends, and a
 * named pipe waits for a writer), what is over MAX_DRAFT_BYTES (by its stated size, and by the bytes
 * actually read, which stop there), and what is not text (checkContent reads all of it).
 */
async function readDraft(file: string): Promise<{ text: string } | { problem: string; unreadable?: boolean }> {
  let handle: FileHandle | undefined;
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return { problem: notAFile(st) };
    if (st.size > MAX_DRAFT_BYTES) return { problem: draftSizeProblem(st.size)! };
    // Non-blocking, and checked again once open, in case the path was replaced meanwhile.
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const open = await handle.stat();
    if (!open.isFile()) return { problem: notAFile(open) };
    if (open.size > MAX_DRAFT_BYTES) return { problem: draftSizeProblem(open.size)! };
    const { bytes, more } = await readAtMost(handle, MAX_DRAFT_BYTES, open.size);
    if (more) return { problem: draftSizeProblem(MAX_DRAFT_BYTES, true)! };
    const bad = checkContent(bytes);
    if (bad && bad !== 'empty') return { problem: bad };
    return { text: bytes.toString('utf8').replace(/^\uFEFF/, '') };
  } catch (e) {
    return { problem: (e as NodeJS.ErrnoException).code ?? (e as Error).message, unreadable: true };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function notAFile(st: Stats): string {
  const what = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket'
    : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'a special file';
  return `${what}, not a regular file; drafts must be plain text files`;
}

function defaultCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'corroborate');
}

/** The archive's published index opened (its head and names read), or undefined with a warning when it cannot be: the local corpus is checked then. */
async function openArchiveIndex(url: string): Promise<{ pool: Pool; source: PgIndexSource; cache: IndexCache } | undefined> {
  const pool = openArchive(url, { connectTimeoutMs: 5000 });
  try {
    const source = new PgIndexSource(pool);
    return { pool, source, cache: await openIndex(source) };
  } catch (e) {
    process.stderr.write(`corroborate: archive unavailable (${printable((e as Error).message)}); checking against the local corpus only\n`);
    await pool.end().catch(() => undefined);
    return undefined;
  }
}

/** The tool as SARIF names it: version (and homepage, when it has one) from package.json, beside dist/ and src/. */
function toolInfo(): { name: string; version: string; informationUri?: string } {
  const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version?: unknown; homepage?: unknown };
  const homepage = typeof pkg.homepage === 'string' && /^https?:\/\//.test(pkg.homepage) ? pkg.homepage : undefined;
  return { name: 'Corroborate', version: String(pkg.version), ...(homepage ? { informationUri: homepage } : {}) };
}

function clip(s: string): string { return s.length > 80 ? s.slice(0, 77) + '...' : s; }

/**
 * Text for a terminal, one field on one line: line separators (CR, LF, VT, FF, NEL, LS, PS) become
 * spaces and the other control characters (C0 except tab, DEL, C1) U+FFFD, so no escape sequence or
 * carriage return in a source or a draft can move the cursor, erase a line or print over the output.
 */
export function printable(s: string): string {
  return oneLine(s);
}


if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => { process.stderr.write(`corroborate: ${(e as Error).stack ?? e}\n`); process.exitCode = 2; });
}
