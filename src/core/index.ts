// Public surface of the engine. Front ends (src/editor, src/cli.ts) import only from here.
export * from './types';
export { loadSources, parseSourceText, type LoadOptions, type LoadResult } from './corpus/corpusLoader';
export { Corpus, buildCorpus } from './corpus/corpus';
export { checkDraft, DraftChecker, type CheckOptions, type SentenceCache } from './verdicts/checker';
export { analyseSource, type SourceAnalysis, type BuildOptions } from './corpus/corpus';
export { indexCorpus, FileIndexStore, MemoryIndexStore, type IndexStore, type IndexStats, type IndexOptions } from './corpus/indexStore';
export { EngineClient, type LoadResultMessage } from './engine/engineClient';
export type { CorpusSummary, SourceInfo } from './engine/engineProtocol';
export { suppressedRanges, applySuppressions, suppressionDirectives, type SuppressedRange, type SuppressionDirective } from './workflow/suppression';
export {
  CHECKED_PATH, IGNORE_PATH, parseChecked, serialiseChecked, markChecked, unmarkChecked, checkedClaim, checkedStatus, sentenceHash, sentenceAround,
  parseIgnore, serialiseIgnore, ignoreName, unignoreName, isIgnoredName,
  type CheckedClaim, type CheckedFile, type IgnoredName, type IgnoreFile, type ParsedFile,
} from './workflow/checked';
