import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { indexCorpus, loadSources, checkDraft, FileIndexStore, type Finding, type IndexStats } from '../../../../src/core';
import { validateSnapshot, analysisProblem, seal, unseal, INDEX_FORMAT, SNAPSHOTS_KEPT } from '../../../../src/core/corpus/indexStore';
import { analyseSource, type CorpusSnapshot, type SourceAnalysis } from '../../../../src/core/corpus/corpus';
import { ROOT, SEEDS } from '../helpers';

// The property: whatever bytes the index cache holds, indexing and checking give the findings of a
// run without a cache; a damaged entry is reported once, and the next run finds a clean cache.

const DRAFT_FILE = path.join(ROOT, 'samples', 'draft.md');

/** A small deterministic pseudo-random generator (the corruptions are the same on every run). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

type Corruption = (bytes: Buffer, other: Buffer) => Buffer;
const CORRUPTIONS: Record<string, Corruption> = {
  'truncated to half': (b) => b.subarray(0, b.length >> 1),
  'truncated to nothing': () => Buffer.alloc(0),
  'last byte cut': (b) => b.subarray(0, b.length - 1),
  'one byte appended': (b) => Buffer.concat([b, Buffer.from([0])]),
  'first byte flipped': (b) => { const c = Buffer.from(b); c[0] ^= 0x01; return c; },
  'a checksum byte flipped': (b) => { const c = Buffer.from(b); c[12] ^= 0x80; return c; },
  'a middle byte flipped': (b) => { const c = Buffer.from(b); c[b.length >> 1] ^= 0x04; return c; },
  'last byte flipped': (b) => { const c = Buffer.from(b); c[b.length - 1] ^= 0x10; return c; },
  'many bytes flipped': (b) => { const c = Buffer.from(b); const r = rng(7); for (let k = 0; k < 40; k++) c[Math.floor(r() * c.length)] ^= 1 + Math.floor(r() * 255); return c; },
  'same-length garbage': (b) => { const r = rng(11); return Buffer.from(Array.from(b, () => Math.floor(r() * 256))); },
  'short garbage': () => Buffer.from('not a cache entry at all\n'),
  'replaced by another entry': (_b, other) => Buffer.from(other),
};

describe('index cache integrity', function () {
  this.timeout(60_000);
  let tmp: string;
  let pristine: string;
  let draft: string;
  let reference: Finding[];
  const load = async () => (await loadSources([], { baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS })).sources;
  const run = async (cacheDir: string): Promise<{ findings: Finding[]; stats: IndexStats }> => {
    const { corpus, stats } = await indexCorpus(await load(), { store: new FileIndexStore(cacheDir), yieldEvery: 0 });
    return { findings: checkDraft(draft, corpus), stats };
  };
  const entries = async (dir: string, kind: 'a' | 'b' | 'c') => {
    const out: string[] = [];
    const root = path.join(dir, INDEX_FORMAT);
    for (const sub of await fs.readdir(root)) for (const f of await fs.readdir(path.join(root, sub))) if (f.startsWith(kind) && f.endsWith('.bin')) out.push(path.join(root, sub, f));
    return out.sort();
  };
  const dropSnapshot = async (dir: string) => { for (const f of [...await entries(dir, 'b'), ...await entries(dir, 'c')]) await fs.rm(f); };

  before(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'corroborate-cache-'));
    draft = await fs.readFile(DRAFT_FILE, 'utf8');
    reference = checkDraft(draft, (await indexCorpus(await load(), { yieldEvery: 0 })).corpus);
    assert.ok(reference.some((f) => f.verdict === 'contradicted'), 'the draft exercises the evidence');
    pristine = path.join(tmp, 'pristine');
    const first = await run(pristine);
    assert.deepEqual(first.findings, reference);
    assert.equal((await entries(pristine, 'a')).length, 3);
  });
  after(() => fs.rm(tmp, { recursive: true, force: true }));

  /** Copies the pristine cache, damages the chosen files, and checks the property. */
  type Target = 'skeleton' | 'arrays' | 'one analysis' | 'every analysis';
  async function damaged(target: Target, name: string, corrupt: Corruption) {
    const dir = path.join(tmp, `${target}-${name}`.replace(/\W+/g, '-'));
    await fs.cp(pristine, dir, { recursive: true });
    const [skeleton] = await entries(dir, 'c');
    const [arrays] = await entries(dir, 'b');
    const analyses = await entries(dir, 'a');
    let victims: string[];
    if (target === 'skeleton') victims = [skeleton];
    else if (target === 'arrays') victims = [arrays];
    else {
      // Analysis entries are read only when there is no usable snapshot.
      await dropSnapshot(dir);
      victims = target === 'one analysis' ? [analyses[1]] : analyses;
    }
    const others: Record<string, string> = { [skeleton]: arrays, [arrays]: skeleton };
    analyses.forEach((f, i) => { others[f] = analyses[(i + 1) % analyses.length]; });
    const originals = new Map<string, Buffer>();
    for (const f of [skeleton, arrays, ...analyses]) originals.set(f, await fs.readFile(f).catch(() => Buffer.alloc(0)));
    for (const v of victims) await fs.writeFile(v, corrupt(originals.get(v)!, originals.get(others[v])!));

    const bad = await run(dir);
    assert.deepEqual(bad.findings, reference, `${target}, ${name}: findings differ from a run without a cache`);
    assert.equal(bad.stats.problems.length, victims.length, `${target}, ${name}: ${JSON.stringify(bad.stats.problems)}`);
    for (const v of victims) {
      const reports = bad.stats.problems.filter((p) => p.path === v);
      assert.equal(reports.length, 1, `${target}, ${name}: ${v} reported ${reports.length} times (${JSON.stringify(bad.stats.problems)})`);
      assert.match(reports[0].message, /damaged|does not fit|not a Corroborate/);
    }
    if (target === 'one analysis') assert.equal(bad.stats.analysed, 1);
    if (target === 'every analysis') assert.equal(bad.stats.analysed, 3);
    // The next run finds a clean cache: the snapshot loads, and so does every analysis entry.
    const next = await run(dir);
    assert.deepEqual(next.stats.problems, [], `${target}, ${name}: second run still reports problems`);
    assert.equal(next.stats.snapshot, 'loaded');
    assert.deepEqual(next.findings, reference);
    await dropSnapshot(dir);
    const third = await run(dir);
    assert.deepEqual(third.stats.problems, []);
    assert.equal(third.stats.analysed, 0, `${target}, ${name}: analysis entries were not rewritten`);
    assert.deepEqual(third.findings, reference);
    await fs.rm(dir, { recursive: true, force: true });
  }

  const TARGETS: [Target, string][] = [['skeleton', 'the snapshot skeleton'], ['arrays', "the snapshot's array blob"], ['one analysis', 'one analysis entry'], ['every analysis', 'every analysis entry']];
  for (const [target, label] of TARGETS) {
    it(`gives the findings of an uncached run, reports the damage once and heals, whatever bytes ${label} holds`, async () => {
      for (const [name, corrupt] of Object.entries(CORRUPTIONS)) await damaged(target, name, corrupt);
    });
  }

  it('discards a sealed analysis entry that does not fit its article (and rewrites it)', async () => {
    const dir = path.join(tmp, 'misfit');
    await fs.cp(pristine, dir, { recursive: true });
    await dropSnapshot(dir);
    const [victim] = await entries(dir, 'a');
    const key = path.basename(victim, '.bin');
    const opened = unseal(key, await fs.readFile(victim));
    assert.ok(!('problem' in opened));
    const analysis = v8.deserialize(opened.payload) as SourceAnalysis;
    analysis.sentences[analysis.sentences.length - 1].end = 1e7;
    await fs.writeFile(victim, seal(key, v8.serialize(analysis)));
    const bad = await run(dir);
    assert.deepEqual(bad.findings, reference);
    assert.deepEqual(bad.stats.problems, [{ path: victim, message: 'does not fit its article (a sentence out of place); discarded and rebuilt', severity: 'warning' }]);
    await dropSnapshot(dir);
    const next = await run(dir);
    assert.deepEqual(next.stats.problems, []);
    assert.equal(next.stats.analysed, 0);
  });

  it('tells an analysis that fits its text from one that cannot be its analysis', () => {
    const text = 'Kim Jong Un met Vladimir Putin. "We have time," Putin said.';
    const good = analyseSource(text, 'full');
    assert.equal(analysisProblem(good, text.length), undefined);
    const broken: [string, (a: SourceAnalysis) => void][] = [
      ['a sentence past the end', (a) => { a.sentences[1].end = text.length + 1; }],
      ['sentences out of order', (a) => { a.sentences.reverse(); }],
      ['a name of an unknown kind', (a) => { (a.mentions[0] as { kind: string }).kind = 'planet'; }],
      ['a quotation past the end', (a) => { a.quotes[1][0].end = 1e6; }],
      ['a key naming a mention that is not there', (a) => { a.keys[0] += '\u0001@\u000299'; }],
      ['parts of different lengths', (a) => { a.keys.pop(); }],
      ['a missing part', (a) => { delete (a as Partial<SourceAnalysis>).quoteWords; }],
    ];
    for (const [what, damage] of broken) {
      const a = structuredClone(good);
      damage(a);
      assert.ok(analysisProblem(a, text.length), `${what} passed`);
    }
    assert.ok(analysisProblem(null, 10));
    assert.ok(analysisProblem(good, 5), 'the analysis of a longer text');
  });

  it('refuses a snapshot that does not fit the sources, before any check uses it', async () => {
    const { corpus } = await indexCorpus(await load(), { yieldEvery: 0 });
    const good = corpus.toSnapshot();
    assert.equal(validateSnapshot(good, corpus.sources), undefined);
    const broken: [string, (s: CorpusSnapshot) => void][] = [
      ['a passage ending past its text', (s) => { s.pEnd = Int32Array.from(s.pEnd); s.pEnd[3] = 1e9; }],
      ['a passage of a source that is not there', (s) => { s.pSource = Int32Array.from(s.pSource); s.pSource[0] = 99; }],
      ['an entity id out of range', (s) => { s.pEnt = { off: s.pEnt.off, ids: Int32Array.from(s.pEnt.ids) }; s.pEnt.ids[0] = 1 << 20; }],
      ['postings pointing past the passages', (s) => { s.post = { off: s.post.off, ids: Int32Array.from(s.post.ids) }; s.post.ids[s.post.ids.length - 1] = -1; }],
      ['rows whose offsets go backwards', (s) => { s.pKeys = { off: Int32Array.from(s.pKeys.off), ids: s.pKeys.ids }; s.pKeys.off[2] = 0; s.pKeys.off[1] = 5; }],
      ['a quotation slot out of order', (s) => { s.qSlot = Int32Array.from(s.qSlot); s.qSlot[0] = 4; }],
      ['a quotation past the end of its text', (s) => { s.quotes = { ...s.quotes, end: Int32Array.from(s.quotes.end) }; s.quotes.end[0] = 1e8; }],
      ['a missing column', (s) => { (s as unknown as Record<string, unknown>).pLine = undefined; }],
      ['other sources', (s) => { s.sources = s.sources.slice().reverse(); }],
    ];
    for (const [what, damage] of broken) {
      const s = { ...good };
      damage(s);
      assert.ok(validateSnapshot(s, corpus.sources), `${what} passed validation`);
    }
  });

  it('clears what no run can use (older formats, old snapshots, abandoned writes) and nothing else', async () => {
    const dir = path.join(tmp, 'prune');
    const hex = (c: string) => c.repeat(40);
    const put = async (p: string, age = 0) => {
      await fs.mkdir(path.dirname(p), { recursive: true });
      await fs.writeFile(p, 'x');
      if (age) { const t = new Date(Date.now() - age); await fs.utimes(p, t, t); }
      return p;
    };
    // An older format's folder, the first layout (entries straight under the folder), and files that are not the cache's.
    const oldFormat = await put(path.join(dir, 'corroborate-index-21', 'a1', `a${hex('1')}.bin`));
    const firstLayout = await put(path.join(dir, 'a2', `a${hex('2')}.bin`));
    const foreign = [await put(path.join(dir, 'notes.txt')), await put(path.join(dir, 'ab', 'readme.md')), await put(path.join(dir, INDEX_FORMAT, 'a3', 'mine.bin'))];
    // Writes abandoned two hours ago and one in progress now.
    const abandoned = await put(path.join(dir, INDEX_FORMAT, 'a4', `a${hex('4')}.bin.123.1700000000000.tmp`), 2 * 3600e3);
    const inProgress = await put(path.join(dir, INDEX_FORMAT, 'a5', `a${hex('5')}.bin.123.1800000000000.tmp`));
    // Snapshots of earlier corpora, oldest first.
    const older: string[] = [];
    for (let k = 0; k < SNAPSHOTS_KEPT + 2; k++) {
      const key = hex('6789abcdef'[k]);
      older.push(await put(path.join(dir, INDEX_FORMAT, `b${key[0]}`, `b${key}.bin`), (20 - k) * 3600e3));
      await put(path.join(dir, INDEX_FORMAT, `c${key[0]}`, `c${key}.bin`), (20 - k) * 3600e3);
    }
    const exists = (p: string) => fs.stat(p).then(() => true, () => false);
    await run(dir);
    assert.equal(await exists(oldFormat), false, 'an older format is dropped');
    assert.equal(await exists(firstLayout), false, 'the first layout is dropped');
    assert.equal(await exists(abandoned), false, 'an abandoned write is dropped');
    for (const p of [...foreign, inProgress]) assert.ok(await exists(p), `${p} is kept`);
    // The corpus just built, and the most recent of the others, up to SNAPSHOTS_KEPT in all.
    assert.equal((await entries(dir, 'b')).length, SNAPSHOTS_KEPT);
    assert.equal((await entries(dir, 'c')).length, SNAPSHOTS_KEPT);
    const keptOlder = await Promise.all(older.map(exists));
    assert.deepEqual(keptOlder, older.map((_, k) => k >= older.length - (SNAPSHOTS_KEPT - 1)));
    // And it still loads warm from what is left.
    assert.equal((await run(dir)).stats.snapshot, 'loaded');
  });

  it('keeps the snapshot it is told to keep whatever letter its hash starts with (b and c are also kind letters)', async () => {
    for (const first of 'bc0') {
      const dir = path.join(tmp, `prune-keep-${first}`);
      const store = new FileIndexStore(dir);
      const key = (c: string) => (first + c.repeat(39));
      // SNAPSHOTS_KEPT + 1 snapshots, the one to keep the oldest: the others are newer, so only `keep` saves it.
      const keys = ['1', '2', '3', '4', '5', '6', '7', '8'].slice(0, SNAPSHOTS_KEPT + 1).map(key);
      for (const [k, h] of keys.entries()) {
        for (const kind of 'bc') {
          await store.put(kind + h, new Uint8Array([1]));
          const t = new Date(Date.now() - (10 - k) * 3600e3);
          await fs.utimes(store.describe(kind + h), t, t);
        }
      }
      await store.prune([keys[0]]);
      const left = (await entries(dir, 'b')).map((f) => path.basename(f, '.bin').slice(1));
      assert.ok(left.includes(keys[0]), `${keys[0]} was dropped`);
      assert.equal(left.length, SNAPSHOTS_KEPT);
    }
  });
});
