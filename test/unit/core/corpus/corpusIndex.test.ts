import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import { seeds } from '../helpers';
import { Corpus, keysWithEntities, type CorpusSnapshot } from '../../../../src/core/corpus/corpus';
import { tokenize } from '../../../../src/core/analysis/text';
import { packSnapshot, unpackSnapshot } from '../../../../src/core/corpus/indexStore';

describe('columnar corpus index', () => {
  it('materialises passages from the columns with their source text, entities and quotations', async () => {
    const corpus = await seeds();
    assert.ok(corpus.passageCount > 50);
    let quoted = 0;
    for (let i = 0; i < corpus.passageCount; i++) {
      const p = corpus.passage(i);
      const src = corpus.getSource(p.sourceId)!;
      assert.equal(p.index, i);
      assert.equal(p.text, src.text.slice(p.start, p.end));
      assert.equal(corpus.passageText(i), p.text);
      assert.ok(p.text.trim().length > 0);
      for (const id of p.entities) assert.ok(corpus.getEntity(id), `unknown entity ${id}`);
      for (const q of p.quotes) { assert.ok(p.start <= q.start && q.end <= p.end); quoted++; }
    }
    assert.ok(quoted >= 10, `only ${quoted} quotations`);
    const putin = corpus.passage(corpus.getEntity('Vladimir Putin')!.passages[0]);
    assert.match(putin.text, /Putin/);
    assert.ok(putin.entities.includes('Vladimir Putin'));
  });

  it('ranks a passage first for its own rare words, and finds quotations by their words', async () => {
    const corpus = await seeds();
    let first = 0, tried = 0;
    for (let i = 0; i < corpus.passageCount; i++) {
      const p = corpus.passage(i);
      const keys = corpus.keysOf(p);
      if (keys.length < 6) continue;
      tried++;
      if (corpus.search(keys, 3).some((h) => h.passage.text === p.text)) first++;
    }
    assert.ok(first / tried > 0.95, `own passage in the top 3 for ${first}/${tried}`);
    const q = 'The leader of the DPRK shows great interest in rocket technology';
    const hits = corpus.searchQuotes(tokenize(q).map((t) => t.norm), 5);
    assert.ok(hits.length > 0);
    assert.match(hits[0].quote.text, /shows great interest/);
    assert.equal(hits[0].quote.speaker, 'Vladimir Putin');
  });

  it('in a big corpus, scores candidates from the rarer keys exactly, and still ranks the right passage first', async () => {
    const corpus = await seeds();
    const queries: string[][] = [];
    for (let i = 0; i < corpus.passageCount; i++) { const k = corpus.keysOf(corpus.passage(i)); if (k.length >= 6) queries.push(k); }
    const exact = queries.map((q) => corpus.search(q, 3));
    corpus.searchTuning = { largeCorpus: 0, gatherMin: 2, gatherShare: 0 };
    try {
      let same = 0;
      queries.forEach((q, n) => {
        const pruned = corpus.search(q, 3);
        if (pruned[0]?.passage.index === exact[n][0]?.passage.index) same++;
        // A passage found both ways has the same score: the commoner keys are added, not dropped.
        for (const h of pruned) {
          const e = exact[n].find((x) => x.passage.index === h.passage.index);
          if (e) assert.ok(Math.abs(e.score - h.score) < 1e-9, `score ${h.score} vs ${e.score}`);
        }
      });
      assert.ok(same / queries.length > 0.9, `same first passage for ${same}/${queries.length}`);
    } finally {
      corpus.searchTuning = { largeCorpus: 100_000, gatherMin: 1000, gatherShare: 0.002 };
    }
  });

  it('round-trips through a snapshot: same passages, keys, rankings and quotations', async () => {
    const corpus = await seeds();
    const snap = v8.deserialize(v8.serialize(corpus.toSnapshot())) as CorpusSnapshot;
    assert.ok(!JSON.stringify(snap.sources).includes('Vostochny'), 'the snapshot holds no article text');
    const back = Corpus.fromSnapshot(snap, corpus.sources);
    assert.equal(back.passageCount, corpus.passageCount);
    for (let i = 0; i < corpus.passageCount; i++) {
      assert.deepEqual(back.passage(i), corpus.passage(i));
      assert.deepEqual(back.keysOf(back.passage(i)), corpus.keysOf(corpus.passage(i)));
    }
    for (const text of ['Kim travelled overland to Russia in his armoured train', 'North Korea fired two ballistic missiles', 'Shoigu visited Pyongyang in July']) {
      const keys = keysWithEntities(text, 0, []);
      assert.deepEqual(back.search(keys, 5), corpus.search(keys, 5));
      assert.equal(back.idf(keys[0]), corpus.idf(keys[0]));
    }
    assert.deepEqual(back.searchQuotes(['we', 'have', 'time'], 5), corpus.searchQuotes(['we', 'have', 'time'], 5));
    assert.equal(back.entityCount, corpus.entityCount);
    for (const e of corpus.entities) assert.deepEqual(back.getEntity(e.id), e);
    assert.deepEqual([...back.aliases], [...corpus.aliases]);
    assert.deepEqual([...back.roles], [...corpus.roles]);
    assert.throws(() => Corpus.fromSnapshot(snap, corpus.sources.slice(1)), /does not match/);
  });

  it('stores a snapshot as a skeleton and one blob of arrays, loaded as views (no copies), and refuses a truncated blob', async () => {
    const corpus = await seeds();
    const { skeleton, blob } = packSnapshot(corpus.toSnapshot());
    assert.ok(blob.byteLength >= corpus.passageCount * 4 * 5, 'the passage columns are in the blob');
    // A blob read at an odd offset (a pooled Buffer) still loads.
    const shifted = new Uint8Array(blob.byteLength + 3);
    shifted.set(blob, 3);
    for (const b of [blob, shifted.subarray(3)]) {
      const snap = unpackSnapshot(skeleton, b) as CorpusSnapshot;
      if (b === blob) assert.equal(snap.pStart.buffer, blob.buffer, 'a view into the blob');
      const back = Corpus.fromSnapshot(snap, corpus.sources);
      for (let i = 0; i < corpus.passageCount; i += 7) assert.deepEqual(back.passage(i), corpus.passage(i));
      const keys = keysWithEntities('Kim travelled overland to Russia in his armoured train', 0, []);
      assert.deepEqual(back.search(keys, 5), corpus.search(keys, 5));
    }
    assert.throws(() => unpackSnapshot(skeleton, blob.subarray(0, blob.byteLength / 2)), /truncated/);
  });
});
