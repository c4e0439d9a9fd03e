// `corroborate archive import`: reads corpus files as the local corpus does and stores each article,
// its analysis and its passages in the shared archive. Incremental and idempotent by content hash
// (an unchanged file is skipped; a changed one replaced; a deleted one, under a folder imported
// again, removed), and resumable: each batch of files is one transaction, so a killed import leaves
// whole files or nothing, and the next run carries on where it stopped.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import * as v8 from 'node:v8';
import type { Pool, PoolClient } from 'pg';
import type { CorpusProblem, Source } from '../types';
import type { NlpMode } from '../analysis/entities';
import { expandCorpusPaths, readSourceFile, DEFAULT_MAX_FILE_BYTES } from '../corpus/corpusLoader';
import { analyseSource, type SourceAnalysis } from '../corpus/corpus';
import { INDEX_FORMAT } from '../corpus/indexStore';
import { migrate } from './archiveDb';
import { yearPartitionsSql } from './migrations';

export interface ImportProgress { files: number; filesTotal: number; articles: number; perSecond: number; etaSeconds?: number }

export interface ImportOptions {
  /** Folder that relative paths and globs are resolved against. */
  baseDir: string;
  maxFileBytes?: number;
  /** Analysis of an archive's articles: the fast lexicon lookup by default (an archive is large). */
  mode?: NlpMode;
  /** Analyses a batch elsewhere (AnalysisPool.analyse: both cores); here, one by one, without it. */
  analyse?: (batch: { text: string }[], mode: NlpMode) => Promise<SourceAnalysis[]>;
  onProgress?: (p: ImportProgress) => void;
  /** Files per transaction. */
  batchFiles?: number;
}

export interface ImportStats { files: number; unchanged: number; imported: number; removed: number; articles: number; problems: CorpusProblem[]; ms: number }

/** What a file's rows depend on: its articles as read, and the analysis format. */
export function contentHash(sources: Source[], format: string): string {
  const h = createHash('sha256').update(format);
  for (const s of sources) h.update('\0').update(JSON.stringify([s.id, s.title, s.outlet ?? null, s.url ?? null, s.date ?? null, s.author ?? null, s.lineOffset, s.text]));
  return h.digest('hex');
}

const yearOf = (s: Source) => (s.date && /^\d{4}-/.test(s.date) ? Number(s.date.slice(0, 4)) : 0);

export async function importArchive(pool: Pool, paths: string[], opts: ImportOptions): Promise<ImportStats> {
  const t0 = Date.now();
  const mode = opts.mode ?? 'fast';
  const format = `${INDEX_FORMAT}:${mode}`;
  await migrate(pool);
  const { files, problems } = await expandCorpusPaths(paths, opts.baseDir);
  const stats: ImportStats = { files: files.length, unchanged: 0, imported: 0, removed: 0, articles: 0, problems, ms: 0 };

  // Files gone from a folder imported again are removed from the archive.
  const roots: string[] = [];
  for (const p of paths) {
    const abs = path.resolve(opts.baseDir, p);
    if ((await fs.stat(abs).catch(() => undefined))?.isDirectory()) roots.push(abs.endsWith(path.sep) ? abs : abs + path.sep);
  }
  if (roots.length) {
    const gone = await pool.query<{ path: string }>(
      `SELECT path FROM archive.files WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS r(root) WHERE starts_with(path, r.root)) AND NOT (path = ANY($2::text[]))`,
      [roots, files]);
    for (const { path: p } of gone.rows) await inTransaction(pool, (c) => removeFile(c, p));
    stats.removed = gone.rowCount ?? 0;
  }

  const known = new Map((await pool.query<{ path: string; content_hash: string }>('SELECT path, content_hash FROM archive.files WHERE path = ANY($1::text[])', [files])).rows.map((r) => [r.path, r.content_hash]));
  const batchFiles = opts.batchFiles ?? 32;
  const createdYears = new Set<number>();
  let done = 0;
  // A pipeline: the next batch is read and analysed (on the analysis threads) while the previous
  // one is written (one transaction per batch, so a kill leaves whole batches).
  let writing: Promise<void> = Promise.resolve();
  for (let i = 0; i < files.length; i += batchFiles) {
    const batch: { file: string; hash: string; sources: Source[] }[] = [];
    for (const file of files.slice(i, i + batchFiles)) {
      const read = await readSourceFile(file, opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
      problems.push(...read.problems);
      const hash = contentHash(read.sources, format);
      if (known.get(file) === hash) { stats.unchanged++; continue; }
      batch.push({ file, hash, sources: read.sources });
    }
    const sources = batch.flatMap((b) => b.sources);
    const analyses = opts.analyse && sources.length > 1 ? await opts.analyse(sources, mode) : sources.map((s) => analyseSource(s.text, mode));
    await writing;
    const batchEnd = Math.min(files.length, i + batchFiles);
    writing = (async () => {
      for (const y of new Set(sources.map(yearOf))) {
        if (y === 0 || createdYears.has(y)) continue;
        await pool.query(yearPartitionsSql(y));
        createdYears.add(y);
      }
      await inTransaction(pool, (c) => writeBatch(c, batch, analyses, format));
      stats.imported += batch.filter((b) => b.sources.length).length;
      stats.articles += sources.length;
      done = batchEnd;
      const seconds = (Date.now() - t0) / 1000;
      const perSecond = stats.articles / Math.max(seconds, 0.001);
      const filesPerSecond = done / Math.max(seconds, 0.001);
      opts.onProgress?.({ files: done, filesTotal: files.length, articles: stats.articles, perSecond, etaSeconds: filesPerSecond > 0 ? (files.length - done) / filesPerSecond : undefined });
    })();
    // An error surfaces at the next await; until then the next batch is being prepared.
    writing.catch(() => undefined);
  }
  await writing;
  stats.ms = Date.now() - t0;
  return stats;
}

async function inTransaction(pool: Pool, work: (c: PoolClient) => Promise<void>): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await work(c);
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

async function removeFile(c: PoolClient, file: string): Promise<void> {
  await c.query('DELETE FROM archive.passages p USING archive.articles a WHERE a.path = $1 AND p.article_id = a.id AND p.year = a.year', [file]);
  await c.query('DELETE FROM archive.articles WHERE path = $1', [file]);
  await c.query('DELETE FROM archive.files WHERE path = $1', [file]);
}

/**
 * Writes a batch in three statements: the old rows of its files removed, every article inserted at
 * once, then every passage (arrays unnested), and the files recorded. A file that now yields no
 * article (unreadable, empty) keeps none in the archive.
 */
async function writeBatch(c: PoolClient, batch: { file: string; hash: string; sources: Source[] }[], analyses: SourceAnalysis[], format: string): Promise<void> {
  const paths = batch.map((b) => b.file);
  await c.query('DELETE FROM archive.passages p USING archive.articles a WHERE a.path = ANY($1::text[]) AND p.article_id = a.id AND p.year = a.year', [paths]);
  await c.query('DELETE FROM archive.articles WHERE path = ANY($1::text[])', [paths]);
  await c.query('DELETE FROM archive.files WHERE path = ANY($1::text[])', [paths]);
  const rows = batch.flatMap((b) => b.sources.map((s) => ({ s, hash: b.hash })));
  if (!rows.length) return;
  const col = <T>(f: (r: { s: Source; hash: string }, i: number) => T) => rows.map(f);
  const inserted = await c.query<{ id: string; path: string; source_id: string }>(
    `INSERT INTO archive.articles (year, path, source_id, content_hash, title, outlet, url, author, published, line_offset, body, analysis, format)
     SELECT t.year, t.path, t.source_id, t.hash, t.title, t.outlet, t.url, t.author, t.published, t.line_offset, t.body, t.analysis, $13
     FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::int[], $11::text[], $12::bytea[])
       AS t(year, path, source_id, hash, title, outlet, url, author, published, line_offset, body, analysis)
     RETURNING id, path, source_id`,
    [col((r) => yearOf(r.s)), col((r) => r.s.path), col((r) => r.s.id), col((r) => r.hash), col((r) => r.s.title), col((r) => r.s.outlet ?? null), col((r) => r.s.url ?? null),
      col((r) => r.s.author ?? null), col((r) => r.s.date ?? null), col((r) => r.s.lineOffset), col((r) => r.s.text), col((_, i) => v8.serialize(analyses[i])), format]);
  const idOf = new Map(inserted.rows.map((r) => [`${r.path}\0${r.source_id}`, r.id]));
  const ids = rows.map((r) => idOf.get(`${r.s.path}\0${r.s.id}`)!);
  const pArticle: string[] = [], pYear: number[] = [], pN: number[] = [], pStart: number[] = [], pEnd: number[] = [], pHeading: boolean[] = [], pKeys: string[] = [];
  rows.forEach((r, i) => {
    const an = analyses[i];
    an.sentences.forEach((x, n) => { pArticle.push(ids[i]); pYear.push(yearOf(r.s)); pN.push(n); pStart.push(x.start); pEnd.push(x.end); pHeading.push(x.heading); pKeys.push(an.keys[n] ?? ''); });
  });
  if (pArticle.length) {
    await c.query(
      `INSERT INTO archive.passages (article_id, year, n, start_offset, end_offset, heading, keys)
       SELECT t.a, t.y, t.n, t.s, t.e, t.h, array_remove(string_to_array(t.k, chr(1)), '')
       FROM unnest($1::bigint[], $2::int[], $3::int[], $4::int[], $5::int[], $6::bool[], $7::text[]) AS t(a, y, n, s, e, h, k)`,
      [pArticle, pYear, pN, pStart, pEnd, pHeading, pKeys]);
  }
  const kept = batch.filter((b) => b.sources.length);
  await c.query(`INSERT INTO archive.files (path, content_hash, articles) SELECT * FROM unnest($1::text[], $2::text[], $3::int[])`,
    [kept.map((b) => b.file), kept.map((b) => b.hash), kept.map((b) => b.sources.length)]);
}
