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
    for (const y of new Set(sources.map(yearOf))) {
      if (y === 0 || createdYears.has(y)) continue;
      await pool.query(yearPartitionsSql(y));
      createdYears.add(y);
    }
    let a = 0;
    await inTransaction(pool, async (c) => {
      for (const b of batch) {
        await removeFile(c, b.file);
        // A file that now yields no article (unreadable, empty) keeps none in the archive either.
        if (!b.sources.length) continue;
        for (const s of b.sources) await insertArticle(c, s, analyses[a++], b.hash, format);
        await c.query(`INSERT INTO archive.files (path, content_hash, articles) VALUES ($1, $2, $3)`, [b.file, b.hash, b.sources.length]);
      }
    });
    stats.imported += batch.filter((b) => b.sources.length).length;
    stats.articles += sources.length;
    done = Math.min(files.length, i + batchFiles);
    const seconds = (Date.now() - t0) / 1000;
    const perSecond = stats.articles / Math.max(seconds, 0.001);
    const filesPerSecond = done / Math.max(seconds, 0.001);
    opts.onProgress?.({ files: done, filesTotal: files.length, articles: stats.articles, perSecond, etaSeconds: filesPerSecond > 0 ? (files.length - done) / filesPerSecond : undefined });
  }
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

async function insertArticle(c: PoolClient, s: Source, analysis: SourceAnalysis, hash: string, format: string): Promise<void> {
  const year = yearOf(s);
  const r = await c.query<{ id: string }>(
    `INSERT INTO archive.articles (year, path, source_id, content_hash, title, outlet, url, author, published, line_offset, body, analysis, format)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
    [year, s.path, s.id, hash, s.title, s.outlet ?? null, s.url ?? null, s.author ?? null, s.date ?? null, s.lineOffset, s.text, v8.serialize(analysis), format]);
  const id = r.rows[0].id;
  const ss = analysis.sentences;
  if (!ss.length) return;
  await c.query(
    `INSERT INTO archive.passages (article_id, year, n, start_offset, end_offset, heading, keys)
     SELECT $1, $2, t.n, t.s, t.e, t.h, array_remove(string_to_array(t.k, chr(1)), '')
     FROM unnest($3::int[], $4::int[], $5::int[], $6::bool[], $7::text[]) AS t(n, s, e, h, k)`,
    [id, year, ss.map((_, n) => n), ss.map((x) => x.start), ss.map((x) => x.end), ss.map((x) => x.heading), analysis.keys]);
}
