// The extension host loads dist/extension.js at startup: the engine (compromise, the lexicons, the
// HTML reader) belongs in the engine worker's bundle only, or every VS Code window pays for it.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../core/helpers';

describe('the extension host bundle', () => {
  it('holds no engine: compromise, the lexicons, linkedom and Readability stay in the worker', function () {
    const file = path.join(ROOT, 'dist', 'extension.js');
    if (!existsSync(file)) throw new Error('dist/extension.js is missing: run `npm run build` first');
    const host = readFileSync(file, 'utf8');
    const worker = readFileSync(path.join(ROOT, 'dist', 'engineWorker.js'), 'utf8');
    for (const dep of ['node_modules/compromise/', 'node_modules/linkedom/', 'node_modules/@mozilla/readability/', 'src/core/analysis/lexicon/synonyms.json']) {
      assert.ok(worker.includes(dep), `the worker bundle has ${dep} (the check reads esbuild's path comments)`);
      assert.ok(!host.includes(dep), `dist/extension.js includes ${dep}`);
    }
  });
});
