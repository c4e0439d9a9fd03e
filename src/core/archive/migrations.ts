// The archive's schema, as versioned migrations applied in order on connect (by the importer, which
// owns the schema; editors only read and are told when their archive is older than they expect).
// Each runs in one transaction with the version row, under an advisory lock, so two importers
// starting at once apply it once.

export interface Migration { version: number; name: string; sql: string }

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles partitioned by publication year, their passages, imported files',
    sql: `
      CREATE TABLE archive.files (
        path         text PRIMARY KEY,
        content_hash text NOT NULL,
        articles     integer NOT NULL,
        imported_at  timestamptz NOT NULL DEFAULT now()
      );
      -- One row per article. Partitioned by publication year (0: no date), so old years can be moved,
      -- detached or put on other storage; the key includes the year, as partitioning requires.
      CREATE TABLE archive.articles (
        id           bigint GENERATED ALWAYS AS IDENTITY,
        year         integer NOT NULL,
        path         text NOT NULL,
        source_id    text NOT NULL,
        content_hash text NOT NULL,
        title        text NOT NULL,
        outlet       text,
        url          text,
        author       text,
        published    date,
        line_offset  integer NOT NULL,
        body         text NOT NULL,
        -- The analysis the local index keeps per article (SourceAnalysis, v8-serialised), and its format.
        analysis     bytea NOT NULL,
        format       text NOT NULL,
        PRIMARY KEY (id, year)
      ) PARTITION BY RANGE (year);
      CREATE TABLE archive.articles_undated PARTITION OF archive.articles FOR VALUES FROM (0) TO (1);
      CREATE INDEX articles_path ON archive.articles (path);
      -- Passages (the sentences the checker compares) with their offsets and comparison keys.
      CREATE TABLE archive.passages (
        article_id   bigint NOT NULL,
        year         integer NOT NULL,
        n            integer NOT NULL,
        start_offset integer NOT NULL,
        end_offset   integer NOT NULL,
        heading      boolean NOT NULL,
        keys         text[] NOT NULL,
        PRIMARY KEY (article_id, year, n)
      ) PARTITION BY RANGE (year);
      CREATE TABLE archive.passages_undated PARTITION OF archive.passages FOR VALUES FROM (0) TO (1);
      CREATE INDEX passages_keys ON archive.passages USING gin (keys);
    `,
  },
  {
    version: 2,
    name: 'generations of the published index',
    sql: `
      -- Each generation is a set of tables archive.ix<id>_* written by the importer after an import
      -- (see publishedIndex.ts); editors read the current one.
      CREATE SEQUENCE archive.generation_ids;
      CREATE TABLE archive.generations (
        id          integer PRIMARY KEY,
        is_current  boolean NOT NULL,
        articles    integer NOT NULL,
        passages    integer NOT NULL,
        avg_len     float8 NOT NULL,
        quotes      integer NOT NULL,
        -- What it was built from (the articles' content hashes), so an unchanged archive is not rebuilt.
        digest      text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX generations_one_current ON archive.generations (is_current) WHERE is_current;
    `,
  },
  {
    version: 3,
    name: 'the name table\'s sizes per generation',
    sql: `
      -- A generation's name table is read key by key (archive.ix<id>_lookup); these say how it was built.
      ALTER TABLE archive.generations ADD COLUMN role_words integer NOT NULL DEFAULT 0;
      ALTER TABLE archive.generations ADD COLUMN table_roles integer NOT NULL DEFAULT 0;
    `,
  },
];

/** The newest schema version this build knows. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** The partitions for a publication year (created on demand by the importer). */
export function yearPartitionsSql(year: number): string {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new Error(`not a year: ${year}`);
  return `CREATE TABLE IF NOT EXISTS archive.articles_y${year} PARTITION OF archive.articles FOR VALUES FROM (${year}) TO (${year + 1});
          CREATE TABLE IF NOT EXISTS archive.passages_y${year} PARTITION OF archive.passages FOR VALUES FROM (${year}) TO (${year + 1});`;
}
