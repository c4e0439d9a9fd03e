#!/usr/bin/env node
// Corroborate benchmark: indexing, loading, checking and evidence retrieval on corpora from the
// three seed articles up to 50,000 news articles, next to MiniSearch on the same passages.
//
//   npm run bench                              all sizes: seeds, brown, 10000, 50000
//   npm run bench -- --sizes seeds,brown,10000 pick sizes (seeds | brown | a number of articles)
//   npm run bench -- --quick                   seeds and brown, 10 runs per timing
//   options: --runs N (default 30)  --workers N (default: CPU count)  --timeout-min M (per phase)
//            --cpu-prof (profile the repeated full checks; summary printed, profiles in bench/.data/profiles)
//            --out FILE (default bench/results/latest.json)
//
// Each size runs in fresh child processes (a cold one, then a warm one), so memory figures do
// not mix. Generated corpora are cached in bench/.data/ (gitignored).
import { spawn } from 'node:child_process';
import { promises as fs, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { ensureCorpus, makeDraft, editDraft } from './data.mjs';
import { summariseProfile } from './profile.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const dataDir = path.join(here, '.data');
const buildDir = path.join(here, '.build', 'suite');

// ---------------------------------------------------------------------------------------------
// Options.
const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt; };
const flag = (name) => argv.includes(name);
if (flag('--help') || flag('-h')) {
  console.log(await fs.readFile(fileURLToPath(import.meta.url), 'utf8').then((s) => s.split('\n').slice(1, 15).map((l) => l.replace(/^\/\/ ?/, '')).join('\n')));
  process.exit(0);
}
const quick = flag('--quick');
const sizes = (opt('--sizes', quick ? 'seeds,brown' : 'seeds,brown,10000,50000')).split(',').map((s) => s.trim()).filter(Boolean);
for (const s of sizes) if (!/^(seeds|brown|\d+)$/.test(s) || (/^\d+$/.test(s) && Number(s) < 4)) { console.error(`bench: unknown size "${s}" (use seeds, brown or a number of articles >= 4)`); process.exit(2); }
const runs = Number(opt('--runs', quick ? 10 : 30));
const workers = Number(opt('--workers', os.cpus().length));
const timeoutMin = opt('--timeout-min', undefined);
// MiniSearch needs ~5 GB per million passages: it is not run above this many (0: never).
const peerMaxPassages = Number(opt('--peer-max-passages', 1_500_000));
const cpuProf = flag('--cpu-prof');
const outFile = path.resolve(root, opt('--out', 'bench/results/latest.json'));
const defaultTimeoutMin = (size) => (size === 'seeds' ? 5 : size === 'brown' ? 15 : Math.max(20, Math.ceil(Number(size) / 10000) * 45));

const log = (m) => process.stderr.write(m + '\n');

// ---------------------------------------------------------------------------------------------
// Build the child and worker scripts from the engine's TypeScript sources.
async function build() {
  await fs.mkdir(buildDir, { recursive: true });
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'error', absWorkingDir: root };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: ['bench/child.ts'], outfile: path.join(buildDir, 'child.js') }),
    esbuild.build({ ...common, entryPoints: ['src/core/engine/engineWorker.ts'], outfile: path.join(buildDir, 'engineWorker.js') }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Labelled claims: the shared dev set and the repo's own set, with evidence substrings from the
// expected files where given, else from bench/gold-evidence.json.
async function collectClaims() {
  const gold = JSON.parse(await fs.readFile(path.join(here, 'gold-evidence.json'), 'utf8'));
  const claims = [];
  for (const f of [path.resolve(root, '../shared/eval/dev/expected.json'), path.join(root, 'test/eval/set/expected.json')]) {
    if (!existsSync(f)) continue;
    const exp = JSON.parse(await fs.readFile(f, 'utf8'));
    for (const [draft, d] of Object.entries(exp.drafts ?? {})) {
      for (const c of d.claims ?? []) {
        const given = c.evidence === undefined ? undefined : [].concat(c.evidence).filter((x) => typeof x === 'string' && x);
        const labelled = given?.length ? given : gold[draft]?.[c.text];
        claims.push({
          draft, text: c.text, verdict: c.verdict,
          ...(labelled?.length ? { evidence: labelled, evidenceFrom: given?.length ? path.relative(root, f) : 'bench/gold-evidence.json' } : {}),
        });
      }
    }
  }
  return claims;
}

// ---------------------------------------------------------------------------------------------
// Children.
async function runPhase(size, phase, input) {
  const timeoutMs = (timeoutMin ? Number(timeoutMin) : defaultTimeoutMin(size)) * 60_000;
  const out = path.join(dataDir, `result-${size}-${phase}.json`);
  const nodeArgs = ['--expose-gc', '--max-old-space-size=16384', '--enable-source-maps'];
  const args = { ...input, phase, out };
  await fs.rm(out, { force: true });
  if (cpuProf && phase === 'cold') args.profile = path.join(dataDir, 'profiles', `check-${size}.cpuprofile`);
  return await new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [...nodeArgs, path.join(buildDir, 'child.js'), JSON.stringify(args)], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, timeoutMs);
    child.on('exit', async (code, signal) => {
      clearTimeout(timer);
      const wallMs = Date.now() - t0;
      if (timedOut || code !== 0) {
        // Whatever the phase saved before it stopped.
        let got = {};
        try { got = JSON.parse(await fs.readFile(out, 'utf8')); } catch { /* nothing saved */ }
        const error = timedOut ? `timed out after ${Math.round(timeoutMs / 60000)} min` : `child exited with ${signal ?? `code ${code}`} (see log above)`;
        return resolve({ ...got, error, wallMs });
      }
      try { resolve({ ...JSON.parse(await fs.readFile(out, 'utf8')), wallMs }); }
      catch (e) { resolve({ error: `no result file (${e.message})`, wallMs }); }
    });
  });
}

async function runSize(size, draftPath, claimsPath) {
  log(`\n== ${size}`);
  let corpusDir;
  try { corpusDir = await ensureCorpus(size, dataDir, log); }
  catch (e) { return { size, error: `data generation failed: ${e.message}` }; }
  const storeDir = path.join(dataDir, 'stores', size);
  await fs.rm(storeDir, { recursive: true, force: true });
  const input = { size, corpusDir, seedsDir: path.join(root, 'seeds'), storeDir, draftPath, claimsPath, workers, runs, engineScript: path.join(buildDir, 'engineWorker.js'), peerMaxPassages };
  if (cpuProf) await fs.mkdir(path.join(dataDir, 'profiles'), { recursive: true });
  const loadBefore = os.loadavg()[0];
  const cold = await runPhase(size, 'cold', input);
  cold.loadAvg1 = { before: loadBefore, after: os.loadavg()[0] }; // > CPU count means something else was running
  if (cold.error && !cold.coldMs) return { size, error: `cold: ${cold.error}`, cold };
  const warm = await runPhase(size, 'warm', input);
  warm.loadAvg1 = os.loadavg()[0];
  let profile;
  if (cpuProf) {
    const f = path.join(dataDir, 'profiles', `check-${size}.cpuprofile`);
    try { profile = { file: path.relative(root, f), top: await summariseProfile(f, 15) }; }
    catch (e) { profile = { error: e.message }; }
  }
  if (!process.argv.includes('--keep-store')) await fs.rm(storeDir, { recursive: true, force: true });
  return { size, cold, warm: warm.error ? { error: warm.error } : warm, profile };
}

// ---------------------------------------------------------------------------------------------
// Output.
const f1 = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(d));
const secs = (ms) => (ms === undefined || ms === null ? 'n/a' : ms >= 10_000 ? (ms / 1000).toFixed(0) : (ms / 1000).toFixed(ms < 100 ? 3 : 2));
const ratio = (a, b) => (a && b ? `${Number((a / b).toPrecision(2))}×` : 'n/a');
const recall = (q) => (q?.recall3 === null || q?.recall3 === undefined ? 'n/a' : `${q.hits.filter(Boolean).length}/${q.hits.length}`);

function table(results) {
  const head = ['Corpus', 'Articles', 'MB', 'Cold index s', 'MB/s', 'Warm load s', 'RSS MB', 'Heap MB', 'Check p50/p95 ms', 'Re-check p50/p95 ms', 'Loop max ms', 'Build ours/MS', 'Query ms ours/MS', 'Recall@3 ours (words only)', 'Recall@3 MS'];
  const rows = results.map((r) => {
    const c = r.cold ?? {};
    if (r.error) return [r.size, c.articles ?? '', '', `FAILED: ${r.error}`, '', '', '', '', '', '', '', '', '', '', ''];
    const w = r.warm ?? {};
    const mb = c.bytes / 1e6;
    const q = c.queries ?? {};
    return [
      r.size, String(c.articles), f1(mb, mb < 1 ? 2 : 1), secs(c.coldMs), f1(mb / (c.coldMs / 1000), 2),
      w.error ? 'failed' : w.available ? secs(w.warmMs) : 'n/a',
      // Memory of a fresh process that loaded the index (the cold process also ran the engine worker).
      f1((w.memAfterWarm ?? c.memAfterCold)?.rssMB, 0), f1((w.memAfterWarm ?? c.memAfterCold)?.heapUsedMB, 0),
      `${f1(c.check?.p50, 0)} / ${f1(c.check?.p95, 0)}`,
      c.incremental ? `${f1(c.incremental.p50, 1)} / ${f1(c.incremental.p95, 1)}` : 'n/a',
      f1(c.loopMaxMs, 0),
      ratio(c.coldMs, q.minisearch?.buildMs),
      q.minisearch ? `${f1(q.oursWithNames?.queryMs, 2)} / ${f1(q.minisearch.queryMs, 2)} (${ratio(q.oursWithNames?.queryMs, q.minisearch.queryMs)})` : `${f1(q.oursWithNames?.queryMs, 2)} / ${c.peerSkipped ? 'not run' : 'n/a'}`,
      `${recall(q.oursWithNames)} (${recall(q.ours)})`, q.minisearch ? recall(q.minisearch) : c.peerSkipped ? 'not run' : 'n/a',
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '| ' + cells.map((c, i) => (i < 1 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ') + ' |';
  return [line(head), '|' + widths.map((w, i) => (i < 1 ? ':' : '-') + '-'.repeat(w) + (i < 1 ? '-' : ':')).join('|') + '|', ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
async function main() {
  await fs.mkdir(dataDir, { recursive: true });
  log(`bench: sizes ${sizes.join(', ')}; ${runs} runs per timing; ${workers} workers; node ${process.version}, ${os.cpus().length} CPUs`);
  await build();
  const draft = makeDraft(1500);
  const edits = Array.from({ length: runs }, (_, i) => editDraft(draft, i + 1));
  const draftPath = path.join(dataDir, 'draft.json');
  await fs.writeFile(draftPath, JSON.stringify({ draft, edits }));
  await fs.writeFile(path.join(dataDir, 'draft.md'), draft);
  const claims = await collectClaims();
  const claimsPath = path.join(dataDir, 'claims.json');
  await fs.writeFile(claimsPath, JSON.stringify(claims, null, 1));
  log(`draft: ${draft.split(/\s+/).filter(Boolean).length} words; claims: ${claims.length} (${claims.filter((c) => c.evidence).length} with gold evidence)`);

  const results = [];
  for (const size of sizes) results.push(await runSize(size, draftPath, claimsPath));

  const git = await new Promise((resolve) => {
    const c = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: root });
    let s = '';
    c.stdout.on('data', (d) => { s += d; });
    c.on('exit', () => resolve(s.trim() || undefined));
    c.on('error', () => resolve(undefined));
  });
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemMB: Math.round(os.totalmem() / 1048576), platform: `${os.platform()} ${os.release()}`, arch: os.arch(), node: process.version },
    commit: git,
    options: { sizes, runs, workers, quick, cpuProf },
    notes: {
      coldIndex: 'EngineClient.load: the engine worker reads the corpus and indexes it into an empty FileIndexStore, analysing in its AnalysisPool threads; wall time including writing the store.',
      warmLoad: 'indexCorpus again with the store the cold run filled, in a fresh process.',
      memory: 'process.memoryUsage() after two forced GCs: in the table, the warm process right after loading the index (memAfterWarm); memAfterCold is the cold process after its in-process load (it also ran the engine worker).',
      check: 'checkDraft on the whole ~1,500-word draft; p50/p95 over the runs after one warm-up run.',
      recheck: 'DraftChecker.check after one more one-word edit each run (cumulative edits).',
      loop: 'monitorEventLoopDelay max on the main thread while indexing (resolution 10 ms).',
      oursWithNames: 'The same query with the corpus names in it turned into entity keys (findNameMentions), as checkDraft queries; JSON only.',
      peer: 'MiniSearch 7 with default options over corpus.passages texts; build ratio = our cold index time / MiniSearch addAll time; query ratio = mean ms per query, ours as the checker queries (names found with findNameMentions become entity keys; keysWithEntities + Corpus.search top 3) / MiniSearch search top 3; the JSON also has ours on words only (no name lookup). MiniSearch is not run above 1,500,000 passages (it needs ~5 GB per million).',
      recall: 'A labelled claim is a hit when one of the top 3 passages contains its gold evidence substring (case- and quote-folded).',
    },
    claims: claims.map(({ draft: d, text, verdict, evidence, evidenceFrom }) => ({ draft: d, text, verdict, evidence, evidenceFrom })),
    results,
  };
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  await fs.writeFile(outFile, JSON.stringify(report, null, 1) + '\n');

  console.log('\n' + table(results));
  for (const r of results) {
    if (r.cold?.error && r.cold.coldMs) console.log(`${r.size}: cold phase stopped early (${r.cold.error}); figures it had not reached show n/a`);
    if (r.warm?.error) console.log(`${r.size}: warm phase failed (${r.warm.error})`);
  }
  for (const r of results) if (r.profile?.top) {
    console.log(`\nCPU profile of the full checks, ${r.size} (${r.profile.file}), top self time:`);
    for (const p of r.profile.top) console.log(`  ${p.selfPct.toFixed(1).padStart(5)}%  ${p.selfMs.toFixed(0).padStart(7)} ms  ${p.fn}  ${p.where}`);
  }
  console.log(`\nmachine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.totalMemMB} MB, node ${process.version}; results: ${path.relative(root, outFile)}`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main().catch((e) => { console.error(`bench: ${e.stack ?? e.message}`); process.exit(1); });
