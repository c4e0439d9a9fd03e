// An editor's decisions kept beside the drafts, in files meant to be committed with them:
//
//   .corroborate/checked.json  claims an editor checked by hand, each tied to the sentence it is in
//   .corroborate/ignore.json   names the checker should not report
//
// A mark holds a hash of its sentence, so editing the sentence clears the mark by itself; editing
// another sentence does not. Both files are read leniently (a bad entry is reported by its index and
// the others kept; fields this version does not know are kept) and written stably (2-space JSON,
// entries by date then text, in code-unit order, not the machine's locale), so that diffs stay small
// and nothing another person or tool wrote is lost.
import { createHash } from 'node:crypto';
import { splitSentences, type Sentence } from '../analysis/sentences';
import { foldPunctuation } from '../analysis/text';
import { maskMarkup } from '../analysis/markup';
import type { Finding } from '../types';

/** Where the files live, relative to the workspace folder. */
export const CHECKED_PATH = '.corroborate/checked.json';
export const IGNORE_PATH = '.corroborate/ignore.json';

/** A claim an editor checked by hand. */
export interface CheckedClaim {
  /** The claim as the checker spanned it (the finding's text). */
  text: string;
  /** sentenceHash() of the sentence holding the claim when it was marked. */
  sentenceHash: string;
  /** The verdict the editor gives it (by default the checker's at the time). */
  verdict: string;
  note?: string;
  /** YYYY-MM-DD. */
  date: string;
  by?: string;
  /** Fields this version does not know, kept as written. */
  extra?: Record<string, unknown>;
}

/** A name the checker should not report. */
export interface IgnoredName {
  name: string;
  note?: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Fields this version does not know, kept as written. */
  extra?: Record<string, unknown>;
}

/** What a file holds besides its entries: written back as read. */
interface FileRest {
  /** List items that did not read as entries: written back as they were, after the others, until someone mends them. */
  unreadable?: unknown[];
  /** Top-level fields this version does not know. */
  extra?: Record<string, unknown>;
}
export interface CheckedFile extends FileRest { version: 1; claims: CheckedClaim[] }
export interface IgnoreFile extends FileRest { version: 1; names: IgnoredName[] }

/**
 * A file read: its entries, one problem per thing wrong (a bad entry named by its index), and the
 * file to change and write back. No `file` when it could not be read as a whole (not JSON, not an
 * object, another version, a list that is not a list): writing one then would overwrite what is there.
 */
export interface ParsedFile<F, E> { file?: F; entries: E[]; problems: string[] }

// ---- checked.json ----

/** Reads checked.json. An empty file is an empty list. */
export function parseChecked(json: string): ParsedFile<CheckedFile, CheckedClaim> {
  const r = parseList(json, 'claims', CLAIM_FIELDS);
  const entries = r.entries as unknown as CheckedClaim[];
  return { ...(r.rest && { file: { version: 1, claims: entries, ...r.rest } }), entries, problems: r.problems };
}

/** checked.json as text: 2-space JSON, claims by date then text, a final line break. */
export function serialiseChecked(file: CheckedFile): string {
  return serialiseList('claims', file.claims as unknown as Entry[], file, CLAIM_FIELDS, ['date', 'text', 'sentenceHash']);
}

/** The file with `entry` marked (replacing a mark of the same claim in the same sentence). A new object: `file` is not changed. */
export function markChecked(file: CheckedFile | undefined, entry: CheckedClaim): CheckedFile {
  const base = file ?? { version: 1, claims: [] };
  return { ...base, claims: [...base.claims.filter((c) => !sameClaim(c, entry)), entry] };
}

/** The file without marks of this claim in this sentence. A new object. */
export function unmarkChecked(file: CheckedFile, claim: Pick<CheckedClaim, 'text' | 'sentenceHash'>): CheckedFile {
  return { ...file, claims: file.claims.filter((c) => !sameClaim(c, claim)) };
}

/** A mark for a finding of `text` (the draft), its sentence hashed. The date defaults to today (local time). */
export function checkedClaim(text: string, finding: Finding, details: { verdict?: string; note?: string; by?: string; date?: string } = {}): CheckedClaim {
  const entry: CheckedClaim = {
    text: finding.text,
    sentenceHash: sentenceHash(sentenceAround(text, finding.start, finding.end).text),
    verdict: details.verdict ?? finding.verdict,
    date: details.date ?? localDate(new Date()),
  };
  if (details.note !== undefined) entry.note = details.note;
  if (details.by !== undefined) entry.by = details.by;
  return entry;
}

/**
 * For each finding, the mark that holds for it, if any: an entry whose sentence hash is that of the
 * finding's sentence now and whose text is the finding's (white space aside). A finding whose
 * sentence was edited since has none.
 */
export function checkedStatus(text: string, findings: Finding[], entries: CheckedClaim[]): (CheckedClaim | undefined)[] {
  if (!entries.length || !findings.length) return findings.map(() => undefined);
  const byHash = new Map<string, CheckedClaim[]>();
  for (const e of entries) {
    const h = hashKey(e.sentenceHash);
    byHash.set(h, [...(byHash.get(h) ?? []), e]);
  }
  const sentences = draftSentences(text);
  const hashes = new Map<string, string>();
  return findings.map((f) => {
    const s = sentenceIn(text, sentences, f.start, f.end);
    const key = `${s.start}:${s.end}`;
    let h = hashes.get(key);
    if (h === undefined) hashes.set(key, (h = sentenceHash(s.text)));
    const claim = squash(f.text);
    return byHash.get(h)?.find((e) => squash(e.text) === claim);
  });
}

/** The hash a mark keeps of its sentence: sha256 of the sentence with white space collapsed (case and words as written), first 16 hex digits. */
export function sentenceHash(sentence: string): string {
  return createHash('sha256').update(squash(sentence)).digest('hex').slice(0, 16);
}

/**
 * The sentence of `text` holding [start, end), as the checker splits the draft (markup blanked, so
 * the offsets are the draft's); the text is the draft's own, markup included. A span across
 * sentences gets them all; one in no sentence (markup, a blank) gets its line.
 */
export function sentenceAround(text: string, start: number, end: number): { text: string; start: number; end: number } {
  return sentenceIn(text, draftSentences(text), start, end);
}

// ---- ignore.json ----

/** Reads ignore.json. An empty file is an empty list. */
export function parseIgnore(json: string): ParsedFile<IgnoreFile, IgnoredName> {
  const r = parseList(json, 'names', NAME_FIELDS);
  const entries = r.entries as unknown as IgnoredName[];
  return { ...(r.rest && { file: { version: 1, names: entries, ...r.rest } }), entries, problems: r.problems };
}

/** ignore.json as text: 2-space JSON, names by date then name, a final line break. */
export function serialiseIgnore(file: IgnoreFile): string {
  return serialiseList('names', file.names as unknown as Entry[], file, NAME_FIELDS, ['date', 'name']);
}

/** The file with `entry` added (replacing an entry of the same name). A new object. */
export function ignoreName(file: IgnoreFile | undefined, entry: IgnoredName): IgnoreFile {
  const base = file ?? { version: 1, names: [] };
  return { ...base, names: [...base.names.filter((n) => nameKey(n.name) !== nameKey(entry.name)), entry] };
}

/** The file without entries of this name (any case). A new object. */
export function unignoreName(file: IgnoreFile, name: string): IgnoreFile {
  return { ...file, names: file.names.filter((n) => nameKey(n.name) !== nameKey(name)) };
}

/** Whether a name finding is ignored: its text or its entity is an ignored name, in any case, curly or straight apostrophes alike. */
export function isIgnoredName(finding: Finding, entries: IgnoredName[]): boolean {
  if (finding.kind !== 'name' || !entries.length) return false;
  const keys = [finding.text, finding.entity].filter((s): s is string => !!s).map(nameKey);
  return entries.some((e) => keys.includes(nameKey(e.name)));
}

// ---- sentences ----

function draftSentences(text: string): Sentence[] {
  return splitSentences(maskMarkup(text));
}

function sentenceIn(text: string, sentences: Sentence[], start: number, end: number): { text: string; start: number; end: number } {
  // The last sentence starting at or before `start`.
  let lo = 0, hi = sentences.length - 1, at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= start) { at = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (at < 0 || sentences[at].end <= start) at++;
  if (at < sentences.length && sentences[at].start < Math.max(end, start + 1)) {
    let last = at;
    while (last + 1 < sentences.length && sentences[last + 1].start < end) last++;
    const s = sentences[at].start, e = sentences[last].end;
    return { text: text.slice(s, e), start: s, end: e };
  }
  let s = start, e = end;
  while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') s--;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return { text: text.slice(s, e), start: s, end: e };
}

// ---- reading and writing a list file ----

type Entry = Record<string, unknown> & { extra?: Record<string, unknown> };
/** How each known field of an entry reads: required text, optional text, a hex hash, a date. */
type FieldKind = 'text' | 'optional' | 'hash' | 'date';
const CLAIM_FIELDS: Record<string, FieldKind> = { text: 'text', sentenceHash: 'hash', verdict: 'text', note: 'optional', date: 'date', by: 'optional' };
const NAME_FIELDS: Record<string, FieldKind> = { name: 'text', note: 'optional', date: 'date' };

function parseList(json: string, key: string, fields: Record<string, FieldKind>): { rest?: FileRest; entries: Entry[]; problems: string[] } {
  const src = json.replace(/^\uFEFF/, '');
  if (src.trim() === '') return { rest: {}, entries: [], problems: [] };
  let data: unknown;
  try {
    data = JSON.parse(src);
  } catch (e) {
    return { entries: [], problems: [`not JSON (${(e as Error).message}): nothing in it is read, and it should not be written over`] };
  }
  if (!isRecord(data)) return { entries: [], problems: [`not a JSON object with a "${key}" list: nothing in it is read`] };
  if (data.version !== undefined && data.version !== 1) {
    return { entries: [], problems: [`version ${JSON.stringify(data.version)}, where this version of Corroborate reads version 1: nothing in it is read`] };
  }
  const list = data[key] ?? [];
  if (!Array.isArray(list)) return { entries: [], problems: [`"${key}" is not a list: nothing in it is read`] };
  const entries: Entry[] = [];
  const unreadable: unknown[] = [];
  const problems: string[] = [];
  list.forEach((item, i) => {
    const { entry, faults } = readEntry(item, fields);
    if (entry) { entries.push(entry); return; }
    unreadable.push(item);
    const label = isRecord(item) ? item[Object.keys(fields)[0]] : undefined;
    const first = typeof label === 'string' && label.trim() ? ` (${JSON.stringify(brief(label))})` : '';
    problems.push(`${key}[${i}]${first}: ${faults.join('; ')}; it is kept as written but not used`);
  });
  const extra = Object.fromEntries(Object.entries(data).filter(([k]) => k !== 'version' && k !== key));
  return { rest: { ...(unreadable.length ? { unreadable } : {}), ...(Object.keys(extra).length ? { extra } : {}) }, entries, problems };
}

function readEntry(item: unknown, fields: Record<string, FieldKind>): { entry?: Entry; faults: string[] } {
  if (!isRecord(item)) return { faults: [`is ${JSON.stringify(item)?.slice(0, 40) ?? String(item)}, not an object`] };
  const faults: string[] = [];
  const entry: Entry = {};
  for (const [name, kind] of Object.entries(fields)) {
    const v = item[name];
    if (v === undefined) {
      if (kind !== 'optional') faults.push(`"${name}" is missing`);
      continue;
    }
    if (typeof v !== 'string') faults.push(`"${name}" is ${JSON.stringify(v).slice(0, 40)}, not a string`);
    else if (kind === 'text' && !v.trim()) faults.push(`"${name}" is empty`);
    else if (kind === 'hash' && !/^[0-9a-fA-F]{16,64}$/.test(v)) faults.push(`"${name}" is ${JSON.stringify(brief(v))}, not 16 to 64 hex digits`);
    else if (kind === 'date' && !isDate(v)) faults.push(`"${name}" is ${JSON.stringify(brief(v))}, not a date as YYYY-MM-DD`);
    else entry[name] = v;
  }
  if (faults.length) return { faults };
  const extra = Object.fromEntries(Object.entries(item).filter(([k]) => !Object.hasOwn(fields, k)));
  if (Object.keys(extra).length) entry.extra = extra;
  return { entry, faults };
}

function serialiseList(key: string, entries: Entry[], file: FileRest, fields: Record<string, FieldKind>, order: string[]): string {
  const compare = (a: Entry, b: Entry) => {
    for (const k of order) {
      const x = String(a[k] ?? ''), y = String(b[k] ?? '');
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  const written = [...entries].sort(compare).map((e) => Object.fromEntries([
    ...Object.keys(fields).filter((k) => e[k] !== undefined).map((k) => [k, e[k]]),
    ...Object.entries(e.extra ?? {}).filter(([k]) => !Object.hasOwn(fields, k)),
  ]));
  const data = Object.fromEntries([
    ['version', 1],
    [key, [...written, ...(file.unreadable ?? [])]],
    ...Object.entries(file.extra ?? {}).filter(([k]) => k !== 'version' && k !== key),
  ]);
  return JSON.stringify(data, null, 2) + '\n';
}

// ---- small pieces ----

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** YYYY-MM-DD naming a day of the calendar. */
function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(0);
  d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function localDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** White space collapsed and trimmed. */
function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

const hashKey = (h: string) => h.slice(0, 16).toLowerCase();

function sameClaim(a: Pick<CheckedClaim, 'text' | 'sentenceHash'>, b: Pick<CheckedClaim, 'text' | 'sentenceHash'>): boolean {
  return hashKey(a.sentenceHash) === hashKey(b.sentenceHash) && squash(a.text) === squash(b.text);
}

function nameKey(s: string): string {
  return squash(foldPunctuation(s)).toLowerCase();
}

function brief(s: string): string {
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/**
 * The findings as an editor sees them after their decisions: ignored names left out, and each claim
 * with a mark that still holds (its sentence unchanged) carrying it in `checked`.
 */
export function applyDecisions(text: string, findings: Finding[], checked: CheckedClaim[], ignored: IgnoredName[]): Finding[] {
  const kept = ignored.length ? findings.filter((f) => !isIgnoredName(f, ignored)) : findings;
  const marks = checkedStatus(text, kept, checked);
  return kept.map((f, i) => {
    const m = f.kind === 'name' ? undefined : marks[i];
    if (!m) return f;
    return { ...f, checked: { date: m.date, verdict: m.verdict, ...(m.by ? { by: m.by } : {}), ...(m.note ? { note: m.note } : {}) } };
  });
}
