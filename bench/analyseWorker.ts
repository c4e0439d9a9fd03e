// Worker thread for the bench's analysis pool (used when indexCorpus takes an `analyse` hook rather
// than a worker count): analyses a batch of source texts with the engine's own analyseSource.
import { parentPort } from 'node:worker_threads';
import { analyseSource } from '../src/core/corpus';
import type { NlpMode } from '../src/core/entities';

parentPort!.on('message', (m: { batch: { text: string }[]; mode: NlpMode }) => {
  try {
    parentPort!.postMessage({ ok: true, result: m.batch.map((s) => analyseSource(s.text, m.mode)) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: (e as Error).stack ?? String(e) });
  }
});
