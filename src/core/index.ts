// Public surface of the engine. Front ends (src/editor, src/cli.ts) import only from here.
export * from './types';
export { loadSources, parseSourceText, type LoadOptions, type LoadResult } from './corpusLoader';
export { Corpus, buildCorpus } from './corpus';
export { checkDraft, DraftChecker, type CheckOptions, type SentenceCache } from './checker';
export { analyseSource, type SourceAnalysis, type BuildOptions } from './corpus';
export { indexCorpus, FileIndexStore, MemoryIndexStore, type IndexStore, type IndexStats, type IndexOptions } from './indexStore';
export { EngineClient, type LoadResultMessage } from './engineClient';
export type { CorpusSummary, SourceInfo } from './engineProtocol';
