#!/usr/bin/env node
// Runs the extension-host suite (test/integration) inside a real VS Code: code-server's workbench
// and Node extension host, opened in Debian's Chromium with playwright-core (the recipe is in
// docs/vscode-testing.md). Prints mocha's output and a closing "N passed, N failed" line;
// exits non-zero on any failure or on the overall timeout. The server is stopped by its PID in
// every case (including Ctrl+C).
//   node scripts/test-host.mjs [--timeout SECONDS]   (default 300, counted after the one-off install)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureAll, freshProfile, startServer, launchBrowser, onShutdown, shutdown } from './lib/vscodeServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const timeoutS = args.includes('--timeout') ? Number(args[args.indexOf('--timeout') + 1]) : 300;
const t0 = Date.now();
const secs = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
let result = { passed: 0, failed: 0 };
let timedOut = false;

function finish(exitCode, why) {
  if (why) console.log(`[test-host] ${why}`);
  console.log(`[test-host] wall time ${secs(t0)}`);
  // A run that never reported counts as one failure, so the summary never reads "0 failed" then.
  const failed = exitCode && !result.failed ? 1 : result.failed;
  console.log(`${result.passed} passed, ${failed} failed`);
  process.exit(exitCode);
}

const cs = ensureAll();
const tRun = Date.now();
const watchdog = setTimeout(async () => {
  timedOut = true;
  await Promise.race([shutdown(), new Promise((r) => setTimeout(r, 5000))]);
  finish(1, `timed out after ${timeoutS} s`);
}, timeoutS * 1000);

execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
rmSync(path.join(root, 'out', 'test', 'integration'), { recursive: true, force: true });
execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.integration.json'], { cwd: root, stdio: 'inherit' });
console.log(`[test-host] built and compiled in ${secs(tRun)}`);

// The suite edits settings and the draft: it works on a copy of the fixture workspace.
const work = mkdtempSync(path.join(os.tmpdir(), 'corroborate-ws-'));
cpSync(path.join(root, 'test', 'fixtures', 'workspace'), work, { recursive: true });
onShutdown(() => rmSync(work, { recursive: true, force: true }));
const profile = freshProfile();
onShutdown(profile.cleanup);

// A shared archive for archive.test.ts: a private PostgreSQL on loopback holding one article the
// workspace's own corpus does not have. The extension host finds it in CORROBORATE_TEST_ARCHIVE and
// the password in PGPASSWORD (as a newsroom may set it); it stops and starts the server itself.
try {
  const pg = await import('./lib/pgServer.mjs');
  pg.ensurePostgres();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-pg-host-'));
  const db = await pg.startPostgres({ dataDir, keepRunning: true });
  onShutdown(() => { try { pg.stopPostgres(dataDir); } catch { /* already stopped */ } rmSync(dataDir, { recursive: true, force: true }); });
  const articles = mkdtempSync(path.join(os.tmpdir(), 'corroborate-archive-articles-'));
  onShutdown(() => rmSync(articles, { recursive: true, force: true }));
  writeFileSync(path.join(articles, 'harbour.md'), '---\ntitle: Port Ellis approves a ferry terminal\noutlet: Harbour Gazette\n---\nThe harbour authority approved a new ferry terminal in Port Ellis on Tuesday, at a cost of 48 million euros.\n');
  execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'archive', 'import', articles, '--archive', db.importerUrl], { cwd: root, stdio: 'inherit' });
  const editor = new URL(db.editorUrl);
  process.env.PGPASSWORD = decodeURIComponent(editor.password);
  editor.password = '';
  process.env.CORROBORATE_TEST_ARCHIVE = JSON.stringify({ url: editor.toString(), dataDir, script: path.join(root, 'scripts', 'archive-server.mjs') });
  console.log(`[test-host] archive on ${editor.host} with one article`);
} catch (e) {
  if (e.code !== 'NEEDS_ROOT') throw e;
  console.log(`[test-host] no archive for archive.test.ts: ${e.message}`);
}

let exitCode = 1;
try {
  const server = await startServer(cs, profile, work, { smokeDriver: true });
  onShutdown(server.stop);
  console.log(`[test-host] code-server ${server.url} (pid ${server.pid}) answered /healthz after ${secs(tRun)}`);
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(root)], ['extensionTestsPath', remote(path.join(root, 'out', 'test', 'integration'))]];
  const url = `${server.url}/?folder=${encodeURIComponent(work)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const browser = await launchBrowser(path.join(profile.dir, 'chromium'));
  onShutdown(() => browser.close());
  const page = browser.pages()[0] ?? (await browser.newPage());
  let exited;
  const done = new Promise((resolve) => { exited = resolve; });
  // The workbench calls this with 0 or 1 when the suite's run() resolves or rejects.
  await page.exposeFunction('codeAutomationExit', (code) => { exited(code); });
  page.on('console', (msg) => {
    // The extension host's console arrives as ('%c INFO', css, fmt, ...args): drop the first two.
    // Read synchronously (a primitive handle's preview is its value) so lines keep their order
    // and the result line lands before codeAutomationExit is called.
    const values = msg.args().map((a) => a.toString().replace(/^JSHandle@/, ''));
    if (!(typeof values[0] === 'string' && values[0].startsWith('%c'))) return; // workbench noise
    const line = format(...values.slice(2));
    const m = /CORROBORATE_RESULT (\{.*\})/.exec(line);
    if (m) { result = JSON.parse(m[1]); return; }
    if (/ENOTFOUND|open-vsx|authentication provider 'github'/.test(line)) return; // harmless, offline
    console.log(line);
  });
  await page.goto(url);
  const code = await done;
  console.log(`[test-host] suite finished (exit code ${code}) ${secs(tRun)} after the install check`);
  exitCode = code === 0 && result.failed === 0 && result.passed > 0 ? 0 : 1;
} catch (e) {
  if (timedOut) await new Promise(() => {}); // the watchdog is closing the browser under us; it reports
  console.error(`[test-host] ${e.stack ?? e}`);
  exitCode = 1;
}
clearTimeout(watchdog);
await shutdown();
finish(exitCode);
