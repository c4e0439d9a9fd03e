import * as path from 'node:path';
import { loadSources, buildCorpus, type Corpus } from '../../../src/core';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SEEDS = path.join(ROOT, 'seeds');
let seedCorpus: Promise<Corpus> | undefined;
/** The corpus of the three bundled seed articles, built once per test run. */
export function seeds(): Promise<Corpus> {
  seedCorpus ??= loadSources([], { baseDir: ROOT, includeSeeds: true, seedsDir: SEEDS }).then((r) => buildCorpus(r.sources));
  return seedCorpus;
}

/** Every draft of the labelled sets and the Brown press drafts: what the engine is judged on. */
export async function evalDrafts(): Promise<{ name: string; text: string }[]> {
  const { promises: fs } = await import('node:fs');
  const out: { name: string; text: string }[] = [];
  for (const set of ['set', 'holdout', 'blind', 'blind2', 'blind3', 'brown']) {
    const dir = path.join(ROOT, 'test', 'eval', set);
    for (const f of (await fs.readdir(dir)).sort()) if (f.endsWith('.md') && f !== 'README.md') out.push({ name: `${set}/${f}`, text: await fs.readFile(path.join(dir, f), 'utf8') });
  }
  return out;
}

/** Where two lists of findings first differ, short enough to read in a failure ('none' when equal). */
export function firstDifference(got: unknown[], want: unknown[], labels = ['got', 'want']): string {
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    const a = JSON.stringify(got[i]), b = JSON.stringify(want[i]);
    if (a !== b) return `finding ${i}:\n  ${labels[0]}: ${a?.slice(0, 1500)}\n  ${labels[1]}: ${b?.slice(0, 1500)}`;
  }
  return 'none';
}

/** A private PostgreSQL for a test (scripts/lib/pgServer.mjs installs it the first time, as root; skips without root). */
export interface TestCluster { importerUrl: string; editorUrl: string; dataDir: string; port: number; stop(): void }
export async function startTestPostgres(ctx: Mocha.Context, opts: { dataDir?: string; port?: number } = {}): Promise<TestCluster> {
  const { mkdtempSync } = await import('node:fs');
  const os = await import('node:os');
  const pg = await import(path.join(ROOT, 'scripts', 'lib', 'pgServer.mjs')) as { ensurePostgres(): unknown; startPostgres(o: { dataDir: string; port?: number }): Promise<TestCluster> };
  try { pg.ensurePostgres(); } catch (e) {
    if ((e as { code?: string }).code !== 'NEEDS_ROOT') throw e;
    console.warn(`      skipped: ${(e as Error).message}`);
    ctx.skip();
  }
  return pg.startPostgres({ dataDir: opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'corroborate-pg-test-')), ...(opts.port ? { port: opts.port } : {}) });
}
/** Stops a test's server and removes its folder. */
export function removeTestCluster(c: TestCluster | undefined): void {
  if (!c) return;
  c.stop();
  require('node:fs').rmSync(c.dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
