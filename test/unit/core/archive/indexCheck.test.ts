import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { ROOT, SEEDS, evalDrafts, firstDifference as firstDiff } from '../helpers';
import { loadSources, buildCorpus, checkDraft, type Corpus, type Finding } from '../../../../src/core';
import { SnapshotIndexSource, PartialCorpus, emptyNeeds } from '../../../../src/core/corpus/partialCorpus';
import { CHAMPIONS, QUOTE_WALK } from '../../../../src/core/corpus/corpus';
import { checkWithIndex, openIndex, MAX_RUNS } from '../../../../src/core/archive/indexCheck';

const drafts = evalDrafts;

const comparable = (fs: Finding[]) => JSON.stringify(fs);
const firstDifference = (got: Finding[], want: Finding[]) => firstDiff(got, want, ['piece by piece', 'whole corpus']);
const same = (got: Finding[], want: Finding[], what: string) => assert.ok(comparable(got) === comparable(want), `${what}: ${firstDifference(got, want)}`);

describe('checking piece by piece against an index held elsewhere (the archive\'s way)', function () {
  this.timeout(600_000);
  let corpus: Corpus;
  let all: { name: string; text: string }[];

  before(async () => {
    // The seeds and the Brown press articles as a corpus: thousands of passages, many names.
    const brown = path.join(ROOT, 'test', 'eval', 'brown');
    const { sources } = await loadSources([brown], { baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS });
    corpus = buildCorpus(sources);
    all = await drafts();
    assert.ok(all.length > 40, `${all.length} drafts`);
  });

  it('gives every draft the findings of the whole corpus, each check in a handful of fetches', async () => {
    const source = new SnapshotIndexSource(corpus);
    const cache = await openIndex(source);
    let most = 0;
    for (const d of all) {
      const whole = checkDraft(d.text, corpus);
      const fresh = await checkWithIndex(d.text, source, await openIndex(source));
      same(fresh.findings, whole, `${d.name}: from an empty cache`);
      most = Math.max(most, fresh.fetches);
      // And with a cache that earlier drafts filled (what an editor's engine keeps).
      const warm = await checkWithIndex(d.text, source, cache);
      same(warm.findings, whole, `${d.name}: with a warm cache`);
    }
    assert.ok(most <= 4, `a check needed ${most} fetches`);
  });

  it('gives a draft the same findings whatever was checked against the corpus before (its caches hold no history)', () => {
    // Two corpora of the same sources, the drafts checked in opposite orders.
    const other = buildCorpus(corpus.sources);
    const forward = all.map((d) => checkDraft(d.text, corpus));
    const backward = all.slice().reverse().map((d) => checkDraft(d.text, other)).reverse();
    all.forEach((d, i) => same(backward[i], forward[i], d.name));
  });

  it('needs no fetch to check a draft again, and finds the same', async () => {
    const source = new SnapshotIndexSource(corpus);
    const cache = await openIndex(source);
    const d = all.find((x) => x.name.startsWith('set/'))!;
    const first = await checkWithIndex(d.text, source, cache);
    assert.ok(first.fetches > 0);
    const again = await checkWithIndex(d.text, source, cache);
    assert.equal(again.fetches, 0);
    assert.equal(again.runs, 1);
    same(again.findings, first.findings, 'again');
    // A cache grown past its limit is emptied between checks: the next check fetches again, and finds the same.
    assert.ok(cache.weight > 0 && cache.largestCheck === cache.weight, 'one check filled it');
    assert.equal(cache.trim(cache.weight + 1), false, 'under the limit it stays');
    assert.equal(cache.trim(0), false, 'never below twice what one check needs (a big draft would fetch everything at every check)');
    cache.largestCheck = 0;
    assert.equal(cache.trim(0), true);
    assert.equal(cache.weight, 0);
    const refetched = await checkWithIndex(d.text, source, cache);
    assert.ok(refetched.fetches > 0);
    same(refetched.findings, first.findings, 'after emptying the cache');
  });

  it('ranks alike where search walks champion lists (keys cut to their best passages)', async () => {
    const tuning = { champions: 3, quotes: 4 };
    corpus.searchTuning = tuning;
    try {
      const source = new SnapshotIndexSource(corpus);
      const cache = await openIndex(source);
      cache.tuning = tuning;
      for (const d of all.slice(0, 20)) {
        const got = await checkWithIndex(d.text, source, cache);
        same(got.findings, checkDraft(d.text, corpus), d.name);
      }
      // Searches straight from passages' own keys, where the cut (commoner) keys decide the order.
      let compared = 0;
      for (let i = 0; i < corpus.passageCount; i++) {
        const keys = corpus.keysOf(corpus.passage(i));
        if (keys.length < 6) continue;
        const want = corpus.search(keys, 8).map((h) => [h.passage.index, h.score]);
        for (let run = 0; run < MAX_RUNS; run++) {
          const v = new PartialCorpus(cache);
          const got = v.search(keys, 8).map((h) => [h.passage.index, h.score]);
          if (v.complete) { assert.deepEqual(got, want, `passage ${i}`); compared++; break; }
          cache.add(await source.fetch(cache.head.generation, v.needs), v.needs);
        }
      }
      assert.ok(compared > 100, `${compared} searches compared`);
    } finally {
      corpus.searchTuning = { champions: CHAMPIONS, quotes: QUOTE_WALK };
    }
  });

  it('refuses to answer from a generation the index has replaced', async () => {
    const source = new SnapshotIndexSource(corpus);
    const cache = await openIndex(source);
    await assert.rejects(source.fetch('an older one', { ...emptyNeeds(), terms: new Set(['x']) }), /replaced/);
    assert.equal(cache.head.generation, source.generation);
  });
});
