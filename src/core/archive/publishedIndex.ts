// The archive's published index: after an import, the importer builds the index of the whole
// archive once (names grouped across every article, speakers resolved, BM25 frequencies) from the
// analyses stored on import, and writes it as a generation of tables (`archive.ix<N>_*`). Editors
// read only the pieces a draft needs (PgIndexSource, for checkWithIndex): a term's frequency and
// postings, an article's passages, an entity, a quotation. A new generation is written beside the
// current one and switched to in one statement; the one before stays readable for checks in
// flight, older ones are dropped.
import type { Pool, PoolClient } from 'pg';
import type { Entity, Quote, Source } from '../types';
import { CorpusBuilder, championsOf, CHAMPIONS, QUOTE_WALK, type Corpus, type Rows } from '../corpus/corpus';
import { StaleGenerationError, type ArticleRows, type Fetched, type IndexHead, type IndexSource, type Needs, type PassageRow } from '../corpus/partialCorpus';
import { tableOf, roleWordsOf, type NameCandidate } from '../analysis/names';
import { archiveArticles, archiveMode, archiveOrder } from './archiveCorpus';

const SEP = '\u0001';
const KIND: Record<string, Entity['kind']> = { p: 'person', l: 'place', o: 'organization' };
const LETTER: Record<Entity['kind'], string> = { person: 'p', place: 'l', organization: 'o' };
/** Lock id for publishing (one publisher at a time). */
const PUBLISH_LOCK = 0x636f7270; // "corp"
/** Rows per INSERT statement. */
const BATCH = 5000;

const i32 = (a: ArrayLike<number>) => { const v = Int32Array.from(a); return Buffer.from(v.buffer, v.byteOffset, v.byteLength); };
const u8 = (a: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
/** An Int32Array from bytea (copied: a Buffer from pg need not be aligned). */
const fromI32 = (b: Buffer) => { const out = new Int32Array(b.length >> 2); for (let k = 0; k < out.length; k++) out[k] = b.readInt32LE(k * 4); return out; };
const table = (gen: number, name: string) => `archive.ix${gen}_${name}`;
/** A list stored joined by U+0001 ('' is none). */
const split = (s: string) => (s ? s.split(SEP) : []);
const TABLES = ['terms', 'passages', 'sources', 'quotes', 'qwords', 'entities', 'names', 'lookup', 'table_roles', 'role_ends'];

export interface PublishStats { generation: number; articles: number; passages: number; terms: number; entities: number; ms: number; skipped?: boolean }

/** The current generation (or undefined when none is published). */
async function current(c: Pool | PoolClient): Promise<{ id: number; articles: number; passages: number; avg_len: number; quotes: number; digest: string; role_words: number; table_roles: number } | undefined> {
  const present = await c.query(`SELECT to_regclass('archive.generations') IS NOT NULL AS present`);
  if (!present.rows[0].present) return undefined;
  const r = await c.query('SELECT id, articles, passages, avg_len, quotes, digest, role_words, table_roles FROM archive.generations WHERE is_current');
  return r.rows[0];
}

/**
 * The layout of the published tables: a generation published in another layout is published again
 * on the next import, even when no article changed. 2: terms hold champion lists (CHAMPIONS).
 */
const layout = (champions: number) => `2/${champions}`;

/** What a generation was built from: every article's content hash, in order (a new one only when it changed), and the layout. */
async function archiveDigest(c: Pool | PoolClient, champions: number): Promise<string> {
  const r = await c.query(`SELECT md5(coalesce(string_agg(content_hash || ':' || source_id, ',' ORDER BY path, source_id), '')) AS d FROM archive.articles`);
  return `${layout(champions)}:${r.rows[0].d}`;
}

/**
 * Builds the whole archive's index and publishes it as a new generation (nothing is done when the
 * archive has not changed since the current one). Runs with the importer's role.
 */
export async function publishIndex(pool: Pool, onProgress?: (what: string) => void, /** @internal tests lower it */ champions = CHAMPIONS): Promise<PublishStats> {
  const t0 = Date.now();
  const client = await pool.connect();
  const reader = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PUBLISH_LOCK]);
    await archiveMode(pool);
    // Both passes read one view of the archive: an import meanwhile is published by its own run.
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const digest = await archiveDigest(reader, champions);
    const now = await current(client);
    if (now && now.digest === digest) return { generation: now.id, articles: now.articles, passages: now.passages, terms: 0, entities: 0, ms: Date.now() - t0, skipped: true };
    // Two passes over the archive, a batch of articles at a time: first every article's names
    // (grouped across the whole archive), then each article whole. Only the index stays in memory.
    const order = await archiveOrder(reader);
    const builder = new CorpusBuilder();
    let n = 0;
    for await (const batch of archiveArticles(reader, order, { text: false })) {
      for (const a of batch) builder.names(a.source.id, a.analysis);
      if (((n += batch.length) % 20_000) < batch.length) onProgress?.(`names: ${n}/${order.length} articles`);
    }
    onProgress?.(`indexing ${order.length} articles`);
    n = 0;
    for await (const batch of archiveArticles(reader, order)) {
      for (const a of batch) builder.add(a.source, a.analysis, { ...a.source, text: '' });
      if (((n += batch.length) % 20_000) < batch.length) onProgress?.(`index: ${n}/${order.length} articles`);
    }
    await reader.query('COMMIT');
    const corpus = builder.finish();
    const gen = Number((await client.query(`SELECT nextval('archive.generation_ids') AS n`)).rows[0].n);
    onProgress?.(`writing generation ${gen}`);
    const stats = await writeGeneration(client, gen, corpus, order, champions);
    await client.query('BEGIN');
    await client.query('UPDATE archive.generations SET is_current = false WHERE is_current');
    await client.query(`INSERT INTO archive.generations (id, is_current, articles, passages, avg_len, quotes, digest, role_words, table_roles) VALUES ($1, true, $2, $3, $4, $5, $6, $7, $8)`,
      [gen, order.length, stats.passages, stats.avgLen, stats.quotes, digest, stats.roleWords, stats.tableRoles]);
    await client.query('COMMIT');
    // The generation before stays for checks in flight; older ones go.
    const old = await client.query<{ id: number }>('SELECT id FROM archive.generations WHERE id < $1 ORDER BY id DESC OFFSET 1', [gen]);
    for (const { id } of old.rows) await dropGeneration(client, id);
    return { generation: gen, articles: order.length, passages: stats.passages, terms: stats.terms, entities: stats.entities, ms: Date.now() - t0 };
  } finally {
    await reader.query('ROLLBACK').catch(() => undefined);
    reader.release();
    await client.query('SELECT pg_advisory_unlock($1)', [PUBLISH_LOCK]).catch(() => undefined);
    client.release();
  }
}

async function dropGeneration(c: PoolClient, gen: number): Promise<void> {
  for (const t of TABLES) await c.query(`DROP TABLE IF EXISTS ${table(gen, t)}`);
  await c.query('DELETE FROM archive.generations WHERE id = $1', [gen]);
}

/** Bytes of values per INSERT statement: the driver sends each array parameter as one string (at most 512 MB in V8, doubled for bytea). */
const BATCH_BYTES = 32 * 2 ** 20;
const sizeOf = (v: unknown) => (typeof v === 'string' ? v.length : Buffer.isBuffer(v) ? v.length * 2 : 8);

/**
 * Inserts `n` rows made one at a time by `rowAt` (each an array of column values), in statements
 * of at most `maxRows` rows and about `maxBytes` of values (a bigger row alone): only one
 * statement's rows are ever in memory.
 */
export async function insertStream(c: Pick<PoolClient, 'query'>, sql: string, n: number, rowAt: (i: number) => unknown[], maxRows = BATCH, maxBytes = BATCH_BYTES): Promise<void> {
  let cols: unknown[][] = [];
  let rows = 0, bytes = 0;
  const flush = async () => { if (rows) await c.query(sql, cols); cols = []; rows = 0; bytes = 0; };
  for (let i = 0; i < n; i++) {
    if (rows && (rows >= maxRows || bytes >= maxBytes)) await flush();
    const row = rowAt(i);
    row.forEach((v, k) => { (cols[k] ??= []).push(v); bytes += sizeOf(v); });
    rows++;
  }
  await flush();
}

/** Inserts rows given as columns (small tables), as insertStream. */
const insertRows = (c: PoolClient, sql: string, columns: unknown[][]) => insertStream(c, sql, columns[0]?.length ?? 0, (i) => columns.map((col) => col[i]));

/** Writes the tables of generation `gen` from a built corpus (`articles[i]`: the archive row of source i). */
async function writeGeneration(c: PoolClient, gen: number, corpus: Corpus, articles: { id: string; year: number }[], champions: number): Promise<{ terms: number; entities: number; roleWords: number; tableRoles: number; passages: number; avgLen: number; quotes: number }> {
  const s = corpus.toSnapshot();
  const terms = s.terms ? s.terms.split(SEP) : [];
  const entityIds = s.entities.ids ? s.entities.ids.split(SEP) : [];
  const row = (r: Rows, i: number) => r.ids.subarray(r.off[i], r.off[i + 1]);
  await c.query(`
    CREATE TABLE ${table(gen, 'terms')} (term text PRIMARY KEY, df integer NOT NULL, ids bytea NOT NULL, tfs bytea NOT NULL, lens bytea NOT NULL);
    CREATE TABLE ${table(gen, 'passages')} (idx integer PRIMARY KEY, source integer NOT NULL, start_offset integer NOT NULL, end_offset integer NOT NULL, line integer NOT NULL, len integer NOT NULL, keys text NOT NULL, tfs bytea NOT NULL, entities text NOT NULL, kinds text NOT NULL);
    CREATE INDEX ON ${table(gen, 'passages')} (source);
    CREATE TABLE ${table(gen, 'sources')} (idx integer PRIMARY KEY, article_id bigint NOT NULL, year integer NOT NULL, first integer NOT NULL);
    CREATE TABLE ${table(gen, 'quotes')} (idx integer PRIMARY KEY, passage integer NOT NULL, slot integer NOT NULL, text text NOT NULL, start_offset integer NOT NULL, end_offset integer NOT NULL, speaker text, source integer NOT NULL);
    CREATE INDEX ON ${table(gen, 'quotes')} (source);
    CREATE TABLE ${table(gen, 'qwords')} (word text PRIMARY KEY, ids bytea NOT NULL);
    CREATE TABLE ${table(gen, 'entities')} (id text PRIMARY KEY, kind text NOT NULL, aliases text[] NOT NULL, roles text[] NOT NULL, sources text[] NOT NULL, passages bytea NOT NULL);
    CREATE TABLE ${table(gen, 'names')} (ord integer PRIMARY KEY, kind text NOT NULL, name text NOT NULL, owners text[] NOT NULL);
    CREATE INDEX ON ${table(gen, 'names')} (kind, name);
    CREATE TABLE ${table(gen, 'lookup')} (word text PRIMARY KEY, candidates jsonb NOT NULL);
    CREATE TABLE ${table(gen, 'table_roles')} (phrase text PRIMARY KEY, id text NOT NULL);
    CREATE TABLE ${table(gen, 'role_ends')} (ending text NOT NULL, ord integer NOT NULL);
    CREATE INDEX ON ${table(gen, 'role_ends')} (ending, ord);
  `);
  // Terms with their postings (passage ids, frequencies, and each passage's length: all BM25 reads);
  // a term in more than `champions` passages with its champion list only (all search ever walks).
  const avgLen = corpus.averageLength;
  await insertStream(c, `INSERT INTO ${table(gen, 'terms')} SELECT * FROM unnest($1::text[], $2::int[], $3::bytea[], $4::bytea[], $5::bytea[])`, terms.length, (i) => {
    const list = row(s.post, i);
    const ch = championsOf(list, s.postTf.subarray(s.post.off[i], s.post.off[i + 1]), Int32Array.from(list, (p) => s.pLen[p]), avgLen, champions);
    return [terms[i], list.length, i32(ch.ids), u8(ch.tfs), i32(ch.lens)];
  });
  // Passages: keys and entities are stored joined by U+0001 (read back with one split, much faster
  // than a text[] parsed by the driver), entities' kinds beside them, one letter each.
  await insertStream(c, `INSERT INTO ${table(gen, 'passages')} SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::int[], $6::int[], $7::text[], $8::bytea[], $9::text[], $10::text[])`, s.pSource.length, (p) => {
    const ents = Array.from(row(s.pEnt, p), (e) => entityIds[e]);
    return [p, s.pSource[p], s.pStart[p], s.pEnd[p], s.pLine[p], s.pLen[p], Array.from(row(s.pKeys, p), (t) => terms[t]).join(SEP),
      u8(s.pKeyTf.subarray(s.pKeys.off[p], s.pKeys.off[p + 1])), ents.join(SEP), ents.map((id) => LETTER[corpus.kindOf(id)!]).join('')];
  });
  {
    const firstOf = new Int32Array(articles.length).fill(-1);
    for (let p = s.pSource.length - 1; p >= 0; p--) firstOf[s.pSource[p]] = p;
    await insertRows(c, `INSERT INTO ${table(gen, 'sources')} SELECT * FROM unnest($1::int[], $2::bigint[], $3::int[], $4::int[])`,
      [articles.map((_, i) => i), articles.map((a) => a.id), articles.map((a) => a.year), Array.from(firstOf)]);
  }
  {
    const text = s.quotes.text ? s.quotes.text.split(SEP) : [];
    const speaker = s.quotes.speaker ? s.quotes.speaker.split(SEP) : [];
    await insertStream(c, `INSERT INTO ${table(gen, 'quotes')} SELECT a, b, c, d, e, f, nullif(g, ''), h FROM unnest($1::int[], $2::int[], $3::int[], $4::text[], $5::int[], $6::int[], $7::text[], $8::int[]) AS t(a, b, c, d, e, f, g, h)`,
      s.qPassage.length, (i) => [i, s.qPassage[i], s.qSlot[i], text[i], s.quotes.start[i], s.quotes.end[i], speaker[i] ?? '', s.pSource[s.qPassage[i]]]);
    const words = s.qWords ? s.qWords.split(SEP) : [];
    await insertStream(c, `INSERT INTO ${table(gen, 'qwords')} SELECT * FROM unnest($1::text[], $2::bytea[])`, words.length, (i) => [words[i], i32(row(s.qPost, i))]);
  }
  {
    const e = s.entities;
    const aliases = e.aliases.split(SEP), roles = e.roles.split(SEP);
    // An entity's sources by their ids (what Entity.sources holds), joined here once rather than on every fetch.
    const sourceIds = corpus.sources.map((x) => x.id);
    await insertStream(c, `INSERT INTO ${table(gen, 'entities')} SELECT a, b, CASE WHEN c = '' THEN '{}'::text[] ELSE string_to_array(c, chr(3)) END, CASE WHEN d = '' THEN '{}'::text[] ELSE string_to_array(d, chr(3)) END, CASE WHEN f = '' THEN '{}'::text[] ELSE string_to_array(f, chr(1)) END, g
      FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[]) AS t(a, b, c, d, f, g)`, entityIds.length,
    (i) => [entityIds[i], e.kinds[i], aliases[i] ?? '', roles[i] ?? '', Array.from(row(e.sources, i), (k) => sourceIds[k]).join(SEP), i32(row(e.passages, i))]);
  }
  {
    // The name tables in the order they were built (lookups depend on it): aliases, then roles.
    const n = s.names;
    const kind: string[] = [], name: string[] = [], owners: string[] = [];
    if (n.aliasOwner.length) n.aliases.split(SEP).forEach((a, k) => { kind.push('a'); name.push(a); owners.push(entityIds[n.aliasOwner[k]]); });
    if (n.roleOwners.off.length > 1) n.roles.split(SEP).forEach((r, k) => { kind.push('r'); name.push(r); owners.push(Array.from(row(n.roleOwners, k), (i) => entityIds[i]).join(SEP)); });
    await insertRows(c, `INSERT INTO ${table(gen, 'names')} SELECT o, k, n, string_to_array(w, chr(1)) FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS t(o, k, n, w)`,
      [kind.map((_, i) => i), kind, name, owners]);
  }
  // The name table findNameMentions reads, built once here from every name (editors read it by first
  // word), and the roles by the ends of their words (for "another person's role").
  const t = tableOf(corpus) as ReturnType<typeof tableOf> & { first: Map<string, NameCandidate[]>; roles: Map<string, string> };
  {
    const words: string[] = [], cands: string[] = [];
    for (const [w, list] of t.first) { words.push(w); cands.push(JSON.stringify(list.map((x) => [x.words.join(' '), x.id, corpus.kindOf(x.id)]))); }
    await insertRows(c, `INSERT INTO ${table(gen, 'lookup')} SELECT * FROM unnest($1::text[], $2::jsonb[])`, [words, cands]);
    await insertRows(c, `INSERT INTO ${table(gen, 'table_roles')} SELECT * FROM unnest($1::text[], $2::text[])`, [[...t.roles.keys()], [...t.roles.values()]]);
    const aliasCount = s.names.aliasOwner.length;
    const ending: string[] = [], ord: number[] = [];
    [...corpus.roles.keys()].forEach((r, k) => {
      const rw = roleWordsOf(r);
      for (const e of new Set(rw.map((_, i) => rw.slice(i).join(' ')))) { ending.push(e); ord.push(aliasCount + k); }
    });
    await insertRows(c, `INSERT INTO ${table(gen, 'role_ends')} SELECT * FROM unnest($1::text[], $2::int[])`, [ending, ord]);
  }
  for (const name of TABLES) await c.query(`ANALYZE ${table(gen, name)}`);
  return { terms: terms.length, entities: entityIds.length, roleWords: t.roleWords, tableRoles: t.roles.size, passages: s.pLen.length, avgLen, quotes: s.qPassage.length };
}

/** Reads the current generation of an archive's published index, a batch of pieces per round trip. */
export class PgIndexSource implements IndexSource {
  /** Time spent per query (by its first words), for the bench. */
  readonly timings = new Map<string, { n: number; ms: number }>();
  constructor(private readonly pool: Pool) {}

  async head(): Promise<IndexHead & { articles: number }> {
    const g = await current(this.pool);
    if (!g) throw new Error('the archive has no published index yet: run corroborate archive import (it publishes one)');
    return { generation: String(g.id), articles: g.articles, passages: g.passages, avgLen: g.avg_len, quotes: g.quotes, roleWords: g.role_words, tableRoles: g.table_roles };
  }

  /** Runs a query on generation `gen`'s tables; a generation dropped meanwhile is a StaleGenerationError. */
  private async q<T extends object>(gen: string, sql: string, params: unknown[]): Promise<T[]> {
    const t0 = performance.now();
    try {
      return (await this.pool.query<T>(sql, params)).rows;
    } catch (e) {
      if ((e as { code?: string }).code === '42P01') throw new StaleGenerationError(gen); // undefined_table
      throw e;
    } finally {
      const key = sql.replace(/\s+/g, ' ').trim().slice(0, 60);
      const t = this.timings.get(key) ?? { n: 0, ms: 0 };
      t.n++; t.ms += performance.now() - t0;
      this.timings.set(key, t);
    }
  }

  async fetch(generation: string, needs: Needs): Promise<Fetched> {
    const gen = Number(generation);
    if (!Number.isSafeInteger(gen)) throw new StaleGenerationError(generation);
    const out: Fetched = { terms: [], rows: [], postings: [], articles: [], entities: [], quoteWords: [], quotePostings: [], quotes: [] };
    const jobs: Promise<void>[] = [];
    const list = <T>(s: Set<T>) => [...s];
    type PostingsRow = { term: string; df: number; ids: Buffer | null; tfs: Buffer | null; lens: Buffer | null };
    const postings = (r: PostingsRow) => { if (r.ids && r.tfs && r.lens) out.postings.push([r.term, { ids: fromI32(r.ids), tfs: new Uint8Array(r.tfs), lens: fromI32(r.lens) }]); };
    // Frequencies, with the postings of the rarer terms (search walks those next).
    if (needs.terms.size) jobs.push(this.q<PostingsRow>(generation,
      `SELECT term, df, CASE WHEN df <= $2 THEN ids END AS ids, CASE WHEN df <= $2 THEN tfs END AS tfs, CASE WHEN df <= $2 THEN lens END AS lens FROM ${table(gen, 'terms')} WHERE term = ANY($1::text[])`,
      [list(needs.terms), needs.postingsUpTo ?? 0]).then((rows) => {
      const found = new Map(rows.map((r) => [r.term, r.df]));
      for (const t of needs.terms) out.terms.push([t, found.get(t) ?? 0]);
      rows.forEach(postings);
    }));
    if (needs.postings.size) jobs.push(this.q<PostingsRow>(generation, `SELECT term, df, ids, tfs, lens FROM ${table(gen, 'terms')} WHERE term = ANY($1::text[])`, [list(needs.postings)]).then((rows) => rows.forEach(postings)));
    if (needs.rows.size) jobs.push(this.q<{ idx: number; keys: string; tfs: Buffer }>(generation, `SELECT idx, keys, tfs FROM ${table(gen, 'passages')} WHERE idx = ANY($1::int[])`, [list(needs.rows)]).then((rows) => {
      for (const r of rows) out.rows.push([r.idx, { keys: split(r.keys), tfs: new Uint8Array(r.tfs) }]);
    }));
    if (needs.entities.size) jobs.push(this.q<{ id: string; kind: string; aliases: string[]; roles: string[]; sources: string[]; passages: Buffer }>(generation,
      `SELECT id, kind, aliases, roles, sources, passages FROM ${table(gen, 'entities')} WHERE id = ANY($1::text[])`, [list(needs.entities)]).then((rows) => {
      for (const r of rows) out.entities.push({ id: r.id, name: r.id, kind: KIND[r.kind], aliases: r.aliases, roles: r.roles, sources: r.sources, passages: Array.from(fromI32(r.passages)) });
    }));
    if (needs.quoteWords.size || needs.quotePostings.size) {
      const words = [...new Set([...needs.quoteWords, ...needs.quotePostings])];
      // Frequencies, with no more of a list than search walks (quotations are read in order).
      const walk = 4 * (needs.quoteWalk ?? QUOTE_WALK);
      jobs.push(this.q<{ word: string; df: number; ids: Buffer }>(generation, `SELECT word, length(ids) / 4 AS df, substring(ids from 1 for $2) AS ids FROM ${table(gen, 'qwords')} WHERE word = ANY($1::text[])`, [words, walk]).then((rows) => {
        const found = new Map(rows.map((r) => [r.word, r]));
        const upTo = needs.quotePostingsUpTo ?? 0;
        for (const w of needs.quoteWords) {
          const df = found.get(w)?.df ?? 0;
          out.quoteWords.push([w, df]);
          if (df && df <= upTo && !needs.quotePostings.has(w)) out.quotePostings.push([w, fromI32(found.get(w)!.ids)]);
        }
        for (const w of needs.quotePostings) { const r = found.get(w); if (r) out.quotePostings.push([w, fromI32(r.ids)]); }
      }));
    }
    // Names, key by key.
    const T = (name: string) => table(gen, name);
    if (needs.lookup.size) jobs.push(this.q<{ word: string; candidates: [string, string, string][] }>(generation, `SELECT word, candidates FROM ${T('lookup')} WHERE word = ANY($1::text[])`, [list(needs.lookup)]).then((rows) => {
      out.lookup = rows.map((r) => [r.word, r.candidates.map(([w, id, k]) => [w, id, k as Entity['kind']])]);
    }));
    if (needs.aliases.size) jobs.push(this.q<{ name: string; owners: string[] }>(generation, `SELECT name, owners FROM ${T('names')} WHERE kind = 'a' AND name = ANY($1::text[])`, [list(needs.aliases)]).then((rows) => {
      out.aliases = rows.map((r) => [r.name, r.owners[0]]);
    }));
    if (needs.roles.size) jobs.push(this.q<{ name: string; owners: string[] }>(generation, `SELECT name, owners FROM ${T('names')} WHERE kind = 'r' AND name = ANY($1::text[])`, [list(needs.roles)]).then((rows) => {
      out.roles = rows.map((r) => [r.name, r.owners]);
    }));
    if (needs.tableRoles.size) jobs.push(this.q<{ phrase: string; id: string }>(generation, `SELECT phrase, id FROM ${T('table_roles')} WHERE phrase = ANY($1::text[])`, [list(needs.tableRoles)]).then((rows) => {
      out.tableRoles = rows.map((r) => [r.phrase, r.id]);
    }));
    if (needs.roleEnds.size) jobs.push(this.q<{ ending: string; name: string; owners: string[] }>(generation,
      `SELECT e.ending, n.name, n.owners FROM ${T('role_ends')} e JOIN ${T('names')} n ON n.ord = e.ord WHERE e.ending = ANY($1::text[]) ORDER BY e.ending, e.ord`, [list(needs.roleEnds)]).then((rows) => {
      const by = new Map<string, [string, string[]][]>();
      for (const r of rows) { const l = by.get(r.ending); if (l) l.push([r.name, r.owners]); else by.set(r.ending, [[r.name, r.owners]]); }
      out.roleEnds = [...by];
    }));
    if (needs.kinds.size) jobs.push(this.q<{ id: string; kind: string }>(generation, `SELECT id, kind FROM ${T('entities')} WHERE id = ANY($1::text[])`, [list(needs.kinds)]).then((rows) => {
      out.kinds = rows.map((r) => [r.id, KIND[r.kind]]);
    }));
    // Quotations come with their articles (the check reads their passages next).
    if (needs.passages.size || needs.quotes.size) jobs.push((async () => {
      const wanted = [...needs.passages];
      if (needs.quotes.size) {
        const rows = await this.q<{ idx: number; passage: number; slot: number }>(generation, `SELECT idx, passage, slot FROM ${table(gen, 'quotes')} WHERE idx = ANY($1::int[])`, [list(needs.quotes)]);
        for (const r of rows) { out.quotes.push([r.idx, r.passage, r.slot]); wanted.push(r.passage); }
      }
      if (wanted.length) {
        const got = await this.articles(generation, gen, wanted);
        out.articles = got.articles;
        out.kinds = [...(out.kinds ?? []), ...got.kinds];
      }
    })());
    // Every query settles before the batch does (a failed one must not leave others unwatched).
    const settled = await Promise.allSettled(jobs);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return out;
  }

  /** The articles holding these passages, each whole: its text and metadata, its passages and their quotations. */
  private async articles(generation: string, gen: number, passages: number[]): Promise<{ articles: ArticleRows[]; kinds: [string, Entity['kind']][] }> {
    const P = table(gen, 'passages'), S = table(gen, 'sources'), Q = table(gen, 'quotes');
    // First the articles' numbers (by the passages' keys), then everything of those articles by index.
    const ids = (await this.q<{ source: number }>(generation, `SELECT DISTINCT source FROM ${P} WHERE idx = ANY($1::int[])`, [passages])).map((r) => r.source);
    const [sources, rows, quotes] = await Promise.all([
      this.q<{ idx: number; first: number; source_id: string; path: string; title: string; outlet: string | null; url: string | null; author: string | null; published: string | null; line_offset: number; body: string }>(generation,
        `SELECT s.idx, s.first, a.source_id, a.path, a.title, a.outlet, a.url, a.author, to_char(a.published, 'YYYY-MM-DD') AS published, a.line_offset, a.body
         FROM ${S} s JOIN archive.articles a ON a.id = s.article_id AND a.year = s.year WHERE s.idx = ANY($1::int[])`, [ids]),
      this.q<{ idx: number; source: number; start_offset: number; end_offset: number; line: number; len: number; keys: string; tfs: Buffer; entities: string; kinds: string }>(generation,
        `SELECT idx, source, start_offset, end_offset, line, len, keys, tfs, entities, kinds FROM ${P} WHERE source = ANY($1::int[]) ORDER BY idx`, [ids]),
      this.q<{ passage: number; slot: number; text: string; start_offset: number; end_offset: number; speaker: string | null }>(generation,
        `SELECT passage, slot, text, start_offset, end_offset, speaker FROM ${Q} WHERE source = ANY($1::int[]) ORDER BY idx`, [ids]),
    ]);
    // An article replaced or removed since this generation was built is no longer there to read:
    // the generation is out of date for it, and the check starts again on the current one.
    if (sources.length < new Set(rows.map((r) => r.source)).size) throw new StaleGenerationError(generation);
    const quotesOf = new Map<number, Quote[]>();
    for (const q of quotes) {
      const quote: Quote = { text: q.text, start: q.start_offset, end: q.end_offset };
      if (q.speaker) quote.speaker = q.speaker;
      const l = quotesOf.get(q.passage);
      if (l) l[q.slot] = quote; else { const n: Quote[] = []; n[q.slot] = quote; quotesOf.set(q.passage, n); }
    }
    const rowsOf = new Map<number, PassageRow[]>();
    const kinds: [string, Entity['kind']][] = [];
    for (const r of rows) {
      const entities = split(r.entities);
      // The kinds of the entities they name (the check reads them next).
      entities.forEach((id, k) => kinds.push([id, KIND[r.kinds[k]]]));
      const row: PassageRow = { start: r.start_offset, end: r.end_offset, line: r.line, len: r.len, keys: split(r.keys), tfs: new Uint8Array(r.tfs), entities, quotes: quotesOf.get(r.idx) ?? [] };
      const l = rowsOf.get(r.source);
      if (l) l.push(row); else rowsOf.set(r.source, [row]);
    }
    return { kinds, articles: sources.map((x) => {
      const source: Source = {
        id: x.source_id, path: x.path, title: x.title, text: x.body, lineOffset: x.line_offset,
        ...(x.outlet ? { outlet: x.outlet } : {}), ...(x.url ? { url: x.url } : {}), ...(x.author ? { author: x.author } : {}), ...(x.published ? { date: x.published } : {}),
      };
      return { source, first: x.first, rows: rowsOf.get(x.idx) ?? [] };
    }) };
  }
}
