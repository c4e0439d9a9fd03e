// Reads corpus files: plain text, Markdown with optional YAML front matter, JSON Lines, and saved web pages.
// A bad file is reported as a problem and skipped; it never stops the others from loading.
import * as nodeFs from 'node:fs';
import { promises as fs, constants as fsConstants, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import fg from 'fast-glob';
import { htmlArticle } from './htmlArticle';
import { mapLimited } from './limit';
import type { Source, CorpusProblem } from '../types';

export interface LoadOptions {
  /** Folder that relative paths and globs are resolved against (the workspace root). */
  baseDir: string;
  /** Whether to add the bundled seed articles. */
  includeSeeds: boolean;
  /** Folder holding the bundled seeds and their manifest.json. */
  seedsDir: string;
  /** Files larger than this are refused (default 5 MB). */
  maxFileBytes?: number;
}
export interface LoadResult { sources: Source[]; problems: CorpusProblem[]; files: string[] }

export const CORPUS_EXTENSIONS = ['.txt', '.md', '.markdown', '.jsonl', '.html', '.htm'];
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Expands files, folders and globs into corpus file paths (absolute, sorted, unique by real path).
 * Symbolic links are followed, except a link to a folder that contains it (a loop); loops and
 * dangling links are reported once each. A file reached by several paths is listed once, under the
 * path with the fewest links (then the shortest).
 */
export async function expandCorpusPaths(paths: string[], baseDir: string): Promise<{ files: string[]; problems: CorpusProblem[] }> {
  const problems: CorpusProblem[] = [];
  const w = new Walk();
  for (const p of paths) {
    if (typeof p !== 'string' || !p.trim()) continue;
    const cwd = baseDir || process.cwd();
    const abs = path.resolve(cwd, p);
    if (/[*?[\]{}]/.test(p)) {
      const matched = await w.glob(p.replace(/\\/g, '/'), cwd, /\*\*/.test(p), false);
      if (!matched) problems.push({ path: p, message: 'no files match this pattern', severity: 'skipped' });
      continue;
    }
    let lst;
    try { lst = await fs.lstat(abs); } catch (e) { problems.push({ path: abs, message: errCode(e) === 'ENOENT' ? 'not found' : `unreadable (${errCode(e)})`, severity: 'skipped' }); continue; }
    let st;
    try { st = await fs.stat(abs); } catch (e) { await w.badLink(abs, errCode(e)); continue; }
    if (st.isDirectory()) await w.glob('**/*', abs, true, true);
    else w.found.push({ path: abs, hops: lst.isSymbolicLink() ? 1 : 0 });
  }
  return w.finish(problems);
}

const errCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;
const isCorpusName = (f: string) => CORPUS_EXTENSIONS.includes(path.extname(f).toLowerCase());

/** A file found by a walk (under `root`), or a link that could not be followed, with how many links led to it. */
interface Found { path: string; hops: number; root?: string; problem?: string }

/** One expansion's walks: what they found, and the links they followed, refused or could not follow. */
class Walk {
  readonly found: Found[] = [];
  /** Links followed (to a file or a folder). */
  private readonly followed = new Set<string>();
  /** Links to a folder containing them, by link path: the folder. */
  private readonly loops = new Map<string, string>();
  /** Folders that could not be listed: their error codes. */
  private readonly unlisted = new Map<string, string>();
  private readonly reals = new Map<string, Promise<string>>();

  /** Real path (memoised); a path that cannot be resolved stands for itself. */
  real(p: string): Promise<string> {
    let r = this.reals.get(p);
    if (!r) { r = fs.realpath(p).catch(() => p); this.reals.set(p, r); }
    return r;
  }

  /** The folder a link to `dir` leads back into, when one of the folders it sits in is `dir` or inside it. */
  private async loopTarget(link: string): Promise<string | undefined> {
    const target = await this.real(link);
    const within = (p: string) => p === target || p.startsWith(target.endsWith(path.sep) ? target : target + path.sep);
    for (let d = path.dirname(link); ; d = path.dirname(d)) {
      if (within(await this.real(d))) return target;
      if (path.dirname(d) === d) return undefined;
    }
  }

  /**
   * Files (and unfollowable links) matching `pattern` under `cwd`, by fast-glob through a file system
   * adapter that records the links it follows and refuses the ones that loop. `folder`: the pattern
   * walks `cwd` itself (not a folder named in the pattern). Returns how many non-folder entries matched.
   */
  async glob(pattern: string, cwd: string, recursive: boolean, folder: boolean): Promise<number> {
    const loopsHere = new Map<string, string>();
    const adapter: Partial<fg.FileSystemAdapter> = {
      // Called for symbolic links only (fast-glob follows them through stat).
      stat: ((p: string, cb: (err: NodeJS.ErrnoException | null, st?: Stats) => void) => {
        nodeFs.stat(p, (err, st) => {
          if (err) { cb(err); return; }
          this.followed.add(path.resolve(p));
          if (!st.isDirectory()) { cb(null, st); return; }
          this.loopTarget(p).then((target) => {
            if (!target) { cb(null, st); return; }
            loopsHere.set(path.resolve(p), target);
            cb(Object.assign(new Error(`symbolic link loop: ${p}`), { code: 'ELOOP' }));
          }, () => cb(null, st));
        });
      }) as fg.FileSystemAdapter['stat'],
      readdir: ((p: string, opts: unknown, cb?: (err: NodeJS.ErrnoException | null, entries?: unknown) => void) => {
        const done = (typeof opts === 'function' ? opts : cb) as (err: NodeJS.ErrnoException | null, entries?: unknown) => void;
        const after = (err: NodeJS.ErrnoException | null, entries?: unknown) => { if (err && err.code !== 'ENOENT') this.unlisted.set(path.resolve(p), err.code ?? err.message); done(err, entries); };
        if (typeof opts === 'function') nodeFs.readdir(p, after as never); else nodeFs.readdir(p, opts as never, after as never);
      }) as fg.FileSystemAdapter['readdir'],
    };
    const entries = await fg(pattern, { cwd, absolute: true, onlyFiles: false, objectMode: true, dot: false, followSymbolicLinks: true, suppressErrors: true, fs: adapter });
    let matched = 0;
    for (const e of entries) {
      const p = path.resolve(e.path);
      if (e.dirent.isDirectory()) continue;
      matched++;
      if (e.dirent.isSymbolicLink()) {
        // A link fast-glob could not follow: a folder loop (reported below), or a broken link.
        if (loopsHere.has(p)) continue;
        if (isCorpusName(p) || !path.extname(p)) {
          let code = 'ENOENT';
          try { await fs.stat(p); continue; } catch (err) { code = errCode(err); }
          await this.badLink(p, code);
        }
        continue;
      }
      if (isCorpusName(p)) this.found.push({ path: p, hops: this.hops(p), root: folder ? cwd : undefined });
    }
    // Only a walk into folders would have gone round a folder loop.
    if (recursive) for (const [link, target] of loopsHere) this.loops.set(link, target);
    return matched;
  }

  /** How many of the path's components are links that were followed. */
  private hops(p: string): number {
    let n = 0;
    for (let d = p; ; d = path.dirname(d)) { if (this.followed.has(d)) n++; if (path.dirname(d) === d) return n; }
  }

  /** Records a link that cannot be followed, with the reason. */
  async badLink(p: string, code: string): Promise<void> {
    let problem: string;
    if (code === 'ELOOP') problem = 'symbolic link loop (the link leads back to itself)';
    else if (code === 'ENOENT' || code === 'ENOTDIR') {
      let target = '';
      try { target = await fs.readlink(p); } catch { /* not a link after all */ }
      problem = target ? `dangling symbolic link (its target ${target} does not exist)` : 'not found';
    } else problem = `unreadable symbolic link (${code})`;
    this.found.push({ path: p, hops: this.hops(path.dirname(p)), problem });
  }

  /** Files unique by real path, and the problems, each once. */
  async finish(problems: CorpusProblem[]): Promise<{ files: string[]; problems: CorpusProblem[] }> {
    for (const [link, target] of this.loops) this.found.push({ path: link, hops: this.hops(path.dirname(link)), problem: `symbolic link loop (leads back to ${target}, a folder it is in); not followed` });
    for (const [dir, code] of this.unlisted) problems.push({ path: dir, message: `folder unreadable (${code})`, severity: 'skipped' });
    // A file is known by its real path; a link by the real folder it sits in and its name.
    const best = new Map<string, Found>();
    const better = (a: Found, b: Found) => a.hops - b.hops || a.path.length - b.path.length || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    const keys = await mapLimited(this.found, 32, async (f) => {
      if (f.problem) return `l${path.join(await this.real(path.dirname(f.path)), path.basename(f.path))}`;
      // Reached through no link below its walk's folder: its real path is that folder's, plus the rest.
      const rest = f.root && !f.hops ? path.relative(f.root, f.path) : '';
      return `f${rest && !rest.startsWith('..') && !path.isAbsolute(rest) ? path.join(await this.real(f.root!), rest) : await this.real(f.path)}`;
    });
    this.found.forEach((f, i) => { const had = best.get(keys[i]); if (!had || better(f, had) < 0) best.set(keys[i], f); });
    const chosen = [...best.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const f of chosen) if (f.problem) problems.push({ path: f.path, message: f.problem, severity: 'skipped' });
    return { files: chosen.filter((f) => !f.problem).map((f) => f.path), problems };
  }
}

/** Reads every corpus file named by `paths` (files, folders, globs), plus the seeds when asked. */
export async function loadSources(paths: string[], opts: LoadOptions): Promise<LoadResult> {
  const { files, problems } = await expandCorpusPaths(paths, opts.baseDir);
  const sources: Source[] = [];
  const all: string[] = [];
  if (opts.includeSeeds) {
    const seeds = await loadSeeds(opts.seedsDir);
    sources.push(...seeds.sources);
    problems.push(...seeds.problems);
    all.push(...seeds.files);
  }
  // Files are read a few at a time (the disk overlaps with parsing) and kept in their sorted order.
  const read = await mapLimited(files, 16, (file) => readSourceFile(file, opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES));
  read.forEach((r, i) => {
    for (const s of r.sources) sources.push(s);
    for (const p of r.problems) problems.push(p);
    all.push(files[i]);
  });
  // Ids must be unique: a second file with the same name gets its folder prefixed.
  const seen = new Set<string>();
  for (const s of sources) {
    let id = s.id;
    if (seen.has(id)) id = path.relative(opts.baseDir || '/', s.path).replace(/\\/g, '/') + (s.id.includes('#') ? s.id.slice(s.id.indexOf('#')) : '');
    let n = 2;
    const baseId = id;
    while (seen.has(id)) id = `${baseId}~${n++}`;
    s.id = id;
    seen.add(id);
  }
  return { sources, problems, files: all };
}

interface SeedManifest { [file: string]: { title?: string; date?: string; outlet?: string; url?: string } }

async function loadSeeds(dir: string): Promise<LoadResult> {
  let manifest: SeedManifest = {};
  const problems: CorpusProblem[] = [];
  try { manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8')); }
  catch (e) { problems.push({ path: path.join(dir, 'manifest.json'), message: `seed manifest unreadable (${(e as Error).message}); titles fall back to first lines`, severity: 'warning' }); }
  let names: string[] = [];
  try { names = (await fs.readdir(dir)).filter((f) => f.endsWith('.txt')).sort(); }
  catch { return { sources: [], problems: [{ path: dir, message: 'bundled seeds folder is missing', severity: 'skipped' }], files: [] }; }
  const sources: Source[] = [];
  for (const n of names) {
    const r = await readSourceFile(path.join(dir, n), DEFAULT_MAX_FILE_BYTES);
    for (const s of r.sources) Object.assign(s, stripUndefined(manifest[n] ?? {}));
    sources.push(...r.sources);
    problems.push(...r.problems);
  }
  return { sources, problems, files: names.map((n) => path.join(dir, n)) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/** A size for messages: "640 bytes", "12 KB", "5.0 MB". */
function size(n: number): string {
  return n < 1024 ? `${n} byte${n === 1 ? '' : 's'}` : n < 1048576 ? `${Math.round(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`;
}

/** Why a path that is not a regular file cannot be a corpus file. */
function notRegularFile(st: Stats): string {
  const what = st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket'
    : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : 'a special file';
  return `${what}, not a regular file; corpus files must be plain text files`;
}

/**
 * Reads from an open file until its end or until more than `maxBytes` came (by the bytes actually
 * read: a file's stated size can be wrong, and /dev/zero has no end). `more` tells the read stopped
 * at the limit. `sizeHint` (the stated size) only sizes the first buffer.
 */
export async function readAtMost(handle: FileHandle, maxBytes: number, sizeHint = 0): Promise<{ bytes: Buffer; more: boolean }> {
  const cap = maxBytes + 1;
  let buf = Buffer.allocUnsafe(Math.min(cap, Math.max(sizeHint + 1, 64 * 1024)));
  let n = 0;
  for (;;) {
    if (n === buf.length) {
      if (n >= cap) break;
      const next = Buffer.allocUnsafe(Math.min(cap, buf.length * 2));
      buf.copy(next, 0, 0, n);
      buf = next;
    }
    const { bytesRead } = await handle.read(buf, n, buf.length - n, null);
    if (bytesRead === 0) break;
    n += bytesRead;
  }
  return n > maxBytes ? { bytes: buf.subarray(0, maxBytes), more: true } : { bytes: buf.subarray(0, n), more: false };
}

/** Reads one file, refusing special, binary, empty and oversized files with a clear reason. */
export async function readSourceFile(file: string, maxBytes: number): Promise<{ sources: Source[]; problems: CorpusProblem[] }> {
  const refuse = (message: string) => ({ sources: [], problems: [{ path: file, message, severity: 'skipped' as const }] });
  const tooLarge = (n: number) => refuse(`too large (${size(n)}; the limit is ${size(maxBytes)})`);
  let buf: Buffer;
  let handle: FileHandle | undefined;
  try {
    // Pipes, sockets and devices are refused before opening: opening a pipe waits for a writer.
    const st = await fs.stat(file);
    if (!st.isFile()) return refuse(notRegularFile(st));
    if (st.size > maxBytes) return tooLarge(st.size);
    // Non-blocking, and checked again once open, in case the path was replaced meanwhile.
    handle = await fs.open(file, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const open = await handle.stat();
    if (!open.isFile()) return refuse(notRegularFile(open));
    if (open.size > maxBytes) return tooLarge(open.size);
    const { bytes, more } = await readAtMost(handle, maxBytes, open.size);
    if (more) return refuse(`too large (more than ${size(maxBytes)} read, though its size was given as ${size(open.size)}; the limit is ${size(maxBytes)})`);
    buf = bytes;
  } catch (e) {
    return refuse(`unreadable (${errCode(e)})`);
  } finally {
    await handle?.close().catch(() => undefined);
  }
  const text = buf.toString('utf8');
  const problem = checkContent(buf, text);
  if (problem) return refuse(problem);
  return parseSourceText(file, text.replace(/^\uFEFF/, ''));
}

/** Stretches of text judged on their own for invalid UTF-8 (a text head does not make a binary file text). */
const CHECK_CHUNK = 8192;

/** Why a file's bytes are not a text article, or undefined when they are. The whole file is checked. */
export function checkContent(buf: Buffer, text = buf.toString('utf8')): string | undefined {
  if (buf.length === 0 || !/\S/.test(text)) return 'empty';
  const nul = buf.indexOf(0);
  if (nul >= 0) return `binary (contains NUL bytes, the first at byte ${nul}), not a text article`;
  // Replacement characters (undecodable bytes) counted per stretch of text: many in any one of them is not UTF-8.
  let chunk = -1, bad = 0;
  const tooMany = () => { const len = Math.min(CHECK_CHUNK, text.length - chunk * CHECK_CHUNK); return bad > 8 && bad / len > 0.01; };
  for (let at = text.indexOf('\uFFFD'); at >= 0; at = text.indexOf('\uFFFD', at + 1)) {
    const c = Math.floor(at / CHECK_CHUNK);
    if (c !== chunk) { if (tooMany()) break; chunk = c; bad = 0; }
    bad++;
  }
  return tooMany() ? 'not UTF-8 text' : undefined;
}

/** Front matter: `---`, `key: value` lines, `---`. */
const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
const FRONT_MATTER_KEY = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/;

/** Parses one file's text (.txt, .md with front matter, .jsonl, .html) into sources, with what was wrong in it. */
export function parseSourceText(file: string, text: string): { sources: Source[]; problems: CorpusProblem[] } {
  const ext = path.extname(file).toLowerCase();
  const id = path.basename(file);
  if (ext === '.jsonl') return parseJsonl(file, id, text);
  if (ext === '.html' || ext === '.htm') return parseHtml(file, id, text);
  const problems: CorpusProblem[] = [];
  let body = text;
  let lineOffset = 0;
  let titleFrom = text;
  const meta: Record<string, string> = {};
  const metaLine: Record<string, number> = {};
  if (ext === '.md' || ext === '.markdown') {
    const fm = FRONT_MATTER.exec(text);
    if (fm) {
      // Lines that are not `key: value`: blank lines, comments and indented or list lines (YAML
      // lists and nested values, which are not read) are fine; anything else is reported, once.
      const odd: number[] = [];
      (fm[1] === undefined ? [] : fm[1].split(/\r?\n/)).forEach((line, k) => {
        const m = FRONT_MATTER_KEY.exec(line);
        if (m) { const key = m[1].toLowerCase(); meta[key] = m[2].trim().replace(/^(["'])(.*)\1$/, '$2'); metaLine[key] = k + 2; }
        else if (line.trim() && !/^(\s|#|-(\s|$))/.test(line)) odd.push(k);
      });
      if (odd.length) {
        const first = fm[1]!.split(/\r?\n/)[odd[0]].trim();
        const more = odd.length > 1 ? `; ${odd.length - 1} more such line${odd.length > 2 ? 's' : ''}` : '';
        problems.push({ path: `${file}:${odd[0] + 2}`, message: `front matter line is not "key: value" (${JSON.stringify(first.length > 60 ? first.slice(0, 57) + '...' : first)}${more}); ignored`, severity: 'warning' });
      }
      body = text.slice(fm[0].length);
      titleFrom = body;
      lineOffset = fm[0].split(/\r\n|\r|\n/).length - 1;
    } else if (/^---[ \t]*\r?\n/.test(text)) {
      problems.push({ path: `${file}:1`, message: 'front matter is not closed (no "---" line ends it); the file is read as plain text', severity: 'warning' });
      titleFrom = text.replace(/^---[ \t]*\r?\n/, '');
    }
  }
  const title = meta.title || firstLine(titleFrom);
  const src: Source = { id, path: file, title, text: body, lineOffset };
  if (meta.outlet || meta.publisher || meta.source) src.outlet = meta.outlet || meta.publisher || meta.source;
  if (meta.url) src.url = meta.url;
  const date = checkedDate(meta.date, `${file}:${metaLine.date}`, problems);
  if (date) src.date = date;
  if (meta.author) src.author = meta.author;
  return { sources: [src], problems };
}

/**
 * A saved web page: the article Readability finds in it, with the page's metadata. Its text is not
 * the file's, so its passages' line numbers count lines of the extracted text (lineOffset 0).
 */
function parseHtml(file: string, id: string, html: string): { sources: Source[]; problems: CorpusProblem[] } {
  const page = htmlArticle(html, file);
  if ('problem' in page) return { sources: [], problems: [page.problem] };
  const problems: CorpusProblem[] = [];
  const src: Source = { id, path: file, title: page.title, text: page.text, lineOffset: 0 };
  if (page.outlet) src.outlet = page.outlet;
  if (page.url) src.url = page.url;
  const date = checkedDate(page.date, page.dateLine ? `${file}:${page.dateLine}` : file, problems);
  if (date) src.date = date;
  if (page.author) src.author = page.author;
  return { sources: [src], problems };
}

/** What a JSON value is, for a message. */
function jsonKind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'boolean' ? String(v) : typeof v === 'number' ? 'a number' : typeof v === 'string' ? 'a string' : typeof v;
}

function parseJsonl(file: string, id: string, text: string): { sources: Source[]; problems: CorpusProblem[] } {
  const sources: Source[] = [];
  const problems: CorpusProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const where = `${file}:${i + 1}`;
    let v: unknown;
    try { v = JSON.parse(line); } catch { problems.push({ path: where, message: 'not valid JSON', severity: 'skipped' }); return; }
    // Each line must be one article: an object. null, numbers, strings and arrays are not.
    if (!v || typeof v !== 'object' || Array.isArray(v)) { problems.push({ path: where, message: `not an article object (${jsonKind(v)})`, severity: 'skipped' }); return; }
    const o = v as Record<string, unknown>;
    const body = [o.text, o.body, o.content].find((x) => typeof x === 'string') as string | undefined;
    if (!body?.trim()) { problems.push({ path: where, message: 'no "text" field', severity: 'skipped' }); return; }
    const str = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() ? (o[k] as string).trim() : undefined);
    const src: Source = { id: `${id}#${i + 1}`, path: file, title: str('title') ?? firstLine(body), text: body, lineOffset: i };
    const outlet = str('outlet') ?? str('publisher') ?? str('source');
    if (outlet) src.outlet = outlet;
    if (str('url')) src.url = str('url');
    const date = checkedDate(o.date, where, problems);
    if (date) src.date = date;
    if (str('author')) src.author = str('author');
    sources.push(src);
  });
  return { sources, problems };
}

/** A source's date as YYYY-MM-DD; a date given but not valid is reported and left out. */
function checkedDate(raw: unknown, where: string, problems: CorpusProblem[]): string | undefined {
  if (raw === undefined || raw === null || (typeof raw === 'string' && !raw.trim())) return undefined;
  const date = typeof raw === 'string' ? normalizeDate(raw) : undefined;
  if (!date) problems.push({ path: where, message: `invalid date ${JSON.stringify(raw)} (expected a calendar date written YYYY-MM-DD); the article is loaded without a date`, severity: 'warning' });
  return date;
}

function firstLine(body: string): string {
  const line = body.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '(untitled)';
  const clean = line.replace(/^#+\s*/, '');
  return clean.length > 120 ? clean.slice(0, 117).replace(/\s+\S*$/, '') + '…' : clean;
}

/**
 * YYYY-MM-DD from an ISO 8601 date, with or without a time ("2023-09-14", "2023-09-14T10:00:00Z",
 * "2023-09-14 10:00"), or undefined when it is not one or names no real day ("2023-02-30").
 */
export function normalizeDate(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(d.trim());
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
