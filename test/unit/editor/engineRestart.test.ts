// The extension's own faults: when the engine worker dies (a crash, out of memory, killed) the
// client starts a new one, reloads the last corpus and answers the requests that were waiting;
// a crash loop stops it. A fake worker script speaks the engine protocol and dies on demand; the
// last test kills the real bundled worker (dist/engineWorker.js).
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient, type EngineEvent } from '../../../src/core/engine/engineClient';
import { ROOT, SEEDS } from '../core/helpers';

// Loads answer with the number of loads this worker thread has seen; `paths: ['crash']` exits
// during the load; a check of 'exit' exits with code 3, of 'oom' allocates until the heap limit.
const FAKE = `
const { parentPort, threadId } = require('node:worker_threads');
let loads = 0, loaded = false;
parentPort.on('message', (req) => {
  if (req.type === 'load') {
    if (req.paths[0] === 'crash') process.exit(7);
    loads++; loaded = true;
    parentPort.postMessage({ type: 'progress', id: req.id, done: 0, total: 1 });
    setTimeout(() => parentPort.postMessage({ type: 'loaded', id: req.id, problems: [], heapUsed: 0,
      stats: { sources: 1, analysed: 1, reused: 0, snapshot: 'built', ms: 1, problems: [] },
      summary: { sources: [], entities: threadId, passages: loads, files: req.paths } }), 20);
  } else if (req.type === 'check') {
    if (req.text === 'exit') process.exit(3);
    if (req.text === 'oom') { const keep = []; for (;;) keep.push(new Array(1e5).fill(threadId)); }
    if (!loaded) return parentPort.postMessage({ type: 'error', id: req.id, message: 'the corpus is not loaded yet' });
    parentPort.postMessage({ type: 'result', id: req.id, findings: [], ms: threadId });
  }
});
`;

const LOAD = { paths: ['corpus'], baseDir: '/', includeSeeds: false, seedsDir: '/' };

describe('engine restart (EngineClient)', function () {
  this.timeout(60000);
  let script: string;
  const clients: EngineClient[] = [];
  before(() => {
    script = path.join(mkdtempSync(path.join(os.tmpdir(), 'corroborate-fake-worker-')), 'fakeWorker.js');
    writeFileSync(script, FAKE);
  });
  after(async () => {
    for (const c of clients) await c.dispose();
    rmSync(path.dirname(script), { recursive: true, force: true });
  });

  function client(opts: ConstructorParameters<typeof EngineClient>[1] = {}, file = script): { c: EngineClient; events: EngineEvent[]; next: (type: EngineEvent['type']) => Promise<EngineEvent> } {
    const events: EngineEvent[] = [];
    const waiters: { type: string; resolve: (e: EngineEvent) => void }[] = [];
    const c = new EngineClient(file, {
      restart: { maxCrashes: 3, healthyMs: 60000 }, ...opts,
      onEvent: (e) => {
        events.push(e);
        const w = waiters.findIndex((x) => x.type === e.type);
        if (w >= 0) waiters.splice(w, 1)[0].resolve(e);
      },
    });
    clients.push(c);
    /** The next event of a type (from now on). */
    const next = (type: EngineEvent['type']) => new Promise<EngineEvent>((resolve) => waiters.push({ type, resolve }));
    return { c, events, next };
  }

  it('restarts a killed worker, reloads the last corpus, and answers a check sent meanwhile', async () => {
    const { c, events, next } = client();
    const first = await c.load(LOAD);
    const before = (await c.check('fine')).ms; // the fake answers with its thread id
    assert.equal(first.summary.files[0], 'corpus');
    const restarted = next('restarted');
    await c.thread.terminate(); // killed from outside, as by the OS
    assert.equal(c.state, 'restarting');
    const meanwhile = c.check('fine'); // waits for the reload instead of failing
    const r = await restarted;
    assert.equal(r.type === 'restarted' && r.result?.summary.files[0], 'corpus', 'the same corpus reloaded');
    const after = (await meanwhile).ms;
    assert.notEqual(after, before, 'answered by a new worker thread');
    assert.deepEqual(events.map((e) => e.type), ['crashed', 'restarted']);
    assert.equal(c.restarts, 1);
    assert.equal(c.state, 'running');
  });

  it('sends a check in flight at a crash once more; one that kills the worker twice fails, and the engine lives on', async () => {
    const { c, events } = client();
    await c.load(LOAD);
    await assert.rejects(c.check('exit'), /exited with code 3/);
    assert.deepEqual(events.map((e) => e.type), ['crashed', 'restarted', 'crashed', 'restarted']);
    assert.equal(c.state, 'running');
    assert.ok((await c.check('fine')).ms > 0);
  });

  it('survives the worker running out of memory', async () => {
    const { c, events, next } = client({ resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 8 } });
    await c.load(LOAD);
    const restarted = next('restarted');
    const failing = c.check('oom');
    await restarted;
    const crash = events.find((e) => e.type === 'crashed');
    assert.match(crash && crash.type === 'crashed' ? crash.error.message : '', /memory/i);
    await assert.rejects(failing);
    assert.ok((await c.check('fine')).ms > 0, 'checks work after the restart');
  });

  it('stops after three crashes in a row (a crash loop), says so, and can be revived', async () => {
    const { c, events } = client();
    await assert.rejects(c.load({ ...LOAD, paths: ['crash'] }), /stopped after 3 crashes/);
    assert.deepEqual(events.map((e) => e.type), ['crashed', 'crashed', 'stopped']);
    assert.equal(c.state, 'stopped');
    await assert.rejects(c.check('fine'), /stopped after 3 crashes/);
    c.revive();
    assert.equal(c.state, 'running');
    assert.equal((await c.load(LOAD)).summary.files[0], 'corpus');
  });

  it('counts crashes anew after the worker stayed up', async () => {
    const { c, events } = client({ restart: { maxCrashes: 2, healthyMs: 100 } });
    await c.load(LOAD);
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 150));
      const restarted = new Promise<void>((resolve) => { const t = setInterval(() => { if (c.state === 'running' && events.filter((e) => e.type === 'restarted').length === i + 1) { clearInterval(t); resolve(); } }, 10); });
      await c.thread.terminate();
      await restarted;
    }
    assert.equal(c.state, 'running', JSON.stringify(events.map((e) => e.type)));
    assert.equal(c.restarts, 3);
  });

  it('without a restart policy a death fails every request, as before', async () => {
    const c = new EngineClient(script);
    clients.push(c);
    await c.load(LOAD);
    await assert.rejects(c.check('exit'), /exited with code 3/);
    await assert.rejects(c.check('fine'), /exited with code 3/);
  });

  it('restarts the real engine worker with its corpus', async function () {
    const real = path.join(ROOT, 'dist', 'engineWorker.js');
    if (!existsSync(real)) throw new Error('dist/engineWorker.js is missing: run `npm run build` first');
    const { c, next } = client({}, real);
    await c.load({ paths: [], baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS });
    const restarted = next('restarted');
    await c.thread.terminate();
    const { findings } = await c.check('North Korea fired three ballistic missiles on Wednesday.');
    assert.ok(findings.some((f) => f.verdict === 'contradicted'), 'checked against the reloaded seeds');
    const r = await restarted;
    assert.equal(r.type === 'restarted' && r.result?.summary.sources.length, 3);
  });
});
