#!/usr/bin/env node
// One command for a newcomer: builds and packages the extension, installs it into code-server
// (VS Code in the browser) on 127.0.0.1, opens samples/ with the sample draft, and prints the URL.
// Ctrl+C stops everything it started.
//   npm run demo [-- --port 8080] [-- --screenshot]
// --screenshot opens the page in Chromium, waits for the draft's underlines, saves
// test-results/demo.png, and stops (exit 1 when the underlines never appear).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { ensureAll, freshProfile, startServer, installVsix, onShutdown, launchBrowser, shutdown } from './lib/vscodeServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;
const cs = ensureAll();
execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: 'inherit' });
const profile = freshProfile({ 'workbench.colorTheme': 'Default Light Modern', 'editor.wordWrap': 'on' });
onShutdown(profile.cleanup);
installVsix(cs, profile, path.join(root, 'corroborate.vsix'));

// samples/ with its draft; without one, a temporary copy of the test fixture's workspace.
let folder = path.join(root, 'samples');
let draft = path.join(folder, 'draft.md');
if (!existsSync(draft)) {
  folder = mkdtempSync(path.join(os.tmpdir(), 'corroborate-demo-'));
  cpSync(path.join(root, 'test', 'fixtures', 'workspace'), folder, { recursive: true });
  draft = path.join(folder, 'drafts', 'summit.md');
  const copy = folder;
  onShutdown(() => rmSync(copy, { recursive: true, force: true }));
}
const server = await startServer(cs, profile, folder, { port });
onShutdown(server.stop);
// The web workbench opens `openFile` from the payload parameter.
const payload = [['openFile', `vscode-remote://127.0.0.1:${server.port}${draft}`]];
const url = `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
console.log(`\nCorroborate is running in VS Code (code-server, pid ${server.pid}) at:\n\n  ${url}\n`);
if (args.includes('--screenshot')) {
  const shot = path.join(root, 'test-results', 'demo.png');
  mkdirSync(path.dirname(shot), { recursive: true });
  const browser = await launchBrowser(path.join(profile.dir, 'chromium'));
  onShutdown(() => browser.close());
  const page = browser.pages()[0] ?? (await browser.newPage());
  let ok = true;
  try {
    await page.goto(url);
    await page.waitForSelector('.monaco-editor .view-line', { timeout: 60000 });
    await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
    await page.waitForTimeout(1000);
  } catch (e) {
    ok = false;
    console.log(`[demo] the draft's underlines did not appear: ${e.message.split('\n')[0]}`);
  }
  await page.screenshot({ path: shot });
  console.log(`[demo] screenshot: ${path.relative(root, shot)}`);
  await shutdown();
  process.exit(ok ? 0 : 1);
}
console.log(`Open it in a browser (it shows ${path.relative(folder, draft)}): hover the underlines, run "Corroborate: Check Claims" (F1).`);
console.log('Press Ctrl+C to stop.');
setInterval(() => {}, 1 << 30);
