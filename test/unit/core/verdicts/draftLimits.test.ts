// Issue 12, item 4: a draft's size is limited (MAX_DRAFT_BYTES), and every front end says so. The
// engine refuses a larger draft with a message the editor shows; the bundled CLI (dist/cli.js, built
// by `npm run build`) reads drafts by the bytes actually read, and refuses devices, FIFOs, oversized
// and part-binary files with exit status 2.
import { strict as assert } from 'node:assert';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { seeds, ROOT, SEEDS } from '../helpers';
import { checkDraft, DraftChecker, EngineClient, type Corpus } from '../../../../src/core';
import { MAX_DRAFT_BYTES, DraftTooLargeError, draftSizeProblem } from '../../../../src/core/analysis/limits';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const WORKER = path.join(ROOT, 'dist', 'engineWorker.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, 'check', '--no-cache', ...args], { encoding: 'utf8', cwd: ROOT, timeout: 60000 });

describe('the size limit of a draft', function () {
  this.timeout(60000);
  let corpus: Corpus;
  before(async () => { corpus = await seeds(); });

  it('is 1 MiB, counted in UTF-8 bytes, and said with the size and the limit', () => {
    assert.equal(MAX_DRAFT_BYTES, 1024 * 1024);
    assert.equal(draftSizeProblem(MAX_DRAFT_BYTES), undefined);
    assert.equal(draftSizeProblem(5_250_000), 'too large (5,250,000 bytes; the limit is 1,048,576 bytes)');
    assert.equal(draftSizeProblem(MAX_DRAFT_BYTES, true), 'too large (more than 1,048,576 bytes; the limit is 1,048,576 bytes)');
  });

  it('is refused by the engine at once, incremental or not; a draft at the limit is checked', () => {
    const big = 'Putin met Kim. '.repeat(350_000); // 5.25 MB
    const t = performance.now();
    const refused = (e: unknown) => e instanceof DraftTooLargeError && e.message === 'the draft is not checked: too large (5,250,000 bytes; the limit is 1,048,576 bytes)';
    assert.throws(() => checkDraft(big, corpus), refused);
    assert.throws(() => new DraftChecker(corpus).check(big), refused);
    assert.ok(performance.now() - t < 10000, `${performance.now() - t} ms`);
    // 400,000 "й" are 800,000 bytes of UTF-8 (checked); 600,000 are 1.2 MB (refused).
    assert.doesNotThrow(() => checkDraft('й'.repeat(400_000), corpus));
    assert.throws(() => checkDraft('й'.repeat(600_000), corpus), DraftTooLargeError);
    assert.ok(Array.isArray(checkDraft('x'.repeat(MAX_DRAFT_BYTES), corpus)));
  });

  it('reaches the editor as the engine worker\'s error message', async function () {
    if (!existsSync(WORKER)) throw new Error('dist/engineWorker.js is missing: run `npm run build` first');
    const client = new EngineClient(WORKER);
    try {
      await client.load({ paths: [], baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS });
      await assert.rejects(client.check('Putin met Kim. '.repeat(100_000)), /^Error: the draft is not checked: too large \(1,500,000 bytes; the limit is 1,048,576 bytes\)$/);
      // The worker is fine after it.
      assert.ok(Array.isArray((await client.check('Putin met Kim.')).findings));
    } finally {
      await client.dispose();
    }
  });

  describe('the CLI', () => {
    let dir: string;
    before(function () {
      if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');
      dir = mkdtempSync(path.join(os.tmpdir(), 'cli-limits-'));
    });

    it('refuses a 5 MB draft within 10 s, with the size and the limit (exit 2)', () => {
      const f = path.join(dir, 'big.md');
      writeFileSync(f, 'Putin met Kim. '.repeat(350_000));
      const t = performance.now();
      const r = cli(f);
      assert.ok(performance.now() - t < 10000);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, `corroborate: cannot check ${f}: too large (5,250,000 bytes; the limit is 1,048,576 bytes)\n`);
    });

    it('refuses a device (/dev/zero has no end) without reading it', function () {
      if (!existsSync('/dev/zero')) this.skip();
      const r = cli('/dev/zero');
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, 'corroborate: cannot check /dev/zero: a device, not a regular file; drafts must be plain text files\n');
    });

    it('refuses a named pipe without waiting for a writer', function () {
      if (process.platform === 'win32') this.skip();
      const fifo = path.join(dir, 'pipe.md');
      execFileSync('mkfifo', [fifo]);
      const r = cli(fifo);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /cannot check .*pipe\.md: a named pipe \(FIFO\), not a regular file/);
    });

    it('refuses a file whose size it cannot trust by the bytes actually read', function () {
      // /proc files say they hold 0 bytes; this one holds more than the limit (one line per kernel symbol).
      const f = '/proc/kallsyms';
      if (!existsSync(f)) this.skip();
      const r = cli(f);
      assert.equal(r.status, 2, r.stderr);
      assert.equal(r.stderr, `corroborate: cannot check ${f}: too large (more than 1,048,576 bytes; the limit is 1,048,576 bytes)\n`);
    });

    it('refuses a draft that is text for 8 KB and binary after', () => {
      const text = Buffer.from('Kim travelled overland to Russia in his armoured train. '.repeat(160)); // 8,960 bytes
      const noise = Buffer.alloc(20000);
      for (let i = 0; i < noise.length; i++) noise[i] = 0x80 + ((i * 37) % 0x40); // continuation bytes: never UTF-8 on their own, no NUL
      writeFileSync(path.join(dir, 'half.md'), Buffer.concat([text, noise]));
      const r = cli(path.join(dir, 'half.md'));
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /cannot check .*half\.md: not UTF-8 text/);
      writeFileSync(path.join(dir, 'nul.md'), Buffer.concat([text, Buffer.from([0, 1, 2])]));
      assert.match(cli(path.join(dir, 'nul.md')).stderr, /cannot check .*nul\.md: binary \(contains NUL bytes, the first at byte 8960\)/);
    });

    it('still checks a draft of exactly the limit', () => {
      const f = path.join(dir, 'limit.md');
      writeFileSync(f, 'Kim travelled overland to Russia in his armoured train.\n\n' + 'a'.repeat(MAX_DRAFT_BYTES - 57));
      const r = cli(f);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /limit\.md:1:1 supported/);
    });
  });
});
