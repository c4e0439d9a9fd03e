// The bundled CLI's reports (dist/cli.js, built by `npm run build`): SARIF valid against the OASIS
// schema, ClaimReview JSON-LD, and the coverage line of the text output, each agreeing with the
// findings of its JSON output.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './core/helpers';
import { sarifSchemaErrors } from './core/report/sarifSchema';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const SAMPLE = 'samples/draft.md';
function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
}
interface JsonFinding { kind: string; verdict: string; text: string; line: number; column: number }
/** The findings of the JSON output, per file. */
function jsonFindings(...files: string[]): JsonFinding[][] {
  const r = run('check', '--format', 'json', ...files);
  return (JSON.parse(r.stdout).files as { findings: JsonFinding[] }[]).map((f) => f.findings);
}

describe('CLI report formats (bundled dist/cli.js)', function () {
  before(function () {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('prints one SARIF log for all files, valid against the OASIS schema, with the package version', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-sarif-'));
    const other = path.join(dir, 'second draft.md');
    writeFileSync(other, 'North Korea fired three ballistic missiles on Wednesday.\n');
    const r = run('check', '--format', 'sarif', SAMPLE, other);
    assert.equal(r.status, 1, r.stderr); // contradicted, as in every format
    const log = JSON.parse(r.stdout);
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(log.runs.length, 1);
    assert.equal(log.runs[0].tool.driver.version, JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    const [sample, second] = jsonFindings(SAMPLE, other);
    const problems = (fs: JsonFinding[]) => fs.filter((f) => f.kind !== 'name' && f.verdict !== 'supported' && f.verdict !== 'found');
    const results = log.runs[0].results as { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    const expected = [
      ...problems(sample).map((f) => ({ uri: SAMPLE, f })),
      // Outside the working folder: an absolute file: URI, its space percent-encoded.
      ...problems(second).map((f) => ({ uri: `file://${dir.split(path.sep).map(encodeURIComponent).join('/')}/second%20draft.md`, f })),
    ];
    assert.ok(problems(second).length > 0);
    assert.equal(results.length, expected.length);
    results.forEach((res, i) => {
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, expected[i].uri);
      assert.equal(res.ruleId, `corroborate/${expected[i].f.verdict}`);
      assert.deepEqual([loc.region.startLine, loc.region.startColumn], [expected[i].f.line, expected[i].f.column]);
    });
  });

  it('prints ClaimReview JSON-LD with one review per judged claim', () => {
    const r = run('check', '--format', 'claimreview', SAMPLE);
    assert.equal(r.status, 1, r.stderr);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc['@context'], 'https://schema.org');
    const judged = jsonFindings(SAMPLE)[0].filter((f) => f.kind !== 'name');
    assert.deepEqual(doc['@graph'].map((x: { '@type': string; claimReviewed: string }) => [x['@type'], x.claimReviewed]), judged.map((f) => ['ClaimReview', f.text.replace(/\s+/g, ' ').trim()]));
    assert.match(doc['@graph'][0].datePublished, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('ends each file\'s text output with its coverage line, counts as in the JSON output', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-coverage-'));
    const one = path.join(dir, 'one.md');
    writeFileSync(one, 'Kim travelled overland to Russia in his armoured train.\n');
    const empty = path.join(dir, 'empty.md');
    writeFileSync(empty, '# Notes\n');
    const r = run('check', SAMPLE, one, empty);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const found = jsonFindings(SAMPLE, one, empty);
    [SAMPLE, one, empty].forEach((file, i) => {
      const own = lines.filter((l) => l.startsWith(`${file}: `));
      assert.equal(own.length, 2, `a summary line and a coverage line for ${file}`);
      const coverage = own[1];
      // The coverage line is the file's last line of output.
      assert.equal(lines.lastIndexOf(coverage), Math.max(...lines.map((l, j) => (l.startsWith(`${file}:`) ? j : -1))));
      const claims = found[i].filter((f) => f.kind !== 'name');
      if (!claims.length) { assert.equal(coverage, `${file}: no claims to check against the corpus`); return; }
      const m = /^(\d+) of (\d+) (claims?) backed by the corpus(?: \((.*)\))?$/.exec(coverage.slice(file.length + 2));
      assert.ok(m, coverage);
      assert.equal(Number(m[1]), claims.filter((f) => f.verdict === 'supported').length);
      assert.equal(Number(m[2]), claims.length);
      assert.equal(m[3], claims.length === 1 ? 'claim' : 'claims');
      const listed = Object.fromEntries((m[4] ?? '').split(', ').filter(Boolean).map((p) => { const [n, v] = p.split(' '); return [v, Number(n)]; }));
      const want: Record<string, number> = {};
      for (const f of claims) if (f.verdict !== 'supported') want[f.verdict] = (want[f.verdict] ?? 0) + 1;
      assert.deepEqual(listed, want);
    });
    assert.ok(found[0].some((f) => f.verdict === 'misquoted') && found[1].length > 0, 'the drafts have claims');
  });

  it('exits 2 and names the formats on an unknown --format', () => {
    for (const args of [['--format', 'bogus'], ['--format=bogus']]) {
      const r = run('check', ...args, SAMPLE);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^corroborate: --format must be text or json .*sarif or claimreview.*"bogus"/);
      assert.match(r.stderr, /Usage: corroborate check .*--format text\|json\|sarif\|claimreview/);
    }
  });
});
