// Reads corpus files: plain text, Markdown with optional YAML front matter, and JSON Lines.
// A bad file is reported as a problem and skipped; it never stops the others from loading.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
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

export const CORPUS_EXTENSIONS = ['.txt', '.md', '.markdown', '.jsonl'];
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Expands files, folders and globs into corpus file paths (absolute, sorted, unique). */
export async function expandCorpusPaths(paths: string[], baseDir: string): Promise<{ files: string[]; problems: CorpusProblem[] }> {
  const files = new Set<string>();
  const problems: CorpusProblem[] = [];
  for (const p of paths) {
    if (typeof p !== 'string' || !p.trim()) continue;
    const abs = path.resolve(baseDir || process.cwd(), p);
    if (/[*?[\]{}]/.test(p)) {
      const found = await fg(p.replace(/\\/g, '/'), { cwd: baseDir || process.cwd(), absolute: true, onlyFiles: true, dot: false });
      if (!found.length) problems.push({ path: p, message: 'no files match this pattern' });
      for (const f of found) if (CORPUS_EXTENSIONS.includes(path.extname(f).toLowerCase())) files.add(path.normalize(f));
      continue;
    }
    let st;
    try { st = await fs.stat(abs); } catch { problems.push({ path: abs, message: 'not found' }); continue; }
    if (st.isDirectory()) {
      const found = await fg('**/*', { cwd: abs, absolute: true, onlyFiles: true, dot: false });
      for (const f of found) if (CORPUS_EXTENSIONS.includes(path.extname(f).toLowerCase())) files.add(path.normalize(f));
    } else {
      files.add(abs);
    }
  }
  return { files: [...files].sort(), problems };
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
  catch (e) { problems.push({ path: path.join(dir, 'manifest.json'), message: `seed manifest unreadable (${(e as Error).message}); titles fall back to first lines` }); }
  let names: string[] = [];
  try { names = (await fs.readdir(dir)).filter((f) => f.endsWith('.txt')).sort(); }
  catch { return { sources: [], problems: [{ path: dir, message: 'bundled seeds folder is missing' }], files: [] }; }
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

/** Reads one file, refusing binary, empty and oversized files with a clear reason. */
export async function readSourceFile(file: string, maxBytes: number): Promise<{ sources: Source[]; problems: CorpusProblem[] }> {
  let buf: Buffer;
  try {
    const st = await fs.stat(file);
    if (st.size > maxBytes) return { sources: [], problems: [{ path: file, message: `too large (${(st.size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(1)} MB)` }] };
    buf = await fs.readFile(file);
  } catch (e) {
    return { sources: [], problems: [{ path: file, message: `unreadable (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` }] };
  }
  const problem = checkContent(buf);
  if (problem) return { sources: [], problems: [{ path: file, message: problem }] };
  return parseSourceText(file, buf.toString('utf8').replace(/^\uFEFF/, ''));
}

/** Why a file's bytes are not a text article, or undefined when they are. */
export function checkContent(buf: Buffer): string | undefined {
  if (buf.length === 0 || !/\S/.test(buf.toString('utf8'))) return 'empty';
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) return 'binary (contains NUL bytes), not a text article';
  const text = head.toString('utf8');
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 8 && bad / text.length > 0.01) return 'not UTF-8 text';
  return undefined;
}

/** Parses one file's text (.txt, .md with front matter, .jsonl) into sources. */
export function parseSourceText(file: string, text: string): { sources: Source[]; problems: CorpusProblem[] } {
  const ext = path.extname(file).toLowerCase();
  const id = path.basename(file);
  if (ext === '.jsonl') return parseJsonl(file, id, text);
  let body = text;
  let lineOffset = 0;
  const meta: Record<string, string> = {};
  const fm = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/.exec(text);
  if (fm && (ext === '.md' || ext === '.markdown')) {
    for (const line of fm[1].split(/\r?\n/)) {
      const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
      if (m) meta[m[1].toLowerCase()] = m[2].trim().replace(/^(["'])(.*)\1$/, '$2');
    }
    body = text.slice(fm[0].length);
    lineOffset = fm[0].split(/\r\n|\r|\n/).length - 1;
  }
  const title = meta.title || firstLine(body);
  const src: Source = { id, path: file, title, text: body, lineOffset };
  if (meta.outlet || meta.publisher || meta.source) src.outlet = meta.outlet || meta.publisher || meta.source;
  if (meta.url) src.url = meta.url;
  const date = normalizeDate(meta.date);
  if (date) src.date = date;
  if (meta.author) src.author = meta.author;
  return { sources: [src], problems: [] };
}

function parseJsonl(file: string, id: string, text: string): { sources: Source[]; problems: CorpusProblem[] } {
  const sources: Source[] = [];
  const problems: CorpusProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    let o: Record<string, unknown>;
    try { o = JSON.parse(line); } catch { problems.push({ path: `${file}:${i + 1}`, message: 'not valid JSON; line skipped' }); return; }
    const body = [o.text, o.body, o.content].find((v) => typeof v === 'string') as string | undefined;
    if (!o || typeof o !== 'object' || !body?.trim()) { problems.push({ path: `${file}:${i + 1}`, message: 'no "text" field; line skipped' }); return; }
    const str = (k: string) => (typeof o[k] === 'string' && (o[k] as string).trim() ? (o[k] as string).trim() : undefined);
    const src: Source = { id: `${id}#${i + 1}`, path: file, title: str('title') ?? firstLine(body), text: body, lineOffset: i };
    const outlet = str('outlet') ?? str('publisher') ?? str('source');
    if (outlet) src.outlet = outlet;
    if (str('url')) src.url = str('url');
    const date = normalizeDate(str('date'));
    if (date) src.date = date;
    if (str('author')) src.author = str('author');
    sources.push(src);
  });
  return { sources, problems };
}

function firstLine(body: string): string {
  const line = body.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '(untitled)';
  const clean = line.replace(/^#+\s*/, '');
  return clean.length > 120 ? clean.slice(0, 117).replace(/\s+\S*$/, '') + '…' : clean;
}

/** YYYY-MM-DD from an ISO-ish date string, or undefined. */
export function normalizeDate(d: string | undefined): string | undefined {
  if (!d) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}
