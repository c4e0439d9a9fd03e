// Connecting to the shared archive (PostgreSQL): one pool per URL, every query parameterised, and
// the schema brought up to date on connect by the importer (editors only check its version).
import { Pool, type PoolClient } from 'pg';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

/** Lock id for migrations (any constant shared by every importer). */
const MIGRATION_LOCK = 0x636f7262; // "corb"

export interface ArchiveOptions {
  /** Milliseconds a query may take before it is cancelled (the editor never waits longer). */
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** The password, when it is not in the URL or the environment (PGPASSWORD, ~/.pgpass). */
  password?: string;
}

export function openArchive(url: string, opts: ArchiveOptions = {}): Pool {
  return new Pool({
    // pg lets the connection string's fields override the others: a password given apart goes into it.
    connectionString: opts.password ? withPassword(url, opts.password) : url,
    max: 4,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 5000,
    statement_timeout: opts.statementTimeoutMs ?? 30_000,
    application_name: 'corroborate',
  });
}

function withPassword(url: string, password: string): string {
  try {
    const u = new URL(url);
    u.password = password; // URL encodes it
    return u.toString();
  } catch { return url; }
}

/** The archive's schema version (0: none yet). */
export async function schemaVersion(client: PoolClient | Pool): Promise<number> {
  const r = await client.query(`SELECT to_regclass('archive.schema_migrations') IS NOT NULL AS present`);
  if (!r.rows[0].present) return 0;
  const v = await client.query('SELECT coalesce(max(version), 0) AS v FROM archive.schema_migrations');
  return Number(v.rows[0].v);
}

/** Applies the migrations this build has and the archive lacks, each in its own transaction. */
export async function migrate(pool: Pool): Promise<{ from: number; to: number }> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    // Only when missing: CREATE SCHEMA IF NOT EXISTS needs the CREATE right on the database even when
    // the schema is there, and an importer may own the schema without it.
    if (!(await client.query(`SELECT to_regnamespace('archive') IS NOT NULL AS present`)).rows[0].present) await client.query('CREATE SCHEMA archive');
    await client.query('CREATE TABLE IF NOT EXISTS archive.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const from = await schemaVersion(client);
    if (from > SCHEMA_VERSION) throw new Error(`the archive's schema is version ${from}, newer than this Corroborate knows (${SCHEMA_VERSION}): update Corroborate`);
    for (const m of MIGRATIONS) {
      if (m.version <= from) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO archive.schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
    }
    return { from, to: SCHEMA_VERSION };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
