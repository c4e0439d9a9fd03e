#!/usr/bin/env node
// Runs the extension-host suite (test/integration) inside a real VS Code: code-server's workbench
// and Node extension host, opened in Debian's Chromium with playwright-core (the recipe in
// ../shared/VSCODE-TESTING.md). Prints mocha's output and a closing "N passed, N failed" line;
// exits non-zero on any failure or timeout. The server is stopped by its PID in every case.
//   node scripts/test-host.mjs [--timeout SECONDS]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureAll, freshProfile, startServer, launchBrowser } from './lib/vscodeServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const timeoutS = args.includes('--timeout') ? Number(args[args.indexOf('--timeout') + 1]) : 300;
const t0 = Date.now();

const cs = ensureAll();
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/build-integration.mjs'], { cwd: root, stdio: 'inherit' });
// The suite edits settings and the draft: work on a copy of the fixture workspace.
const work = mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'));
cpSync(path.join(root, 'test', 'fixtures', 'workspace'), work, { recursive: true });
process.env.CORROBORATE_TEST_WORKSPACE = work;

const profile = freshProfile();
let server, browser, result = { passed: 0, failed: 1 }, exitCode = 1;
const cleanup = async () => {
  try { await browser?.close(); } catch { /* closing anyway */ }
  server?.stop();
  profile.cleanup();
  rmSync(work, { recursive: true, force: true });
};
process.on('SIGINT', async () => { await cleanup(); process.exit(130); });

try {
  server = await startServer(cs, profile, work, { smokeDriver: true });
  console.log(`[test-host] code-server ${server.url} (pid ${server.pid}) ready after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(root)], ['extensionTestsPath', remote(path.join(root, 'out', 'test', 'integration'))]];
  const url = `${server.url}/?folder=${encodeURIComponent(work)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  browser = await launchBrowser(path.join(profile.dir, 'chromium'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  const done = new Promise((resolve) => page.exposeFunction('codeAutomationExit', (code) => resolve(code)));
  page.on('console', (msg) => {
    // The extension host's console arrives as ('%c INFO', css, fmt, ...args).
    const values = msg.args().map((a) => a.toString().replace(/^JSHandle@/, ''));
    let parts = values;
    if (typeof values[0] === 'string' && values[0].startsWith('%c')) parts = values.slice(2);
    const line = format(...parts);
    const m = /CORROBORATE_RESULT (\{.*\})/.exec(line);
    if (m) result = JSON.parse(m[1]);
    // Mocha's reporter speaks through the extension host's console; workbench noise is dropped.
    if (!values[0]?.startsWith?.('%c') && !m) return;
    if (/ENOTFOUND|open-vsx|Failed to load resource|same-origin iframe/.test(line)) return;
    console.log(line);
  });
  await page.goto(url);
  const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutS * 1000));
  const code = await Promise.race([done, timer]);
  if (code === 'timeout') { console.log(`[test-host] timed out after ${timeoutS} s`); exitCode = 1; }
  else exitCode = code === 0 && result.failed === 0 ? 0 : 1;
} catch (e) {
  console.error(`[test-host] ${e.stack ?? e}`);
  exitCode = 1;
} finally {
  await cleanup();
}
console.log(`[test-host] wall time ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`${result.passed} passed, ${result.failed} failed`);
process.exit(exitCode);
