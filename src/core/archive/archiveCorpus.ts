// Reading the archive's articles with the analyses the importer stored, so a corpus is built from
// them without analysing anything again: what publishing the index starts from (publishedIndex.ts).
// Editors never read the whole archive; they read the published index piece by piece.
import * as v8 from 'node:v8';
import type { Pool } from 'pg';
import type { Source } from '../types';
import type { NlpMode } from '../analysis/entities';
import type { SourceAnalysis } from '../corpus/corpus';
import { INDEX_FORMAT } from '../corpus/indexStore';
import { schemaVersion } from './archiveDb';
import { SCHEMA_VERSION } from './migrations';

export interface ArchiveArticles { sources: Source[]; analyses: SourceAnalysis[]; mode: NlpMode }

/** Every article of the archive, in path order, with its stored analysis. */
export async function readArchive(pool: Pool): Promise<ArchiveArticles> {
  const version = await schemaVersion(pool);
  if (version === 0) throw new Error('the archive is empty: import articles into it first (corroborate archive import)');
  if (version > SCHEMA_VERSION) throw new Error(`the archive's schema is version ${version}, newer than this Corroborate knows (${SCHEMA_VERSION}): update Corroborate`);
  const r = await pool.query<{ path: string; source_id: string; title: string; outlet: string | null; url: string | null; author: string | null; published: string | null; line_offset: number; body: string; analysis: Buffer; format: string }>(
    `SELECT path, source_id, title, outlet, url, author, to_char(published, 'YYYY-MM-DD') AS published, line_offset, body, analysis, format
     FROM archive.articles ORDER BY path, source_id`);
  const formats = new Set(r.rows.map((x) => x.format));
  if (formats.size > 1) throw new Error(`the archive holds analyses of ${formats.size} formats (${[...formats].join(', ')}): import it again with one --mode`);
  const [format] = formats;
  const [index, mode] = (format ?? `${INDEX_FORMAT}:fast`).split(':');
  if (index !== INDEX_FORMAT) throw new Error(`the archive was analysed by another version of Corroborate (${index}, this one reads ${INDEX_FORMAT}): import it again`);
  return {
    mode: mode as NlpMode,
    sources: r.rows.map((x) => ({
      id: x.source_id, path: x.path, title: x.title, text: x.body, lineOffset: x.line_offset,
      ...(x.outlet ? { outlet: x.outlet } : {}), ...(x.url ? { url: x.url } : {}), ...(x.author ? { author: x.author } : {}), ...(x.published ? { date: x.published } : {}),
    })),
    analyses: r.rows.map((x) => v8.deserialize(x.analysis) as SourceAnalysis),
  };
}
