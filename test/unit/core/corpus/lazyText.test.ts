import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexCorpus, loadSources, MemoryIndexStore, checkDraft } from '../../../../src/core';
import { staleSources, withoutText } from '../../../../src/core/corpus/lazyText';
import { SEEDS } from '../helpers';

describe('article text on demand (big corpora)', () => {
  it('drops texts after indexing, reads them back from the files when a check needs them, and notices a changed file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corroborate-lazy-'));
    try {
      for (const f of await fs.readdir(SEEDS)) if (f.endsWith('.txt')) await fs.copyFile(path.join(SEEDS, f), path.join(dir, f));
      const load = () => loadSources([dir], { baseDir: dir, includeSeeds: false, seedsDir: SEEDS });
      const kept = await indexCorpus((await load()).sources, { keepTexts: true });
      const { sources } = await load();
      const originals = sources.map((s) => s.text);
      const store = new MemoryIndexStore();
      const lazy = await indexCorpus(sources, { keepTexts: false, store });
      // Released: not an own enumerable property any more, so metadata copies do not carry (or read) it.
      for (const s of sources) assert.ok(!Object.keys(s).includes('text'));
      assert.ok(!('text' in withoutText(sources[0])));
      // Read back on demand: the same passages and the same verdicts as with the texts in memory.
      sources.forEach((s, i) => assert.equal(s.text, originals[i]));
      for (let i = 0; i < kept.corpus.passageCount; i++) assert.equal(lazy.corpus.passageText(i), kept.corpus.passageText(i));
      const draft = 'North Korea fired three ballistic missiles on Wednesday, the South Korean military said.';
      assert.deepEqual(checkDraft(draft, lazy.corpus), checkDraft(draft, kept.corpus));
      // Warm from the store, released too.
      const warm = await indexCorpus((await load()).sources, { keepTexts: false, store });
      assert.equal(warm.stats.snapshot, 'loaded');
      assert.equal(warm.corpus.passageText(5), kept.corpus.passageText(5));
      // A file edited after indexing is not sliced at stale offsets: it reads as empty and is reported.
      const next = await indexCorpus((await load()).sources, { keepTexts: false, store });
      const victim = next.corpus.sources[0];
      await fs.appendFile(victim.path, '\nAn added line.\n');
      assert.equal(next.corpus.passageText(0), '');
      assert.ok(staleSources.has(victim.path));
      assert.equal(next.corpus.passageText(next.corpus.passageCount - 1), kept.corpus.passageText(kept.corpus.passageCount - 1));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('does not hang on a corpus file replaced by a named pipe after indexing: its text reads as empty', async function () {
    if (process.platform === 'win32' || spawnSync('mkfifo', ['--help']).error) this.skip();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corroborate-lazy-fifo-'));
    // Should a re-read block on the pipe, this writer (3 s later) releases it, and the time shows it.
    let writer: ReturnType<typeof spawn> | undefined;
    try {
      for (const f of await fs.readdir(SEEDS)) if (f.endsWith('.txt')) await fs.copyFile(path.join(SEEDS, f), path.join(dir, f));
      const { sources } = await loadSources([dir], { baseDir: dir, includeSeeds: false, seedsDir: SEEDS });
      const lazy = await indexCorpus(sources, { keepTexts: false });
      const victim = lazy.corpus.sources[0];
      await fs.rm(victim.path);
      if (spawnSync('mkfifo', [victim.path]).status !== 0) this.skip();
      writer = spawn('sh', ['-c', 'sleep 3; exec 3>"$0"', victim.path], { stdio: 'ignore' });
      const t0 = performance.now();
      assert.equal(lazy.corpus.passageText(0), '');
      assert.ok(performance.now() - t0 < 1500, `the re-read waited ${Math.round(performance.now() - t0)} ms on the pipe`);
      assert.ok(staleSources.has(victim.path));
    } finally {
      writer?.kill();
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
