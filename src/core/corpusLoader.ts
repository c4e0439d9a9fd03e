import type { Source, CorpusProblem } from './types';
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
/** Reads every corpus file named by `paths` (files, folders, globs). Bad files become problems, never exceptions. */
export async function loadSources(paths: string[], opts: LoadOptions): Promise<LoadResult> { throw new Error('todo'); }
/** Parses one file's text (.txt, .md with front matter, .jsonl) into sources. */
export function parseSourceText(path: string, text: string): { sources: Source[]; problems: CorpusProblem[] } { throw new Error('todo'); }
