// Public surface of the engine. Front ends (src/editor, src/cli.ts) import only from here.
export * from './types';
export { loadSources, parseSourceText, type LoadOptions, type LoadResult } from './corpusLoader';
export { Corpus, buildCorpus } from './corpus';
export { checkDraft, type CheckOptions } from './checker';
