// An editor's connection to the archive under faults, against a real PostgreSQL (a private instance
// on loopback, stopped after): the server stopped mid-use, a query held past its time limit, and the
// engine worker falling back to the local corpus and back again.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../helpers';
import { openArchive } from '../../../../src/core/archive/archiveDb';
import { importArchive } from '../../../../src/core/archive/importer';
import { publishIndex } from '../../../../src/core/archive/publishedIndex';
import { ArchiveConnection, ArchiveUnavailableError, type ArchiveStatus } from '../../../../src/core/archive/archiveConnection';
import { EngineClient, type EngineEvent } from '../../../../src/core/engine/engineClient';

interface Cluster { importerUrl: string; editorUrl: string; dataDir: string; port: number; stop(): void }
type PgServer = { ensurePostgres(): unknown; startPostgres(o: { dataDir: string; port?: number }): Promise<Cluster> };

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'workspace', 'corpus');
const DRAFT = readFileSync(path.join(ROOT, 'test', 'fixtures', 'workspace', 'drafts', 'summit.md'), 'utf8');
const until = async (what: string, ok: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!ok()) { if (Date.now() > end) throw new Error(`timed out waiting for ${what}`); await new Promise((r) => setTimeout(r, 50)); }
};

describe('the archive connection under faults (PostgreSQL)', function () {
  this.timeout(180_000);
  let pg: PgServer;
  let server: Cluster;
  before(async function () {
    this.timeout(300_000);
    pg = await import(path.join(ROOT, 'scripts', 'lib', 'pgServer.mjs')) as PgServer;
    try { pg.ensurePostgres(); } catch (e) {
      if ((e as { code?: string }).code !== 'NEEDS_ROOT') throw e;
      this.skip();
    }
    server = await pg.startPostgres({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'corroborate-pg-test-')) });
    const importer = openArchive(server.importerUrl);
    try {
      await importArchive(importer, [CORPUS], { baseDir: ROOT, mode: 'full' });
      await publishIndex(importer);
    } finally { await importer.end(); }
  });
  after(() => { if (server) { server.stop(); rmSync(server.dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); } });

  it('checks while the server answers; stopped mid-use it says unavailable at once, and reconnects by itself when the server is back', async () => {
    const seen: ArchiveStatus[] = [];
    const conn = new ArchiveConnection(server.editorUrl, { retryDelaysMs: [200, 400], connectTimeoutMs: 2000, onStatus: (s) => seen.push(s) });
    try {
      assert.equal((await conn.open()).state, 'connected');
      const before = await conn.check(DRAFT);
      assert.ok(before.findings.some((f) => f.evidence.some((e) => e.path.endsWith('budget.md'))), 'the archive bears on the draft');
      server.stop();
      const t0 = Date.now();
      await assert.rejects(conn.check(DRAFT + '\n\nThe ferry fares rose again on Monday.'), ArchiveUnavailableError);
      assert.ok(Date.now() - t0 < 10_000, `told within ${Date.now() - t0} ms`);
      assert.equal(conn.status.state, 'unavailable');
      assert.ok(conn.status.message, 'with a reason');
      server = await pg.startPostgres({ dataDir: server.dataDir, port: server.port });
      await until('the reconnection', () => conn.status.state === 'connected');
      const after = await conn.check(DRAFT);
      assert.deepEqual(after.findings, before.findings);
      assert.deepEqual(seen.map((s) => s.state), ['connected', 'unavailable', 'connected']);
    } finally { await conn.close(); }
  });

  it('a query held past its time limit makes the archive unavailable instead of making the editor wait', async () => {
    const conn = new ArchiveConnection(server.editorUrl, { statementTimeoutMs: 1000, retryDelaysMs: [60_000] });
    const importer = openArchive(server.importerUrl);
    const holder = await importer.connect();
    try {
      assert.equal((await conn.open()).state, 'connected');
      const gen = (await holder.query('SELECT id FROM archive.generations WHERE is_current')).rows[0].id;
      // The importer holds the index's tables; every read of them waits.
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE archive.ix${gen}_terms, archive.ix${gen}_passages, archive.ix${gen}_qwords IN ACCESS EXCLUSIVE MODE`);
      const t0 = Date.now();
      await assert.rejects(conn.check('An unseen sentence about the harbour budget of 2031.'), ArchiveUnavailableError);
      const waited = Date.now() - t0;
      assert.ok(waited < 5000, `gave up after ${waited} ms`);
      assert.match(conn.status.message ?? '', /statement timeout|took longer/);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      holder.release();
      await importer.end();
      await conn.close();
    }
  });

  it('the engine worker checks against the archive, falls back to the local corpus while it is down, and says so', async () => {
    const events: EngineEvent[] = [];
    const client = new EngineClient(path.join(ROOT, 'dist', 'engineWorker.js'), { onEvent: (e) => events.push(e) });
    try {
      const loaded = await client.load({ paths: [], baseDir: ROOT, includeSeeds: true, seedsDir: path.join(ROOT, 'seeds'), archive: { url: server.editorUrl, retryDelaysMs: [200, 400] } });
      assert.equal(loaded.archive?.state, 'connected');
      const shared = await client.check(DRAFT);
      assert.equal(shared.via, 'archive');
      assert.ok(shared.findings.some((f) => f.evidence.some((e) => e.path.endsWith('budget.md'))));
      // The local corpus (the seeds here) combines with the archive: claims only the seeds back are supported too.
      assert.ok(shared.findings.some((f) => f.verdict === 'supported' && f.evidence.some((e) => e.path.includes(`${path.sep}seeds${path.sep}`))), 'a claim backed by the seeds');
      server.stop();
      // A check the cache answers whole needs no server; one with new words does.
      assert.equal((await client.check(DRAFT + '\n')).via, 'archive');
      const local = await client.check(DRAFT + '\n\nThe harbour authority approved a new ferry terminal on Tuesday.');
      assert.equal(local.via, 'local');
      // The seeds are the local corpus here: nothing from the archive's budget.md.
      assert.ok(!local.findings.some((f) => f.evidence.some((e) => e.path.endsWith('budget.md'))));
      await until('the unavailable event', () => events.some((e) => e.type === 'archive' && e.status.state === 'unavailable'));
      server = await pg.startPostgres({ dataDir: server.dataDir, port: server.port });
      // Connected again: an event after the one that said it was unavailable.
      const down = events.findIndex((e) => e.type === 'archive' && e.status.state === 'unavailable');
      await until('the reconnected event', () => events.slice(down + 1).some((e) => e.type === 'archive' && e.status.state === 'connected'));
      assert.equal((await client.check(DRAFT + '\n\n')).via, 'archive');
    } finally { await client.dispose(); }
  });
});
