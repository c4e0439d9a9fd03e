// The archive importer against a real PostgreSQL (a private instance on loopback, stopped after).
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import * as path from 'node:path';
import { Pool } from 'pg';
import { ROOT, startTestPostgres, removeTestCluster, type TestCluster } from '../helpers';
import { openArchive } from '../../../../src/core/archive/archiveDb';
import { importArchive } from '../../../../src/core/archive/importer';
import { SCHEMA_VERSION } from '../../../../src/core/archive/migrations';

type Cluster = TestCluster;
const startPostgres = (ctx: Mocha.Context) => startTestPostgres(ctx);
const removeCluster = removeTestCluster;

/** A folder of `n` small articles, each with its own names and figures, some dated. */
function articles(n: number): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'archive-'));
  for (let i = 0; i < n; i++) {
    const date = i % 3 ? `date: ${2000 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}\n` : '';
    writeFileSync(path.join(dir, `a${String(i).padStart(4, '0')}.md`), `---\ntitle: Report ${i}\n${date}---\nMayor Anna Example${i} opened bridge number ${i} in Springfield on Monday.\n\nThe bridge cost ${i + 10} million dollars, the council said.\n`);
  }
  return dir;
}

/** The archive's rows for the files under `dir`, as a comparable list (ids left out: they differ between runs). */
async function rows(url: string, dir: string): Promise<string[]> {
  const pool = new Pool({ connectionString: url });
  try {
    const r = await pool.query(`SELECT a.path, a.source_id, a.year, a.content_hash, a.title, a.analysis, count(p.n) AS passages, string_agg(array_to_string(p.keys, ' '), '|' ORDER BY p.n) AS keys
      FROM archive.articles a LEFT JOIN archive.passages p ON p.article_id = a.id AND p.year = a.year WHERE starts_with(a.path, $1) GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2`, [dir]);
    // The analysis as data (its serialised bytes may differ for equal values: a number kept as a double or an integer).
    return r.rows.map((x) => JSON.stringify({ ...x, analysis: v8.deserialize(x.analysis) }));
  } finally { await pool.end(); }
}

describe('the archive importer (PostgreSQL)', function () {
  this.timeout(180000);
  let server: Cluster;
  before(async function () { this.timeout(300000); server = await startPostgres(this); });
  after(() => removeCluster(server));

  it('imports a folder once: a second run changes nothing, a changed file is replaced, a deleted one removed', async () => {
    const dir = articles(12);
    const pool = openArchive(server.importerUrl);
    try {
      const first = await importArchive(pool, [dir], { baseDir: ROOT });
      assert.deepEqual([first.imported, first.articles, first.unchanged], [12, 12, 0]);
      const version = await pool.query('SELECT max(version) AS v FROM archive.schema_migrations');
      assert.equal(Number(version.rows[0].v), SCHEMA_VERSION);
      const before = await rows(server.importerUrl, dir);
      const again = await importArchive(pool, [dir], { baseDir: ROOT });
      assert.deepEqual([again.imported, again.unchanged, again.removed], [0, 12, 0]);
      assert.deepEqual(await rows(server.importerUrl, dir), before, 'the same rows after a second run');
      writeFileSync(path.join(dir, 'a0001.md'), '---\ntitle: Report 1, corrected\n---\nMayor Anna Example1 opened bridge number 1 in Shelbyville on Tuesday.\n');
      rmSync(path.join(dir, 'a0002.md'));
      const third = await importArchive(pool, [dir], { baseDir: ROOT });
      assert.deepEqual([third.imported, third.unchanged, third.removed], [1, 10, 1]);
      const titles = (await pool.query('SELECT title FROM archive.articles ORDER BY path')).rows.map((r) => r.title);
      assert.equal(titles.length, 11);
      assert.ok(titles.includes('Report 1, corrected') && !titles.includes('Report 1') && !titles.includes('Report 2'));
      const years = (await pool.query(`SELECT DISTINCT tableoid::regclass::text AS t FROM archive.articles`)).rows.map((r) => r.t);
      assert.ok(years.some((t) => /(^|\.)articles_undated$/.test(t)) && years.some((t) => /(^|\.)articles_y20\d\d$/.test(t)), `partitions by year: ${years.join(', ')}`);
    } finally { await pool.end(); rmSync(dir, { recursive: true, force: true }); }
  });

  it('an import killed with kill -9 and run again ends with exactly the rows of an uninterrupted import', async function () {
    const dir = articles(300);
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const url = server.importerUrl;
    const count = async () => { const p = new Pool({ connectionString: url }); try { return Number((await p.query(`SELECT count(*) AS n FROM archive.files WHERE starts_with(path, $1)`, [dir])).rows[0].n); } catch { return 0; } finally { await p.end(); } };
    const child = spawn(process.execPath, [cli, 'archive', 'import', dir, '--archive', url], { stdio: 'ignore' });
    const deadline = Date.now() + 120000;
    while ((await count()) < 64 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const partial = await count();
    assert.ok(partial >= 64 && partial < 300, `killed part-way: ${partial} of 300 files in`);
    const resumed = spawnSync(process.execPath, [cli, 'archive', 'import', dir, '--archive', url], { encoding: 'utf8' });
    assert.equal(resumed.status, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`imported ${300 - partial} files \\(${300 - partial} articles\\), ${partial} unchanged`));
    // The same folder imported in one go into a second, fresh archive.
    const other = await startPostgres(this);
    try {
      const clean = spawnSync(process.execPath, [cli, 'archive', 'import', dir, '--archive', other.importerUrl], { encoding: 'utf8' });
      assert.equal(clean.status, 0, clean.stderr);
      const a = await rows(url, dir), b = await rows(other.importerUrl, dir);
      assert.equal(a.length, 300);
      const differ = a.findIndex((x, i) => x !== b[i]);
      assert.equal(differ, -1, `first difference:\n${a[differ]}\n${b[differ]}`);
    } finally {
      removeCluster(other);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a check against the archive finds exactly what a check against the same files in a local corpus finds, and combines with the seeds', async function () {
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const corpusDir = path.join(ROOT, 'test', 'fixtures', 'workspace', 'corpus');
    const own = await startPostgres(this); // an archive holding only this folder
    try {
      // Imported with the analysis a local corpus of this size uses (full compromise tagging).
      const imported = spawnSync(process.execPath, [cli, 'archive', 'import', corpusDir, '--mode', 'full', '--archive', own.importerUrl], { encoding: 'utf8' });
      assert.equal(imported.status, 0, imported.stderr);
      const draft = path.join('test', 'fixtures', 'workspace', 'drafts', 'summit.md'); // it names people of budget.md
      const check = (...args: string[]) => spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--no-cache', ...args, draft], { encoding: 'utf8', cwd: ROOT });
      // The archive is the corpus: compared with a local corpus of the same folder alone.
      const local = check('--no-seeds', '--corpus', corpusDir);
      // Read with the editor's read-only role.
      const shared = check('--no-seeds', '--archive', own.editorUrl);
      assert.doesNotMatch(shared.stderr, /archive unavailable/, shared.stderr);
      assert.equal(shared.status, local.status, shared.stderr);
      const a = JSON.parse(local.stdout), b = JSON.parse(shared.stdout);
      assert.equal(b.corpus.articles, a.corpus.articles);
      assert.deepEqual(b.files, a.files);
      assert.ok(a.files[0].findings.some((f: { evidence: { source: string }[] }) => f.evidence.some((e) => e.source === 'budget.md')), `the corpus folder bears on the draft: ${local.stdout.slice(0, 300)}`);
      // With the seeds as the local corpus, the two combine: each claim keeps what either corpus
      // backs (the archive's budget.md, the seeds' summit reports), and warnings from either stand.
      type F = { kind: string; start: number; verdict: string; evidence: { source: string }[] };
      const claims = (r: { files: { findings: F[] }[] }) => new Map(r.files[0].findings.filter((f) => f.kind !== 'name').map((f) => [f.start, f]));
      const combined = check('--archive', own.editorUrl);
      assert.equal(combined.status === 0 || combined.status === 1, true, combined.stderr);
      const c = JSON.parse(combined.stdout);
      assert.equal(c.corpus.articles, b.corpus.articles + 3, 'the archive\'s articles and the seeds');
      const seedsAlone = claims(JSON.parse(check().stdout)), archiveAlone = claims(b), both = claims(c);
      const rank = (v: string) => (v === 'unverified' ? 0 : v === 'supported' ? 1 : 2);
      let fromSeeds = 0;
      for (const [start, f] of both) {
        const s = seedsAlone.get(start)?.verdict ?? 'unverified', x = archiveAlone.get(start)?.verdict ?? 'unverified';
        assert.equal(rank(f.verdict), Math.max(rank(s), rank(x)), `claim at ${start}: ${f.verdict}, the seeds ${s}, the archive ${x}`);
        if (f.verdict !== 'unverified' && x === 'unverified') fromSeeds++;
      }
      assert.ok(fromSeeds >= 3, `claims backed from the seeds alone: ${fromSeeds}`);
      // And what only the archive knows is still there (Anton Siluanov, named in its budget.md).
      assert.ok(c.files[0].findings.some((f: F) => f.evidence.some((e) => e.source === 'budget.md')), 'the archive\'s evidence');
    } finally {
      removeCluster(own);
    }
  });

  it('a check against an archive out of reach says so and checks against the local corpus', () => {
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--no-cache', '--archive', 'postgres://nobody:x@127.0.0.1:1/corroborate', 'samples/draft.md'], { encoding: 'utf8', cwd: ROOT });
    assert.match(r.stderr, /archive unavailable .*checking against the local corpus only/);
    assert.equal(JSON.parse(r.stdout).corpus.articles, 3, 'the seeds');
  });
});
