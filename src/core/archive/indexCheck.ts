// Checking a draft against an index read piece by piece (see corpus/partialCorpus.ts): each run of
// the checker records what it lacked, which is fetched in one batch before the next run, until a
// run lacks nothing. A handful of round trips per check; none once the cache holds the draft's part.
import type { Finding } from '../types';
import { checkDraft, type CheckOptions, type SentenceCache } from '../verdicts/checker';
import { PartialCorpus, IndexCache, needCount, StaleGenerationError, type IndexSource } from '../corpus/partialCorpus';

export interface IndexCheck { findings: Finding[]; runs: number; fetches: number; fetchMs: number }

/** Runs allowed before a check gives up (each fetches what the one before lacked). */
export const MAX_RUNS = 12;

/**
 * Checks a draft against an index read through `source`, fetching what each run lacks, until a run
 * lacks nothing (see the file comment). `cache` (from openIndex) is kept across checks and grows.
 */
/** Bytes of fetched pieces an editor keeps between checks (the cache is emptied past it, between checks). */
export const CACHE_LIMIT = 96 * 2 ** 20;

export async function checkWithIndex(draft: string, source: IndexSource, cache: IndexCache, opts: CheckOptions = {}): Promise<IndexCheck> {
  cache.trim(CACHE_LIMIT);
  const before = cache.weight;
  let fetches = 0, fetchMs = 0;
  for (let run = 1; ; run++) {
    const view = new PartialCorpus(cache);
    // Findings of sentences are kept only from a run that lacked nothing; earlier runs read placeholders.
    const fresh = new Map<string, Finding[]>();
    const sentences: SentenceCache = { get: (k) => cache.sentences.get(k), set: (k, v) => { fresh.set(k, v); } };
    let findings: Finding[] | undefined;
    let failure: unknown;
    try { findings = checkDraft(draft, view, opts, sentences); } catch (e) { failure = e; }
    if (view.complete) {
      if (failure) throw failure;
      if (cache.sentences.size > 20_000) cache.sentences.clear();
      for (const [k, v] of fresh) cache.sentences.set(k, v);
      cache.largestCheck = Math.max(cache.largestCheck, cache.weight - before);
      return { findings: findings!, runs: run, fetches, fetchMs };
    }
    if (run >= MAX_RUNS) {
      const what = Object.entries(view.needs).filter(([, v]) => v.size).map(([k, v]) => `${k} ${JSON.stringify([...v].slice(0, 3))}`).join(', ');
      throw new Error(`the check still lacked ${needCount(view.needs)} pieces of the index after ${run} runs (${what})`);
    }
    const t0 = performance.now();
    cache.add(await source.fetch(cache.head.generation, view.needs), view.needs);
    fetchMs += performance.now() - t0;
    fetches++;
  }
}

/** A cache for the index's current generation (its head and names fetched). */
export async function openIndex(source: IndexSource): Promise<IndexCache> {
  return new IndexCache(await source.head());
}


/** An index source and the cache of its current generation, replaced when a new one is published. */
export interface IndexReader { source: IndexSource; cache: IndexCache }

/**
 * checkWithIndex on the reader's current generation; when that generation has been replaced (an
 * import published a new one and an article the check needs changed), the new one is opened and
 * the check run again on it.
 */
export async function checkCurrent(draft: string, reader: IndexReader, opts: CheckOptions = {}): Promise<IndexCheck> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await checkWithIndex(draft, reader.source, reader.cache, opts);
    } catch (e) {
      if (!(e instanceof StaleGenerationError) || attempt >= 3) throw e;
      reader.cache = await openIndex(reader.source);
    }
  }
}
