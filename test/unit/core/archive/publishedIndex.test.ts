// The archive's published index against a real PostgreSQL (a private instance on loopback, stopped after).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT, SEEDS, evalDrafts, firstDifference as firstDiff, startTestPostgres, removeTestCluster, type TestCluster } from '../helpers';
import { loadSources, buildCorpus, checkDraft, type Finding } from '../../../../src/core';
import { openArchive } from '../../../../src/core/archive/archiveDb';
import { importArchive } from '../../../../src/core/archive/importer';
import { publishIndex, PgIndexSource, insertStream } from '../../../../src/core/archive/publishedIndex';
import { checkWithIndex, checkCurrent, openIndex } from '../../../../src/core/archive/indexCheck';
import { StaleGenerationError, emptyNeeds } from '../../../../src/core/corpus/partialCorpus';

type Cluster = TestCluster;
const drafts = evalDrafts;
const firstDifference = (got: Finding[], want: Finding[]) => firstDiff(got, want, ['archive', 'local']);

describe('writing the published index', () => {
  it('cuts inserts by bytes as well as rows: a common word\'s postings never make one parameter too long for a string', async () => {
    const big = Buffer.alloc(20 * 2 ** 20), small = Buffer.alloc(10);
    // Three words whose postings are 20 MB each among small ones: no statement carries two of them.
    const ids = [small, big, small, big, big, small];
    const statements: unknown[][][] = [];
    const client = { query: async (_sql: string, cols: unknown[][]) => { statements.push(cols); } } as unknown as Parameters<typeof insertStream>[0];
    let made = 0;
    await insertStream(client, 'INSERT', ids.length, (i) => { made++; return [`w${i}`, ids[i]]; }, 5000, 32 * 2 ** 20);
    assert.deepEqual(statements.map((cols) => cols[0]), [['w0', 'w1'], ['w2', 'w3'], ['w4'], ['w5']]);
    assert.equal(made, ids.length, 'each row made once');
    statements.length = 0;
    await insertStream(client, 'INSERT', 12, (i) => [i], 5, 1e9);
    assert.deepEqual(statements.map((cols) => cols[0]), [[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11]]);
    statements.length = 0;
    await insertStream(client, 'INSERT', 0, () => [0]);
    assert.deepEqual(statements, [], 'no rows, no statement');
  });
});

describe('the archive\'s published index (PostgreSQL)', function () {
  this.timeout(300_000);
  let server: Cluster;
  before(async function () { this.timeout(300_000); server = await startTestPostgres(this); });
  after(() => removeTestCluster(server));

  it('gives every draft, read by the editor\'s role piece by piece, the findings of a local corpus of the same articles', async () => {
    const brown = path.join(ROOT, 'test', 'eval', 'brown');
    const importer = openArchive(server.importerUrl);
    const editor = openArchive(server.editorUrl);
    try {
      // Imported with the analysis a local corpus of this size uses (full compromise tagging).
      await importArchive(importer, [SEEDS, brown], { baseDir: ROOT, mode: 'full' });
      const published = await publishIndex(importer);
      assert.ok(!published.skipped && published.passages > 200, JSON.stringify(published));
      const { sources } = await loadSources([SEEDS, brown], { baseDir: ROOT, includeSeeds: false, seedsDir: SEEDS });
      const local = buildCorpus(sources, { mode: 'full' });
      const source = new PgIndexSource(editor);
      const cache = await openIndex(source);
      assert.equal(cache.head.passages, local.passageCount);
      let most = 0;
      for (const d of await drafts()) {
        const got = await checkWithIndex(d.text, source, cache);
        const want = checkDraft(d.text, local);
        assert.ok(JSON.stringify(got.findings) === JSON.stringify(want), `${d.name}: ${firstDifference(got.findings, want)}`);
        most = Math.max(most, got.fetches);
      }
      assert.ok(most <= 4, `a check needed ${most} fetches`);
      // Published with champion lists of 3 (a common key holds only its 3 best passages, a
      // quotation word's list is read 4 at most): the same findings as a local corpus cut alike.
      const cut = await publishIndex(importer, undefined, 3);
      assert.ok(!cut.skipped, 'another layout is published again');
      const lists = (await editor.query(`SELECT max(df) AS df, max(length(ids)) / 4 AS stored FROM archive.ix${cut.generation}_terms`)).rows[0];
      assert.ok(lists.df > 15 && lists.stored === 3, JSON.stringify(lists));
      const tuning = { champions: 3, quotes: 4 };
      local.searchTuning = tuning;
      const cutCache = await openIndex(new PgIndexSource(editor));
      cutCache.tuning = tuning;
      for (const d of (await drafts()).slice(0, 25)) {
        const got = await checkWithIndex(d.text, source, cutCache);
        const want = checkDraft(d.text, local);
        assert.ok(JSON.stringify(got.findings) === JSON.stringify(want), `cut to champions, ${d.name}: ${firstDifference(got.findings, want)}`);
      }
      // The editor reads the generation's tables; it cannot change them.
      await assert.rejects(editor.query(`DROP TABLE archive.ix${cut.generation}_terms`), /must be owner|permission denied/);
      await assert.rejects(editor.query(`UPDATE archive.generations SET is_current = false`), /permission denied/);
    } finally {
      await importer.end();
      await editor.end();
    }
  });

  it('editors read the published index from a streaming replica, with the same findings as from the primary', async function () {
    const pg = await import(path.join(ROOT, 'scripts', 'lib', 'pgServer.mjs')) as { startPostgres(o: { dataDir: string; replicaOf: { port: number; dataDir: string } }): Promise<Cluster & { port: number }> };
    const primary = server as Cluster & { port: number };
    const replica = await pg.startPostgres({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'corroborate-pg-replica-')), replicaOf: { port: primary.port, dataDir: primary.dataDir } });
    const fromPrimary = openArchive(server.editorUrl), fromReplica = openArchive(replica.editorUrl);
    const importer = openArchive(server.importerUrl);
    try {
      await importArchive(importer, [SEEDS], { baseDir: ROOT, mode: 'full' });
      await publishIndex(importer);
      const draft = await fs.readFile(path.join(ROOT, 'test', 'eval', 'set', 'e2-numbers.md'), 'utf8');
      const want = await checkWithIndex(draft, new PgIndexSource(fromPrimary), await openIndex(new PgIndexSource(fromPrimary)));
      // The replica has what the primary published (streaming replication: within a few seconds).
      const deadline = Date.now() + 20_000;
      let head;
      while (!(head = await new PgIndexSource(fromReplica).head().catch(() => undefined)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      assert.ok(head, 'the generation reached the replica');
      const source = new PgIndexSource(fromReplica);
      const got = await checkWithIndex(draft, source, await openIndex(source));
      assert.ok(got.findings.length > 5);
      assert.equal(JSON.stringify(got.findings), JSON.stringify(want.findings));
      // And it is read-only: an import there fails.
      const onReplica = openArchive(replica.importerUrl);
      try { await assert.rejects(importArchive(onReplica, [path.join(ROOT, 'test', 'fixtures', 'workspace', 'corpus')], { baseDir: ROOT, mode: 'full' }), /read-only/); } finally { await onReplica.end(); }
    } finally {
      await fromPrimary.end(); await fromReplica.end(); await importer.end();
      replica.stop();
      rmSync(replica.dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
  });

  it('publishes a new generation only when the archive changed; a check on a replaced generation starts again on the current one; older ones are dropped', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'archive-gen-'));
    const importer = openArchive(server.importerUrl);
    try {
      const day = ['', 'Monday', 'Tuesday', 'Wednesday'];
      const sentence = (n: number) => `Mayor Anna Example opened the new Springfield bridge on ${day[n]}.`;
      const write = (n: number) => writeFileSync(path.join(dir, 'a.md'), `---\ntitle: Bridge\n---\n${sentence(n)}\n`);
      write(1);
      await importArchive(importer, [dir], { baseDir: ROOT, mode: 'full' });
      const first = await publishIndex(importer);
      assert.equal((await publishIndex(importer)).skipped, true, 'nothing changed');
      const source = new PgIndexSource(importer);
      const old = await openIndex(source);
      assert.equal(old.head.generation, String(first.generation));
      write(2);
      await importArchive(importer, [dir], { baseDir: ROOT, mode: 'full' });
      const second = await publishIndex(importer);
      assert.ok(second.generation > first.generation);
      // A check on the first generation that needs the changed article is told it is out of date;
      // checkCurrent opens the current generation and checks there.
      const claim = sentence(2);
      await assert.rejects(checkWithIndex(claim, source, old), StaleGenerationError);
      const reader = { source, cache: old };
      const current = await checkCurrent(claim, reader);
      assert.equal(reader.cache.head.generation, String(second.generation));
      assert.ok(current.findings.some((f) => f.kind === 'claim' && f.verdict === 'supported'), JSON.stringify(current.findings.map((f) => f.verdict)));
      write(3);
      await importArchive(importer, [dir], { baseDir: ROOT, mode: 'full' });
      await publishIndex(importer);
      // Two generations on, the first one's tables are gone: reading them is also out of date.
      await assert.rejects(source.fetch(old.head.generation, { ...emptyNeeds(), terms: new Set(['bridg']) }), StaleGenerationError);
      const now = await openIndex(source);
      const fresh = await checkWithIndex(sentence(3), source, now);
      assert.ok(fresh.findings.some((f) => f.kind === 'claim' && f.verdict === 'supported'));
    } finally {
      await importer.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
