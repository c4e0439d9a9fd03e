// The README's one command for a new user: a local archive started and filled with the seeds and a folder.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { ROOT } from '../core/helpers';
import { ArchiveConnection } from '../../../src/core/archive/archiveConnection';

describe('archive-server up: one command to a filled local archive', function () {
  this.timeout(300_000);
  // Made when the suite runs (not when mocha loads the file: a filtered run would leave it behind).
  let data: string;
  const script = path.join(ROOT, 'scripts', 'archive-server.mjs');
  before(() => { data = mkdtempSync(path.join(os.tmpdir(), 'corroborate-pg-up-')); });
  after(() => {
    spawnSync(process.execPath, [script, 'stop', '--data', data], { encoding: 'utf8' });
    rmSync(data, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  });

  it('starts the server, imports the seeds and the folder, and prints the editor\'s read-only URL', async function () {
    if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
    const r = spawnSync(process.execPath, [script, 'up', '--data', data, 'test/fixtures/workspace/corpus'], { encoding: 'utf8', cwd: ROOT });
    if (/NEEDS_ROOT|needs root/i.test(r.stderr)) this.skip();
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /imported 5 files \(5 articles\)/, 'the 3 seeds, budget.md and the saved page (broken.txt is skipped)');
    const url = /editor \(reads only\): (\S+)/.exec(r.stdout)?.[1];
    assert.ok(url, r.stdout);
    const c = new Client({ connectionString: url });
    await c.connect();
    try {
      const titles = (await c.query('SELECT title FROM archive.articles ORDER BY title')).rows.map((x) => x.title);
      assert.equal(titles.length, 5);
      assert.ok(titles.some((t) => /Ferry fares to rise/.test(t)), titles.join(' | '));
    } finally { await c.end(); }
    // What it says to do next works: the CLI checks a draft against it, and the extension's
    // connection takes the URL without its password and the password apart (as from secret storage).
    assert.match(r.stdout, /index: published generation \d+ \(5 articles/);
    const vscode = /in VS Code: set "corroborate\.archive\.url": "([^"]+)", then run "Corroborate: Set Archive Password" and enter (\S+)/.exec(r.stdout);
    assert.ok(vscode, r.stdout);
    assert.doesNotMatch(vscode[1], /:[^/@]*@/, 'no password in the URL for settings.json');
    const draft = 'test/fixtures/workspace/drafts/summit.md';
    const checked = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'json', '--archive', url, draft], { encoding: 'utf8', cwd: ROOT });
    assert.doesNotMatch(checked.stderr, /archive unavailable/, checked.stderr);
    assert.ok(JSON.parse(checked.stdout).files[0].findings.some((f: { evidence: { source: string }[] }) => f.evidence.some((e) => e.source === 'budget.md')), checked.stdout.slice(0, 400));
    const conn = new ArchiveConnection(vscode[1], { password: vscode[2] });
    try {
      assert.equal((await conn.open()).state, 'connected', conn.status.message);
      assert.equal(conn.status.articles, 5);
    } finally { await conn.close(); }
  });
});
