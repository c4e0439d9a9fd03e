// Issue 12 for the CLI (the bundled dist/cli.js, built by `npm run build`): text output goes to a
// terminal, so nothing from a source or a draft may carry an escape sequence, a carriage return or any
// other control character or line separator into it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './core/helpers';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const CORPUS = path.join('test', 'fixtures', 'hostile-corpus', 'corpus');
const DRAFT = path.join('test', 'fixtures', 'hostile-corpus', 'draft.md');
function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
}
/** Control characters and line separators other than the newline that ends each line of output (tab allowed). */
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const where = (s: string) => JSON.stringify(s.match(new RegExp(`.{0,30}${UNPRINTABLE.source}.{0,30}`, 'u'))?.[0]);

describe('CLI text output of a hostile corpus', function () {
  before(function () {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('prints no ESC, CR or other control character from a source, one line per finding', () => {
    const r = run('check', '--no-seeds', '--no-cache', '--names', '--corpus', CORPUS, DRAFT);
    assert.equal(r.status, 1, r.stderr); // the misquotation
    for (const out of [r.stdout, r.stderr]) assert.ok(!UNPRINTABLE.test(out), where(out));
    assert.ok(!r.stdout.includes('\u001b') && !r.stdout.includes('\r'));
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) assert.match(l, new RegExp(`^${DRAFT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+:\\d+ (supported|contradicted|misquoted|misattributed|unverified|found) .* \\[(claim|quote|name)\\] ".*"|: .* found \\(corpus: 3 sources\\)|: (\\d+ of \\d+ claims? backed by the corpus( \\(.*\\))?|no claims to check against the corpus))$`), l);
    // The source's quotation is there, defused: its escape shown as U+FFFD, its carriage return as a space.
    assert.match(r.stdout, /misquoted The source reads “We finished the Harbour Bridge in three\uFFFD\[2K FAKE: all claims supported/);
    // JSON output still carries the source's text exactly (escaped by JSON).
    const j = JSON.parse(run('check', '--no-seeds', '--no-cache', '--format', 'json', '--corpus', CORPUS, DRAFT).stdout);
    assert.ok(j.files[0].findings.some((f: { reason?: string }) => f.reason?.includes('\u001b[2K\rFAKE')));
  });

  it('prints no control character from a file name, in findings or in corpus problems on stderr', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-hostile-'));
    const corpus = path.join(dir, 'corpus');
    mkdirSync(corpus);
    for (const f of ['bulletin.md', "wire) [final] 'copy'!.jsonl"]) copyFileSync(path.join(ROOT, CORPUS, f), path.join(corpus, f));
    writeFileSync(path.join(corpus, 'bad\u001b[2K\rFAKE: all claims supported\u2028.txt'), Buffer.from([0, 1, 2, 3]));
    const draft = path.join(dir, 'draft\u001b[31m\r\u009b2K.md');
    copyFileSync(path.join(ROOT, DRAFT), draft);
    const r = run('check', '--no-seeds', '--no-cache', '--corpus', corpus, draft);
    assert.equal(r.status, 1, r.stderr);
    for (const out of [r.stdout, r.stderr]) assert.ok(!UNPRINTABLE.test(out), where(out));
    assert.match(r.stderr, /corpus: .*bad\uFFFD\[2K FAKE: all claims supported \.txt: binary/);
    assert.ok(r.stdout.trimEnd().split('\n').every((l) => l.startsWith(path.join(dir, 'draft\uFFFD[31m \uFFFD2K.md'))), r.stdout);
  });
});
