// The indexed corpus: sources split into passages, the entities they mention, the quotations
// they report and who said them, and a BM25 index for finding evidence.
import type { Source, Passage, Entity, Quote } from '../types';
import { splitSentences, paragraphsOf, type Sentence } from '../analysis/sentences';
import { extractMentions, groupEntities, taggerSentenceStarts, type Mention, type NlpMode, type EntityTable } from '../analysis/entities';
import { findQuotes, SPEECH_VERBS, type RawQuote } from '../analysis/quotes';
import { tokenize, tokenKeys, isContent, lineStartsOf, lineColAt, LIGHT_KEYS, type Token } from '../analysis/text';
import { findFigures, type Figure } from '../analysis/numberFacts';
import { resolveSpeaker } from '../analysis/speakers';
import { roleWordsOf } from '../analysis/names';
import { withoutText } from './lazyText';

export interface ScoredPassage { passage: Passage; score: number }

/** A growable Int32Array (amortised doubling), for building columns without boxing numbers. */
class IntColumn {
  a = new Int32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) { const b = new Int32Array(this.a.length * 2); b.set(this.a); this.a = b; }
    this.a[this.n++] = v;
  }
  done(): Int32Array { return this.a.slice(0, this.n); }
}

/** The `k` ids with the highest scores (ties to the lower id), without sorting them all. */
function topK(ids: ArrayLike<number>, count: number, score: Float64Array, k: number): number[] {
  const top: number[] = [];
  const better = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b);
  for (let n = 0; n < count; n++) {
    const id = ids[n];
    if (top.length === k && !better(id, top[k - 1])) continue;
    let i = top.length < k ? top.length : k - 1;
    while (i > 0 && better(id, top[i - 1])) { if (i < k) top[i] = top[i - 1]; i--; }
    top[i] = id;
    if (top.length > k) top.length = k;
  }
  return top;
}

/** A bounded memo: cleared when full (derived per-passage data of very large corpora). */
function memo<T>(cache: Map<number, T>, i: number, compute: () => T): T {
  let v = cache.get(i);
  if (v === undefined) {
    v = compute();
    if (cache.size > 50_000) cache.clear();
    cache.set(i, v);
  }
  return v;
}

/** A compressed-sparse-row list: row i is `ids[off[i] .. off[i + 1])`. */
export interface Rows { off: Int32Array; ids: Int32Array }

/** Plain data for persisting a built index: typed columns, no per-passage objects, no text. */
export interface CorpusSnapshot {
  sources: Omit<Source, 'text'>[];
  /** Entities as columns: ids, kinds (one letter each), aliases and roles (ALT_SEP within, KEY_SEP between), sources and passages. */
  entities: { ids: string; kinds: string; aliases: string; roles: string; sources: Rows; passages: Rows };
  /** Per passage: source index, start and end offsets in the source text, 1-based line, BM25 length. */
  pSource: Int32Array; pStart: Int32Array; pEnd: Int32Array; pLine: Int32Array; pLen: Int32Array;
  /** Entities (indices into `entities`) per passage. */
  pEnt: Rows;
  /** The name tables built from the entities: alias -> entity index, role -> entity indices. */
  names: { aliases: string; aliasOwner: Int32Array; roles: string; roleOwners: Rows };
  /** Quotations, in passage order (aligned with qPassage/qSlot): words, offsets, speakers ('' for none). */
  quotes: { text: string; start: Int32Array; end: Int32Array; speaker: string };
  /** Index terms, joined by KEY_SEP; a term's id is its position. */
  terms: string;
  /** Unique term ids per passage (forward index), and passages per term with term frequencies (postings). */
  pKeys: Rows; pKeyTf: Uint8Array;
  post: Rows; postTf: Uint8Array;
  /** Quotation index: normalised words joined by KEY_SEP, quotes per word, and the quote list. */
  qWords: string; qPost: Rows; qPassage: Int32Array; qSlot: Int32Array;
}

const KEY_SEP = '\u0001';
const ALT_SEP = '\u0003';
const EMPTY = new Int32Array(0);
const KIND_LETTER: Record<Entity['kind'], string> = { person: 'p', place: 'l', organization: 'o' };
const LETTER_KIND: Record<string, Entity['kind']> = { p: 'person', l: 'place', o: 'organization' };
const joinRows = (rows: string[][]) => rows.map((r) => r.join(ALT_SEP)).join(KEY_SEP);
const splitRows = (s: string, n: number) => (n ? s.split(KEY_SEP).map((r) => (r ? r.split(ALT_SEP) : [])) : []);
function toRows(lists: ArrayLike<number>[]): Rows {
  const off = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => { off[i + 1] = off[i] + l.length; });
  const ids = new Int32Array(off[lists.length]);
  lists.forEach((l, i) => ids.set(Array.from(l), off[i]));
  return { off, ids };
}
/**
 * Inverts rows (row -> term ids) into term -> rows, by counting sort: rows come out in ascending
 * order. `payload` (one value per entry of `rows.ids`) is carried along.
 */
function invert(rows: Rows, terms: number, payload?: Uint8Array): Rows & { payload?: Uint8Array } {
  const off = new Int32Array(terms + 1);
  for (let k = 0; k < rows.ids.length; k++) off[rows.ids[k] + 1]++;
  for (let t = 0; t < terms; t++) off[t + 1] += off[t];
  const fill = off.slice(0, terms);
  const ids = new Int32Array(rows.ids.length);
  const out = payload ? new Uint8Array(rows.ids.length) : undefined;
  for (let r = 0; r + 1 < rows.off.length; r++) {
    for (let k = rows.off[r]; k < rows.off[r + 1]; k++) {
      const at = fill[rows.ids[k]]++;
      ids[at] = r;
      if (out) out[at] = payload![k];
    }
  }
  return { off, ids, payload: out };
}
const rowOf = (r: Rows, i: number) => Array.from(r.ids.subarray(r.off[i], r.off[i + 1]));

/**
 * The indexed corpus. Passages are kept as columns of typed arrays (source, offsets, line, length,
 * entities, terms) and materialised as `Passage` objects only when asked for, with their text sliced
 * from the source text: a newsroom archive of a million sentences costs tens of megabytes, not one
 * JavaScript object and a dozen strings per sentence.
 */
export class Corpus implements EntityTable {
  readonly sources: Source[] = [];
  private readonly sourceIndex = new Map<string, number>();
  /** Entity ids by index, and the entities themselves, materialised from columns on first use after a snapshot load. */
  private entityIds: string[] = [];
  private entityList: (Entity | undefined)[] = [];
  private entityCols?: CorpusSnapshot['entities'] & { aliasRows: string[][]; roleRows: string[][] };
  private readonly entityIndex = new Map<string, number>();
  /** Surface alias (apostrophes folded) -> entity id; ambiguous aliases are absent. */
  readonly aliases = new Map<string, string>();
  /** Lower-cased role phrase -> entity ids holding it. */
  readonly roles = new Map<string, string[]>();

  // Passage columns (building: IntColumns; built: typed arrays).
  private pSource: Int32Array = EMPTY; private pStart: Int32Array = EMPTY; private pEnd: Int32Array = EMPTY;
  private pLine: Int32Array = EMPTY; private pLen: Int32Array = EMPTY;
  private pEnt: Rows = { off: new Int32Array(1), ids: EMPTY };
  /** Quotations by passage while building; columns once built. */
  private pQuotes = new Map<number, Quote[]>();
  private qText: string[] = []; private qStart: Int32Array = EMPTY; private qEnd: Int32Array = EMPTY; private qSpeaker: string[] = [];
  private pKeys: Rows = { off: new Int32Array(1), ids: EMPTY };
  private readonly vocab = new Map<string, number>();
  private terms: string[] = [];
  private post: Rows = { off: new Int32Array(1), ids: EMPTY };
  private postTf: Uint8Array = new Uint8Array(0);
  /** Term frequencies aligned with pKeys (the forward index). */
  private pKeyTf: Uint8Array = new Uint8Array(0);
  private avgLen = 1;
  private count = 0;
  private builder?: {
    src: IntColumn; start: IntColumn; end: IntColumn; line: IntColumn; len: IntColumn;
    entOff: IntColumn; ent: IntColumn; keyOff: IntColumn; keys: IntColumn; tf: IntColumn;
    quoteWords: [number, number, string[]][];
  };
  private qVocab = new Map<string, number>();
  private qPost: Rows = { off: new Int32Array(1), ids: EMPTY };
  private qPassage: Int32Array = EMPTY;
  private qSlot: Int32Array = EMPTY;

  private readonly figureCache = new Map<number, Figure[]>();
  private readonly tokenCache = new Map<number, Token[]>();
  /** @internal How search bounds its work in big corpora (tests lower it to exercise champion lists on small ones). */
  searchTuning: SearchTuning = { champions: CHAMPIONS, quotes: QUOTE_WALK };
  /** Champion lists computed so far, by term id (for the cap they were cut at). */
  private championCache = new Map<number, { cap: number; ids: Int32Array; tfs: Uint8Array }>();

  /** Number of passages. */
  get passageCount(): number { return this.count; }
  /** Mean passage length in keys (BM25's average length; champion lists are cut by it). */
  get averageLength(): number { return this.avgLen; }
  /** The i-th passage (a fresh object each call; its text is a slice of the source text). */
  passage(i: number): Passage {
    const source = this.sources[this.pSource[i]];
    const { off, ids } = this.pEnt;
    const entities: string[] = [];
    for (let k = off[i]; k < off[i + 1]; k++) entities.push(this.entityIds[ids[k]]);
    return {
      index: i, sourceId: source.id, text: source.text.slice(this.pStart[i], this.pEnd[i]),
      start: this.pStart[i], end: this.pEnd[i], line: this.pLine[i], entities, quotes: this.quotesOf(i),
    };
  }
  /** Quotations of the i-th passage (from the columns: a binary search in the passage-ordered list). */
  private quotesOf(i: number): Quote[] {
    if (this.builder) return this.pQuotes.get(i) ?? (NONE as unknown as Quote[]);
    const qp = this.qPassage;
    let lo = 0, hi = qp.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (qp[mid] < i) lo = mid + 1; else hi = mid; }
    if (lo >= qp.length || qp[lo] !== i) return NONE as unknown as Quote[];
    const out: Quote[] = [];
    for (let k = lo; k < qp.length && qp[k] === i; k++) {
      const q: Quote = { text: this.qText[k], start: this.qStart[k], end: this.qEnd[k] };
      if (this.qSpeaker[k]) q.speaker = this.qSpeaker[k];
      out.push(q);
    }
    return out;
  }
  /** Number of entities. */
  get entityCount(): number { return this.entityIds.length; }
  /** All entities (materialised; the checker looks them up by id instead). */
  get entities(): Entity[] { return this.entityIds.map((_, i) => this.entityAt(i)); }
  private entityAt(i: number): Entity {
    let e = this.entityList[i];
    if (!e) {
      const c = this.entityCols!;
      e = {
        id: this.entityIds[i], name: this.entityIds[i], kind: LETTER_KIND[c.kinds[i]], aliases: c.aliasRows[i], roles: c.roleRows[i],
        sources: rowOf(c.sources, i).map((si) => this.sources[si].id), passages: rowOf(c.passages, i),
      };
      this.entityList[i] = e;
    }
    return e;
  }
  /** All passages, materialised (tests and tools; the checker works on search results). */
  allPassages(): Passage[] { return Array.from({ length: this.count }, (_, i) => this.passage(i)); }
  /** Text of the i-th passage. */
  passageText(i: number): string { const s = this.sources[this.pSource[i]]; return s.text.slice(this.pStart[i], this.pEnd[i]); }

  getSource(id: string): Source | undefined { const i = this.sourceIndex.get(id); return i === undefined ? undefined : this.sources[i]; }
  getEntity(id: string): Entity | undefined { const i = this.entityIndex.get(id); return i === undefined ? undefined : this.entityAt(i); }
  /** Roles whose words end with `words` (see roleWordsOf), with their holders, in the corpus' order. */
  rolesEndingWith(words: string[]): [string, string[]][] {
    const tail = ' ' + words.join(' ');
    const out: [string, string[]][] = [];
    for (const [r, ids] of this.roles) if ((' ' + roleWordsOf(r).join(' ')).endsWith(tail)) out.push([r, ids]);
    return out;
  }
  /** The kind of an entity (without materialising it). */
  kindOf(id: string): Entity['kind'] | undefined {
    const i = this.entityIndex.get(id);
    if (i === undefined) return undefined;
    return this.entityList[i]?.kind ?? LETTER_KIND[this.entityCols!.kinds[i]];
  }
  /** Unique comparison keys of a passage (entity keys are `@Name`). */
  keysOf(p: Passage): string[] {
    const { off, ids } = this.pKeys;
    const out: string[] = [];
    for (let k = off[p.index]; k < off[p.index + 1]; k++) out.push(this.terms[ids[k]]);
    return out;
  }
  /** Word tokens of a passage (offsets into the passage text), cached. */
  tokensOf(p: Passage): Token[] { return memo(this.tokenCache, p.index, () => tokenize(p.text)); }
  /** Figures of a passage, cached. */
  figuresOf(p: Passage): Figure[] { return memo(this.figureCache, p.index, () => findFigures(p.text)); }

  /** @internal */
  addSource(s: Source): void { this.sourceIndex.set(s.id, this.sources.length); this.sources.push(s); }
  /** @internal */
  setEntities(entities: Entity[]): void {
    for (const e of entities) { this.entityIndex.set(e.id, this.entityIds.length); this.entityIds.push(e.id); this.entityList.push(e); }
    this.indexNames(entities);
  }

  /** The alias, surname and role tables (from entities or their columns: only id, name, kind, aliases and roles are read). */
  private indexNames(entities: Pick<Entity, 'id' | 'name' | 'kind' | 'aliases' | 'roles'>[]): void {
    // Alias -> its one owner, or null when several entities share it (then it names no one).
    const owner = new Map<string, string | null>();
    for (const e of entities) for (const a of e.aliases) {
      const o = owner.get(a);
      if (o === undefined) owner.set(a, e.id); else if (o !== e.id) owner.set(a, null);
    }
    for (const [a, id] of owner) if (id !== null) this.aliases.set(a, id);
    // A person is also called by surname alone when no one else in the corpus shares it: "Peskov".
    // Korean names put the family name first ("Kim Jong Un" -> "Kim").
    const surnameOwner = new Map<string, string | null>();
    for (const e of entities) {
      if (e.kind !== 'person') continue;
      const t = e.name.split(' ');
      if (t.length < 2) continue;
      const sur = t.length === 3 && t[0].length <= 3 ? t[0] : t[t.length - 1];
      if (sur.length < 3 || !/^\p{Lu}/u.test(sur)) continue;
      const o = surnameOwner.get(sur);
      if (o === undefined) surnameOwner.set(sur, e.id); else if (o !== e.id) surnameOwner.set(sur, null);
    }
    for (const [sur, id] of surnameOwner) if (id !== null && !owner.has(sur)) this.aliases.set(sur, id);
    // Korean-style names are also written with a hyphen: "Kim Jong Un" / "Kim Jong-un".
    for (const e of entities) {
      if (e.kind !== 'person') continue;
      const t = e.name.split(' ');
      if (t.length !== 3) continue;
      for (const v of [`${t[0]} ${t[1]}-${t[2].toLowerCase()}`, `${t[0]} ${t[1]}-${t[2]}`]) if (!this.aliases.has(v)) this.aliases.set(v, e.id);
    }
    for (const e of entities) for (const r of e.roles) {
      const k = r.toLowerCase();
      const ids = this.roles.get(k);
      if (!ids) this.roles.set(k, [e.id]); else if (!ids.includes(e.id)) ids.push(e.id);
    }
  }

  private termId(k: string): number {
    let id = this.vocab.get(k);
    if (id === undefined) { id = this.terms.length; this.terms.push(k); this.vocab.set(k, id); }
    return id;
  }

  /**
   * @internal Appends a passage: where it is, the entities it names, its quotations (with the
   * normalised words of each, for the quotation index) and its comparison keys.
   */
  addPassage(sourceIndex: number, start: number, end: number, line: number, entityIds: string[], quotes: Quote[], quoteWords: string[][], keys: string[]): number {
    const b = (this.builder ??= {
      src: new IntColumn(), start: new IntColumn(), end: new IntColumn(), line: new IntColumn(), len: new IntColumn(),
      entOff: new IntColumn(), ent: new IntColumn(), keyOff: new IntColumn(), keys: new IntColumn(), tf: new IntColumn(), quoteWords: [],
    });
    const i = this.count++;
    b.src.push(sourceIndex); b.start.push(start); b.end.push(end); b.line.push(line); b.len.push(keys.length);
    b.entOff.push(b.ent.n);
    for (const id of entityIds) { const e = this.entityIndex.get(id); if (e !== undefined) b.ent.push(e); }
    if (quotes.length) {
      this.pQuotes.set(i, quotes);
      quoteWords.forEach((w, slot) => b.quoteWords.push([i, slot, w]));
    }
    // Unique keys with their frequencies: coverage compares sets; BM25 uses the frequencies.
    const tf = new Map<number, number>();
    for (const k of keys) { const id = this.termId(k); tf.set(id, (tf.get(id) ?? 0) + 1); }
    b.keyOff.push(b.keys.n);
    for (const [id, n] of tf) { b.keys.push(id); b.tf.push(n); }
    return i;
  }

  /** @internal Freezes the columns and builds the postings (term -> passages) by counting sort. */
  finish(): void {
    this.cols = undefined;
    this.championCache.clear();
    const b = this.builder;
    if (b) {
      this.builder = undefined;
      b.entOff.push(b.ent.n); b.keyOff.push(b.keys.n);
      this.pSource = b.src.done(); this.pStart = b.start.done(); this.pEnd = b.end.done(); this.pLine = b.line.done(); this.pLen = b.len.done();
      this.pEnt = { off: b.entOff.done(), ids: b.ent.done() };
      this.pKeys = { off: b.keyOff.done(), ids: b.keys.done() };
      const tf = b.tf.done();
      const tf8 = Uint8Array.from(tf, (n) => Math.min(255, n));
      const inv = invert(this.pKeys, this.terms.length, tf8);
      this.post = { off: inv.off, ids: inv.ids };
      this.postTf = inv.payload!;
      this.pKeyTf = tf8;
      // The quotation index, the same way: normalised word -> quotes using it.
      const qPassage = new IntColumn(), qSlot = new IntColumn(), qWordOff = new IntColumn(), qWordIds = new IntColumn();
      for (const [p, slot, words] of b.quoteWords) {
        qPassage.push(p); qSlot.push(slot);
        qWordOff.push(qWordIds.n);
        for (const w of new Set(words)) {
          let id = this.qVocab.get(w);
          if (id === undefined) { id = this.qVocab.size; this.qVocab.set(w, id); }
          qWordIds.push(id);
        }
      }
      qWordOff.push(qWordIds.n);
      const qInv = invert({ off: qWordOff.done(), ids: qWordIds.done() }, this.qVocab.size);
      this.qPost = { off: qInv.off, ids: qInv.ids };
      this.qPassage = qPassage.done(); this.qSlot = qSlot.done();
      const quotes = b.quoteWords.map(([p, slot]) => this.pQuotes.get(p)![slot]);
      this.qText = quotes.map((q) => q.text); this.qSpeaker = quotes.map((q) => q.speaker ?? '');
      this.qStart = Int32Array.from(quotes, (q) => q.start); this.qEnd = Int32Array.from(quotes, (q) => q.end);
      this.pQuotes = new Map();
    }
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.pLen[i];
    this.avgLen = sum / Math.max(1, this.count) || 1;
  }

  /** Document frequency of a term id. */
  private df(t: number): number { return this.post.off[t + 1] - this.post.off[t]; }

  /** The columns search reads (the corpus' own, rebuilt lazily after finish()). */
  private cols?: SearchColumns;
  private columns(): SearchColumns {
    if (this.cols) return this.cols;
    const post = this.post;
    this.cols = {
      N: this.count, avgLen: this.avgLen, size: this.count, termCount: this.terms.length, vocab: this.vocab,
      df: (t) => post.off[t + 1] - post.off[t], post, postTf: this.postTf, pKeys: this.pKeys, pKeyTf: this.pKeyTf, pLen: this.pLen,
      tuning: this.searchTuning, scratch: newScratch(),
      champions: (t, cap) => {
        const got = this.championCache.get(t);
        if (got && got.cap === cap) return got;
        const from = post.off[t], to = post.off[t + 1];
        const list = post.ids.subarray(from, to);
        const ch = championsOf(list, this.postTf.subarray(from, to), Int32Array.from(list, (p) => this.pLen[p]), this.avgLen, cap);
        const entry = { cap, ids: ch.ids, tfs: ch.tfs };
        this.championCache.set(t, entry);
        return entry;
      },
      quotes: { n: this.qPassage.length, size: this.qPassage.length, vocab: this.qVocab, post: this.qPost },
    };
    return this.cols;
  }

  /** Passages ranked by BM25 for the query keys (entity keys are `@Name`). */
  search(queryKeys: string[], limit = 8): ScoredPassage[] {
    const cols = this.columns();
    cols.tuning = this.searchTuning;
    return bm25Search(cols, queryKeys, limit).map(({ p, score }) => ({ passage: this.passage(p), score }));
  }

  /** Plain data for persisting the built index (see indexStore.ts). The source texts are not in it. */
  toSnapshot(): CorpusSnapshot {
    return {
      sources: this.sources.map(withoutText),
      entities: (() => {
        const all = this.entities;
        return {
          ids: this.entityIds.join(KEY_SEP), kinds: all.map((e) => KIND_LETTER[e.kind]).join(''),
          aliases: joinRows(all.map((e) => e.aliases)), roles: joinRows(all.map((e) => e.roles)),
          sources: toRows(all.map((e) => e.sources.map((id) => this.sourceIndex.get(id)!))), passages: toRows(all.map((e) => e.passages)),
        };
      })(),
      names: {
        aliases: [...this.aliases.keys()].join(KEY_SEP), aliasOwner: Int32Array.from(this.aliases.values(), (id) => this.entityIndex.get(id)!),
        roles: [...this.roles.keys()].join(KEY_SEP), roleOwners: toRows([...this.roles.values()].map((ids) => ids.map((id) => this.entityIndex.get(id)!))),
      },
      pSource: this.pSource, pStart: this.pStart, pEnd: this.pEnd, pLine: this.pLine, pLen: this.pLen,
      pEnt: this.pEnt,
      quotes: { text: this.qText.join(KEY_SEP), start: this.qStart, end: this.qEnd, speaker: this.qSpeaker.join(KEY_SEP) },
      terms: this.terms.join(KEY_SEP), pKeys: this.pKeys, pKeyTf: this.pKeyTf, post: this.post, postTf: this.postTf,
      qWords: [...this.qVocab.keys()].join(KEY_SEP), qPost: this.qPost, qPassage: this.qPassage, qSlot: this.qSlot,
    };
  }

  /**
   * Rebuilds a corpus from `toSnapshot()` output without re-reading or re-analysing anything.
   * `sources` are the loaded sources the snapshot was built from (same order), which supply the text.
   */
  static fromSnapshot(s: CorpusSnapshot, sources: Source[]): Corpus {
    if (sources.length !== s.sources.length) throw new Error('snapshot does not match the sources');
    const c = new Corpus();
    for (const src of sources) c.addSource(src);
    const ids = s.entities.ids ? s.entities.ids.split(KEY_SEP) : [];
    c.entityCols = { ...s.entities, aliasRows: splitRows(s.entities.aliases, ids.length), roleRows: splitRows(s.entities.roles, ids.length) };
    ids.forEach((id, i) => c.entityIndex.set(id, i));
    c.entityIds = ids;
    c.entityList = new Array(ids.length);
    // The name tables as they were built (same insertion order), not recomputed.
    const { names } = s;
    if (names.aliasOwner.length) names.aliases.split(KEY_SEP).forEach((a, k) => c.aliases.set(a, ids[names.aliasOwner[k]]));
    if (names.roleOwners.off.length > 1) names.roles.split(KEY_SEP).forEach((r, k) => c.roles.set(r, rowOf(names.roleOwners, k).map((i) => ids[i])));
    c.count = s.pSource.length;
    c.pSource = s.pSource; c.pStart = s.pStart; c.pEnd = s.pEnd; c.pLine = s.pLine; c.pLen = s.pLen;
    c.pEnt = s.pEnt;
    const nq = s.qPassage.length;
    c.qText = nq ? s.quotes.text.split(KEY_SEP) : []; c.qSpeaker = nq ? s.quotes.speaker.split(KEY_SEP) : [];
    c.qStart = s.quotes.start; c.qEnd = s.quotes.end;
    c.terms = s.terms ? s.terms.split(KEY_SEP) : [];
    c.terms.forEach((t, i) => c.vocab.set(t, i));
    c.pKeys = s.pKeys; c.pKeyTf = s.pKeyTf; c.post = s.post; c.postTf = s.postTf;
    (s.qWords ? s.qWords.split(KEY_SEP) : []).forEach((w, i) => c.qVocab.set(w, i));
    c.qPost = s.qPost; c.qPassage = s.qPassage; c.qSlot = s.qSlot;
    c.finish();
    return c;
  }

  /**
   * Reported quotations sharing the most words with `words` (all words, stop words too: short
   * quotes such as "We have time" are made of them).
   */
  searchQuotes(words: string[], limit = 25): { passage: Passage; quote: Quote }[] {
    return quoteSearch(this.columns(), words, limit).map((id) => {
      const passage = this.passage(this.qPassage[id]);
      return { passage, quote: passage.quotes[this.qSlot[id]] };
    });
  }

  /** How rare a key is in the corpus (idf), for weighting coverage. */
  idf(key: string): number {
    const t = this.vocab.get(key);
    return idfOf(this.count, t === undefined ? 0 : this.df(t));
  }
}

/** How rare a key in `df` of `N` passages is (BM25's idf). */
export function idfOf(N: number, df: number): number {
  const n = Math.max(1, N);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** How search bounds its work (tests lower these to exercise the bounds on small corpora). */
export interface SearchTuning { champions: number; quotes: number }
/** The longest postings list a search walks per key: a key in more passages is walked through its champion list. */
export const CHAMPIONS = 10_000;
/** The most quotations a quotation search walks per word (the first ones: every quotation weighs the same). */
export const QUOTE_WALK = 5000;
/** Typed arrays search reuses between calls (scores and champion bits by passage, quotation scores). */
export interface SearchScratch { acc: Float64Array; mask: Int32Array; quote: Float64Array }
export const newScratch = (): SearchScratch => ({ acc: new Float64Array(0), mask: new Int32Array(0), quote: new Float64Array(0) });

/**
 * What search reads: a corpus' columns, or the part of an archive's that a check has fetched (then
 * ids are dense local ones in the archive's order, `N` and `df` the whole archive's, and `walk`/`read`
 * record what is not there yet). One algorithm for both, so both rank alike.
 */
export interface SearchColumns {
  /** Passages in the whole corpus (BM25's N) and their mean length. */
  N: number; avgLen: number;
  /** Passage ids run from 0 to size - 1, term ids from 0 to termCount - 1. */
  size: number; termCount: number;
  vocab: ReadonlyMap<string, number>;
  /** Passages holding term t, in the whole corpus. */
  df(t: number): number;
  /** Postings (term -> passages, with term frequencies) and the forward index (passage -> terms). */
  post: Rows; postTf: Uint8Array; pKeys: Rows; pKeyTf: Uint8Array; pLen: ArrayLike<number>;
  tuning: SearchTuning;
  /** A key's champion list (see championsOf), for a key in more than `cap` passages. */
  champions(t: number, cap: number): { ids: ArrayLike<number>; tfs: ArrayLike<number> };
  scratch: SearchScratch;
  /** The quotation index: quotes in the whole corpus, word -> quote ids. */
  quotes: { n: number; size: number; vocab: ReadonlyMap<string, number>; post: Rows; df?(t: number): number };
  /** Called before a term's postings are walked, and before a passage's forward row is read. */
  walk?(t: number): void; read?(p: number): void; walkQuote?(t: number): void;
}

const K1 = 1.2, B = 0.75;

/** BM25's term-frequency factor of one posting: what a passage gains from a key, per unit of the key's weight. */
export function impactOf(tf: number, len: number, avgLen: number): number {
  return tf / (tf + K1 * (1 - B + (B * len) / avgLen));
}

/**
 * A key's champion list (Manning, Raghavan and Schütze, "Introduction to Information Retrieval",
 * 7.1.3): of its postings, the `cap` where it weighs most in BM25 (highest term-frequency factor,
 * ties to the lower passage id), kept in passage order. A list no longer than `cap` is returned as
 * it is, so champions of champions are the same list: the archive publishes them, and a reader may
 * cut again what it fetched.
 */
export function championsOf(ids: ArrayLike<number>, tfs: ArrayLike<number>, lens: ArrayLike<number>, avgLen: number, cap: number): { ids: Int32Array; tfs: Uint8Array; lens: Int32Array } {
  const n = ids.length;
  if (n <= cap) return { ids: Int32Array.from(ids), tfs: Uint8Array.from(tfs), lens: Int32Array.from(lens) };
  const impact = new Float64Array(n);
  for (let k = 0; k < n; k++) impact[k] = impactOf(tfs[k], lens[k], avgLen);
  // The cap-th highest factor, then every posting above it and, of those equal to it, the first in passage order.
  const threshold = impact.slice().sort()[n - cap];
  let above = 0;
  for (let k = 0; k < n; k++) if (impact[k] > threshold) above++;
  let equal = cap - above;
  const out = { ids: new Int32Array(cap), tfs: new Uint8Array(cap), lens: new Int32Array(cap) };
  for (let k = 0, m = 0; k < n && m < cap; k++) {
    if (impact[k] > threshold || (impact[k] === threshold && equal-- > 0)) { out.ids[m] = ids[k]; out.tfs[m] = tfs[k]; out.lens[m] = lens[k]; m++; }
  }
  return out;
}

/**
 * Passage ids ranked by BM25 for the query keys, with their scores (see Corpus.search).
 *
 * The work is bounded whatever the corpus' size: a key in more than `tuning.champions` passages is
 * walked through its champion list only (the passages where it weighs most). Candidates are the
 * passages holding a key walked whole (or, when every key is cut, the champions); the best of them
 * then get the rest of their score, from the keys whose lists were cut, through their forward rows.
 * On a small corpus no list is cut and this is plain BM25.
 */
export function bm25Search(c: SearchColumns, queryKeys: string[], limit: number): { p: number; score: number }[] {
  const N = c.N;
  // Rarest keys first, and at most a dozen of them; keys in more than 4% of a large corpus add
  // little to the ranking but cost the most, so they are left out once the corpus is big (usedKeys).
  const ranked: { q: string; t: number; df: number }[] = [];
  for (const q of new Set(queryKeys)) {
    const t = c.vocab.get(q);
    if (t !== undefined) ranked.push({ q, t, df: c.df(t) });
  }
  const used = usedKeys(ranked, N);
  const cap = c.tuning.champions;
  // Scores accumulate in a reused typed array; only touched passages are visited afterwards.
  if (c.scratch.acc.length < c.size) { c.scratch.acc = new Float64Array(c.size); c.scratch.mask = new Int32Array(c.size); }
  const acc = c.scratch.acc, mask = c.scratch.mask;
  const touched: number[] = [];
  const { off, ids } = c.post;
  const len = c.pLen, avg = c.avgLen;
  const weight = (q: string, df: number) => Math.log(1 + (N - df + 0.5) / (df + 0.5)) * (q.startsWith('@') ? 1.5 : 1) * (K1 + 1);
  /** Keys walked through their champion lists only: their weights by term id, and a bit each in `mask`. */
  const cut = new Map<number, { w: number; bit: number }>();
  // Candidates are the passages holding a key walked whole (used keys come rarest first, so those
  // are walked before any cut one); a cut key's champions add to them. Only a query of common keys
  // alone takes its candidates from champion lists.
  const fromChampions = used.every((x) => x.df > cap);
  for (const { q, t, df } of used) {
    c.walk?.(t);
    const w = weight(q, df);
    let pIds: ArrayLike<number> = ids, pTfs: ArrayLike<number> = c.postTf, from = off[t], to = off[t + 1], bit = 0;
    if (df > cap) {
      const ch = c.champions(t, cap);
      pIds = ch.ids; pTfs = ch.tfs; from = 0; to = ch.ids.length;
      bit = 1 << cut.size;
      cut.set(t, { w, bit });
    }
    for (let k = from; k < to; k++) {
      const p = pIds[k], tf = pTfs[k];
      if (acc[p] === 0) { if (bit && !fromChampions) continue; touched.push(p); }
      acc[p] += (w * tf) / (tf + K1 * (1 - B + (B * len[p]) / avg));
      if (bit) mask[p] |= bit;
    }
  }
  if (cut.size) {
    // The best candidates get what the cut keys add where they are not champions (read from the
    // passages' forward rows); the others keep the score their walked postings gave.
    const { off: fOff, ids: fIds } = c.pKeys;
    const fTf = c.pKeyTf;
    for (const p of topK(touched, touched.length, acc, Math.max(32, limit * 4))) {
      c.read?.(p);
      for (let k = fOff[p]; k < fOff[p + 1]; k++) {
        const x = cut.get(fIds[k]);
        if (x && !(mask[p] & x.bit)) { const tf = fTf[k]; acc[p] += (x.w * tf) / (tf + K1 * (1 - B + (B * len[p]) / avg)); }
      }
    }
  }
  const top = topK(touched, touched.length, acc, limit);
  const out = top.map((p) => ({ p, score: acc[p] }));
  for (const p of touched) { acc[p] = 0; mask[p] = 0; }
  return out;
}

/** Keys in more passages than this are left out of a search (but for the two rarest of a query). */
export function usedKeysCap(N: number): number { return Math.max(2000, N * 0.04); }

/** The keys a search walks, rarest first (ties in the query's order): at most a dozen, the commonest left out (see usedKeysCap). */
export function usedKeys<T extends { df: number }>(keys: T[], N: number): T[] {
  const common = usedKeysCap(N);
  return [...keys].sort((x, y) => x.df - y.df).filter((x, i) => i < 2 || x.df <= common).slice(0, 12);
}

/** Quotation ids sharing the most words with `words`, best first (see Corpus.searchQuotes). */
export function quoteSearch(c: SearchColumns, words: string[], limit: number): number[] {
  const { n: count, vocab, post } = c.quotes;
  const n = Math.max(1, count);
  const { off, ids } = post;
  const lists: number[] = [];
  for (const w of new Set(words)) { const t = vocab.get(w); if (t !== undefined) lists.push(t); }
  const size = c.quotes.df ?? ((t: number) => off[t + 1] - off[t]);
  lists.sort((a, b) => size(a) - size(b));
  // The rarest words carry the match; the commonest ("the", "we") only cost time in a big corpus.
  const used = lists.filter((t, i) => i < 3 || size(t) <= Math.max(500, n * 0.05)).slice(0, 16);
  if (c.scratch.quote.length < c.quotes.size) c.scratch.quote = new Float64Array(c.quotes.size);
  const acc = c.scratch.quote;
  const touched: number[] = [];
  for (const t of used) {
    c.walkQuote?.(t);
    const idf = Math.log(1 + n / size(t));
    // A word in more quotations than the walk's bound is walked in part (whatever the archive's size).
    const end = Math.min(off[t + 1], off[t] + c.tuning.quotes);
    for (let k = off[t]; k < end; k++) { const id = ids[k]; if (acc[id] === 0) touched.push(id); acc[id] += idf; }
  }
  const top = topK(touched, touched.length, acc, limit);
  for (const id of touched) acc[id] = 0;
  return top;
}

/** Comparison keys of a text span, with entity mentions replaced by their `@id` key. */
export function keysWithEntities(text: string, base: number, mentions: { start: number; end: number; id: string }[]): string[] {
  return keysOfTokens(tokenize(text, base), mentions);
}

/** The search key of a number written in digits ("2,009" and "2009" -> "#2009"): for finding evidence, not for coverage. */
export function numberKey(norm: string): string { return '#' + norm.replace(/,/g, ''); }

/**
 * Comparison keys of tokens (offsets in the mentions' frame), entity mentions as `@id`. With
 * `numbers`, numbers in digits are keys too (`#2009`): the index has them for search.
 */
export function keysOfTokens(tokens: Token[], mentions: { start: number; end: number; id: string }[], numbers = false): string[] {
  const keys: string[] = [];
  for (const t of tokens) {
    const m = mentions.length ? mentions.find((x) => t.start >= x.start && t.start < x.end) : undefined;
    if (m) { if (keys[keys.length - 1] !== '@' + m.id) keys.push('@' + m.id); continue; }
    if (/^\d/.test(t.norm)) { if (numbers) keys.push(numberKey(t.norm)); continue; }
    if (!isContent(t)) continue;
    for (const k of tokenKeys(t)) if (!LIGHT_KEYS.has(k)) keys.push(k);
  }
  return keys;
}

const NONE: string[] = Object.freeze([]) as unknown as string[];

/**
 * The expensive, per-source part of indexing (sentence splitting, names, quotations, comparison
 * keys): cacheable by content hash, and computed in worker threads for big corpora.
 */
export interface SourceAnalysis {
  sentences: { start: number; end: number; heading: boolean }[];
  mentions: Mention[];
  /** Quotations per sentence, offsets into the source text. */
  quotes: RawQuote[][];
  /**
   * Comparison keys per sentence, joined by KEY_SEP. A name mention is `@` + MENTION_MARK + its index
   * in `mentions`; it becomes `@` + the entity id once the whole corpus' names are grouped.
   */
  keys: string[];
  /** The normalised words of each quotation, per sentence (space-separated), for the quotation index. */
  quoteWords: string[][];
}

const MENTION_MARK = '\u0002';

/**
 * Articles longer than this (UTF-16 code units) are analysed in pieces of about this size. compromise's
 * cost grows with the square of the text it is given (its offsets), as did the name repairs, so a 5 MB article analysed whole
 * took minutes and gigabytes; in pieces it is linear. The seeds and ordinary articles are one piece.
 */
export const ANALYSIS_PIECE = 8_000;
/** A stretch this long (or 8 pieces, if more) without a paragraph break to cut at is cut at a sentence end instead. */
const MAX_UNBROKEN = 32_000;

/** A piece of an article analysed on its own: a text range and the sentences in it. */
export interface AnalysisPiece { start: number; end: number; sentences: Sentence[] }

/**
 * Cuts a text into pieces of about `size` for analysis. A piece ends at a paragraph break (a blank
 * line) where compromise's sentence splitter also ends a sentence: every sentence, name and quotation
 * then comes out as in the whole text (each piece is tagged as the whole would be, and the product's
 * own repairs look no further than a line). Only a stretch longer than MAX_UNBROKEN with no such break
 * (an article without blank lines) is cut at another sentence end, where a name at the cut may differ.
 */
export function analysisPieces(text: string, size = ANALYSIS_PIECE): AnalysisPiece[] {
  if (text.length <= size) return [{ start: 0, end: text.length, sentences: splitSentences(text) }];
  // Sentences paragraph by paragraph (the same as splitSentences(text), without its per-paragraph scan of all sentences).
  const sentences: Sentence[] = [];
  for (const p of paragraphsOf(text)) for (const s of splitSentences(text, [p])) sentences.push(s);
  const tagger = taggerSentenceStarts(text);
  if (!tagger) return [{ start: 0, end: text.length, sentences }];
  const pieces: AnalysisPiece[] = [];
  const unbroken = Math.max(MAX_UNBROKEN, 8 * size);
  let from = 0, first = 0, t = 0;
  for (let i = 1; i < sentences.length; i++) {
    const at = sentences[i].start;
    const long = at - from;
    if (long < size) continue;
    while (t < tagger.length && tagger[t] < at) t++;
    if (tagger[t] !== at) continue;
    const breaks = text.slice(sentences[i - 1].end, at).match(/\r\n|\r|\n/g)?.length ?? 0;
    const paragraphBreak = sentences[i].paragraph !== sentences[i - 1].paragraph && breaks >= 2;
    if (!paragraphBreak && long < unbroken) continue;
    pieces.push({ start: from, end: at, sentences: sentences.slice(first, i) });
    from = at;
    first = i;
  }
  pieces.push({ start: from, end: text.length, sentences: sentences.slice(first) });
  return pieces;
}

/** What one piece of an article needs for its names: its text and its headings (offsets into the piece). */
export interface PieceJob { text: string; headings: { start: number; end: number }[] }

/** The name-finding job of each piece of `text` (the costly, independent part of analysing it). */
export function pieceJobs(text: string, pieces: AnalysisPiece[]): PieceJob[] {
  return pieces.map((piece) => ({
    text: piece.start === 0 && piece.end === text.length ? text : text.slice(piece.start, piece.end),
    headings: piece.sentences.filter((s) => s.heading).map((s) => ({ start: s.start - piece.start, end: s.end - piece.start })),
  }));
}

/** The names of one piece (see pieceJobs): run here or in an analysis thread. */
export function pieceMentions(job: PieceJob, mode: NlpMode = 'full'): Mention[] {
  return extractMentions(job.text, job.headings, mode);
}

/**
 * Analyses one source text. `mode` picks full compromise tagging or the fast lexicon lookup; texts
 * longer than `pieceSize` are analysed piece by piece (see analysisPieces), offsets shifted back.
 */
export function analyseSource(text: string, mode: NlpMode = 'full', pieceSize = ANALYSIS_PIECE): SourceAnalysis {
  const pieces = analysisPieces(text, pieceSize);
  return finishAnalysis(text, pieces, pieceJobs(text, pieces).map((job) => pieceMentions(job, mode)));
}

/** Completes the analysis of `text` from its pieces and each piece's names (offsets into the piece). */
export function finishAnalysis(text: string, pieces: AnalysisPiece[], found: Mention[][]): SourceAnalysis {
  const sentences: Sentence[] = [];
  const mentions: Mention[] = [];
  pieces.forEach((piece, p) => {
    for (const m of found[p]) mentions.push(piece.start === 0 ? m : { ...m, start: m.start + piece.start, end: m.end + piece.start });
    for (const s of piece.sentences) sentences.push(s);
  });
  const quotes = sentences.map((s) => findQuotes(s.text, s.start));
  const keys: string[] = [];
  const quoteWords: string[][] = [];
  let mi = 0;
  sentences.forEach((s, k) => {
    mi = firstFrom(mentions, mi, s.start);
    const inS = within(mentions, mi, s.end).map((j) => ({ start: mentions[j].start, end: mentions[j].end, id: MENTION_MARK + j }));
    const tokens = tokenize(s.text, s.start);
    keys.push(keysOfTokens(tokens, inS, true).join(KEY_SEP));
    quoteWords.push(quotes[k].map((q) => tokens.filter((t) => t.start >= q.start && t.end <= q.end).map((t) => t.norm).join(' ')));
  });
  return { sentences: sentences.map((s) => ({ start: s.start, end: s.end, heading: s.heading })), mentions, quotes, keys, quoteWords };
}

// Verbs of speech, and of praise and thanks, which also introduce someone's words.
const SPEECH_BETWEEN = new RegExp(`\\b(?:${SPEECH_VERBS}|praised|hailed|called|described|pledged|thanked|predicted|expressed|welcomed|calling|describing|adding)\\b`);

/** The first index at or after `from` of a span starting at or after `start` (spans sorted by start). */
function firstFrom(spans: { start: number }[], from: number, start: number): number {
  while (from < spans.length && spans[from].start < start) from++;
  return from;
}
/** Indices, from `from`, of the spans that start before `end` and end by it: the ones inside a sentence. */
function within(spans: { start: number; end: number }[], from: number, end: number): number[] {
  const out: number[] = [];
  for (let j = from; j < spans.length && spans[j].start < end; j++) if (spans[j].end <= end) out.push(j);
  return out;
}

/** Corpora larger than this many articles are analysed with the fast lexicon lookup when the mode is `auto`. */
export const AUTO_FULL_NLP_LIMIT = 500;

export interface BuildOptions {
  /** `auto` (default): full compromise tagging up to AUTO_FULL_NLP_LIMIT articles, fast lookup above. */
  mode?: NlpMode | 'auto';
  /** Pre-computed analyses (from a cache), aligned with `sources`; missing ones are computed. */
  analyses?: (SourceAnalysis | undefined)[];
}

export function resolveMode(mode: NlpMode | 'auto' | undefined, count: number): NlpMode {
  return mode === 'full' || mode === 'fast' ? mode : count > AUTO_FULL_NLP_LIMIT ? 'fast' : 'full';
}

/** Builds the corpus from loaded sources. */
export function buildCorpus(sources: Source[], opts: BuildOptions = {}): Corpus {
  const mode = resolveMode(opts.mode, sources.length);
  const builder = new CorpusBuilder();
  const analyses = sources.map((source, si) => {
    const analysis = opts.analyses?.[si] ?? analyseSource(source.text, mode);
    builder.names(source.id, analysis);
    return analysis;
  });
  sources.forEach((source, si) => builder.add(source, analyses[si]));
  return builder.finish();
}

/**
 * Builds a corpus from articles met twice, in the same order: first each article's names and
 * sentences (entities are grouped across the whole corpus), then each article whole, one at a time.
 * Nothing else of an article need stay in memory between the two passes: publishing streams the
 * archive through it, and buildCorpus gives it loaded sources; both build the same index.
 */
export class CorpusBuilder {
  private readonly corpus = new Corpus();
  /** Every mention, with its source and the passage it is in. */
  private readonly all: { m: Mention; sourceId: string; passage: number }[] = [];
  private readonly firstMention: number[] = [];
  private passages = 0;
  private idOf?: (i: number) => string | undefined;
  private added = 0;

  /** First pass: an article's names and sentences. */
  names(sourceId: string, analysis: Pick<SourceAnalysis, 'sentences' | 'mentions'>): void {
    if (this.idOf) throw new Error('names are read before any article is added');
    this.firstMention.push(this.all.length);
    const sents = analysis.sentences;
    let k = 0;
    for (const m of analysis.mentions) {
      while (k < sents.length - 1 && sents[k].end <= m.start) k++;
      this.all.push({ m, sourceId, passage: this.passages + k });
    }
    this.passages += sents.length;
  }

  private group(): (i: number) => string | undefined {
    if (!this.idOf) {
      const { entities, idOf } = groupEntities(this.all);
      this.corpus.setEntities(entities);
      this.idOf = idOf;
    }
    return this.idOf;
  }

  /**
   * Second pass: the next article, with the analysis its names came from. `kept` is what the corpus
   * keeps of the source (publishing keeps no text: the archive holds it).
   */
  add(source: Source, analysis: SourceAnalysis, kept: Source = source): void {
    const idOf = this.group();
    const corpus = this.corpus, all = this.all;
    const si = this.added++;
    if (si >= this.firstMention.length) throw new Error('an article was added whose names were not read');
    corpus.addSource(kept);
    const starts = lineStartsOf(source.text);
    const resolved: { start: number; end: number; id: string; kind: Mention['kind'] }[] = [];
    for (let i = this.firstMention[si]; i < (this.firstMention[si + 1] ?? all.length); i++) resolved.push({ start: all[i].m.start, end: all[i].m.end, id: idOf(i)!, kind: all[i].m.kind });
    let lastSpeaker: string | undefined;
    let lastSpeakerAt = -10;
    let lastPassageHadQuote = false;
    let ri = 0;
    analysis.sentences.forEach((sent, k) => {
      const text = source.text.slice(sent.start, sent.end);
      ri = firstFrom(resolved, ri, sent.start);
      const inP = within(resolved, ri, sent.end).map((r) => resolved[r]);
      const rawQuotes = analysis.quotes[k] ?? [];
      // "X told AFP." with no quotation still makes X the one "he" refers to in the next quote.
      if (!rawQuotes.length) {
        const prose = SPEAKER_PROSE_RE.exec(text);
        const who = prose ? resolveSpeaker(corpus, prose[1], inP, sent.end) : undefined;
        if (who) { lastSpeaker = who; lastSpeakerAt = k; }
      }
      const quotes: Quote[] = [];
      for (const q of rawQuotes) {
        // "he said": the person last quoted, if recent; else the last person named.
        const recent = lastSpeaker && k - lastSpeakerAt <= 4 ? lastSpeaker : undefined;
        let speaker = q.speakerText && /^(he|she)$/i.test(q.speakerText) && recent
          ? recent
          : resolveSpeaker(corpus, q.speakerText, resolved, q.start, ri + inP.length);
        // A quotation standing alone right after another by the same speaker continues it.
        if (!speaker && !q.speakerText && lastPassageHadQuote && q.start - sent.start <= 1) speaker = lastSpeaker;
        // No attribution the rules read ("Putin meanwhile praised “the future …”"): the first person the
        // sentence names before the quotation, as for drafts.
        if (!speaker && !q.speakerText) {
          const who = inP.find((r) => r.end <= q.start && corpus.kindOf(r.id) === 'person');
          // Only when a verb of speech stands between them: in "Kim and Putin “may conduct an exchange …”"
          // the quotation is someone else's words about them.
          if (who && SPEECH_BETWEEN.test(source.text.slice(who.end, q.start))) speaker = who.id;
        }
        const quote: Quote = { text: q.text, start: q.start, end: q.end };
        if (speaker) quote.speaker = speaker;
        quotes.push(quote);
        if (speaker) { lastSpeaker = speaker; lastSpeakerAt = k; }
      }
      lastPassageHadQuote = quotes.some((q) => q.text.split(/\s+/).length > 3);
      // The analysis' keys, with its mention marks turned into entity keys.
      const keys = analysis.keys[k] ? analysis.keys[k].split(KEY_SEP) : [];
      for (let j = 0; j < keys.length; j++) if (keys[j].charCodeAt(1) === 2) keys[j] = '@' + idOf(this.firstMention[si] + Number(keys[j].slice(2)));
      const quoteWords = (analysis.quoteWords[k] ?? []).map((w) => (w ? w.split(' ') : []));
      const ids = inP.length ? [...new Set(inP.map((r) => r.id))] : NONE;
      corpus.addPassage(si, sent.start, sent.end, source.lineOffset + lineColAt(starts, sent.start).line, ids, quotes.length ? quotes : (NONE as unknown as Quote[]), quoteWords, keys);
    });
  }

  /** The corpus, once every article whose names were read has been added (the builder is done with then). */
  finish(): Corpus {
    this.group();
    if (this.added !== this.firstMention.length) throw new Error(`${this.firstMention.length - this.added} articles were not added`);
    // Every mention of the whole corpus is no longer needed (publishing goes on to write for long).
    this.all.length = 0;
    this.idOf = () => { throw new Error('the corpus is built: a builder adds no more articles'); };
    this.corpus.finish();
    return this.corpus;
  }
}

/** A sentence whose subject speaks without a quotation: "Vladimir Tikhonov, professor of ..., told AFP." */
const SPEAKER_PROSE_RE = /((?:[\p{Lu}][\p{L}'’-]+[ \t]+){0,3}[\p{Lu}][\p{L}'’-]+)(?:,[^,]{1,100},)?[ \t]+(?:told|said|says|added)\b/u;
