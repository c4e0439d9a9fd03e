#!/usr/bin/env node
// Verdict evaluation: runs the bundled CLI on labelled drafts and prints, per set, a confusion
// matrix (expected × given), precision and recall per verdict, and evidence recall@3.
// Sets: the project's own (test/eval/set, holdout, blind, blind2), and on CI machines that keep a
// shared labelled set beside the project (../shared/eval/dev), that one too.
// Exits 1 when the project's set falls below the bars in issue #3 (precision >= 0.95 for
// contradicted/misquoted/misattributed, recall >= 0.85 for every verdict, evidence recall@3 >= 0.9).
// Also: every Brown press article as a draft against the seeds (each verdict but unverified is
// wrong), and with --real DIR the labelled real reports whose texts are in DIR (scripts/eval-real.mjs).
//   node scripts/eval.mjs [--verbose] [--set DIR]... [--real DIR] [--no-brown]
import { readFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realReports, brownAsDrafts, givenFor, runCliIn, unsafeFixes } from './eval-real.mjs';
import { brownArticles } from '../bench/corpus.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const VERDICTS = ['supported', 'contradicted', 'misquoted', 'misattributed', 'unverified'];
const STRICT = ['contradicted', 'misquoted', 'misattributed'];
const sets = [];
for (let i = 0; i < args.length; i++) if (args[i] === '--set') sets.push({ dir: resolve(args[++i]), gate: true });
if (!sets.length) {
  sets.push({ dir: join(root, 'test', 'eval', 'set'), gate: true, name: 'project set (test/eval/set)' });
  // Written independently and never tuned against: reported, not gated (see README).
  sets.push({ dir: join(root, 'test', 'eval', 'holdout'), gate: false, name: 'holdout set (test/eval/holdout)' });
  // Written blind by a third author; its failures were read at stop 7 and it has been developed against since.
  sets.push({ dir: join(root, 'test', 'eval', 'blind'), gate: false, name: 'first blind set, now seen (test/eval/blind)' });
  // Written blind by a fourth author at stop 8, never read by whoever changes the engine: the honest figure.
  sets.push({ dir: join(root, 'test', 'eval', 'blind2'), gate: false, name: 'held-out blind set (test/eval/blind2)', quiet: true });
  // Written blind at stop 9, before the engine work on real reporting: held out, totals only.
  sets.push({ dir: join(root, 'test', 'eval', 'blind3'), gate: false, name: 'held-out blind set (test/eval/blind3)', quiet: true, optional: true });
  // Drafts against ten Brown Corpus press articles as the only corpus (not the seeds): held out.
  sets.push({ dir: join(root, 'test', 'eval', 'brown'), gate: false, name: 'second corpus: Brown press articles (test/eval/brown)', quiet: true, optional: true });
  const shared = join(root, '..', 'shared', 'eval', 'dev');
  if (existsSync(shared)) sets.push({ dir: shared, gate: false, name: 'shared set (../shared/eval/dev)' });
}
const runCli = runCliIn(root);

const fold = (s) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();

/** The shared scorer's rule (CI's score.mjs): some overlapping finding has the verdict; for unverified, none says otherwise. */
function scorerAgrees(findings, start, end, want) {
  const verdicts = findings.filter((f) => f.kind !== 'name' && f.start < end && start < f.end).map((f) => f.verdict);
  return want === 'unverified' ? verdicts.every((v) => v === 'unverified') : verdicts.includes(want);
}

function evaluate(set) {
  const spec = JSON.parse(readFileSync(join(set.dir, 'expected.json'), 'utf8'));
  const byKind = new Map();
  for (const [file, exp] of Object.entries(spec.drafts)) {
    const kind = exp.corpus || spec.corpus || 'seeds';
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind).push(file);
  }
  const results = new Map();
  for (const [kind, files] of byKind) {
    const out = runCli(files.map((f) => join(set.dir, f)), kind);
    files.forEach((f, i) => results.set(f, out[i]));
  }
  const matrix = Object.fromEntries(VERDICTS.map((v) => [v, Object.fromEntries(VERDICTS.map((w) => [w, 0]))]));
  let evTotal = 0, evHit = 0, scorerHit = 0, claims = 0;
  const errors = [];
  let fixes = 0;
  const unsafe = [];
  for (const [file, exp] of Object.entries(spec.drafts)) {
    const text = readFileSync(join(set.dir, file), 'utf8');
    const findings = results.get(file).findings;
    fixes += findings.reduce((n, f) => n + (f.fixes?.length ?? 0), 0);
    for (const u of unsafeFixes(text, findings)) unsafe.push(`${file}: ${u}`);
    for (const c of exp.claims) {
      const want = [].concat(c.verdict)[0];
      const i = text.indexOf(c.text);
      if (i < 0) { errors.push(`${file}: gold text not in draft: ${c.text}`); continue; }
      const f = givenFor(findings, i, i + c.text.length);
      const got = f ? f.verdict : 'unverified';
      matrix[want][got]++;
      claims++;
      if (scorerAgrees(findings, i, i + c.text.length, want)) scorerHit++;
      if (got !== want) errors.push(`${file}: [${c.covers ?? ''}] "${c.text.slice(0, 70)}" want ${want}, got ${got}${f?.reason ? ` (${f.reason.slice(0, 90)})` : ''}`);
      if (c.evidence && want !== 'unverified') {
        evTotal++;
        const ok = f && (f.evidence ?? []).slice(0, 3).some((e) => fold(e.quote).includes(fold(c.evidence)));
        if (ok) evHit++;
        else if (got === want) errors.push(`${file}: evidence not in top 3 for "${c.text.slice(0, 50)}": want "${c.evidence}"`);
      }
    }
  }
  return { matrix, evTotal, evHit, errors, scorerHit, claims, fixes, unsafe };
}

const pad = (s, n) => String(s).padStart(n);
let failed = false;
for (const set of sets) {
  if (!existsSync(join(set.dir, 'expected.json')) && set.optional) continue;
  if (!existsSync(join(set.dir, 'expected.json'))) { console.log(`${set.name ?? set.dir}: no expected.json, skipped`); continue; }
  const { matrix, evTotal, evHit, errors, scorerHit, claims, fixes, unsafe } = evaluate(set);
  console.log(`\n## ${set.name ?? set.dir}\n`);
  console.log(`expected \\ given   ${VERDICTS.map((v) => pad(v.slice(0, 12), 13)).join('')}`);
  for (const v of VERDICTS) console.log(`${v.padEnd(18)}${VERDICTS.map((w) => pad(matrix[v][w], 13)).join('')}`);
  console.log(`\nverdict           precision    recall   support`);
  const bars = [];
  for (const v of VERDICTS) {
    const tp = matrix[v][v];
    const given = VERDICTS.reduce((a, w) => a + matrix[w][v], 0);
    const support = VERDICTS.reduce((a, w) => a + matrix[v][w], 0);
    const p = given ? tp / given : 1, r = support ? tp / support : 1;
    console.log(`${v.padEnd(18)}${pad(p.toFixed(2), 9)}${pad(r.toFixed(2), 10)}${pad(support, 10)}`);
    if (STRICT.includes(v) && p < 0.95) bars.push(`precision of ${v} ${p.toFixed(2)} < 0.95`);
    if (support && r < 0.85) bars.push(`recall of ${v} ${r.toFixed(2)} < 0.85`);
  }
  const er = evTotal ? evHit / evTotal : 1;
  console.log(`\nevidence recall@3: ${evHit}/${evTotal} = ${er.toFixed(2)}`);
  console.log(`claims right by the shared scorer's rule (any overlapping finding): ${scorerHit}/${claims} = ${(scorerHit / (claims || 1)).toFixed(2)}`);
  if (er < 0.9) bars.push(`evidence recall@3 ${er.toFixed(2)} < 0.9`);
  // On every set, gated or not: no quick fix may break a name (a held-out set's fixes are listed
  // only by count unless they are unsafe, which is a defect whatever the set).
  console.log(`quick fixes offered: ${fixes}; fixes that would break a name: ${unsafe.length}`);
  for (const u of unsafe) console.log('  ' + u);
  if (unsafe.length) { failed = true; console.log('UNSAFE FIXES: a fix must leave every name intact'); }
  // The held-out set's individual misses are not printed unless asked for by name: reading them is tuning.
  if ((verbose && (!set.quiet || args.includes('--show-held-out'))) || (set.gate && bars.length)) for (const e of errors) console.log('  ' + e);
  if (set.gate && bars.length) { failed = true; console.log(`\nBELOW THE BAR: ${bars.join('; ')}`); }
}
if (!args.includes('--no-brown') && !args.includes('--set')) brownAsDrafts(brownArticles, runCli, { verbose });
if (args.includes('--real')) realReports(root, resolve(args[args.indexOf('--real') + 1]), runCli, { verbose, showHeldOut: args.includes('--show-held-out') });
process.exit(failed ? 1 : 0);
