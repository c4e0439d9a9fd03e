// Workspace trust: in Restricted Mode VS Code does not give the extension the workspace's own
// corpus paths or archive URL (only the user's), because package.json declares them restricted.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RESTRICTED_SETTINGS } from '../../../src/editor/settings';

const ROOT = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('workspace trust', () => {
  it('declares limited support in untrusted workspaces, with the corpus paths and the archive URL restricted', () => {
    const trust = pkg.capabilities?.untrustedWorkspaces;
    assert.ok(trust, 'package.json declares capabilities.untrustedWorkspaces');
    assert.equal(trust.supported, 'limited');
    assert.ok(typeof trust.description === 'string' && /corpus/i.test(trust.description), 'a description saying what is limited');
    assert.deepEqual(trust.restrictedConfigurations, RESTRICTED_SETTINGS.map((k) => `corroborate.${k}`));
    assert.ok(RESTRICTED_SETTINGS.includes('corpus.paths') && RESTRICTED_SETTINGS.includes('archive.url'));
    for (const key of trust.restrictedConfigurations) assert.ok(pkg.contributes.configuration.properties[key], `${key} is a contributed setting`);
  });

  it('is documented in the README settings section', () => {
    const settings = readme.slice(readme.indexOf('## Settings'), readme.indexOf('\n## ', readme.indexOf('## Settings') + 1));
    assert.match(settings, /Restricted Mode/);
    assert.match(settings, /untrusted/i);
  });
});
