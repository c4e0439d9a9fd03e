import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSources, parseSourceText } from '../../../../src/core';
import { SEEDS } from '../helpers';

describe('corpus loading', () => {
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corroborate-corpus-'));
    await fs.writeFile(path.join(dir, 'good.md'), '---\ntitle: "Summit report"\noutlet: Test Wire\ndate: 2023-09-14T10:00:00Z\nauthor: A. Writer\n---\nKim Jong Un met Vladimir Putin.\n');
    await fs.writeFile(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    await fs.writeFile(path.join(dir, 'empty.txt'), '   \n');
    await fs.writeFile(path.join(dir, 'huge.txt'), 'x'.repeat(2048));
    await fs.writeFile(path.join(dir, 'wire.jsonl'), '{"title":"One","text":"First article.","outlet":"Wire"}\nnot json\n{"title":"No text"}\n{"text":"Second article."}\n');
    await fs.writeFile(path.join(dir, 'ignored.pdf'), 'x');
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('loads the seeds with the manifest titles, date and outlet', async () => {
    const r = await loadSources([], { baseDir: dir, includeSeeds: true, seedsDir: SEEDS });
    assert.equal(r.sources.length, 3);
    assert.equal(r.problems.length, 0);
    const s1 = r.sources.find((s) => s.id.startsWith('001'))!;
    assert.equal(s1.date, '2023-09-13');
    assert.match(s1.title, /Both leaders affirmed/);
    assert.equal(r.sources.find((s) => s.id.startsWith('000'))!.outlet, undefined);
  });

  it('reports bad files once each and still loads the rest', async () => {
    const r = await loadSources([dir], { baseDir: dir, includeSeeds: false, seedsDir: SEEDS, maxFileBytes: 1024 });
    const titles = r.sources.map((s) => s.title).sort();
    assert.deepEqual(titles, ['One', 'Second article.', 'Summit report']);
    const byFile = (n: string) => r.problems.filter((p) => path.basename(p.path).startsWith(n));
    assert.match(byFile('binary.txt')[0].message, /binary/);
    assert.match(byFile('empty.txt')[0].message, /empty/);
    assert.match(byFile('huge.txt')[0].message, /too large/);
    assert.equal(byFile('wire.jsonl').length, 2);
    assert.equal(r.problems.length, 5);
  });

  it('reads front matter and keeps line numbers pointing into the file', async () => {
    const { sources } = parseSourceText('/x/a.md', '---\ntitle: T\noutlet: O\nurl: https://example.org/a\n---\nBody line.\n');
    assert.equal(sources[0].title, 'T');
    assert.equal(sources[0].outlet, 'O');
    assert.equal(sources[0].url, 'https://example.org/a');
    assert.equal(sources[0].text, 'Body line.\n');
    assert.equal(sources[0].lineOffset, 5);
  });

  it('reports a missing path and a glob that matches nothing', async () => {
    const r = await loadSources(['nope/', '*.none'], { baseDir: dir, includeSeeds: false, seedsDir: SEEDS });
    assert.equal(r.sources.length, 0);
    assert.equal(r.problems.length, 2);
  });
});
