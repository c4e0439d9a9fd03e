// A corpus read piece by piece from an index that lives elsewhere (the shared archive on
// PostgreSQL): the checker runs unchanged against a view of what has been fetched so far. A view
// records every piece it lacks (a term's frequency, a term's postings, an article's passages, an
// entity, a quotation) and answers with a placeholder; the check is then run again once those are
// fetched, in one batch, until a run lacks nothing. Only that run's findings count, and they are
// the findings of the whole index: every answer the checker read was the whole index's answer.
// Search runs the same code as the local index (bm25Search, quoteSearch) on the fetched rows, with
// the whole index's N, lengths and frequencies, so it ranks alike.
import type { Entity, Passage, Quote, Source, Finding } from '../types';
import { startKey, tableOf, type AliasTable, type Lookup, type NameCandidate } from '../analysis/names';
import { Corpus, bm25Search, quoteSearch, idfOf, championsOf, usedKeys, usedKeysCap, newScratch, CHAMPIONS, QUOTE_WALK, type CorpusSnapshot, type Rows, type ScoredPassage, type SearchColumns, type SearchTuning } from './corpus';

/** What an index says of itself: its generation (a new one after every import) and its size. */
export interface IndexHead {
  generation: string;
  /** Passages in the whole index (BM25's N), their mean length in keys, quotations in all. */
  passages: number; avgLen: number; quotes: number;
  /** Articles in it, where the source knows. */
  articles?: number;
  /** The longest multi-word role phrase held by one person, in words, and how many there are (see AliasTable). */
  roleWords: number; tableRoles: number;
}

/** One passage as the index holds it (ids are the index's passage numbers; keys in index order). */
export interface PassageRow {
  start: number; end: number; line: number;
  /** Unique comparison keys and their frequencies (the forward index), and the BM25 length. */
  keys: string[]; tfs: Uint8Array; len: number;
  entities: string[];
  quotes: Quote[];
}

/** An article with all its passages (passages `first` .. `first + rows.length - 1`). */
export interface ArticleRows { source: Source; first: number; rows: PassageRow[] }

/**
 * Postings of a term: passage ids ascending, each with the term's frequency and the passage's length.
 * A term in more passages than search walks comes as its champion list (see championsOf).
 */
export interface Postings { ids: Int32Array; tfs: Uint8Array; lens: Int32Array }

/** What a view lacked: asked of the index in one batch. */
export interface Needs {
  /**
   * Document frequencies of these keys (with their postings too when no longer than `postingsUpTo`:
   * search walks those next); the postings of these keys; the articles holding these passages; the
   * forward rows (keys only, no text) of these passages.
   */
  terms: Set<string>; postings: Set<string>; passages: Set<number>; rows: Set<number>;
  postingsUpTo?: number;
  /** Quotation words' postings come with their frequencies up to this length; no more than `quoteWalk` of a list is needed. */
  quotePostingsUpTo?: number; quoteWalk?: number;
  entities: Set<string>;
  /**
   * Names: the name table's candidates by first word, exact aliases, exact roles, roles by the end
   * of their words, the table's one-person role phrases, and entities' kinds.
   */
  lookup: Set<string>; aliases: Set<string>; roles: Set<string>; roleEnds: Set<string>; tableRoles: Set<string>; kinds: Set<string>;
  /** Quotation words: how many quotations use each; the quotations using each; these quotations, with their articles. */
  quoteWords: Set<string>; quotePostings: Set<string>; quotes: Set<number>;
}

export interface Fetched {
  /** Name table candidates by first word: [words joined by spaces, entity id, its kind]. */
  lookup?: [string, [string, string, Entity['kind']][]][];
  aliases?: [string, string][];
  roles?: [string, string[]][];
  roleEnds?: [string, [string, string[]][]][];
  tableRoles?: [string, string][];
  kinds?: [string, Entity['kind']][];
  terms: [string, number][];
  /** Forward rows of passages: their keys and frequencies. */
  rows: [number, { keys: string[]; tfs: Uint8Array }][];
  postings: [string, Postings][];
  articles: ArticleRows[];
  entities: Entity[];
  quoteWords: [string, number][];
  quotePostings: [string, Int32Array][];
  /** Quotation id -> its passage and its place among the passage's quotations. */
  quotes: [number, number, number][];
}

/** An index a check can read from: the archive's published index, or (tests) a local corpus. */
export interface IndexSource {
  head(): Promise<IndexHead>;
  /** The pieces in `needs`, from `generation`; a source that has moved on to another generation throws StaleGenerationError. */
  fetch(generation: string, needs: Needs): Promise<Fetched>;
}

export class StaleGenerationError extends Error {
  constructor(readonly generation: string) { super(`the index was replaced (generation ${generation} is gone)`); }
}

const NEED_SETS = ['terms', 'postings', 'passages', 'rows', 'entities', 'lookup', 'aliases', 'roles', 'roleEnds', 'tableRoles', 'kinds', 'quoteWords', 'quotePostings', 'quotes'] as const;
export const emptyNeeds = (): Needs => Object.fromEntries(NEED_SETS.map((k) => [k, new Set()])) as unknown as Needs;
export const needCount = (n: Needs) => NEED_SETS.reduce((a, k) => a + n[k].size, 0);

/** Everything fetched from one generation of an index: kept across checks (the hot part of the archive). */
export class IndexCache {
  /** Names as far as fetched; null: the index has none by that key. */
  readonly lookup = new Map<string, NameCandidate[] | null>();
  readonly aliases = new Map<string, string | null>();
  readonly roles = new Map<string, string[] | null>();
  readonly roleEnds = new Map<string, [string, string[]][]>();
  readonly tableRoles = new Map<string, string | null>();
  readonly kinds = new Map<string, Entity['kind'] | null>();
  readonly df = new Map<string, number>();
  readonly postings = new Map<string, Postings>();
  /** Passage id -> its article's index in `articles` and its row. */
  readonly passages = new Map<number, { article: number; row: PassageRow }>();
  readonly articles: ArticleRows[] = [];
  readonly articleById = new Map<string, number>();
  /** Forward rows (keys and frequencies) of passages: from their articles, or fetched alone for search. */
  readonly forward = new Map<number, { keys: string[]; tfs: Uint8Array }>();
  readonly entities = new Map<string, Entity | null>();
  readonly quoteDf = new Map<string, number>();
  readonly quotePostings = new Map<string, Int32Array>();
  readonly quotes = new Map<number, { passage: number; slot: number }>();
  /** Results of searches whose every input was here. */
  readonly searches = new Map<string, { p: number; score: number }[]>();
  readonly quoteSearches = new Map<string, number[]>();
  readonly scratch = newScratch();
  /** Findings of sentences checked in runs that lacked nothing (see checkDraft's cache). */
  readonly sentences = new Map<string, Finding[]>();
  /** How search bounds its work (tests lower it, as for Corpus.searchTuning). */
  tuning: SearchTuning = { champions: CHAMPIONS, quotes: QUOTE_WALK };

  constructor(readonly head: IndexHead) {}

  /** Adds what was fetched for `needs`; what was asked and not answered is absent from the index. */
  /** Roughly how many bytes the fetched pieces take (postings, articles' texts and rows, names). */
  weight = 0;
  /** The most one check has added to `weight` (see trim). */
  largestCheck = 0;

  /**
   * Empties the cache when it has grown past `limit` bytes (an editor's session reads ever more of
   * the archive); only between checks, never during one. What the next check needs is fetched again.
   */
  trim(limit: number): boolean {
    // Never below what one check has needed (twice that): a draft that needs more than the limit
    // would otherwise fetch everything again at every check.
    if (this.weight <= Math.max(limit, 2 * this.largestCheck)) return false;
    for (const m of [this.lookup, this.aliases, this.roles, this.roleEnds, this.tableRoles, this.kinds, this.df, this.postings, this.passages, this.articleById,
      this.forward, this.entities, this.quoteDf, this.quotePostings, this.quotes, this.searches, this.quoteSearches, this.sentences] as Map<unknown, unknown>[]) m.clear();
    this.articles.length = 0;
    this.weight = 0;
    return true;
  }

  add(f: Fetched, needs?: Needs): void {
    // Weights: postings 9 bytes an entry, text 2 a character, a row's keys ~16 bytes each, ~100 a name.
    for (const [, p] of f.postings) this.weight += Math.min(p.ids.length, this.tuning.champions) * 9;
    for (const [, ids] of f.quotePostings) this.weight += Math.min(ids.length, this.tuning.quotes) * 4;
    for (const a of f.articles) { this.weight += a.source.text.length * 2; for (const r of a.rows) this.weight += 64 + r.keys.length * 16; }
    for (const [, r] of f.rows) this.weight += 32 + r.keys.length * 16;
    this.weight += 100 * ((f.lookup?.length ?? 0) + (f.aliases?.length ?? 0) + (f.kinds?.length ?? 0) + f.terms.length + f.entities.length + f.quotes.length);
    for (const [w, list] of f.lookup ?? []) {
      this.lookup.set(w, list.map(([words, id]) => ({ words: words.split(' '), id })));
      for (const [, id, kind] of list) this.kinds.set(id, kind);
    }
    for (const [a, id] of f.aliases ?? []) this.aliases.set(a, id);
    for (const [r, ids] of f.roles ?? []) this.roles.set(r, ids);
    for (const [e, list] of f.roleEnds ?? []) this.roleEnds.set(e, list);
    for (const [r, id] of f.tableRoles ?? []) this.tableRoles.set(r, id);
    for (const [id, kind] of f.kinds ?? []) this.kinds.set(id, kind);
    for (const e of f.entities) this.kinds.set(e.id, e.kind);
    for (const [t, df] of f.terms) this.df.set(t, df);
    for (const [p, row] of f.rows) this.forward.set(p, row);
    // Search walks no more of a term than its champion list: a longer list fetched is cut here.
    const cap = this.tuning.champions;
    for (const [t, p] of f.postings) this.postings.set(t, p.ids.length > cap ? championsOf(p.ids, p.tfs, p.lens, this.head.avgLen, cap) : p);
    for (const a of f.articles) {
      if (this.articleById.has(a.source.id)) continue;
      const k = this.articles.length;
      this.articles.push(a);
      this.articleById.set(a.source.id, k);
      a.rows.forEach((row, n) => { this.passages.set(a.first + n, { article: k, row }); this.forward.set(a.first + n, row); });
    }
    for (const e of f.entities) this.entities.set(e.id, e);
    if (needs) {
      const absent = <V>(map: Map<string, V | null>, keys: Set<string>) => { for (const k of keys) if (!map.has(k)) map.set(k, null); };
      absent(this.lookup, needs.lookup); absent(this.aliases, needs.aliases); absent(this.roles, needs.roles);
      absent(this.tableRoles, needs.tableRoles); absent(this.kinds, needs.kinds); absent(this.entities, needs.entities);
      for (const k of needs.roleEnds) if (!this.roleEnds.has(k)) this.roleEnds.set(k, []);
    }
    for (const [w, df] of f.quoteWords) this.quoteDf.set(w, df);
    for (const [w, ids] of f.quotePostings) this.quotePostings.set(w, ids.length > this.tuning.quotes ? ids.slice(0, this.tuning.quotes) : ids);
    for (const [id, passage, slot] of f.quotes) this.quotes.set(id, { passage, slot });
  }
}

const MISSING_SOURCE: Source = Object.freeze({ id: '\u0000missing', path: '', title: '', text: '', lineOffset: 0 });
const NO_QUOTES: Quote[] = Object.freeze([]) as unknown as Quote[];

/**
 * One run's view of an IndexCache: a Corpus to the checker. What it lacks is recorded in `needs`
 * and answered with a placeholder (an empty passage, an entity with only its kind, no search hits).
 */
export class PartialCorpus extends Corpus {
  readonly needs = emptyNeeds();

  constructor(private readonly cache: IndexCache) {
    super();
    // The names are read key by key, as fetched (they are never listed whole: an archive knows millions).
    Object.defineProperty(this, 'aliases', { value: this.lazy(cache.aliases, this.needs.aliases) });
    Object.defineProperty(this, 'roles', { value: this.lazy(cache.roles, this.needs.roles) });
    this.searchTuning = cache.tuning;
    // Postings search would walk come with the frequencies (one round trip less): any term within
    // the cap of used keys (a common one as its champion list, no longer than search walks).
    this.needs.postingsUpTo = Math.floor(usedKeysCap(cache.head.passages));
    this.needs.quotePostingsUpTo = Math.floor(Math.max(500, cache.head.quotes * 0.05));
    this.needs.quoteWalk = cache.tuning.quotes;
  }

  /** Every read of something not there (a need recorded twice counts twice: see search). */
  private lacked = 0;
  private lack<T>(set: Set<T>, v: T): void { set.add(v); this.lacked++; }
  /** True when this run read only what was there. */
  get complete(): boolean { return this.lacked === 0; }

  /** A read-only map over `map` that records a key it has not seen in `need`. */
  private lazy<V>(map: Map<string, V | null>, need: Set<string>): ReadonlyMap<string, V> {
    const get = (k: string): V | undefined => {
      const v = map.get(k);
      if (v === undefined) { this.lack(need, k); return undefined; }
      return v ?? undefined;
    };
    const refuse = () => { throw new Error('an archive index is read key by key: its names cannot be listed'); };
    return { get, has: (k: string) => get(k) !== undefined, get size() { return refuse(); }, forEach: refuse, entries: refuse, keys: refuse, values: refuse, [Symbol.iterator]: refuse } as unknown as ReadonlyMap<string, V>;
  }

  /** The name table, read by first word as fetched (the index built it from all its names). */
  nameTable(): AliasTable {
    const c = this.cache;
    const first: Lookup<NameCandidate[]> = {
      get: (w) => {
        const v = c.lookup.get(w);
        if (v === undefined) { this.lack(this.needs.lookup, w); return undefined; }
        return v ?? undefined;
      },
      has: (w) => first.get(w) !== undefined,
    };
    const byStart: Lookup<NameCandidate[]> = {
      get: (key) => {
        const list = first.get(key.split(' ')[0])?.filter((x) => startKey(x.words) === key);
        return list?.length ? list : undefined;
      },
      has: (key) => byStart.get(key) !== undefined,
    };
    const tableRoles = this.lazy(c.tableRoles, this.needs.tableRoles);
    return { first, byStart, roles: { get: (r) => tableRoles.get(r), has: (r) => tableRoles.has(r), size: c.head.tableRoles }, roleWords: c.head.roleWords };
  }

  override rolesEndingWith(words: string[]): [string, string[]][] {
    const key = words.join(' ');
    const got = this.cache.roleEnds.get(key);
    if (got === undefined) { this.lack(this.needs.roleEnds, key); return []; }
    return got;
  }

  override get passageCount(): number { return this.cache.head.passages; }
  override get entityCount(): number { return this.cache.kinds.size; }

  override passage(i: number): Passage {
    const got = this.cache.passages.get(i);
    if (!got) {
      this.lack(this.needs.passages, i);
      return { index: i, sourceId: MISSING_SOURCE.id, text: '', start: 0, end: 0, line: 0, entities: [], quotes: NO_QUOTES };
    }
    const { source } = this.cache.articles[got.article];
    const r = got.row;
    return { index: i, sourceId: source.id, text: source.text.slice(r.start, r.end), start: r.start, end: r.end, line: r.line, entities: r.entities, quotes: r.quotes };
  }
  override passageText(i: number): string { return this.passage(i).text; }
  override keysOf(p: Passage): string[] {
    const got = this.cache.passages.get(p.index);
    if (!got) { this.lack(this.needs.passages, p.index); return []; }
    return got.row.keys;
  }
  override getSource(id: string): Source | undefined {
    const k = this.cache.articleById.get(id);
    if (k !== undefined) return this.cache.articles[k].source;
    return id === MISSING_SOURCE.id ? MISSING_SOURCE : undefined;
  }
  override getEntity(id: string): Entity | undefined {
    const e = this.cache.entities.get(id);
    if (e !== undefined) return e ?? undefined;
    this.lack(this.needs.entities, id);
    return { id, name: id, kind: this.cache.kinds.get(id) ?? 'organization', aliases: [], roles: [], sources: [], passages: [] };
  }
  override kindOf(id: string): Entity['kind'] | undefined {
    const k = this.cache.kinds.get(id);
    if (k === undefined) { this.lack(this.needs.kinds, id); return undefined; }
    return k ?? undefined;
  }
  override get entities(): Entity[] { throw new Error('an archive index does not list all its entities'); }

  override idf(key: string): number {
    const df = this.cache.df.get(key);
    if (df === undefined) this.lack(this.needs.terms, key);
    return idfOf(this.cache.head.passages, df ?? 0);
  }

  override search(queryKeys: string[], limit = 8): ScoredPassage[] {
    const key = `${limit}\u0001${queryKeys.join('\u0001')}`;
    let hits = this.cache.searches.get(key);
    if (!hits) {
      // What the search will lack is known before its columns are built (a run that lacks pieces
      // makes no use of its hits): the keys' frequencies, then the postings of the keys it walks.
      const c = this.cache;
      const before = this.lacked;
      const known: { k: string; df: number }[] = [];
      for (const k of new Set(queryKeys)) {
        const df = c.df.get(k);
        if (df === undefined) this.lack(this.needs.terms, k); else if (df > 0) known.push({ k, df });
      }
      for (const { k } of usedKeys(known, c.head.passages)) if (!c.postings.has(k)) this.lack(this.needs.postings, k);
      if (this.lacked !== before) return [];
      const { cols, ids } = this.searchColumns(queryKeys);
      const local = bm25Search(cols, queryKeys, limit);
      hits = local.map(({ p, score }) => ({ p: ids[p], score }));
      if (this.lacked === before) this.cache.searches.set(key, hits);
      else return [];
    }
    return hits.map(({ p, score }) => ({ passage: this.passage(p), score }));
  }

  /**
   * What the cache holds for a search's keys: those the index has (with their frequencies and, where
   * fetched, postings; a key not yet asked about is recorded in `need`), and every id in those
   * postings numbered densely in the index's order (so ties rank as in the whole index).
   */
  private held<L>(keys: string[], df: Map<string, number>, postings: Map<string, L>, need: Set<string>, idsOf: (l: L) => Int32Array) {
    const vocab = new Map<string, number>();
    const dfs: number[] = [];
    const lists: (L | undefined)[] = [];
    for (const k of new Set(keys)) {
      const n = df.get(k);
      if (n === undefined) { this.lack(need, k); continue; }
      if (n === 0) continue;
      vocab.set(k, dfs.length);
      dfs.push(n);
      lists.push(postings.get(k));
    }
    const seen = new Set<number>();
    for (const l of lists) if (l) for (const id of idsOf(l)) seen.add(id);
    const ids = Int32Array.from(seen).sort();
    const local = new Map<number, number>();
    ids.forEach((id, k) => local.set(id, k));
    return { vocab, dfs, lists, ids, local };
  }

  /**
   * The columns bm25Search reads, over what the cache holds for these keys: passages numbered
   * densely in the index's order (ties rank the same), N and frequencies the whole index's.
   */
  private searchColumns(queryKeys: string[]): { cols: SearchColumns; ids: Int32Array } {
    const c = this.cache;
    const { vocab, dfs, lists, ids, local } = this.held(queryKeys, c.df, c.postings, this.needs.terms, (l) => l.ids);
    const len = new Int32Array(ids.length);
    const postLists = lists.map((l) => {
      if (!l) return { ids: [] as number[], tfs: [] as number[] };
      const out = new Array<number>(l.ids.length);
      for (let k = 0; k < l.ids.length; k++) { const p = local.get(l.ids[k])!; out[k] = p; len[p] = l.lens[k]; }
      return { ids: out, tfs: Array.from(l.tfs) };
    });
    const post = rowsOf(postLists.map((l) => l.ids));
    const postTf = Uint8Array.from(postLists.flatMap((l) => l.tfs));
    // The forward index of the passages held (their other keys get ids past the query's).
    const termIds = new Map(vocab);
    const fwd: number[][] = [], fwdTf: number[] = [];
    for (const p of ids) {
      const got = c.forward.get(p);
      const row: number[] = [];
      if (got) {
        got.keys.forEach((k, j) => {
          let t = termIds.get(k);
          if (t === undefined) { t = termIds.size; termIds.set(k, t); }
          row.push(t);
          fwdTf.push(got.tfs[j]);
        });
      }
      fwd.push(row);
    }
    const walked = (t: number) => { if (!lists[t]) this.lack(this.needs.postings, [...vocab.keys()][t]); };
    const read = (p: number) => { if (!c.forward.has(ids[p])) this.lack(this.needs.rows, ids[p]); };
    const cols: SearchColumns = {
      N: c.head.passages, avgLen: c.head.avgLen, size: ids.length, termCount: termIds.size, vocab,
      df: (t) => dfs[t], post, postTf, pKeys: rowsOf(fwd), pKeyTf: Uint8Array.from(fwdTf), pLen: len,
      tuning: this.searchTuning, scratch: c.scratch, quotes: { n: 0, size: 0, vocab: new Map(), post: rowsOf([]) },
      walk: walked, read,
      // Lists were cut to champions as they were fetched (IndexCache.add); cut again for a lower cap.
      champions: (t, cap) => {
        const from = post.off[t], to = post.off[t + 1];
        const list = post.ids.subarray(from, to);
        return championsOf(list, postTf.subarray(from, to), Int32Array.from(list, (p) => len[p]), c.head.avgLen, cap);
      },
    };
    return { cols, ids };
  }

  override searchQuotes(words: string[], limit = 25): { passage: Passage; quote: Quote }[] {
    const key = `${limit}\u0001${words.join('\u0001')}`;
    const c = this.cache;
    let hits = c.quoteSearches.get(key);
    if (!hits) {
      const before = this.lacked;
      const { vocab, dfs, lists, ids, local } = this.held(words, c.quoteDf, c.quotePostings, this.needs.quoteWords, (l) => l);
      const post = rowsOf(lists.map((l) => (l ? Array.from(l, (q) => local.get(q)!) : [])));
      const names = [...vocab.keys()];
      const cols: SearchColumns = {
        N: 0, avgLen: 1, size: 0, termCount: 0, vocab: new Map(), df: () => 0, post: rowsOf([]), postTf: new Uint8Array(0),
        pKeys: rowsOf([]), pKeyTf: new Uint8Array(0), pLen: [], tuning: this.searchTuning, scratch: c.scratch, champions: () => ({ ids: [], tfs: [] }),
        quotes: { n: c.head.quotes, size: ids.length, vocab, post, df: (t) => dfs[t] },
        walkQuote: (t) => { if (!lists[t]) this.lack(this.needs.quotePostings, names[t]); },
      };
      hits = quoteSearch(cols, words, limit).map((k) => ids[k]);
      if (this.lacked !== before) return [];
      c.quoteSearches.set(key, hits);
    }
    const out: { passage: Passage; quote: Quote }[] = [];
    for (const id of hits) {
      const at = c.quotes.get(id);
      if (!at) { this.lack(this.needs.quotes, id); continue; }
      const passage = this.passage(at.passage);
      const quote = passage.quotes[at.slot];
      if (quote) out.push({ passage, quote });
    }
    return out;
  }
}

function rowsOf(lists: ArrayLike<number>[]): Rows {
  const off = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) off[i + 1] = off[i] + lists[i].length;
  const ids = new Int32Array(off[lists.length]);
  for (let i = 0; i < lists.length; i++) ids.set(lists[i], off[i]);
  return { off, ids };
}

/**
 * An IndexSource over a built local corpus: the same pieces an archive serves, cut from the corpus'
 * snapshot. Tests check through it that a check piece by piece equals a check of the whole corpus.
 */
export class SnapshotIndexSource implements IndexSource {
  private readonly s: CorpusSnapshot;
  private readonly terms: string[];
  private readonly termIndex: Map<string, number>;
  private readonly qWords: string[];
  private readonly qIndex: Map<string, number>;
  private readonly entityIds: string[];
  private readonly entityIndex: Map<string, number>;
  private readonly firstOf: Int32Array;
  /** The first quotation of each passage (quotations are in passage order), -1 for none. */
  private readonly firstQuote: Int32Array;
  readonly generation = 'snapshot';
  /** Fetches served (tests count round trips). */
  fetches = 0;

  private readonly table: AliasTable & { first: Map<string, NameCandidate[]>; roles: Map<string, string> };
  constructor(private readonly corpus: Corpus, private readonly sources: Source[] = corpus.sources) {
    this.s = corpus.toSnapshot();
    this.table = tableOf(corpus) as SnapshotIndexSource['table'];
    this.terms = this.s.terms ? this.s.terms.split('\u0001') : [];
    this.termIndex = new Map(this.terms.map((t, i) => [t, i]));
    this.qWords = this.s.qWords ? this.s.qWords.split('\u0001') : [];
    this.qIndex = new Map(this.qWords.map((w, i) => [w, i]));
    this.entityIds = this.s.entities.ids ? this.s.entities.ids.split('\u0001') : [];
    this.entityIndex = new Map(this.entityIds.map((id, i) => [id, i]));
    this.firstOf = new Int32Array(this.sources.length + 1).fill(-1);
    for (let p = this.s.pSource.length - 1; p >= 0; p--) this.firstOf[this.s.pSource[p]] = p;
    this.firstQuote = new Int32Array(this.s.pSource.length).fill(-1);
    for (let q = this.s.qPassage.length - 1; q >= 0; q--) this.firstQuote[this.s.qPassage[q]] = q;
  }

  async head(): Promise<IndexHead> {
    const { pLen } = this.s;
    let sum = 0;
    for (let i = 0; i < pLen.length; i++) sum += pLen[i];
    return {
      generation: this.generation, passages: pLen.length, avgLen: sum / Math.max(1, pLen.length) || 1, quotes: this.s.qPassage.length,
      roleWords: this.table.roleWords, tableRoles: this.table.roles.size,
    };
  }

  async fetch(generation: string, needs: Needs): Promise<Fetched> {
    if (generation !== this.generation) throw new StaleGenerationError(generation);
    this.fetches++;
    const s = this.s;
    const row = (r: Rows, i: number) => r.ids.subarray(r.off[i], r.off[i + 1]);
    const out: Fetched = { terms: [], rows: [], postings: [], articles: [], entities: [], quoteWords: [], quotePostings: [], quotes: [] };
    // Names, from the corpus' own tables (what an archive's published index holds).
    const c = this.corpus;
    const kind = (id: string) => c.kindOf(id)!;
    out.lookup = [...needs.lookup].flatMap((w) => { const l = this.table.first.get(w); return l ? [[w, l.map((x) => [x.words.join(' '), x.id, kind(x.id)])]] as [string, [string, string, Entity['kind']][]][] : []; });
    out.aliases = [...needs.aliases].flatMap((a) => { const id = c.aliases.get(a); return id ? [[a, id]] as [string, string][] : []; });
    out.roles = [...needs.roles].flatMap((r) => { const ids = c.roles.get(r); return ids ? [[r, ids]] as [string, string[]][] : []; });
    out.roleEnds = [...needs.roleEnds].map((e) => [e, c.rolesEndingWith(e.split(' '))]);
    out.tableRoles = [...needs.tableRoles].flatMap((r) => { const id = this.table.roles.get(r); return id ? [[r, id]] as [string, string][] : []; });
    out.kinds = [...needs.kinds].flatMap((id) => { const k = c.kindOf(id); return k ? [[id, k]] as [string, Entity['kind']][] : []; });
    const postings = new Set(needs.postings);
    for (const t of needs.terms) {
      const i = this.termIndex.get(t);
      const df = i === undefined ? 0 : s.post.off[i + 1] - s.post.off[i];
      out.terms.push([t, df]);
      if (df && df <= (needs.postingsUpTo ?? 0)) postings.add(t);
    }
    for (const p of needs.rows) {
      if (p < 0 || p >= s.pSource.length) continue;
      out.rows.push([p, { keys: Array.from(row(s.pKeys, p), (t) => this.terms[t]), tfs: s.pKeyTf.slice(s.pKeys.off[p], s.pKeys.off[p + 1]) }]);
    }
    for (const t of postings) {
      const i = this.termIndex.get(t);
      if (i === undefined) continue;
      const ids = row(s.post, i).slice();
      out.postings.push([t, { ids, tfs: s.postTf.slice(s.post.off[i], s.post.off[i + 1]), lens: Int32Array.from(ids, (p) => s.pLen[p]) }]);
    }
    const articles = new Set<number>();
    for (const p of needs.passages) if (p >= 0 && p < s.pSource.length) articles.add(s.pSource[p]);
    for (const q of needs.quotes) if (q >= 0 && q < s.qPassage.length) { out.quotes.push([q, s.qPassage[q], s.qSlot[q]]); articles.add(s.pSource[s.qPassage[q]]); }
    for (const a of articles) out.articles.push(this.article(a));
    // The kinds of the entities they name come with them (as from the archive).
    for (const a of out.articles) for (const r of a.rows) for (const id of r.entities) out.kinds.push([id, c.kindOf(id)!]);
    const ents = s.entities;
    const aliasRows = ents.aliases.split('\u0001');
    const roleRows = ents.roles.split('\u0001');
    const kinds: Record<string, Entity['kind']> = { p: 'person', l: 'place', o: 'organization' };
    for (const id of needs.entities) {
      const i = this.entityIndex.get(id);
      if (i === undefined) continue;
      out.entities.push({
        id, name: id, kind: kinds[ents.kinds[i]], aliases: aliasRows[i] ? aliasRows[i].split('\u0003') : [], roles: roleRows[i] ? roleRows[i].split('\u0003') : [],
        sources: Array.from(row(ents.sources, i), (k) => this.sources[k].id), passages: Array.from(row(ents.passages, i)),
      });
    }
    const quotePostings = new Set(needs.quotePostings);
    for (const w of needs.quoteWords) {
      const i = this.qIndex.get(w);
      const df = i === undefined ? 0 : s.qPost.off[i + 1] - s.qPost.off[i];
      out.quoteWords.push([w, df]);
      if (df && df <= (needs.quotePostingsUpTo ?? 0)) quotePostings.add(w);
    }
    for (const w of quotePostings) { const i = this.qIndex.get(w); if (i !== undefined) out.quotePostings.push([w, row(s.qPost, i).slice()]); }
    return out;
  }

  private article(a: number): ArticleRows {
    const s = this.s;
    const first = this.firstOf[a];
    const rows: PassageRow[] = [];
    const quoteText = s.quotes.text ? s.quotes.text.split('\u0001') : [];
    const speakers = s.quotes.speaker ? s.quotes.speaker.split('\u0001') : [];
    for (let p = first; p < s.pSource.length && s.pSource[p] === a; p++) {
      const keys: string[] = [];
      for (let k = s.pKeys.off[p]; k < s.pKeys.off[p + 1]; k++) keys.push(this.terms[s.pKeys.ids[k]]);
      const quotes: Quote[] = [];
      for (let q = this.firstQuote[p]; q >= 0 && q < s.qPassage.length && s.qPassage[q] === p; q++) {
        const quote: Quote = { text: quoteText[q], start: s.quotes.start[q], end: s.quotes.end[q] };
        if (speakers[q]) quote.speaker = speakers[q];
        quotes.push(quote);
      }
      rows.push({
        start: s.pStart[p], end: s.pEnd[p], line: s.pLine[p], len: s.pLen[p], keys, tfs: s.pKeyTf.slice(s.pKeys.off[p], s.pKeys.off[p + 1]),
        entities: Array.from(s.pEnt.ids.subarray(s.pEnt.off[p], s.pEnt.off[p + 1]), (e) => this.entityIds[e]), quotes,
      });
    }
    return { source: this.sources[a], first, rows };
  }
}
