#!/usr/bin/env node
// One command for a newcomer: builds and packages the extension, installs it into code-server
// (VS Code in the browser), opens samples/ with the sample draft, and prints the URL to open.
// Ctrl+C stops everything it started.
//   npm run demo [-- --port 8080]
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAll, freshProfile, startServer, installVsix } from './lib/vscodeServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const port = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;
const cs = ensureAll();
execFileSync('npm', ['run', 'package', '--silent'], { cwd: root, stdio: 'inherit' });
const profile = freshProfile({ 'workbench.colorTheme': 'Default Light Modern' });
installVsix(cs, profile, path.join(root, 'corroborate.vsix'));
const folder = path.join(root, 'samples');
const server = await startServer(cs, profile, folder, { port });
const stop = () => { server.stop(); profile.cleanup(); process.exit(0); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
console.log(`\nCorroborate is running in VS Code at:\n\n  ${server.url}/?folder=${encodeURIComponent(folder)}\n`);
console.log('Open it in a browser, then open draft.md from the Explorer: hover the underlines, run "Corroborate: Check Claims" (F1).');
console.log(`Press Ctrl+C to stop (code-server pid ${server.pid}).`);
setInterval(() => {}, 1 << 30);
