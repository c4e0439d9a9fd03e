import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normaliseSettings, DEFAULTS, SETTING_KEYS, severityFor } from '../../../src/editor/settings';
import { CommandIds } from '../../../src/editor/commandIds';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
const readme = readFileSync(path.join(__dirname, '..', '..', '..', 'README.md'), 'utf8');

describe('settings', () => {
  it('uses defaults for unset values and keeps valid ones', () => {
    const { settings, warnings } = normaliseSettings((k) => ({ debounceMs: 0, 'severity.contradicted': 'error', 'corpus.paths': [' corpus/ ', ''] } as Record<string, unknown>)[k]);
    assert.deepEqual(warnings, []);
    assert.equal(settings.debounceMs, 0);
    assert.equal(settings['severity.contradicted'], 'error');
    assert.deepEqual(settings['corpus.paths'], ['corpus/']);
    assert.equal(settings.checkOn, 'type');
    assert.equal(severityFor(settings, 'found'), 'hint');
    assert.equal(severityFor(settings, 'contradicted'), 'error');
  });

  it('falls back to the default with a warning for malformed values', () => {
    const bad: Record<string, unknown> = { debounceMs: -5, checkOn: 'sometimes', 'severity.misquoted': 'loud', languages: 'markdown', 'corpus.includeSeeds': 'yes' };
    const { settings, warnings } = normaliseSettings((k) => bad[k]);
    assert.equal(warnings.length, 5);
    assert.equal(settings.debounceMs, DEFAULTS.debounceMs);
    assert.equal(settings.checkOn, 'type');
    assert.equal(settings['severity.misquoted'], 'warning');
    assert.deepEqual(settings.languages, DEFAULTS.languages);
    assert.match(warnings[0], /corroborate\.\S+: .* is not valid; using the default/);
  });

  it('takes an archive URL without its password, never one from settings.json, and refuses what is not a PostgreSQL URL', () => {
    const read = (url: unknown) => normaliseSettings((k) => (k === 'archive.url' ? url : undefined));
    assert.deepEqual(read('postgres://corroborate_editor@archive.example:5432/corroborate'), { settings: { ...DEFAULTS, 'archive.url': 'postgres://corroborate_editor@archive.example:5432/corroborate' }, warnings: [] });
    const withPassword = read('postgresql://editor:s3cret@10.0.0.5/corroborate');
    assert.equal(withPassword.settings['archive.url'], 'postgresql://editor@10.0.0.5/corroborate');
    assert.equal(withPassword.warnings.length, 1);
    assert.match(withPassword.warnings[0], /password.*not used.*Set Archive Password/);
    assert.doesNotMatch(withPassword.warnings[0], /s3cret/);
    for (const bad of ['mysql://a@b/c', 'archive.example', 42, 'postgres://']) {
      const r = read(bad);
      assert.equal(r.settings['archive.url'], '', String(bad));
      assert.match(r.warnings[0], /corroborate\.archive\.url: .* is not valid/);
    }
    assert.deepEqual(read('  ').settings['archive.url'], '');
  });

  it('matches package.json: same keys and defaults, every command handled, settings documented', () => {
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), SETTING_KEYS.map((k) => `corroborate.${k}`).sort());
    for (const k of SETTING_KEYS) assert.deepEqual(props[`corroborate.${k}`].default, DEFAULTS[k], k);
    assert.deepEqual(pkg.contributes.commands.map((c: { command: string }) => c.command).sort(), Object.values(CommandIds).sort());
    for (const k of SETTING_KEYS) assert.ok(readme.includes(`corroborate.${k}`), `README documents corroborate.${k}`);
  });

  it('has a README settings table with every setting and its default', () => {
    const rows = new Map([...readme.matchAll(/^\| `corroborate\.([\w.]+)` \| `([^`]*)` \|/gm)].map((m) => [m[1], m[2].replace(/\\\|/g, '|')]));
    for (const k of SETTING_KEYS) {
      const shown = rows.get(k);
      assert.ok(shown !== undefined, `a table row for corroborate.${k}`);
      const json = JSON.stringify(DEFAULTS[k], null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']');
      assert.ok(shown.endsWith('…') ? json.startsWith(shown.slice(0, -1)) : shown === json, `corroborate.${k}: the table says ${shown}, the default is ${json}`);
    }
  });
});
