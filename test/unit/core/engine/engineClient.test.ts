// The worker-thread engine, through its bundled script (dist/engineWorker.js).
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { EngineClient } from '../../../../src/core';
import { ROOT, SEEDS } from '../helpers';

describe('engine worker', function () {
  this.timeout(60000);
  const script = path.join(ROOT, 'dist', 'engineWorker.js');
  let client: EngineClient;
  before(function () {
    if (!existsSync(script)) throw new Error('dist/engineWorker.js is missing: run `npm run build` first');
    client = new EngineClient(script);
  });
  after(() => client?.dispose());

  it('indexes off the main thread with progress, caches the index on disk, and checks drafts', async () => {
    const storeDir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-store-'));
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const progress: number[] = [];
    const cold = await client.load({ paths: [], baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS, storeDir }, (d) => progress.push(d));
    h.disable();
    assert.equal(cold.summary.sources.length, 3);
    assert.equal(cold.stats.analysed, 3);
    assert.ok(progress.length >= 1);
    assert.ok(!('text' in cold.summary.sources[0]), 'source texts stay in the worker');
    const warm = await client.load({ paths: [], baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS, storeDir });
    assert.equal(warm.stats.snapshot, 'loaded');
    const { findings } = await client.check('North Korea fired three ballistic missiles on Wednesday.');
    assert.ok(findings.some((f) => f.verdict === 'contradicted'));
  });

  it('rejects a check before any corpus is loaded with a clear error', async () => {
    const fresh = new EngineClient(script);
    try {
      await assert.rejects(fresh.check('text'), /not loaded yet/);
    } finally {
      await fresh.dispose();
    }
  });
});
