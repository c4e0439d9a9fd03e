import { strict as assert } from 'node:assert';
import { seeds } from '../helpers';
import { checkDraft, DraftChecker, indexCorpus, MemoryIndexStore, loadSources } from '../../../../src/core';
import { SEEDS, ROOT } from '../helpers';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

describe('incremental checking and the persistent index', () => {
  it('gives the same findings as a full check after edits, re-judging only changed sentences', async () => {
    const corpus = await seeds();
    const draft = await fs.readFile(path.join(ROOT, 'samples', 'draft.md'), 'utf8');
    const dc = new DraftChecker(corpus);
    const strip = (fs: ReturnType<typeof checkDraft>) => JSON.stringify(fs);
    assert.equal(strip(dc.check(draft)), strip(checkDraft(draft, corpus)));
    // Edit one word in the middle: offsets after it shift, verdicts of the other sentences stay.
    const edited = draft.replace('three ballistic', 'two ballistic').replace('# Putin', '# President Putin');
    let calls = 0;
    const orig = corpus.search.bind(corpus);
    corpus.search = (k, l) => { calls++; return orig(k, l); };
    try {
      const got = dc.check(edited);
      const incremental = calls;
      calls = 0;
      assert.equal(strip(got), strip(checkDraft(edited, corpus)));
      assert.ok(incremental >= 1 && incremental < calls / 3, `incremental searched ${incremental} times, full check ${calls}`);
    } finally {
      corpus.search = orig;
    }
  });

  it('loads a warm index from the store without re-analysing, and re-analyses only a changed source', async () => {
    const store = new MemoryIndexStore();
    const { sources } = await loadSources([], { baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS });
    const cold = await indexCorpus(sources, { store });
    assert.equal(cold.stats.analysed, 3);
    const warm = await indexCorpus(sources, { store });
    assert.equal(warm.stats.snapshot, 'loaded');
    assert.equal(warm.stats.analysed, 0);
    const t = 'Kim travelled overland to Russia in his armoured train.';
    assert.deepEqual(checkDraft(t, warm.corpus), checkDraft(t, cold.corpus));
    const changed = sources.map((s, i) => (i === 2 ? { ...s, text: s.text + '\nA new closing line.\n' } : s));
    const again = await indexCorpus(changed, { store });
    assert.equal(again.stats.snapshot, 'built');
    assert.equal(again.stats.analysed, 1);
    assert.equal(again.stats.reused, 2);
  });
});
