// Smoke test of the bundled CLI (dist/cli.js, built by `npm run build`), not only the TypeScript source.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './core/helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
}

describe('CLI (bundled dist/cli.js)', function () {
  before(function () {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('prints JSON in the documented shape and exits 1 when a claim is contradicted', () => {
    const r = run('check', '--format', 'json', 'samples/draft.md');
    assert.equal(r.status, 1, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.version, 1);
    assert.equal(j.corpus.articles, 3);
    const f = j.files[0];
    assert.equal(f.path, 'samples/draft.md');
    const verdicts = new Set(f.findings.map((x: { verdict: string }) => x.verdict));
    for (const v of ['found', 'supported', 'contradicted', 'misquoted', 'misattributed']) assert.ok(verdicts.has(v), v);
    const c = f.findings.find((x: { verdict: string }) => x.verdict === 'contradicted');
    for (const k of ['kind', 'text', 'start', 'end', 'line', 'column', 'reason', 'evidence']) assert.ok(k in c, k);
    assert.ok(c.evidence[0].source && c.evidence[0].title && c.evidence[0].quote && c.evidence[0].line);
  });

  it('honours suppression comments: a disabled contradiction is not reported and does not fail the run', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const claim = 'North Korea fired three ballistic missiles on Wednesday, the South Korean military said.\n';
    const plain = path.join(dir, 'plain.md'), quiet = path.join(dir, 'quiet.md');
    writeFileSync(plain, claim);
    writeFileSync(quiet, '<!-- corroborate-disable-next-line contradicted -->\n' + claim);
    const a = run('check', '--format', 'json', plain), b = run('check', '--format', 'json', quiet);
    assert.equal(a.status, 1, a.stderr);
    assert.ok(JSON.parse(a.stdout).files[0].findings.some((f: { verdict: string }) => f.verdict === 'contradicted'));
    assert.equal(b.status, 0, b.stdout + b.stderr);
    const kept = JSON.parse(b.stdout).files[0].findings;
    assert.ok(!kept.some((f: { verdict: string }) => f.verdict === 'contradicted'));
    assert.ok(kept.some((f: { kind: string }) => f.kind === 'name'), 'only the listed verdict is hidden: names stay');
  });

  it('checks the drafts of a folder with the editor\'s globs, never the corpus or node_modules', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-ws-'));
    const put = (rel: string, text: string) => { mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true }); writeFileSync(path.join(dir, rel), text); };
    const claim = 'Kim travelled overland to Russia in his armoured train.\n';
    put('a.md', claim); put('desk/b.txt', claim); put('node_modules/pkg/readme.md', claim); put('corpus/wire.md', '# Wire\n\n' + claim); put('notes.json', '{}');
    const paths = (r: ReturnType<typeof run>) => JSON.parse(r.stdout).files.map((f: { path: string }) => path.relative(dir, f.path)).sort();
    const all = run('check', '--format', 'json', '--corpus', path.join(dir, 'corpus'), dir);
    assert.equal(all.status, 0, all.stderr);
    assert.deepEqual(paths(all), ['a.md', path.join('desk', 'b.txt')]);
    const txt = run('check', '--format', 'json', '--include', '**/*.txt', dir);
    assert.deepEqual(paths(txt), [path.join('desk', 'b.txt')]);
    const none = run('check', '--include', '**/*.rst', dir);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no drafts in .* \(looked for \*\*\/\*\.rst\)/);
  });

  it('reads like a linter in text format and exits 0 on a clean draft', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-'));
    const draft = path.join(dir, 'ok.md');
    writeFileSync(draft, 'Kim travelled overland to Russia in his armoured train.\n');
    const r = run('check', draft);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`${draft.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1 supported`));
  });

  it('exits 2 with a clear message on bad usage and unreadable input', () => {
    const a = run('check', '--format', 'xml', 'samples/draft.md');
    assert.equal(a.status, 2);
    assert.match(a.stderr, /--format must be text or json/);
    const b = run('check', 'no/such/file.md');
    assert.equal(b.status, 2);
    assert.match(b.stderr, /cannot read no\/such\/file\.md: ENOENT/);
    assert.equal(run('frobnicate').status, 2);
  });

  it('uses only the given corpus with --no-seeds, and reports bad corpus files on stderr', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-corpus-'));
    writeFileSync(path.join(dir, 'a.md'), '---\ntitle: Local story\n---\nMayor Jane Doe opened the new bridge on Monday.\n');
    writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0, 1, 2, 3]));
    const r = run('check', '--format', 'json', '--no-seeds', '--corpus', dir, 'samples/draft.md');
    const j = JSON.parse(r.stdout);
    assert.equal(j.corpus.articles, 1);
    assert.match(r.stderr, /bad\.txt: binary.*\(skipped\)$/m);
  });

  it('says "(skipped)" only for what was not loaded: a bad date is a warning about an article that loaded', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-corpus-'));
    writeFileSync(path.join(dir, 'dated.md'), '---\ntitle: Local story\ndate: 2023-13-45\n---\nMayor Jane Doe opened the new bridge on Monday.\n');
    writeFileSync(path.join(dir, 'wire.jsonl'), '{"text":"Mayor Jane Doe spoke."}\nnot json\n');
    const r = run('check', '--format', 'json', '--no-cache', '--no-seeds', '--corpus', dir, 'samples/draft.md');
    assert.equal(JSON.parse(r.stdout).corpus.articles, 2);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 2, r.stderr);
    assert.match(lines.find((l) => l.includes('dated.md'))!, /invalid date "2023-13-45".*loaded without a date$/);
    assert.match(lines.find((l) => l.includes('wire.jsonl:2'))!, /not valid JSON \(skipped\)$/);
  });
});
