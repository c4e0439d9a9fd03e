// The private PostgreSQL of the shared archive (scripts/lib/pgServer.mjs): a real server in a
// temporary folder, reached with the `pg` client the extension uses. Installs PostgreSQL 15 and rum
// the first time (as root); without root and without them, the suites are skipped and say why.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

interface Cluster { port: number; dataDir: string; importerUrl: string; editorUrl: string; adminSocketDir: string; stop(): void }
interface PgServer {
  ensurePostgres(): { bin: string };
  startPostgres(opts?: { dataDir?: string; port?: number; replicaOf?: { port: number; dataDir: string }; keepRunning?: boolean }): Promise<Cluster>;
  processesIn(dataDir: string): number[];
}
// Loaded lazily: the module is an ES module script, outside the TypeScript build.
const script = '../../../scripts/lib/pgServer.mjs';
const load = () => import(script) as Promise<PgServer>;

/** Loads the module and makes sure PostgreSQL is there; skips the suite (saying why) only when it cannot be installed. */
async function ready(ctx: Mocha.Context): Promise<PgServer> {
  ctx.timeout(300_000); // the first run installs two Debian packages
  const pg = await load();
  try {
    pg.ensurePostgres();
  } catch (e) {
    if ((e as { code?: string }).code !== 'NEEDS_ROOT') throw e;
    console.warn(`      skipped: ${(e as Error).message}`);
    ctx.skip();
  }
  return pg;
}
const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'corroborate-pg-test-'));
const removeDir = (dir: string | undefined) => { if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }); };

/** Runs `fn` with a connected client, then closes it. */
async function as<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try { return await fn(c); } finally { await c.end(); }
}
/** Checks that `p` fails with the SQLSTATE `code`. */
const failsWith = (p: Promise<unknown>, code: string, what: string) =>
  assert.rejects(p, (e: { code?: string; message?: string }) => {
    assert.equal(e.code, code, `${what}: expected SQLSTATE ${code}, got ${e.code} (${e.message})`);
    return true;
  });

describe('archive PostgreSQL (scripts/lib/pgServer.mjs)', function () {
  this.timeout(60_000);
  let pg: PgServer;
  let dir: string | undefined;
  let db: Cluster;

  before(async function () {
    pg = await ready(this);
    dir = tempDir();
    db = await pg.startPostgres({ dataDir: dir });
  });
  after(function () {
    db?.stop();
    removeDir(dir);
  });

  it('has the corroborate database with pg_trgm and rum', async () => {
    const names = await as(db.editorUrl, async (c) => (await c.query('SELECT extname FROM pg_extension ORDER BY extname')).rows.map((r) => r.extname));
    assert.ok(names.includes('pg_trgm'), names.join(', '));
    assert.ok(names.includes('rum'), names.join(', '));
    const sim = await as(db.editorUrl, async (c) => (await c.query("SELECT similarity('Müller', 'Müller') AS s")).rows[0].s);
    assert.equal(sim, 1);
  });

  it('lets the importer create a table in schema archive, which the editor can then read', async () => {
    await as(db.importerUrl, async (c) => {
      await c.query('CREATE TABLE archive.sources (id serial PRIMARY KEY, title text NOT NULL)');
      await c.query("INSERT INTO archive.sources (title) VALUES ('Flood defences delayed')");
      await c.query('CREATE INDEX ON archive.sources USING rum (to_tsvector(\'english\', title) rum_tsvector_ops)');
    });
    const rows = await as(db.editorUrl, async (c) => (await c.query('SELECT title FROM sources')).rows);
    assert.deepEqual(rows, [{ title: 'Flood defences delayed' }]);
  });

  it('refuses the editor any write or new table (permission denied)', async () => {
    await as(db.importerUrl, (c) => c.query('CREATE TABLE IF NOT EXISTS archive.passages (id int)'));
    await as(db.editorUrl, async (c) => {
      await c.query('SELECT count(*) FROM archive.passages');
      await failsWith(c.query('INSERT INTO archive.passages VALUES (1)'), '42501', 'INSERT');
      await failsWith(c.query('UPDATE archive.passages SET id = 2'), '42501', 'UPDATE');
      await failsWith(c.query('CREATE TABLE archive.mine (id int)'), '42501', 'CREATE TABLE in archive');
      await failsWith(c.query('CREATE TABLE public.mine (id int)'), '42501', 'CREATE TABLE in public');
    });
  });

  it('keeps the admin off TCP and the passwords in a 0600 file; starting again reuses the server', async () => {
    const admin = db.editorUrl.replace(/\/\/[^@]+@/, '//corroborate_admin:x@');
    await assert.rejects(as(admin, (c) => c.query('SELECT 1')), /password authentication failed|no pg_hba.conf entry/);
    const file = path.join(db.dataDir, 'corroborate-passwords.json');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const again = await pg.startPostgres({ dataDir: db.dataDir });
    assert.equal(again.port, db.port);
    assert.equal(again.editorUrl, db.editorUrl);
    assert.ok(db.editorUrl.includes(JSON.parse(readFileSync(file, 'utf8')).editor));
  });

  it('listens on 127.0.0.1 only', async () => {
    assert.equal(await as(db.editorUrl, async (c) => (await c.query('SHOW listen_addresses')).rows[0].listen_addresses), '127.0.0.1');
    // /proc/net/tcp{,6}: local address as hex IP:port, state 0A = LISTEN.
    const listening = (file: string) => readFileSync(file, 'utf8').split('\n').slice(1).map((l) => l.trim().split(/\s+/))
      .filter((f) => f[3] === '0A' && parseInt(f[1].split(':')[1], 16) === db.port).map((f) => f[1].split(':')[0]);
    assert.deepEqual(listening('/proc/net/tcp'), ['0100007F']);
    assert.deepEqual(listening('/proc/net/tcp6'), []);
  });

  it('stop() leaves no PostgreSQL process running in its data folder', () => {
    assert.ok(pg.processesIn(db.dataDir).length >= 1, 'the server runs in its data folder');
    db.stop();
    assert.deepEqual(pg.processesIn(db.dataDir), []);
  });
});

describe('archive PostgreSQL replica (scripts/lib/pgServer.mjs)', function () {
  this.timeout(60_000);
  let pg: PgServer;
  const dirs: string[] = [];
  let primary: Cluster | undefined;
  let replica: Cluster | undefined;

  before(async function () {
    pg = await ready(this);
    dirs.push(tempDir(), tempDir());
    primary = await pg.startPostgres({ dataDir: dirs[0] });
    replica = await pg.startPostgres({ dataDir: dirs[1], replicaOf: primary });
  });
  after(function () {
    replica?.stop();
    primary?.stop();
    for (const d of dirs) if (pg) assert.deepEqual(pg.processesIn(d), [], `a server still runs in ${d}`);
    dirs.forEach(removeDir);
  });

  it('runs on its own port and shows a row written on the primary within a few seconds', async () => {
    assert.ok(replica && primary);
    assert.notEqual(replica.port, primary.port);
    await as(primary.importerUrl, async (c) => {
      await c.query('CREATE TABLE archive.checks (note text)');
      await c.query("INSERT INTO archive.checks VALUES ('streamed')");
    });
    const deadline = Date.now() + 10_000;
    let seen: string[] = [];
    while (Date.now() < deadline) {
      seen = await as(replica.editorUrl, async (c) => {
        const exists = (await c.query("SELECT to_regclass('archive.checks') AS t")).rows[0].t;
        return exists ? (await c.query('SELECT note FROM archive.checks')).rows.map((r) => r.note) : [];
      });
      if (seen.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(seen, ['streamed']);
  });

  it('refuses writes as read-only', async () => {
    assert.ok(replica);
    await as(replica.importerUrl, async (c) => {
      assert.equal((await c.query('SELECT pg_is_in_recovery() AS r')).rows[0].r, true);
      await failsWith(c.query("INSERT INTO archive.checks VALUES ('not here')"), '25006', 'INSERT on the replica');
    });
  });
});
