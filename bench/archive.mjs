#!/usr/bin/env node
// Archive bench: Brown press scaled to N articles (as `npm run bench` makes them), imported into a
// private PostgreSQL (scripts/lib/pgServer.mjs) with the bundled CLI, which then publishes the index.
// Reports articles/s on this machine's cores, the index's publishing time, database size per 1,000
// articles, the time of a second, unchanged run; then checks the bench's 1,500-word draft against
// the archive with the editor's role in a process of its own (bench/archiveCheck.ts): times cold,
// warm and after edits, a new editor's first check, N editors at once, the checker's memory, and
// (--same) whether every finding equals a local index of the same articles.
//   node bench/archive.mjs [--sizes 1000,10000] [--editors 20] [--runs 20] [--same 10000] [--out bench/results/archive-latest.json]
import { spawn } from 'node:child_process';
import { promises as fs, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureCorpus, makeDraft, editDraft } from './data.mjs';
import { ensurePostgres, startPostgres } from '../scripts/lib/pgServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt; };
const sizes = opt('--sizes', '1000,10000').split(',').map((s) => s.trim()).filter(Boolean);
const outFile = path.resolve(root, opt('--out', 'bench/results/archive-latest.json'));
const dataDir = path.join(root, 'bench', '.data');
const editors = Number(opt('--editors', 20));
const runs = Number(opt('--runs', 20));
// Sizes at which findings are compared with a local index (it is built in the bench: minutes at 10,000).
const sameAt = new Set(opt('--same', '10000').split(','));
const buildDir = path.join(root, 'bench', '.build', 'archive');
// The CLI that imports and publishes is dist/cli.js: built from the sources first, so that the bench
// never measures an older build (npm run bench:archive builds too).
{
  const { spawnSync } = await import('node:child_process');
  const b = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('the build failed');
}
await fs.mkdir(buildDir, { recursive: true });
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'error', absWorkingDir: root, external: ['pg-native'] };
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['bench/archiveCheck.ts'], outfile: path.join(buildDir, 'archiveCheck.js') }),
  esbuild.build({ ...common, entryPoints: ['src/core/engine/engineWorker.ts'], outfile: path.join(buildDir, 'engineWorker.js') }),
]);
const draft = makeDraft(1500);
const draftPath = path.join(buildDir, 'draft.json');
await fs.writeFile(draftPath, JSON.stringify({ draft, edits: Array.from({ length: Math.max(runs, editors) }, (_, i) => editDraft(draft, i + 1)) }));

/** The checker phase in a process of its own; resolves with its figures. */
function checkPhase(input) {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ['--expose-gc', path.join(buildDir, 'archiveCheck.js'), JSON.stringify(input)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    c.on('exit', async (code) => { if (code !== 0) reject(new Error(`archive check phase exited with ${code}`)); else resolve(JSON.parse(await fs.readFile(input.out, 'utf8'))); });
  });
}
const log = (s) => console.log(s);

/** Runs the CLI; resolves with its wall time and output. */
function cli(args) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const c = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    c.stdout.on('data', (d) => { out += d; });
    c.stderr.on('data', (d) => { err += d; });
    // Its peak resident memory: the kernel's high-water mark, read every second while it runs.
    let peakKB = 0;
    const sample = setInterval(() => {
      try { peakKB = Math.max(peakKB, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${c.pid}/status`, 'utf8'))?.[1] ?? 0)); } catch { /* exited */ }
    }, 1000);
    c.on('exit', (code) => { clearInterval(sample); resolve({ code, ms: Date.now() - t0, out, err, peakMB: peakKB / 1024 }); });
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
    const published = /index: published generation \d+ \(.*\) in ([\d.]+) s/.exec(first.out);
    const check = await checkPhase({ url: server.editorUrl, draftPath, corpusDir, runs, editors, compareLocal: sameAt.has(String(size)), engineScript: path.join(buildDir, 'engineWorker.js'), out: path.join(buildDir, `check-${size}.json`) });
    const r = {
      size: Number(size), articles, passages: Number(counts.passages),
      importSeconds: first.ms / 1000, articlesPerSecond: articles / (first.ms / 1000),
      unchangedRunSeconds: again.ms / 1000,
      publishSeconds: published ? Number(published[1]) : undefined,
      importPeakRssMB: first.peakMB,
      databaseMB: Number(counts.bytes) / 2 ** 20, mbPer1000Articles: Number(counts.bytes) / 2 ** 20 / (articles / 1000),
      check,
    };
    log(`   imported ${articles} articles (${r.passages} passages) in ${r.importSeconds.toFixed(1)} s (publishing the index ${r.publishSeconds} s): ${r.articlesPerSecond.toFixed(0)} articles/s; again, unchanged: ${r.unchangedRunSeconds.toFixed(1)} s; database ${r.databaseMB.toFixed(0)} MB (${r.mbPer1000Articles.toFixed(1)} MB per 1,000 articles); the importer's peak memory ${r.importPeakRssMB.toFixed(0)} MB`);
    results.push(r);
  } finally {
    server.stop();
    await fs.rm(server.dataDir, { recursive: true, force: true });
  }
}
const commit = await new Promise((resolve) => { const c = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }); let s = ''; c.stdout.on('data', (d) => { s += d; }); c.on('exit', () => resolve(s.trim())); });
await fs.writeFile(outFile, JSON.stringify({ date: new Date().toISOString(), commit, cpus: os.cpus().length, node: process.version, results }, null, 1) + '\n');
log(`results in ${path.relative(root, outFile)}`);
