#!/usr/bin/env node
// Archive import bench: Brown press scaled to N articles (as `npm run bench` makes them), imported
// into a private PostgreSQL (scripts/lib/pgServer.mjs) with the bundled CLI. Reports articles/s on
// this machine's cores, database size per 1,000 articles, and the time of a second, unchanged run.
//   node bench/archive.mjs [--sizes 1000,10000] [--out bench/results/archive-latest.json]
import { spawn } from 'node:child_process';
import { promises as fs, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus } from './data.mjs';
import { ensurePostgres, startPostgres } from '../scripts/lib/pgServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt; };
const sizes = opt('--sizes', '1000,10000').split(',').map((s) => s.trim()).filter(Boolean);
const outFile = path.resolve(root, opt('--out', 'bench/results/archive-latest.json'));
const dataDir = path.join(root, 'bench', '.data');
const log = (s) => console.log(s);

/** Runs the CLI; resolves with its wall time and output. */
function cli(args) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const c = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    c.on('exit', (code) => resolve({ code, ms: Date.now() - t0, out, err }));
  });
}

ensurePostgres();
const results = [];
for (const size of sizes) {
  log(`== ${size} articles`);
  const corpusDir = await ensureCorpus(size, dataDir, log);
  const server = await startPostgres({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'corroborate-pg-bench-')) });
  try {
    const first = await cli(['archive', 'import', corpusDir, '--archive', server.importerUrl]);
    if (first.code !== 0) throw new Error(`import failed: ${first.err.slice(-500)}`);
    const again = await cli(['archive', 'import', corpusDir, '--archive', server.importerUrl]);
    const { Client } = await import('pg');
    const c = new Client({ connectionString: server.importerUrl });
    await c.connect();
    const q = async (sql) => (await c.query(sql)).rows[0];
    const counts = await q(`SELECT (SELECT count(*) FROM archive.articles) AS articles, (SELECT count(*) FROM archive.passages) AS passages, pg_database_size(current_database()) AS bytes`);
    await c.end();
    const articles = Number(counts.articles);
    const r = {
      size: Number(size), articles, passages: Number(counts.passages),
      importSeconds: first.ms / 1000, articlesPerSecond: articles / (first.ms / 1000),
      unchangedRunSeconds: again.ms / 1000,
      databaseMB: Number(counts.bytes) / 2 ** 20, mbPer1000Articles: Number(counts.bytes) / 2 ** 20 / (articles / 1000),
    };
    log(`   imported ${articles} articles (${r.passages} passages) in ${r.importSeconds.toFixed(1)} s: ${r.articlesPerSecond.toFixed(0)} articles/s; again, unchanged: ${r.unchangedRunSeconds.toFixed(1)} s; database ${r.databaseMB.toFixed(0)} MB (${r.mbPer1000Articles.toFixed(1)} MB per 1,000 articles)`);
    results.push(r);
  } finally {
    server.stop();
    await fs.rm(server.dataDir, { recursive: true, force: true });
  }
}
const commit = await new Promise((resolve) => { const c = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }); let s = ''; c.stdout.on('data', (d) => { s += d; }); c.on('exit', () => resolve(s.trim())); });
await fs.writeFile(outFile, JSON.stringify({ date: new Date().toISOString(), commit, cpus: os.cpus().length, node: process.version, results }, null, 1) + '\n');
log(`results in ${path.relative(root, outFile)}`);
