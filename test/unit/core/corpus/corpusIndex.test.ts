import { strict as assert } from 'node:assert';
import * as v8 from 'node:v8';
import { seeds } from '../helpers';
import { Corpus, keysWithEntities, bm25Search, championsOf, impactOf, newScratch, CHAMPIONS, QUOTE_WALK, type CorpusSnapshot, type SearchColumns } from '../../../../src/core/corpus/corpus';
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

  it('with champion lists, scores the best candidates exactly, and still ranks the right passage first', async () => {
    const corpus = await seeds();
    const queries: string[][] = [];
    for (let i = 0; i < corpus.passageCount; i++) { const k = corpus.keysOf(corpus.passage(i)); if (k.length >= 6) queries.push(k); }
    const exact = queries.map((q) => corpus.search(q, 3));
    corpus.searchTuning = { champions: 3, quotes: QUOTE_WALK };
    try {
      let same = 0;
      queries.forEach((q, n) => {
        const pruned = corpus.search(q, 3);
        if (pruned[0]?.passage.index === exact[n][0]?.passage.index) same++;
        // A passage found both ways has the same score: what the cut keys add is read from its forward row, not dropped.
        for (const h of pruned) {
          const e = exact[n].find((x) => x.passage.index === h.passage.index);
          if (e) assert.ok(Math.abs(e.score - h.score) < 1e-9, `score ${h.score} vs ${e.score}`);
        }
      });
      assert.ok(same / queries.length > 0.9, `same first passage for ${same}/${queries.length}`);
    } finally {
      corpus.searchTuning = { champions: CHAMPIONS, quotes: QUOTE_WALK };
    }
  });

  it('a champion list is the postings where a key weighs most, in passage order, and cutting it again changes nothing', () => {
    // Postings of one key: passage ids ascending, with varied frequencies and lengths (some equal, for ties).
    const n = 500;
    const ids = Int32Array.from({ length: n }, (_, k) => k * 3 + 1);
    const tfs = Uint8Array.from({ length: n }, (_, k) => 1 + ((k * 7) % 4));
    const lens = Int32Array.from({ length: n }, (_, k) => 5 + ((k * 13) % 40));
    const avg = 17.5, cap = 60;
    const ch = championsOf(ids, tfs, lens, avg, cap);
    assert.equal(ch.ids.length, cap);
    for (let k = 1; k < cap; k++) assert.ok(ch.ids[k] > ch.ids[k - 1], 'in passage order');
    const kept = new Set(ch.ids);
    const impact = (k: number) => impactOf(tfs[k], lens[k], avg);
    const least = Math.min(...Array.from(ch.ids, (id) => impact(ids.indexOf(id))));
    for (let k = 0; k < n; k++) {
      if (kept.has(ids[k])) { assert.equal(ch.tfs[Array.from(ch.ids).indexOf(ids[k])], tfs[k]); continue; }
      assert.ok(impact(k) <= least, `posting ${ids[k]} left out though it weighs more than a champion`);
      // Of postings weighing the same as the least champion, the earlier ones are kept.
      if (impact(k) === least) assert.ok(ids[k] > Math.min(...Array.from(ch.ids).filter((id) => impact(ids.indexOf(id)) === least)));
    }
    assert.deepEqual(championsOf(ch.ids, ch.tfs, ch.lens, avg, cap), ch, 'champions of champions');
    assert.deepEqual(championsOf(ids.subarray(0, 10), tfs.subarray(0, 10), lens.subarray(0, 10), avg, cap).ids, ids.subarray(0, 10), 'a short list whole');
  });

  it('walks no more than a champion list of a common key and reads a bounded number of forward rows, whatever the corpus size', () => {
    // A corpus of 200,000 passages: "rare" in 50, "common" in every passage.
    const N = 200_000, cap = 100;
    const rare = Int32Array.from({ length: 50 }, (_, k) => k * 4000 + 7);
    const all = Int32Array.from({ length: N }, (_, k) => k);
    const post = { off: Int32Array.from([0, rare.length, rare.length + N]), ids: Int32Array.from([...rare, ...all]) };
    const postTf = new Uint8Array(post.ids.length).fill(1);
    const pLen = Int32Array.from({ length: N }, (_, k) => 5 + (k % 30));
    const fwd = Array.from({ length: N }, (_, p) => (rare.includes(p) ? [0, 1] : [1]));
    const fOff = new Int32Array(N + 1);
    fwd.forEach((r, i) => { fOff[i + 1] = fOff[i] + r.length; });
    const pKeys = { off: fOff, ids: Int32Array.from(fwd.flat()) };
    let championsAsked = 0, commonRead = 0;
    // The postings search reads directly: reads of the common key's (its whole list) are counted.
    const direct = new Proxy(post.ids, { get: (a, k) => { if (typeof k === 'string' && /^\d+$/.test(k) && Number(k) >= rare.length) commonRead++; const v = Reflect.get(a, k, a); return typeof v === 'function' ? v.bind(a) : v; } });
    const read = new Set<number>();
    const c: SearchColumns = {
      N, avgLen: 19.5, size: N, termCount: 2, vocab: new Map([['rare', 0], ['common', 1]]), df: (t) => post.off[t + 1] - post.off[t],
      post: { off: post.off, ids: direct }, postTf, pKeys, pKeyTf: new Uint8Array(pKeys.ids.length).fill(1), pLen, tuning: { champions: cap, quotes: QUOTE_WALK }, scratch: newScratch(),
      quotes: { n: 0, size: 0, vocab: new Map(), post: { off: new Int32Array(1), ids: new Int32Array(0) } },
      champions: (t, k) => {
        championsAsked++;
        const from = post.off[t], to = post.off[t + 1];
        return championsOf(post.ids.subarray(from, to), postTf.subarray(from, to), Int32Array.from(post.ids.subarray(from, to), (p) => pLen[p]), 19.5, k);
      },
      read: (p) => read.add(p),
    };
    const hits = bm25Search(c, ['rare', 'common'], 8);
    assert.equal(championsAsked, 1, 'the common key is walked through its champion list');
    assert.equal(commonRead, 0, 'the common key\'s whole list is never read');
    assert.ok(read.size <= 32, `${read.size} forward rows read`);
    // The passages holding both keys rank first: the common key's share is added from their forward rows.
    assert.equal(hits.length, 8);
    for (const h of hits) assert.ok(rare.includes(h.p), `passage ${h.p} holds the rare key`);
    const w = (df: number) => Math.log(1 + (N - df + 0.5) / (df + 0.5)) * 2.2;
    const full = (p: number) => (w(50) + w(N)) * impactOf(1, pLen[p], 19.5);
    for (const h of hits) assert.ok(Math.abs(h.score - full(h.p)) < 1e-9, `passage ${h.p}: ${h.score} is its whole BM25 score ${full(h.p)}`);
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
