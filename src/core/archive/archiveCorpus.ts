// Reading the archive's articles with the analyses the importer stored, so a corpus is built from
// them without analysing anything again: what publishing the index starts from (publishedIndex.ts).
// Articles are read a batch at a time (publishing reads the archive twice and keeps neither whole).
// Editors never read the whole archive; they read the published index piece by piece.
import * as v8 from 'node:v8';
import type { Pool, PoolClient } from 'pg';
import type { Source } from '../types';
import type { NlpMode } from '../analysis/entities';
import type { SourceAnalysis } from '../corpus/corpus';
import { INDEX_FORMAT } from '../corpus/indexStore';
import { schemaVersion } from './archiveDb';
import { SCHEMA_VERSION } from './migrations';

/** One stored article: its row's key, the source as the corpus reads it, and its analysis. */
export interface ArchiveArticle { id: string; year: number; source: Source; analysis: SourceAnalysis }

/** Articles read per query. */
const BATCH = 500;

/**
 * Checks the archive can be read by this version (its schema, one analysis format this version
 * reads) and returns the analyses' mode.
 */
export async function archiveMode(pool: Pool): Promise<NlpMode> {
  const version = await schemaVersion(pool);
  if (version === 0) throw new Error('the archive is empty: import articles into it first (corroborate archive import)');
  if (version > SCHEMA_VERSION) throw new Error(`the archive's schema is version ${version}, newer than this Corroborate knows (${SCHEMA_VERSION}): update Corroborate`);
  const formats = (await pool.query<{ format: string }>('SELECT DISTINCT format FROM archive.articles')).rows.map((r) => r.format);
  if (formats.length > 1) throw new Error(`the archive holds analyses of ${formats.length} formats (${formats.join(', ')}): import it again with one --mode`);
  const [index, mode] = (formats[0] ?? `${INDEX_FORMAT}:fast`).split(':');
  if (index !== INDEX_FORMAT) throw new Error(`the archive was analysed by another version of Corroborate (${index}, this one reads ${INDEX_FORMAT}): import it again`);
  return mode as NlpMode;
}

/** The archive's articles' keys, in path order (the order of a corpus built from it). */
export async function archiveOrder(c: PoolClient): Promise<{ id: string; year: number }[]> {
  return (await c.query<{ id: string; year: number }>('SELECT id, year FROM archive.articles ORDER BY path, source_id')).rows;
}

/**
 * The articles `order` lists, a batch at a time and in that order. Run it in one transaction with
 * archiveOrder (REPEATABLE READ) so that an import meanwhile changes nothing read.
 */
export async function* archiveArticles(c: PoolClient, order: { id: string; year: number }[], opts: { text?: boolean } = {}): AsyncGenerator<ArchiveArticle[]> {
  // Without text (opts.text false): the source's id and the analysis only, the rest empty.
  const columns = opts.text === false
    ? `id, year, '' AS path, source_id, '' AS title, NULL AS outlet, NULL AS url, NULL AS author, NULL AS published, 0 AS line_offset, '' AS body, analysis`
    : `id, year, path, source_id, title, outlet, url, author, to_char(published, 'YYYY-MM-DD') AS published, line_offset, body, analysis`;
  for (let k = 0; k < order.length; k += BATCH) {
    const keys = order.slice(k, k + BATCH);
    const r = await c.query<{ id: string; year: number; path: string; source_id: string; title: string; outlet: string | null; url: string | null; author: string | null; published: string | null; line_offset: number; body: string; analysis: Buffer }>(
      `SELECT ${columns} FROM archive.articles WHERE (id, year) IN (SELECT * FROM unnest($1::bigint[], $2::int[]))`, [keys.map((x) => x.id), keys.map((x) => x.year)]);
    const byKey = new Map(r.rows.map((x) => [`${x.id}/${x.year}`, x]));
    yield keys.map(({ id, year }) => {
      const x = byKey.get(`${id}/${year}`);
      if (!x) throw new Error(`article ${id} left the archive while it was read`);
      return {
        id, year, analysis: v8.deserialize(x.analysis) as SourceAnalysis,
        source: {
          id: x.source_id, path: x.path, title: x.title, text: x.body, lineOffset: x.line_offset,
          ...(x.outlet ? { outlet: x.outlet } : {}), ...(x.url ? { url: x.url } : {}), ...(x.author ? { author: x.author } : {}), ...(x.published ? { date: x.published } : {}),
        },
      };
    });
  }
}
