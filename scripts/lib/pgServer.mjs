// A private PostgreSQL 15 instance for development, the tests, the bench and the demo: the shared
// archive's database (`corroborate`, schema `archive`) with pg_trgm and rum, an importer role that
// writes and an editor role that only reads, optionally a streaming read-only replica.
//
// Conventions of vscodeServer.mjs: what is missing is installed with apt-get (as root), data lives
// under the cache ($CORROBORATE_CACHE/pg, else ~/.cache/corroborate-pg; as root
// /var/lib/corroborate-pg, because /root is not reachable by the server's own user), servers listen
// on a free loopback port, and every server this process starts is stopped when it ends (normally,
// on an uncaught error, or on Ctrl+C / SIGTERM / SIGHUP) unless asked to keep running.
//
// Debian's own cluster (postgresql-common's "main", port 5432, sockets in /var/run/postgresql) is
// never used nor touched: ours have their own data folder, port, socket folder and OS user.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, onShutdown } from './vscodeServer.mjs';

export const PG_MAJOR = 15;
export const PG_BIN = `/usr/lib/postgresql/${PG_MAJOR}/bin`;
export const PG_APT_PACKAGES = [`postgresql-${PG_MAJOR}`, `postgresql-${PG_MAJOR}-rum`];
/** PostgreSQL refuses to run as root: as root, clusters belong to this system user. */
export const PG_SERVICE_USER = 'corroborate-pg';
export const DATABASE = 'corroborate';
export const SCHEMA = 'archive';
export const ROLES = {
  /** Bootstrap superuser; no password, reachable only through the Unix socket in the data folder. */
  admin: 'corroborate_admin',
  /** Owns schema `archive`: creates tables and writes. */
  importer: 'corroborate_importer',
  /** Reads schema `archive`, nothing else. */
  editor: 'corroborate_editor',
  /** Streams WAL to replicas (created on a primary when a replica is first made). */
  replication: 'corroborate_replication',
};
const PASSWORDS_FILE = 'corroborate-passwords.json';
const SETTINGS_FILE = 'corroborate.conf';
const LOG_FILE = 'server.log';
const SERVICE_HOME = '/var/lib/corroborate-pg';

const isRoot = () => process.getuid?.() === 0;
export const PG_CACHE = process.env.CORROBORATE_CACHE
  ? path.join(process.env.CORROBORATE_CACHE, 'pg')
  : isRoot() ? SERVICE_HOME : path.join(os.homedir(), '.cache', 'corroborate-pg');
/** The default data folder of a named cluster: `archive` (the primary) or `archive-replica`. */
export const defaultDataDir = (name = 'archive') => path.join(PG_CACHE, name);

/** How a role reaches the database over TCP. */
const url = (user, password, port) => `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;

const log = (...a) => console.log('[postgres]', ...a);
const bin = (tool) => path.join(PG_BIN, tool);

/** The environment of the PostgreSQL tools: the caller's PG* variables must not redirect them. */
function toolEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^PG/.test(k)) env[k] = v;
  return { ...env, LC_ALL: 'C.UTF-8', ...extra };
}

/** Runs a command and returns its stdout; a failure carries the command's stderr in its message. */
function exec(cmd, args, opts = {}) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env: toolEnv(), ...opts });
  } catch (e) {
    const detail = [e.stderr, e.stdout].filter(Boolean).join('\n').trim();
    const err = new Error(`${[cmd, ...args].map((a) => path.basename(a)).slice(0, 6).join(' ')} failed (exit ${e.status ?? e.signal}):\n${detail}`);
    err.status = e.status;
    throw err;
  }
}

/** Runs a PostgreSQL tool as the user that owns the clusters (the service user when we are root). */
function asOwner(tool, args, opts = {}) {
  if (!isRoot()) return exec(bin(tool), args, { cwd: '/', ...opts });
  return exec('runuser', ['-u', PG_SERVICE_USER, '--', bin(tool), ...args], { cwd: '/', ...opts });
}

// --- Installation -----------------------------------------------------------------------------

const isInstalled = (pkg) => {
  try { return /Status: install ok installed/.test(execFileSync('dpkg', ['-s', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })); } catch { return false; }
};
const extensionFile = (name) => `/usr/share/postgresql/${PG_MAJOR}/extension/${name}.control`;
let aptUpdated = false;

/**
 * Finds PostgreSQL 15 (server, pg_trgm from its contrib modules, rum) and installs what is missing
 * (as root; otherwise the error names the command to run). Returns `{ bin }`, the binaries' folder.
 *
 * Installing postgresql-15 makes Debian's postgresql-common create (and, where services may start,
 * run) its own "main" cluster on port 5432: we never use it, and it does not collide with ours.
 */
export function ensurePostgres() {
  const need = new Set();
  for (const tool of ['initdb', 'pg_ctl', 'postgres', 'pg_isready', 'psql', 'pg_basebackup']) if (!existsSync(bin(tool))) need.add(PG_APT_PACKAGES[0]);
  if (!existsSync(extensionFile('pg_trgm'))) need.add(PG_APT_PACKAGES[0]);
  if (!existsSync(extensionFile('rum'))) need.add(PG_APT_PACKAGES[1]);
  for (const pkg of PG_APT_PACKAGES) if (!isInstalled(pkg)) need.add(pkg);
  if (need.size) {
    const packages = PG_APT_PACKAGES.filter((p) => need.has(p));
    if (!isRoot()) {
      const err = new Error(`PostgreSQL ${PG_MAJOR} with pg_trgm and rum is not installed, and installing it needs root: run\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PG_APT_PACKAGES.join(' ')}`);
      err.code = 'NEEDS_ROOT';
      throw err;
    }
    log(`installing Debian packages: ${packages.join(' ')}`);
    // Waits for the dpkg lock rather than failing when another install is running.
    const apt = (args) => execFileSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (!aptUpdated) { apt(['update', '-qq']); aptUpdated = true; }
    apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
    const still = ['initdb', 'pg_ctl', 'postgres', 'pg_isready'].filter((t) => !existsSync(bin(t)));
    if (!existsSync(extensionFile('pg_trgm'))) still.push('pg_trgm');
    if (!existsSync(extensionFile('rum'))) still.push('rum');
    if (still.length) throw new Error(`after installing ${packages.join(' ')}, still missing: ${still.join(', ')}`);
  }
  return { bin: PG_BIN };
}

// --- The owner of the clusters ------------------------------------------------------------------

/** As root: the system user the servers run as (created once), with its uid and gid. */
function serviceUser() {
  const lookup = () => { try { return execFileSync('getent', ['passwd', PG_SERVICE_USER], { encoding: 'utf8' }).trim(); } catch { return ''; } };
  let entry = lookup();
  if (!entry) {
    log(`creating system user ${PG_SERVICE_USER}`);
    exec('useradd', ['--system', '--user-group', '--home-dir', SERVICE_HOME, '--no-create-home', '--shell', '/usr/sbin/nologin', '--comment', 'Corroborate development PostgreSQL', PG_SERVICE_USER]);
    entry = lookup();
  }
  const [, , uid, gid] = entry.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Creates `dir` (which must be empty or absent) for the owner of the clusters. */
function prepareEmptyDir(dir) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (readdirSync(dir).length) throw new Error(`${dir} is neither a PostgreSQL data folder nor empty`);
  if (!isRoot()) return;
  const { uid, gid } = serviceUser();
  if (dir.startsWith(SERVICE_HOME + path.sep)) { mkdirSync(SERVICE_HOME, { recursive: true }); chownSync(SERVICE_HOME, uid, gid); }
  chownSync(dir, uid, gid);
  try { exec('runuser', ['-u', PG_SERVICE_USER, '--', 'test', '-w', dir]); } catch {
    throw new Error(`${PG_SERVICE_USER} (the user PostgreSQL runs as) cannot reach ${dir}: a parent folder is closed to other users. Choose a data folder elsewhere (for example under /tmp or ${SERVICE_HOME}).`);
  }
}

/** Writes a file only the clusters' owner (and root) can read. */
function writePrivate(file, text) {
  writeFileSync(file, text, { mode: 0o600 });
  if (isRoot()) { const { uid, gid } = serviceUser(); chownSync(file, uid, gid); }
}

// --- A cluster's state --------------------------------------------------------------------------

const isCluster = (dataDir) => existsSync(path.join(dataDir, 'PG_VERSION'));

/**
 * `{ running, dataDir, replica }` of the cluster in `dataDir`, and when it runs `pid`, `port`,
 * `importerUrl` and `editorUrl` (from pg_ctl status, postmaster.pid and the passwords file).
 */
export function postgresStatus(dataDir = defaultDataDir()) {
  dataDir = path.resolve(dataDir);
  const replica = existsSync(path.join(dataDir, 'standby.signal'));
  if (!isCluster(dataDir) || !existsSync(bin('pg_ctl'))) return { running: false, dataDir, replica };
  try { asOwner('pg_ctl', ['status', '-D', dataDir]); } catch { return { running: false, dataDir, replica }; }
  const [pid, , , port] = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  const status = { running: true, dataDir, replica, pid: Number(pid), port: Number(port) };
  const file = path.join(dataDir, PASSWORDS_FILE);
  if (!existsSync(file)) return status;
  const pw = JSON.parse(readFileSync(file, 'utf8'));
  return { ...status, importerUrl: url(ROLES.importer, pw.importer, status.port), editorUrl: url(ROLES.editor, pw.editor, status.port) };
}

/** The passwords kept in the data folder (created with fresh ones the first time). */
function passwords(dataDir, { add = [] } = {}) {
  const file = path.join(dataDir, PASSWORDS_FILE);
  const known = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const missing = ['importer', 'editor', ...add].filter((k) => !known[k]);
  if (missing.length) {
    for (const k of missing) known[k] = randomBytes(18).toString('hex');
    writePrivate(file, JSON.stringify(known, null, 1) + '\n');
  }
  return known;
}

const storedPort = (dataDir) => {
  const m = existsSync(path.join(dataDir, SETTINGS_FILE)) && /^port = (\d+)/m.exec(readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8'));
  return m ? Number(m[1]) : undefined;
};

function portIsFree(port) {
  return new Promise((resolve) => {
    const s = createServer();
    s.unref();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** Our settings, in a file of their own that postgresql.conf includes (rewritten on every start). */
function writeSettings(dataDir, port, { standby = false } = {}) {
  writePrivate(path.join(dataDir, SETTINGS_FILE), [
    '# Written by scripts/lib/pgServer.mjs on every start.',
    "listen_addresses = '127.0.0.1'",
    `port = ${port}`,
    `unix_socket_directories = '${dataDir.replace(/'/g, "''")}'`,
    'unix_socket_permissions = 0700',
    `cluster_name = 'corroborate-${port}'`,
    // Room for a newsroom's editors (each engine keeps up to 4 connections) and memory for the index's
    // hot pages: a quarter of this machine's memory, at most 2 GB (PostgreSQL's default is 128 MB).
    'max_connections = 200',
    `shared_buffers = '${Math.max(128, Math.min(2048, Math.floor(os.totalmem() / 4 / 2 ** 20)))}MB'`,
    `effective_cache_size = '${Math.max(512, Math.floor(os.totalmem() / 2 / 2 ** 20))}MB'`,
    ...(standby ? ['hot_standby = on'] : []),
    '',
  ].join('\n'));
}

/** Runs SQL as the admin through the Unix socket (the text goes on stdin, so passwords stay out of `ps`). */
function adminSql(dataDir, port, sql, db = 'postgres') {
  return exec(bin('psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-h', dataDir, '-p', String(port), '-U', ROLES.admin, '-d', db], { input: sql });
}


// --- Creating a cluster -------------------------------------------------------------------------

const HBA = `# Written by scripts/lib/pgServer.mjs. TCP on 127.0.0.1 only, with passwords (SCRAM); the admin has
# no password and comes in only through the Unix socket inside this folder (mode 0700).
# TYPE  DATABASE     USER                   ADDRESS        METHOD
local   all          ${ROLES.admin}                       trust
host    ${DATABASE}  ${ROLES.importer}   127.0.0.1/32   scram-sha-256
host    ${DATABASE}  ${ROLES.editor}     127.0.0.1/32   scram-sha-256
`;
const HBA_REPLICATION = `host    replication  ${ROLES.replication}  127.0.0.1/32   scram-sha-256\n`;

function initCluster(dataDir) {
  prepareEmptyDir(dataDir);
  // C.UTF-8, not C: with LC_CTYPE=C, pg_trgm and the text-search parser treat every non-ASCII
  // letter as a separator, so "Müller" would not match itself.
  asOwner('initdb', ['-D', dataDir, `--username=${ROLES.admin}`, '--auth-local=trust', '--auth-host=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8', '--no-instructions']);
  writePrivate(path.join(dataDir, 'pg_hba.conf'), HBA);
  appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n# Corroborate: loopback port, socket folder, standby settings.\ninclude = '${SETTINGS_FILE}'\n`);
  passwords(dataDir);
}

/** The database, extensions, schema and roles; safe to run on every start. */
function provision(dataDir, port) {
  const pw = passwords(dataDir);
  const { importer, editor } = ROLES;
  adminSql(dataDir, port, `
SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY['${importer}', '${editor}']) AS r
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r)\\gexec
ALTER ROLE ${importer} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '${pw.importer}';
ALTER ROLE ${editor} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '${pw.editor}';
SELECT 'CREATE DATABASE ${DATABASE}' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '${DATABASE}')\\gexec
REVOKE ALL ON DATABASE ${DATABASE} FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE ${DATABASE} TO ${importer};
GRANT CONNECT ON DATABASE ${DATABASE} TO ${editor};
ALTER ROLE ${importer} IN DATABASE ${DATABASE} SET search_path = ${SCHEMA}, public;
ALTER ROLE ${editor} IN DATABASE ${DATABASE} SET search_path = ${SCHEMA}, public;
\\connect ${DATABASE}
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS rum;
CREATE SCHEMA IF NOT EXISTS ${SCHEMA} AUTHORIZATION ${importer};
ALTER SCHEMA ${SCHEMA} OWNER TO ${importer};
REVOKE ALL ON SCHEMA ${SCHEMA} FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA ${SCHEMA} TO ${editor};
GRANT SELECT ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${editor};
GRANT SELECT ON ALL SEQUENCES IN SCHEMA ${SCHEMA} TO ${editor};
ALTER DEFAULT PRIVILEGES FOR ROLE ${importer} IN SCHEMA ${SCHEMA} GRANT SELECT ON TABLES TO ${editor};
ALTER DEFAULT PRIVILEGES FOR ROLE ${importer} IN SCHEMA ${SCHEMA} GRANT SELECT ON SEQUENCES TO ${editor};
`);
  return pw;
}

/** On a running primary: the replication role, its password and its pg_hba line (reloaded if added). */
function allowReplication(primary) {
  const pw = passwords(primary.dataDir, { add: ['replication'] });
  adminSql(primary.dataDir, primary.port, `
SELECT 'CREATE ROLE ${ROLES.replication}' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ROLES.replication}')\\gexec
ALTER ROLE ${ROLES.replication} WITH LOGIN REPLICATION NOSUPERUSER PASSWORD '${pw.replication}';
`);
  const hba = path.join(primary.dataDir, 'pg_hba.conf');
  if (!readFileSync(hba, 'utf8').includes(HBA_REPLICATION.trim())) {
    appendFileSync(hba, HBA_REPLICATION);
    adminSql(primary.dataDir, primary.port, 'SELECT pg_reload_conf();');
  }
  return pw.replication;
}

/** A copy of the running primary's data folder that streams its changes (pg_basebackup -R). */
function cloneReplica(dataDir, primary) {
  const password = allowReplication(primary);
  prepareEmptyDir(dataDir);
  // -R writes standby.signal and primary_conninfo (with the password, from PGPASSWORD); -X stream
  // copies the WAL written during the copy; -c fast does not wait for the next checkpoint.
  asOwner('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', ROLES.replication, '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '--no-password'], { env: toolEnv({ PGPASSWORD: password }) });
  // The primary's log and socket lock came along with the copy.
  for (const f of readdirSync(dataDir)) if (f === LOG_FILE || f.startsWith('.s.PGSQL.')) rmSync(path.join(dataDir, f), { force: true });
}

// --- Starting and stopping ----------------------------------------------------------------------

/** Stops the cluster in `dataDir` (fast shutdown: open sessions are ended). Returns false if it was not running. */
export function stopPostgres(dataDir = defaultDataDir()) {
  dataDir = path.resolve(dataDir);
  if (!postgresStatus(dataDir).running) return false;
  asOwner('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '60']);
  return true;
}

// Clusters this process started, newest last; stopped (newest first, so replicas before their
// primary) when the process exits. Signals go through vscodeServer.mjs's handlers (one set for all
// the servers a script runs), which end in process.exit and so here too.
const ownClusters = new Map();
let exitHookInstalled = false;
function stopOnExit(dataDir, stop) {
  ownClusters.set(dataDir, stop);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => { for (const s of [...ownClusters.values()].reverse()) s(); });
  }
  onShutdown(stop);
}

/**
 * Starts (creating it the first time) the cluster in `dataDir` on 127.0.0.1 and resolves to
 * `{ port, dataDir, importerUrl, editorUrl, adminSocketDir, stop() }`.
 * - `port`: default the one it had last time if free, else a free one.
 * - `replicaOf: { port, dataDir }` of a running primary: the cluster is a read-only streaming
 *   replica of it (its URLs point at the replica; the importer's can only read there).
 * - `keepRunning`: do not stop it when this process ends (the CLI's `start`).
 * A cluster that is already running is reused as it is, and left running.
 */
export async function startPostgres({ dataDir, port, replicaOf, keepRunning = false } = {}) {
  ensurePostgres();
  dataDir = path.resolve(dataDir ?? defaultDataDir(replicaOf ? 'archive-replica' : 'archive'));
  const started = Date.now();
  let status = postgresStatus(dataDir);
  const standby = Boolean(replicaOf) || existsSync(path.join(dataDir, 'standby.signal'));
  let ownedHere = false;
  if (!status.running) {
    if (!isCluster(dataDir)) {
      if (replicaOf) {
        const primary = { port: replicaOf.port, dataDir: path.resolve(replicaOf.dataDir) };
        if (!postgresStatus(primary.dataDir).running) throw new Error(`the primary in ${primary.dataDir} is not running`);
        log(`copying the primary on port ${primary.port} into ${dataDir}`);
        cloneReplica(dataDir, primary);
      } else {
        log(`creating a cluster in ${dataDir}`);
        initCluster(dataDir);
      }
    }
    if (port !== undefined) {
      if (!(await portIsFree(port))) throw new Error(`port ${port} on 127.0.0.1 is in use`);
    } else {
      const last = storedPort(dataDir);
      port = last !== undefined && (await portIsFree(last)) ? last : await freePort();
    }
    const socket = path.join(dataDir, `.s.PGSQL.${port}`);
    if (Buffer.byteLength(socket) > 107) throw new Error(`the data folder's path is too long for a Unix socket (${socket}): choose a shorter one`);
    writeSettings(dataDir, port, { standby });
    try {
      asOwner('pg_ctl', ['start', '-D', dataDir, '-l', path.join(dataDir, LOG_FILE), '-w', '-t', '60']);
    } catch (e) {
      const logText = existsSync(path.join(dataDir, LOG_FILE)) ? readFileSync(path.join(dataDir, LOG_FILE), 'utf8').split('\n').slice(-20).join('\n') : '';
      throw new Error(`${e.message}\n--- ${path.join(dataDir, LOG_FILE)} ---\n${logText}`);
    }
    ownedHere = true;
    status = postgresStatus(dataDir);
  }
  if (!ownedHere) log(`already running on 127.0.0.1:${status.port} (${dataDir}): used as it is, and left running`);
  port = status.port;
  const stop = () => {
    ownClusters.delete(dataDir);
    try { stopPostgres(dataDir); } catch (e) { log(`stopping ${dataDir} failed: ${e.message}`); }
  };
  if (ownedHere && !keepRunning) stopOnExit(dataDir, stop);
  try {
    await waitReady(dataDir, port);
    const pw = standby ? passwords(dataDir) : provision(dataDir, port);
    if (ownedHere) log(`${standby ? 'replica' : 'primary'} ready on 127.0.0.1:${port} (${dataDir}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return {
      port, dataDir, adminSocketDir: dataDir, stop,
      importerUrl: url(ROLES.importer, pw.importer, port),
      editorUrl: url(ROLES.editor, pw.editor, port),
    };
  } catch (e) {
    if (ownedHere) stop();
    throw e;
  }
}

/** pg_ctl -w has waited for the postmaster; this waits until it accepts connections on the socket. */
async function waitReady(dataDir, port) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try { exec(bin('pg_isready'), ['-q', '-h', dataDir, '-p', String(port), '-U', ROLES.admin, '-d', 'postgres']); return; } catch (e) {
      if (Date.now() > deadline) throw new Error(`PostgreSQL in ${dataDir} did not accept connections within 30 s: ${e.message}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The PIDs of the processes running in `dataDir` (every PostgreSQL server process has it as its working folder). */
export function processesIn(dataDir) {
  dataDir = path.resolve(dataDir);
  const pids = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try { if (readlinkSync(`/proc/${pid}/cwd`) === dataDir) pids.push(Number(pid)); } catch { /* gone, or not ours to see */ }
  }
  return pids;
}
