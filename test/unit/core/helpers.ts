import * as path from 'node:path';
import { loadSources, buildCorpus, type Corpus } from '../../../src/core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SEEDS = path.join(ROOT, 'seeds');
let seedCorpus: Promise<Corpus> | undefined;
/** The corpus of the three bundled seed articles, built once per test run. */
export function seeds(): Promise<Corpus> {
  seedCorpus ??= loadSources([], { baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS }).then((r) => buildCorpus(r.sources));
  return seedCorpus;
}
