// Messages between the engine worker (which owns the corpus index) and its client.
import type { Finding, CorpusProblem, Source } from '../types';
import type { IndexStats } from '../corpus/indexStore';
import type { NlpMode } from '../analysis/entities';
import type { CheckOptions } from '../verdicts/checker';
import type { ArchiveStatus } from '../archive/archiveConnection';

export interface LoadRequest {
  type: 'load';
  id: number;
  paths: string[];
  baseDir: string;
  includeSeeds: boolean;
  seedsDir: string;
  maxFileBytes?: number;
  /** Folder of the persistent index; none keeps it in memory. */
  storeDir?: string;
  mode?: NlpMode | 'auto';
  /**
   * A shared archive to check against (its published index); the local corpus is loaded too and
   * checked against whenever the archive cannot answer. The password is held in memory only.
   */
  archive?: { url: string; password?: string; statementTimeoutMs?: number; retryDelaysMs?: number[] };
}
export interface CheckRequest {
  type: 'check'; id: number; text: string; options?: CheckOptions;
  /** Reuse findings of unchanged sentences (default true); false re-checks everything. */
  incremental?: boolean;
  /**
   * The document the text is a version of (its URI): each document has a cache of its own sentences.
   * Checks without one share a single cache.
   */
  document?: string;
}
/** The document was closed: its cache is dropped. */
export interface CloseRequest { type: 'close'; id: number; document: string }
/** The text of the corpus source read from `path` (for a saved web page: the article extracted from it). */
export interface SourceTextRequest { type: 'sourceText'; id: number; path: string }
export type Request = LoadRequest | CheckRequest | CloseRequest | SourceTextRequest;

export type SourceInfo = Omit<Source, 'text'>;
export interface CorpusSummary { sources: SourceInfo[]; entities: number; passages: number; files: string[] }

export type Response =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'loaded'; id: number; stats: IndexStats; problems: CorpusProblem[]; summary: CorpusSummary; heapUsed: number; archive?: ArchiveStatus }
  /** `via`: what the findings were checked against (the local corpus when the archive could not answer). */
  | { type: 'result'; id: number; findings: Finding[]; ms: number; via: 'archive' | 'local' }
  /** Unasked (id 0): the archive connection changed state. */
  | { type: 'archive'; id: 0; status: ArchiveStatus }
  | { type: 'closed'; id: number }
  | { type: 'sourceText'; id: number; text: string | undefined }
  | { type: 'error'; id: number; message: string };
