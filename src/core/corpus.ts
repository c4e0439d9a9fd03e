// The indexed corpus: sources split into passages, the entities they mention, the quotations
// they report and who said them, and a BM25 index for finding evidence.
import type { Source, Passage, Entity, Quote } from './types';
import { splitSentences } from './sentences';
import { extractMentions, groupEntities, type Mention, type NlpMode } from './entities';
import { findQuotes, type RawQuote } from './quotes';
import { tokenize, tokenKeys, isContent, lineStartsOf, lineColAt, LIGHT_KEYS, type Token } from './text';
import { findFigures, type Figure } from './numberFacts';
import { resolveSpeaker } from './speakers';

export interface ScoredPassage { passage: Passage; score: number }

const KEY_SEP = '\u0001';

/** The `k` ids with the highest scores (ties to the lower id), without sorting them all. */
function topK(ids: number[], score: Float64Array, k: number): number[] {
  const top: number[] = [];
  const better = (a: number, b: number) => score[a] > score[b] || (score[a] === score[b] && a < b);
  for (const id of ids) {
    if (top.length === k && !better(id, top[k - 1])) continue;
    let i = top.length < k ? top.length : k - 1;
    while (i > 0 && better(id, top[i - 1])) { if (i < k) top[i] = top[i - 1]; i--; }
    top[i] = id;
    if (top.length > k) top.length = k;
  }
  return top;
}

/** Per-passage derived data, computed on first use; the cache is bounded for very large corpora. */
function cached<T>(cache: Map<number, T>, p: Passage, compute: (text: string) => T): T {
  let v = cache.get(p.index);
  if (v === undefined) {
    v = compute(p.text);
    if (cache.size > 50_000) cache.clear();
    cache.set(p.index, v);
  }
  return v;
}

export interface CorpusSnapshot {
  sources: Source[];
  passages: Passage[];
  entities: Entity[];
  postings: [string, Int32Array][];
  /** Unique keys of each passage, joined by KEY_SEP (one string per passage, not an array). */
  passageKeys: string[];
  passageLen: Int32Array;
}

export class Corpus {
  readonly sources: Source[] = [];
  readonly passages: Passage[] = [];
  readonly entities: Entity[] = [];
  private readonly sourceById = new Map<string, Source>();
  private readonly entityById = new Map<string, Entity>();
  /** Surface alias (apostrophes folded) -> entity id; ambiguous aliases are absent. */
  readonly aliases = new Map<string, string>();
  /** Lower-cased role phrase -> entity ids holding it. */
  readonly roles = new Map<string, string[]>();
  private readonly postings = new Map<string, ArrayLike<number> & { push?: (...n: number[]) => number }>(); // key -> [passage, tf, ...]
  private readonly passageKeys: string[] = [];
  private passageLen: number[] = [];
  private avgLen = 1;
  private readonly figureCache = new Map<number, Figure[]>();
  private readonly tokenCache = new Map<number, Token[]>();
  private scratch = new Float64Array(0);

  getSource(id: string): Source | undefined { return this.sourceById.get(id); }
  getEntity(id: string): Entity | undefined { return this.entityById.get(id); }
  keysOf(p: Passage): string[] { const k = this.passageKeys[p.index]; return k ? k.split(KEY_SEP) : []; }
  /** Word tokens of a passage (offsets into the passage text), cached. */
  tokensOf(p: Passage): Token[] { return cached(this.tokenCache, p, tokenize); }
  /** Figures of a passage, cached. */
  figuresOf(p: Passage): Figure[] { return cached(this.figureCache, p, findFigures); }

  /** @internal */
  addSource(s: Source): void { this.sources.push(s); this.sourceById.set(s.id, s); }
  /** @internal */
  setEntities(entities: Entity[]): void {
    for (const e of entities) { this.entities.push(e); this.entityById.set(e.id, e); }
    const count = new Map<string, Set<string>>();
    for (const e of entities) for (const a of e.aliases) {
      const set = count.get(a) ?? new Set();
      set.add(e.id);
      count.set(a, set);
    }
    for (const [a, ids] of count) if (ids.size === 1) this.aliases.set(a, [...ids][0]);
    // A person is also called by surname alone when no one else in the corpus shares it: "Peskov".
    // Korean names put the family name first ("Kim Jong Un" -> "Kim").
    const surnameOwners = new Map<string, Set<string>>();
    for (const e of entities) {
      if (e.kind !== 'person') continue;
      const t = e.name.split(' ');
      if (t.length < 2) continue;
      const sur = t.length === 3 && t[0].length <= 3 ? t[0] : t[t.length - 1];
      if (sur.length < 3 || !/^\p{Lu}/u.test(sur)) continue;
      const set = surnameOwners.get(sur) ?? new Set();
      set.add(e.id);
      surnameOwners.set(sur, set);
    }
    for (const [sur, ids] of surnameOwners) if (ids.size === 1 && !count.has(sur)) this.aliases.set(sur, [...ids][0]);
    // Korean-style names are also written with a hyphen: "Kim Jong Un" / "Kim Jong-un".
    for (const e of entities) {
      const t = e.name.split(' ');
      if (e.kind !== 'person' || t.length !== 3) continue;
      for (const v of [`${t[0]} ${t[1]}-${t[2].toLowerCase()}`, `${t[0]} ${t[1]}-${t[2]}`]) if (!this.aliases.has(v)) this.aliases.set(v, e.id);
    }
    for (const e of entities) for (const r of e.roles) {
      const k = r.toLowerCase();
      const ids = this.roles.get(k) ?? [];
      if (!ids.includes(e.id)) ids.push(e.id);
      this.roles.set(k, ids);
    }
  }
  /** @internal */
  indexPassage(p: Passage, keys: string[]): void {
    this.passages.push(p);
    // Unique keys only: coverage compares sets; BM25 keeps the term frequencies in the postings.
    this.passageKeys[p.index] = [...new Set(keys)].join(KEY_SEP);
    this.passageLen[p.index] = keys.length;
    const tf = new Map<string, number>();
    for (const k of keys) tf.set(k, (tf.get(k) ?? 0) + 1);
    for (const [k, n] of tf) {
      let list = this.postings.get(k) as number[] | undefined;
      if (!list) { list = []; this.postings.set(k, list); }
      list.push(p.index, n);
    }
  }
  /** @internal */
  finish(): void {
    // Compact the postings once built: typed arrays take a quarter of the memory of number arrays.
    for (const [k, v] of this.postings) if (Array.isArray(v)) this.postings.set(k, Int32Array.from(v));
    this.avgLen = this.passageLen.reduce((a, b) => a + b, 0) / Math.max(1, this.passageLen.length) || 1;
  }

  /** Passages ranked by BM25 for the query keys (entity keys are `@Name`). */
  search(queryKeys: string[], limit = 8): ScoredPassage[] {
    const N = this.passages.length;
    const k1 = 1.2, b = 0.75;
    // Rarest keys first, and at most a dozen of them; keys in more than 4% of a large corpus add
    // little to the ranking but cost the most, so they are left out once the corpus is big.
    const ranked = [...new Set(queryKeys)]
      .map((q) => ({ q, list: this.postings.get(q) }))
      .filter((x): x is { q: string; list: NonNullable<typeof x.list> } => !!x.list)
      .sort((a, b) => a.list.length - b.list.length);
    const cap = Math.max(2000, N * 0.04);
    const used = ranked.filter((x, i) => i < 2 || x.list.length <= cap).slice(0, 12);
    // Scores accumulate in a reused typed array; only touched passages are visited afterwards.
    if (this.scratch.length < N) this.scratch = new Float64Array(N);
    const acc = this.scratch;
    const touched: number[] = [];
    for (const { q, list } of used) {
      const df = list.length / 2;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      const boost = q.startsWith('@') ? 1.5 : 1;
      for (let i = 0; i < list.length; i += 2) {
        const p = list[i], tf = list[i + 1];
        if (acc[p] === 0) touched.push(p);
        acc[p] += (idf * boost * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.passageLen[p]) / this.avgLen));
      }
    }
    const top = topK(touched, acc, limit);
    const out = top.map((p) => ({ passage: this.passages[p], score: acc[p] }));
    for (const p of touched) acc[p] = 0;
    return out;
  }

  /** Plain data for persisting the built index (see indexStore.ts). */
  toSnapshot(): CorpusSnapshot {
    return {
      // Passages carry their own text; the articles' full text need not be stored twice.
      sources: this.sources.map((s) => ({ ...s, text: '' })), passages: this.passages, entities: this.entities,
      postings: [...this.postings.entries()].map(([k, v]) => [k, Int32Array.from(v)]),
      passageKeys: this.passageKeys,
      passageLen: Int32Array.from(this.passageLen),
    };
  }

  /** Rebuilds a corpus from `toSnapshot()` output without re-reading or re-analysing anything. */
  static fromSnapshot(s: CorpusSnapshot): Corpus {
    const c = new Corpus();
    for (const src of s.sources) c.addSource(src);
    c.setEntities(s.entities);
    for (const p of s.passages) c.passages.push(p);
    for (const [k, v] of s.postings) c.postings.set(k, v as unknown as number[]);
    s.passageKeys.forEach((keys, i) => { c.passageKeys[i] = keys; });
    s.passageLen.forEach((n, i) => { c.passageLen[i] = n; });
    c.finish();
    return c;
  }

  private quoteIndex: Map<string, number[]> | undefined;
  private quoteList: { passage: Passage; quote: Quote }[] = [];
  /**
   * Reported quotations sharing the most words with `words` (all words, stop words too: short
   * quotes such as "We have time" are made of them). The index is built on first use.
   */
  searchQuotes(words: string[], limit = 25): { passage: Passage; quote: Quote }[] {
    if (!this.quoteIndex) {
      this.quoteIndex = new Map();
      for (const p of this.passages) for (const q of p.quotes) {
        const id = this.quoteList.length;
        this.quoteList.push({ passage: p, quote: q });
        const local = q.start - p.start, localEnd = q.end - p.start;
        for (const w of new Set(this.tokensOf(p).filter((t) => t.start >= local && t.end <= localEnd).map((t) => t.norm))) {
          const l = this.quoteIndex.get(w) ?? [];
          l.push(id);
          this.quoteIndex.set(w, l);
        }
      }
    }
    const n = Math.max(1, this.quoteList.length);
    const lists = [...new Set(words)].map((w) => this.quoteIndex!.get(w)).filter((l): l is number[] => !!l).sort((a, b) => a.length - b.length);
    // The rarest words carry the match; the commonest ("the", "we") only cost time in a big corpus.
    const used = lists.filter((l, i) => i < 3 || l.length <= Math.max(500, n * 0.05)).slice(0, 16);
    const acc = new Float64Array(n);
    const touched: number[] = [];
    for (const l of used) {
      const idf = Math.log(1 + n / l.length);
      for (const id of l) { if (acc[id] === 0) touched.push(id); acc[id] += idf; }
    }
    return topK(touched, acc, limit).map((id) => this.quoteList[id]);
  }

  /** How rare a key is in the corpus (idf), for weighting coverage. */
  idf(key: string): number {
    const list = this.postings.get(key);
    const df = list ? list.length / 2 : 0;
    const N = Math.max(1, this.passages.length);
    return Math.log(1 + (N - df + 0.5) / (df + 0.5));
  }
}

/** Comparison keys of a text span, with entity mentions replaced by their `@id` key. */
export function keysWithEntities(text: string, base: number, mentions: { start: number; end: number; id: string }[]): string[] {
  const keys: string[] = [];
  for (const t of tokenize(text, base)) {
    const m = mentions.find((x) => t.start >= x.start && t.start < x.end);
    if (m) { if (keys[keys.length - 1] !== '@' + m.id) keys.push('@' + m.id); continue; }
    if (!isContent(t) || /^\d/.test(t.norm)) continue;
    for (const k of tokenKeys(t)) if (!LIGHT_KEYS.has(k)) keys.push(k);
  }
  return keys;
}

const NONE: string[] = Object.freeze([]) as unknown as string[];

/** The expensive, per-source part of indexing (sentence splitting, names, quotations): cacheable by content hash. */
export interface SourceAnalysis {
  sentences: { start: number; end: number; heading: boolean }[];
  mentions: Mention[];
  /** Quotations per sentence, offsets into the source text. */
  quotes: RawQuote[][];
}

/** Analyses one source text. `mode` picks full compromise tagging or the fast lexicon lookup. */
export function analyseSource(text: string, mode: NlpMode = 'full'): SourceAnalysis {
  const sentences = splitSentences(text);
  const headings = sentences.filter((s) => s.heading).map((s) => ({ start: s.start, end: s.end }));
  return {
    sentences: sentences.map((s) => ({ start: s.start, end: s.end, heading: s.heading })),
    mentions: extractMentions(text, headings, mode),
    quotes: sentences.map((s) => findQuotes(s.text, s.start)),
  };
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
  const corpus = new Corpus();
  const all: { m: Mention; sourceId: string; passage: number }[] = [];
  const perSource: { source: Source; passages: Passage[]; mentionIdx: number[]; analysis: SourceAnalysis }[] = [];
  let pIndex = 0;
  sources.forEach((source, si) => {
    corpus.addSource(source);
    const analysis = opts.analyses?.[si] ?? analyseSource(source.text, mode);
    const starts = lineStartsOf(source.text);
    const passages: Passage[] = analysis.sentences.map((s) => ({
      index: pIndex++, sourceId: source.id, text: source.text.slice(s.start, s.end), start: s.start, end: s.end,
      line: source.lineOffset + lineColAt(starts, s.start).line, entities: [], quotes: [],
    }));
    const mentionIdx: number[] = [];
    let pi = 0;
    for (const m of analysis.mentions) {
      while (pi < passages.length - 1 && passages[pi].end <= m.start) pi++;
      mentionIdx.push(all.length);
      all.push({ m, sourceId: source.id, passage: passages[pi]?.index ?? 0 });
    }
    perSource.push({ source, passages, mentionIdx, analysis });
  });
  const { entities, idOf } = groupEntities(all);
  corpus.setEntities(entities);

  for (const { passages, mentionIdx, analysis } of perSource) {
    const resolved = mentionIdx.map((i) => ({ start: all[i].m.start, end: all[i].m.end, id: idOf(i)!, kind: all[i].m.kind }));
    let lastSpeaker: string | undefined;
    let lastSpeakerAt = -10;
    let lastPassageHadQuote = false;
    let ri = 0;
    passages.forEach((p, k) => {
      while (ri < resolved.length && resolved[ri].start < p.start) ri++;
      const inP: typeof resolved = [];
      for (let r = ri; r < resolved.length && resolved[r].start < p.end; r++) if (resolved[r].end <= p.end) inP.push(resolved[r]);
      p.entities = inP.length ? [...new Set(inP.map((r) => r.id))] : NONE;
      const quotes: Quote[] = [];
      // "X told AFP." with no quotation still makes X the one "he" refers to in the next quote.
      const prose = SPEAKER_PROSE_RE.exec(p.text);
      if (prose && !(analysis.quotes[k] ?? []).length) {
        const who = resolveSpeaker(corpus, prose[1], inP, p.end);
        if (who) { lastSpeaker = who; lastSpeakerAt = k; }
      }
      for (const q of analysis.quotes[k] ?? []) {
        // "he said": the person last quoted, if recent; else the last person named.
        const recent = lastSpeaker && k - lastSpeakerAt <= 4 ? lastSpeaker : undefined;
        let speaker = q.speakerText && /^(he|she)$/i.test(q.speakerText) && recent
          ? recent
          : resolveSpeaker(corpus, q.speakerText, resolved.slice(0, ri + inP.length), q.start);
        // A quotation standing alone right after another by the same speaker continues it.
        if (!speaker && !q.speakerText && lastPassageHadQuote && q.start - p.start <= 1) speaker = lastSpeaker;
        const quote: Quote = { text: q.text, start: q.start, end: q.end };
        if (speaker) quote.speaker = speaker;
        quotes.push(quote);
        if (speaker) { lastSpeaker = speaker; lastSpeakerAt = k; }
      }
      lastPassageHadQuote = quotes.some((q) => q.text.split(/\s+/).length > 3);
      p.quotes = quotes.length ? quotes : (NONE as unknown as Quote[]);
      corpus.indexPassage(p, keysWithEntities(p.text, p.start, inP));
    });
  }
  corpus.finish();
  return corpus;
}

/** A sentence whose subject speaks without a quotation: "Vladimir Tikhonov, professor of ..., told AFP." */
const SPEAKER_PROSE_RE = /((?:[\p{Lu}][\p{L}'’-]+[ \t]+){0,3}[\p{Lu}][\p{L}'’-]+)(?:,[^,]{1,100},)?[ \t]+(?:told|said|says|added)\b/u;
