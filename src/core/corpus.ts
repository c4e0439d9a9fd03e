// The indexed corpus: sources split into passages, the entities they mention, the quotations
// they report and who said them, and a BM25 index for finding evidence.
import type { Source, Passage, Entity, Quote } from './types';
import { splitSentences } from './sentences';
import { extractMentions, groupEntities, type Mention } from './entities';
import { findQuotes } from './quotes';
import { tokenize, tokenKeys, isContent, lineStartsOf, lineColAt, LIGHT_KEYS } from './text';
import { findFigures, type Figure } from './numberFacts';

export interface ScoredPassage { passage: Passage; score: number }

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
  private readonly postings = new Map<string, number[]>(); // key -> [passage, tf, passage, tf, ...]
  private readonly passageKeys: string[][] = [];
  private readonly passageLen: number[] = [];
  private avgLen = 1;
  private readonly figureCache = new Map<number, Figure[]>();

  getSource(id: string): Source | undefined { return this.sourceById.get(id); }
  getEntity(id: string): Entity | undefined { return this.entityById.get(id); }
  keysOf(p: Passage): string[] { return this.passageKeys[p.index]; }
  figuresOf(p: Passage): Figure[] {
    let f = this.figureCache.get(p.index);
    if (!f) { f = findFigures(p.text); this.figureCache.set(p.index, f); }
    return f;
  }

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
    this.passageKeys[p.index] = keys;
    this.passageLen[p.index] = keys.length;
    const tf = new Map<string, number>();
    for (const k of keys) tf.set(k, (tf.get(k) ?? 0) + 1);
    for (const [k, n] of tf) {
      let list = this.postings.get(k);
      if (!list) { list = []; this.postings.set(k, list); }
      list.push(p.index, n);
    }
  }
  /** @internal */
  finish(): void {
    this.avgLen = this.passageLen.reduce((a, b) => a + b, 0) / Math.max(1, this.passageLen.length) || 1;
  }

  /** Passages ranked by BM25 for the query keys (entity keys are `@Name`). */
  search(queryKeys: string[], limit = 8): ScoredPassage[] {
    const N = this.passages.length;
    const scores = new Map<number, number>();
    const k1 = 1.2, b = 0.75;
    for (const q of new Set(queryKeys)) {
      const list = this.postings.get(q);
      if (!list) continue;
      const df = list.length / 2;
      const idf = Math.log(1 + (N - df + 0.5) / (df + 0.5));
      const boost = q.startsWith('@') ? 1.5 : 1;
      for (let i = 0; i < list.length; i += 2) {
        const p = list[i], tf = list[i + 1];
        const s = (idf * boost * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * this.passageLen[p]) / this.avgLen));
        scores.set(p, (scores.get(p) ?? 0) + s);
      }
    }
    return [...scores.entries()]
      .sort((a, b2) => b2[1] - a[1] || a[0] - b2[0])
      .slice(0, limit)
      .map(([p, score]) => ({ passage: this.passages[p], score }));
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

/** Builds the corpus from loaded sources. Runs compromise once per source. */
export function buildCorpus(sources: Source[]): Corpus {
  const corpus = new Corpus();
  const all: { m: Mention; sourceId: string; passage: number }[] = [];
  const perSource: { source: Source; passages: Passage[]; mentionIdx: number[] }[] = [];
  let pIndex = 0;
  for (const source of sources) {
    corpus.addSource(source);
    const sentences = splitSentences(source.text);
    const starts = lineStartsOf(source.text);
    const headings = sentences.filter((s) => s.heading).map((s) => ({ start: s.start, end: s.end }));
    const mentions = extractMentions(source.text, headings);
    const passages: Passage[] = sentences.map((s) => ({
      index: pIndex++, sourceId: source.id, text: s.text, start: s.start, end: s.end,
      line: source.lineOffset + lineColAt(starts, s.start).line, entities: [], quotes: [],
    }));
    const mentionIdx: number[] = [];
    let pi = 0;
    for (const m of mentions) {
      while (pi < passages.length - 1 && passages[pi].end <= m.start) pi++;
      mentionIdx.push(all.length);
      all.push({ m, sourceId: source.id, passage: passages[pi]?.index ?? 0 });
    }
    perSource.push({ source, passages, mentionIdx });
  }
  const { entities, idOf } = groupEntities(all);
  corpus.setEntities(entities);

  for (const { source, passages, mentionIdx } of perSource) {
    const resolved = mentionIdx.map((i) => ({ start: all[i].m.start, end: all[i].m.end, id: idOf(i)!, kind: all[i].m.kind }));
    let lastSpeaker: string | undefined;
    let lastPassageHadQuote = false;
    for (const p of passages) {
      const inP = resolved.filter((r) => r.start >= p.start && r.end <= p.end);
      p.entities = [...new Set(inP.map((r) => r.id))];
      const raw = findQuotes(p.text, p.start);
      const quotes: Quote[] = [];
      for (const q of raw) {
        let speaker = resolveSpeaker(corpus, q.speakerText, resolved, q.start);
        // A quotation standing alone right after another by the same speaker continues it.
        if (!speaker && !q.speakerText && lastPassageHadQuote && q.start - p.start <= 1) speaker = lastSpeaker;
        const quote: Quote = { text: q.text, start: q.start, end: q.end };
        if (speaker) quote.speaker = speaker;
        quotes.push(quote);
        if (speaker) lastSpeaker = speaker;
      }
      lastPassageHadQuote = quotes.some((q) => q.text.split(/\s+/).length > 3);
      p.quotes = quotes;
      corpus.indexPassage(p, keysWithEntities(p.text, p.start, inP));
    }
  }
  corpus.finish();
  return corpus;
}

const PRONOUN_RE = /^(he|she|they)$/i;

/** Resolves a speaker phrase to an entity id: an alias, a role ("the Kremlin spokesman"), or a pronoun (the last person named before). */
export function resolveSpeaker(corpus: Corpus, speakerText: string | undefined, mentions: { start: number; end: number; id: string }[], at: number): string | undefined {
  if (!speakerText) return undefined;
  const s = speakerText.replace(/’/g, "'").replace(/^(the|The)\s+/, '');
  if (PRONOUN_RE.test(s)) {
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i];
      if (m.start < at && corpus.getEntity(m.id)?.kind === 'person') return m.id;
    }
    return undefined;
  }
  const direct = corpus.aliases.get(s);
  if (direct) return direct;
  // "Siemon Wezeman" said by surname only, or a longer form: match on any alias ending the phrase.
  const words = s.split(/\s+/);
  for (let k = 0; k < words.length; k++) {
    const tail = words.slice(k).join(' ');
    const id = corpus.aliases.get(tail);
    if (id) return id;
  }
  const byRole = corpus.roles.get(s.toLowerCase());
  if (byRole?.length === 1) return byRole[0];
  return undefined;
}
