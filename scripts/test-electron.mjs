#!/usr/bin/env node
// The same extension-host suite on desktop VS Code, for machines that can download it
// (@vscode/test-electron fetches VS Code from update.code.visualstudio.com; these CI machines
// cannot, so `npm test` uses scripts/test-host.mjs with code-server instead). Same suite, same
// fixture workspace (copied, since the tests edit it), other extensions disabled.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, cpSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.integration.json'], { cwd: root, stdio: 'inherit' });
const work = mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'));
cpSync(path.join(root, 'test', 'fixtures', 'workspace'), work, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration'),
    launchArgs: [work, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { CORROBORATE_TEST_WORKSPACE: work },
  });
} catch (e) {
  console.error(`Extension-host tests failed: ${e.message ?? e}`);
  process.exit(1);
}
