#!/usr/bin/env node
// npm run bench [-- --sizes seeds,brown,10000,50000]
// Prints one table and writes bench/results/latest.json. Each size runs in fresh child processes:
// one indexes through the engine worker (cold, then warm from the persistent index) while the main
// thread's event-loop delay is watched; one loads the warm index in-process and measures memory,
// draft checks and evidence queries against MiniSearch on the same passages.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { writeCorpus, brownArticles } from './corpus.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const sizes = (args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : 'seeds,brown,10000,50000').split(',');
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
await esbuild.build({ entryPoints: [path.join(root, 'bench', 'child.ts')], outfile: path.join(root, 'bench', '.build', 'child.js'), bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning', external: ['./corpus.mjs'] });
const child = path.join(root, 'bench', '.build', 'child.js');
const run = (mode, dir, store) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', child, mode, dir, store, root], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 3_600_000, maxBuffer: 1 << 24 }).trim().split('\n').pop());

const rows = [];
const nBrown = brownArticles().length;
for (const size of sizes) {
  const count = size === 'seeds' ? 0 : size === 'brown' ? nBrown : Number(size);
  const dir = count ? writeCorpus(path.join(root, 'bench', '.data', `brown-${count}`), count) : '-';
  const store = path.join(os.tmpdir(), `corroborate-bench-store-${size}-${process.pid}`);
  rmSync(store, { recursive: true, force: true });
  process.stderr.write(`[bench] ${size}: indexing through the worker...\n`);
  const w = run('worker', dir, store);
  process.stderr.write(`[bench] ${size}: cold ${(w.coldMs / 1000).toFixed(1)} s; measuring in-process...\n`);
  const p = run('process', dir, store);
  rmSync(store, { recursive: true, force: true });
  rows.push({ size, ...w, ...p });
}

const f = (x, d = 1) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const header = ['corpus', 'articles', 'MB', 'cold s', 'MB/s', 'warm s', 'RSS MB', 'heap MB', 'check p50/p95 ms', 'incr p50/p95 ms', 'max loop delay ms', 'MiniSearch build s', 'build ratio', 'query ms ours/MS', 'query ratio', 'recall@3 ours/MS'];
const lines = rows.map((r) => [r.size, r.articles, f(r.mb), f(r.coldMs / 1000), f(r.mb / (r.coldMs / 1000), 2), f(r.warmMs / 1000, 2), f(r.rssMB, 0), f(r.heapMB, 0),
  `${f(r.fullP50)}/${f(r.fullP95)}`, `${f(r.incrP50, 2)}/${f(r.incrP95, 2)}`, f(r.maxLoopDelayMs), f(r.msBuildMs / 1000, 2), f(r.coldMs / r.msBuildMs), `${f(r.ourQueryMs, 3)}/${f(r.msQueryMs, 3)}`, f(r.ourQueryMs / r.msQueryMs, 2), `${f(r.ourRecall3, 2)}/${f(r.msRecall3, 2)}`]);
const table = ['| ' + header.join(' | ') + ' |', '|' + header.map(() => '---').join('|') + '|', ...lines.map((l) => '| ' + l.join(' | ') + ' |')].join('\n');
console.log(table);
mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30), rows, table }, null, 1) + '\n');
console.log(`\nfigures written to bench/results/latest.json (${os.cpus().length} CPUs, node ${process.version})`);
