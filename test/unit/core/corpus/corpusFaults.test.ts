import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, openSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSources } from '../../../../src/core';
import { readAtMost } from '../../../../src/core/corpus/corpusLoader';
import { ROOT, SEEDS } from '../helpers';

// Corpus folders as they are found in the wild: stray JSON values, symbolic links that loop or
// dangle, binary files with a text head, impossible dates, broken front matter, devices and pipes.

describe('corpus loading of faulty files', function () {
  this.timeout(15_000);
  let tmp: string;
  const load = (paths: string[], maxFileBytes?: number) => loadSources(paths, { baseDir: tmp, includeSeeds: false, seedsDir: SEEDS, maxFileBytes });
  const named = (r: { problems: { path: string; message: string }[] }, name: string) => r.problems.filter((p) => path.basename(p.path).split(':')[0] === name);
  const mkdir = async (...parts: string[]) => { const d = path.join(tmp, ...parts); await fs.mkdir(d, { recursive: true }); return d; };

  before(async () => { tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'corroborate-faults-')); });
  after(() => fs.rm(tmp, { recursive: true, force: true }));

  it('skips a JSON Lines line that is null, a number, a string, a boolean or an array, and loads the rest', async () => {
    const dir = await mkdir('jsonl');
    await fs.writeFile(path.join(dir, 'wire.jsonl'), ['{"title":"One","text":"First article."}', 'null', '42', '"a string"', '[1,2]', 'true', '{"title":"Two","text":"Second article."}', ''].join('\n'));
    await fs.writeFile(path.join(dir, 'other.txt'), 'Another source still loads.\n');
    const r = await load([dir]);
    assert.deepEqual(r.sources.map((s) => s.title).sort(), ['Another source still loads.', 'One', 'Two']);
    assert.deepEqual(r.problems.map((p) => path.basename(p.path)), ['wire.jsonl:2', 'wire.jsonl:3', 'wire.jsonl:4', 'wire.jsonl:5', 'wire.jsonl:6']);
    for (const p of r.problems) {
      assert.match(p.message, /^not an article object \((null|a number|a string|true|an array)\)$/);
      assert.equal(p.severity, 'skipped');
    }
    // The line numbers of the articles after the bad lines still point into the file.
    assert.equal(r.sources.find((s) => s.title === 'Two')!.id, 'wire.jsonl#7');
  });

  it('loads a file reached twice through links once, and reports a folder link loop once without following it', async () => {
    const dir = await mkdir('dirloop');
    await mkdir('dirloop', 'a');
    await fs.writeFile(path.join(dir, 'a', 'one.txt'), 'Kim Jong Un met Vladimir Putin.\n');
    await fs.writeFile(path.join(dir, 'real.txt'), 'A real article.\n');
    await fs.symlink('..', path.join(dir, 'a', 'loop'));
    await fs.symlink('a', path.join(dir, 'same-as-a'));
    await fs.symlink('real.txt', path.join(dir, 'alias.txt'));
    const variants = [[dir], [dir, path.join(dir, 'a', 'one.txt'), path.join(dir, 'alias.txt')], [path.join(dir, '**', '*.txt')], [path.join(dir, 'same-as-a', '*.txt'), path.join(dir, '**', '*.txt')]];
    for (const paths of variants) {
      const r = await load(paths);
      assert.deepEqual(r.sources.map((s) => s.text).sort(), ['A real article.\n', 'Kim Jong Un met Vladimir Putin.\n'], `for ${paths.join(' ')}`);
      assert.deepEqual(r.files.map((f) => path.relative(dir, f)).sort(), ['a/one.txt', 'real.txt']);
      const loops = named(r, 'loop');
      assert.equal(loops.length, 1, JSON.stringify(r.problems));
      assert.match(loops[0].message, /symbolic link loop.*not followed/);
      assert.equal(r.problems.length, 1, JSON.stringify(r.problems));
    }
  });

  it('reports a file link loop and a dangling link once each', async () => {
    const dir = await mkdir('links');
    await fs.writeFile(path.join(dir, 'real.txt'), 'A real article.\n');
    await fs.symlink('l2.txt', path.join(dir, 'l1.txt'));
    await fs.symlink('l1.txt', path.join(dir, 'l2.txt'));
    await fs.symlink('nowhere.txt', path.join(dir, 'dangling.txt'));
    await fs.symlink('nowhere.pdf', path.join(dir, 'ignored.pdf'));
    const r = await load([dir]);
    assert.deepEqual(r.sources.map((s) => s.id), ['real.txt']);
    for (const n of ['l1.txt', 'l2.txt']) {
      assert.equal(named(r, n).length, 1, JSON.stringify(r.problems));
      assert.match(named(r, n)[0].message, /symbolic link loop/);
    }
    assert.equal(named(r, 'dangling.txt').length, 1);
    assert.match(named(r, 'dangling.txt')[0].message, /dangling symbolic link.*nowhere\.txt/);
    assert.equal(r.problems.length, 3, JSON.stringify(r.problems));
    // Named directly, the same reasons.
    const direct = await load([path.join(dir, 'l1.txt'), path.join(dir, 'dangling.txt')]);
    assert.match(named(direct, 'l1.txt')[0].message, /symbolic link loop/);
    assert.match(named(direct, 'dangling.txt')[0].message, /dangling symbolic link/);
  });

  it('refuses a file whose binary or non-UTF-8 part comes after its first bytes', async () => {
    const dir = await mkdir('binary');
    const text = Buffer.from('A plain article line that goes on for a while.\n'.repeat(400));
    await fs.writeFile(path.join(dir, 'nul-late.txt'), Buffer.concat([text, Buffer.from([0x50, 0x4b, 0, 0, 3, 4]), text]));
    await fs.writeFile(path.join(dir, 'latin1-late.txt'), Buffer.concat([text, Buffer.alloc(4000, 0xe9), text]));
    await fs.writeFile(path.join(dir, 'fine.txt'), Buffer.concat([text, Buffer.from('caf\u00e9 \u201cquoted\u201d\n'), text]));
    const r = await load([dir]);
    assert.deepEqual(r.sources.map((s) => s.id), ['fine.txt']);
    assert.equal(named(r, 'nul-late.txt')[0].message, `binary (contains NUL bytes, the first at byte ${text.length + 2}), not a text article`);
    assert.match(named(r, 'latin1-late.txt')[0].message, /not UTF-8 text/);
  });

  it('reports an invalid date and still loads the article without it', async () => {
    const dir = await mkdir('dates');
    await fs.writeFile(path.join(dir, 'bad.md'), '---\ntitle: Bad date\ndate: 2023-13-45\n---\nBody one.\n');
    await fs.writeFile(path.join(dir, 'feb.md'), '---\ntitle: Leap\ndate: 2024-02-29T10:00:00+09:00\n---\nBody two.\n');
    await fs.writeFile(path.join(dir, 'words.md'), '---\ntitle: Words\ndate: 14 September 2023\n---\nBody three.\n');
    await fs.writeFile(path.join(dir, 'wire.jsonl'), '{"text":"Article j1.","date":"2023-02-29"}\n{"text":"Article j2.","date":20230101}\n{"text":"Article j3.","date":"2023-09-14 08:00"}\n{"text":"Article j4.","date":"2023-09-14junk"}\n');
    const r = await load([dir]);
    const date = (title: string) => r.sources.find((s) => s.title === title);
    assert.equal(r.sources.length, 7);
    assert.equal(date('Bad date')!.date, undefined);
    assert.equal(date('Leap')!.date, '2024-02-29');
    assert.equal(date('Words')!.date, undefined);
    assert.equal(date('Article j1.')!.date, undefined);
    assert.equal(date('Article j2.')!.date, undefined);
    assert.equal(date('Article j3.')!.date, '2023-09-14');
    assert.equal(date('Article j4.')!.date, undefined);
    assert.deepEqual(r.problems.map((p) => path.basename(p.path)).sort(), ['bad.md:3', 'wire.jsonl:1', 'wire.jsonl:2', 'wire.jsonl:4', 'words.md:3']);
    for (const p of r.problems) {
      assert.match(p.message, /^invalid date .*; the article is loaded without a date$/);
      assert.equal(p.severity, 'warning', 'the article itself loaded');
    }
    assert.match(named(r, 'bad.md')[0].message, /"2023-13-45"/);
  });

  it('reports malformed front matter and still loads the article', async () => {
    const dir = await mkdir('frontmatter');
    await fs.writeFile(path.join(dir, 'unclosed.md'), '---\ntitle: Unclosed\ndate: 2023-01-01\nBody two.\n');
    await fs.writeFile(path.join(dir, 'noColon.md'), '---\ntitle: Fine\nauthor A. Writer\nthis one too\n---\nBody.\n');
    await fs.writeFile(path.join(dir, 'yamlList.md'), '---\ntitle: Tags\ntags:\n  - one\n  - two\n# a comment\n---\nBody.\n');
    await fs.writeFile(path.join(dir, 'empty.md'), '---\n---\nEmpty front matter.\n');
    const r = await load([dir]);
    assert.equal(r.sources.length, 4);
    const unclosed = named(r, 'unclosed.md');
    assert.equal(unclosed.length, 1);
    assert.match(unclosed[0].message, /front matter is not closed/);
    assert.equal(r.sources.find((s) => s.id === 'unclosed.md')!.title, 'title: Unclosed');
    const bad = named(r, 'noColon.md');
    assert.equal(bad.length, 1, JSON.stringify(r.problems));
    assert.equal(path.basename(bad[0].path), 'noColon.md:3');
    assert.match(bad[0].message, /front matter line is not "key: value".*author A\. Writer/);
    assert.equal(r.sources.find((s) => s.id === 'noColon.md')!.title, 'Fine');
    const empty = r.sources.find((s) => s.id === 'empty.md')!;
    assert.equal(empty.text, 'Empty front matter.\n');
    assert.equal(empty.lineOffset, 2);
    assert.equal(r.problems.length, 2, JSON.stringify(r.problems));
  });

  it('refuses devices with a clear message, and stops reading /dev/zero at the limit', async function () {
    if (!existsSync('/dev/zero')) this.skip();
    // In a child process with a memory cap and a deadline, so a loader that reads without bound fails
    // the test instead of exhausting the machine.
    const script = `require(${JSON.stringify(path.join(ROOT, 'src/core/corpus/corpusLoader.ts'))}).loadSources(['/dev/zero'], { baseDir: '/', includeSeeds: false, seedsDir: '/nonexistent', maxFileBytes: 1 << 20 }).then((r) => process.stdout.write(JSON.stringify(r)))`;
    const child = spawnSync('sh', ['-c', `ulimit -d 3000000 2>/dev/null; exec "$0" -r tsx/cjs -e "$1"`, process.execPath, script], { cwd: ROOT, timeout: 10_000, encoding: 'utf8' });
    assert.equal(child.status, 0, `the loader did not finish: ${child.signal ?? ''} ${child.stderr.slice(0, 300)}`);
    const r = JSON.parse(child.stdout);
    assert.equal(r.sources.length, 0);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /a device, not a regular file/);
    // The bounded reader itself stops after the limit on an endless file.
    const h = await fs.open('/dev/zero', 'r');
    try {
      const { bytes, more } = await readAtMost(h, 100_000);
      assert.equal(bytes.length, 100_000);
      assert.equal(more, true);
    } finally { await h.close(); }
  });

  it('refuses a named pipe (FIFO) without waiting for a writer', async function () {
    if (process.platform === 'win32' || spawnSync('mkfifo', ['--help']).error) this.skip();
    const dir = await mkdir('fifo');
    const fifo = path.join(dir, 'pipe.txt');
    if (spawnSync('mkfifo', [fifo]).status !== 0) this.skip();
    await fs.writeFile(path.join(dir, 'ok.txt'), 'Still loaded.\n');
    this.timeout(5000);
    try {
      for (const paths of [[dir], [fifo]]) {
        const r = await load(paths);
        assert.equal(named(r, 'pipe.txt').length, 1);
        assert.match(named(r, 'pipe.txt')[0].message, /a named pipe \(FIFO\), not a regular file/);
      }
      assert.deepEqual((await load([dir])).sources.map((s) => s.id), ['ok.txt']);
    } finally {
      // A loader stuck opening the pipe is released by a writer, so the test run can end.
      try { closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)); } catch { /* no reader waiting */ }
    }
  });

  it('refuses politely a file that turns out larger than the limit while it is read', async function () {
    // Files under /proc report a size of 0 and hold more than that.
    const file = ['/proc/self/maps', '/proc/cpuinfo'].find((f) => existsSync(f));
    if (!file) this.skip();
    const r = await load([file!], 64);
    assert.equal(r.sources.length, 0);
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0].message, /^too large \(more than 64 bytes read, though its size was given as 0 bytes; the limit is 64 bytes\)$/);
  });
});
