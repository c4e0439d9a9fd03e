// The engine worker's sentence caches: one per document, bounded, dropped when the document closes.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { EngineClient, checkDraft } from '../../../../src/core';
import { DocumentCheckers } from '../../../../src/core/engine/engineWorker';
import { ROOT, SEEDS, seeds } from '../helpers';

const A = 'Dmitry Peskov spoke in Moscow on Wednesday. Officials from Russia and North Korea met in Vladivostok. “China will be hardly too happy about Russia entering into what Chinese consider their monopoly territory,” he said.';
const B = 'Kim travelled overland to Russia in his armoured train. North Korea fired three ballistic missiles on Wednesday.';

describe('per-document sentence caches', () => {
  it('keeps a checker per document, the least recently checked dropped past the bound, and drops a closed one', async () => {
    const docs = new DocumentCheckers(await seeds(), 2);
    const a = docs.of('file:///a.md');
    assert.equal(docs.of('file:///a.md'), a);
    assert.notEqual(docs.of('file:///b.md'), a);
    docs.of('file:///a.md');
    docs.of('file:///c.md');
    assert.deepEqual(docs.documents, ['file:///a.md', 'file:///c.md']);
    docs.close('file:///a.md');
    assert.deepEqual(docs.documents, ['file:///c.md']);
    assert.notEqual(docs.of('file:///a.md'), a);
  });

  it('does not let one document evict or answer for another', async () => {
    const corpus = await seeds();
    const docs = new DocumentCheckers(corpus);
    docs.of('a').check(A);
    docs.of('b').check(B);
    // Each document keeps only its own sentences.
    assert.equal(docs.of('a').size, 3);
    assert.equal(docs.of('b').size, 2);
    // Back in the first document after the second was checked: its sentences are still there,
    // and only the edited one (and the quotation whose pronoun it names) is judged again.
    let searches = 0;
    const orig = corpus.search.bind(corpus);
    corpus.search = (k, l) => { searches++; return orig(k, l); };
    const edited = A.replace('Dmitry Peskov', 'Vladimir Tikhonov');
    let got, alone;
    try {
      got = docs.of('a').check(edited);
      const incremental = searches;
      searches = 0;
      checkDraft('Vladimir Tikhonov spoke in Moscow on Wednesday.', corpus);
      alone = searches;
      searches = incremental;
    } finally {
      corpus.search = orig;
    }
    assert.deepStrictEqual(got, checkDraft(edited, corpus));
    assert.ok(alone > 0 && searches === alone, `searched ${searches} times; the edited sentence alone ${alone}`);
  });

  describe('through the worker', function () {
    this.timeout(60000);
    const script = path.join(ROOT, 'dist', 'engineWorker.js');
    let client: EngineClient;
    before(async function () {
      if (!existsSync(script)) throw new Error('dist/engineWorker.js is missing: run `npm run build` first');
      client = new EngineClient(script);
      await client.load({ paths: [], baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS });
    });
    after(() => client?.dispose());

    it('checks documents in turn against their own caches, and closes one', async () => {
      const edited = A.replace('Dmitry Peskov', 'Vladimir Tikhonov');
      await client.check(A, undefined, true, 'file:///a.md');
      await client.check(B, undefined, true, 'file:///b.md');
      const inc = await client.check(edited, undefined, true, 'file:///a.md');
      const full = await client.check(edited, undefined, false);
      assert.deepStrictEqual(inc.findings, full.findings);
      assert.equal(inc.findings.find((f) => f.kind === 'quote')!.speaker, 'Vladimir Tikhonov');
      await client.close('file:///a.md');
      await client.close('file:///never-checked.md');
      const again = await client.check(edited, undefined, true, 'file:///a.md');
      assert.deepStrictEqual(again.findings, full.findings);
    });
  });
});
