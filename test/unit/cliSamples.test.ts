// The README's CI example: the whole samples/ folder as SARIF, valid against the official schema.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './core/helpers';
import { sarifSchemaErrors } from './core/report/sarifSchema';

describe('CLI on the samples folder', () => {
  it('writes SARIF 2.1.0 for samples/ that the official schema accepts, one result per problem', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'check', '--format', 'sarif', 'samples/'], { encoding: 'utf8', cwd: ROOT });
    assert.equal(r.status, 1, r.stderr); // the sample draft has contradictions
    const log = JSON.parse(r.stdout);
    assert.deepEqual(sarifSchemaErrors(log), []);
    const uris = new Set(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.has('samples/draft.md'), [...uris].join(', '));
  });
});
