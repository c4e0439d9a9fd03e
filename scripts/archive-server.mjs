#!/usr/bin/env node
// The shared archive's PostgreSQL for development and the demo, run by hand: a private cluster on
// 127.0.0.1 (scripts/lib/pgServer.mjs) that keeps running after this command returns.
//   node scripts/archive-server.mjs start  [--data DIR] [--port N] [--replica-of PRIMARY_DIR]
//   node scripts/archive-server.mjs stop   [--data DIR]
//   node scripts/archive-server.mjs status [--data DIR]
//   node scripts/archive-server.mjs up     [--data DIR] [PATH...]   start, then import the seeds and PATHs
// DIR defaults to the cache ($CORROBORATE_CACHE/pg, ~/.cache/corroborate-pg, or as root
// /var/lib/corroborate-pg): `archive`, or `archive-replica` with --replica-of. `status` exits 3
// when the server is not running, as pg_ctl status does.
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, DATABASE, defaultDataDir, postgresStatus, startPostgres, stopPostgres } from './lib/pgServer.mjs';

const usage = 'usage: node scripts/archive-server.mjs start|stop|status [--data DIR] [--port N] [--replica-of PRIMARY_DIR]\n       node scripts/archive-server.mjs up [--data DIR] [--port N] [PATH...]   (start, then import the seeds and PATHs)';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let parsed;
try {
  parsed = parseArgs({ allowPositionals: true, options: { data: { type: 'string' }, port: { type: 'string' }, 'replica-of': { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
} catch (e) {
  console.error(`${e.message}\n${usage}`);
  process.exit(2);
}
const { values, positionals: [command, ...extra] } = parsed;
if (values.help) { console.log(usage); process.exit(0); }
if (!['start', 'stop', 'status', 'up'].includes(command) || (extra.length && command !== 'up')) { console.error(usage); process.exit(2); }
const port = values.port === undefined ? undefined : Number(values.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) { console.error(`--port must be a port number, not ${values.port}`); process.exit(2); }
const dataDir = values.data ?? defaultDataDir(values['replica-of'] ? 'archive-replica' : 'archive');

function describe(s) {
  console.log(`PostgreSQL for Corroborate's shared archive is running${s.replica ? ' (a read-only replica)' : ''} on 127.0.0.1:${s.port}, data in ${s.dataDir}`);
  if (s.importerUrl) console.log(`  importer (${s.replica ? 'reads only here' : 'writes schema archive'}): ${s.importerUrl}`);
  if (s.editorUrl) console.log(`  editor (reads only): ${s.editorUrl}`);
  console.log(`  admin (Unix socket, as the folder's owner or root): psql -h ${s.dataDir} -p ${s.port} -U ${ROLES.admin} ${DATABASE}`);
}

try {
  if (command === 'start') {
    let replicaOf;
    if (values['replica-of']) {
      const primary = postgresStatus(values['replica-of']);
      if (!primary.running) throw new Error(`no server is running in ${primary.dataDir}: start it first`);
      replicaOf = { port: primary.port, dataDir: primary.dataDir };
    }
    const db = await startPostgres({ dataDir, port, replicaOf, keepRunning: true });
    describe(postgresStatus(db.dataDir));
    console.log(`stop with: node scripts/archive-server.mjs stop --data ${db.dataDir}`);
  } else if (command === 'up') {
    // One command for a new user: the server, then the bundled seeds and the given folders imported.
    const db = await startPostgres({ dataDir, port, keepRunning: true });
    const cli = path.join(root, 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
    const r = spawnSync(process.execPath, [cli, 'archive', 'import', path.join(root, 'seeds'), ...extra, '--archive', db.importerUrl], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`the import failed (exit ${r.status})`);
    describe(postgresStatus(db.dataDir));
    console.log(`import more with: node dist/cli.js archive import PATH... --archive '${db.importerUrl}'`);
    console.log(`check a draft against it: node dist/cli.js check --archive '${db.editorUrl}' DRAFT`);
    // VS Code takes the URL without its password, and the password through its secret storage.
    const editor = new URL(db.editorUrl);
    const password = decodeURIComponent(editor.password);
    editor.password = '';
    console.log(`in VS Code: set "corroborate.archive.url": "${editor}", then run "Corroborate: Set Archive Password" and enter ${password}`);
    console.log(`stop with: node scripts/archive-server.mjs stop --data ${db.dataDir}`);
  } else if (command === 'stop') {
    console.log(stopPostgres(dataDir) ? `stopped the server in ${dataDir}` : `no server is running in ${dataDir}`);
  } else {
    const s = postgresStatus(dataDir);
    if (s.running) describe(s);
    else console.log(`no server is running in ${s.dataDir}`);
    process.exitCode = s.running ? 0 : 3;
  }
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
}
