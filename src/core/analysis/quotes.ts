// Quotations and who said them.
import type { Quote } from '../types';

/** A quotation found in text, before its speaker is resolved to an entity. */
export interface RawQuote extends Quote {
  /** The speaker phrase as written ("Putin", "he", "the Kremlin spokesman"), if the sentence names one. */
  speakerText?: string;
  /** Offsets of each quoted part (without marks); split quotes have two or more. */
  parts: { start: number; end: number }[];
}

export const SPEECH_VERBS =
  'said|says|told|tells|added|adds|asked|warned|warns|stressed|noted|explained|insisted|declared|announced|wrote|writes|tweeted|posted|quipped|continued|replied|remarked|argued|claimed|claims|stated|states|recalled|conceded|admitted|promised|vowed|urged|quoted|responded|saying';

const OPEN = `“"‘'`;

/** Finds quotations in `text`. Single quotes count only at word boundaries; an apostrophe never opens one. */
export function findQuotes(text: string, base = 0): RawQuote[] {
  const spans: { start: number; end: number; open: number; close: number }[] = [];
  // Where each kind of quotation closes next, and the next paragraph break: openings ask in order of
  // position, so the text is read once however many openings find no closing mark (see closingFinders).
  const closing = closingFinders(text);
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const singleOk = (c !== '‘' && c !== "'") || i === 0 || /[\s(\[—–-]/.test(text[i - 1]);
    if (OPEN.includes(c) && singleOk && (c !== "'" || /\p{L}/u.test(text[i + 1] ?? '')) && !(c === '"' && /[\p{L}\p{N}]/u.test(text[i - 1] ?? ' ') && i > 0 && /\s|$/.test(text[i + 1] ?? ''))) {
      const close = closing[c](i + 1), paragraphEnd = closing.paragraph(i + 1);
      const found = close >= 0 && (paragraphEnd < 0 || close < paragraphEnd) ? close : -1;
      if (found > i + 1) {
        spans.push({ start: i + 1, end: found, open: i, close: found });
        i = found + 1;
        continue;
      }
    }
    i++;
  }
  const out: RawQuote[] = [];
  // Every quotation blanked out once (names inside quotes are not speakers), and where each opening's sentence starts.
  const masked = spans.length ? maskSpans(text, spans) : text;
  const sentenceStarts = sentenceStartsBefore(text, spans.map((s) => s.open));
  const leads = new Map<number, number>();
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k], sentenceStart = sentenceStarts[k];
    // Trailing punctuation inside the marks belongs to the sentence, not the words.
    const trimmedEnd = withoutTrailing(text, s.start, s.end);
    const parts = [{ start: base + s.start, end: base + trimmedEnd }];
    // "We will discuss," Putin said, "without hurrying": join a continuation after a short attribution.
    const firstClose = s.close;
    const next = spans[k + 1];
    if (next) {
      const between = text.slice(s.close + 1, next.open);
      const firstEndsWithComma = /,\s*$/.test(text.slice(s.start, s.end)) || /^\s*,/.test(between);
      if (firstEndsWithComma && SHORT_ATTRIBUTION.test(between)) {
        parts.push({ start: base + next.start, end: base + withoutTrailing(text, next.start, next.end) });
        k++;
      }
    }
    const quoteText = parts.map((p) => text.slice(p.start - base, p.end - base)).join(' … ');
    if (!/[\p{L}\p{N}]/u.test(quoteText)) continue;
    const q: RawQuote = { text: quoteText, start: parts[0].start, end: parts[parts.length - 1].end, parts };
    q.speakerText = speakerIn(masked, sentenceStart, s.open, firstClose + 1, leads);
    if (!q.speakerText) delete q.speakerText;
    out.push(q);
  }
  return out;
}

const NAME1 = String.raw`(?:(?:[\p{Lu}][\p{L}'’.-]*|al|bin|de|van|von|ten|der|la|le)[ \t]+){0,4}[\p{Lu}][\p{L}'’-]*`;
// A name with its affiliation: "Siemon Wezeman of SIPRI", "Vladimir Tikhonov of the University of Oslo".
const NAME = String.raw`${NAME1}(?:[ \t]+of[ \t]+(?:the[ \t]+)?${NAME1}){0,2}`;
// Auxiliaries and adverbs between a speaker and the verb: "Kim had earlier stressed".
const AUX = String.raw`(?:[ \t]+(?:had|has|have|also|earlier|later|then|previously|again|once|already|repeatedly|further|separately)){0,3}`;
const PRONOUN = '(?:he|she|they|He|She|They)';
const ROLE = String.raw`(?:[Tt]he\s+(?:[\p{L}-]+\s+){0,3}[\p{L}-]+)`;

/**
 * The speaker phrase for the quotation that opens at `open` and closes before `after`,
 * looked for in the same sentence: `"…," X said`, `"…," said X`, `X said: "…"`, `according to X`.
 */
export function findSpeaker(text: string, open: number, after: number, spans: { open: number; close: number }[]): string | undefined {
  return speakerIn(maskSpans(text, spans), sentenceStartsBefore(text, [open])[0], open, after, new Map());
}

const verbs = SPEECH_VERBS;
const TAIL_TRIES = [
  new RegExp(String.raw`^[\s,—–-]*(?:[\p{Ll}-]+[ \t]+){0,4}?(${NAME}|${PRONOUN}|${ROLE})(?:,[^,]{1,80},)?\s+(?:was\s+quoted\s+as\s+saying|(?:${verbs}))\b`, 'u'),
  new RegExp(String.raw`^[\s,—–-]*(?:${verbs})\s+(${NAME}|${ROLE})`, 'u'),
  new RegExp(String.raw`^[\s,—–-]*according\s+to\s+(${NAME}|${ROLE})`, 'u'),
];
const HEAD_VERBS = `${verbs}|praised|thanked|called|described`;
const HEAD_SAID = new RegExp(String.raw`(${NAME}|${PRONOUN}|${ROLE})(?:,[^,]{1,80},)?${AUX}\s+(?:${HEAD_VERBS})\b[^.!?]{0,100}$`, 'u');
const HEAD_ACCORDING = new RegExp(String.raw`[Aa]ccording\s+to\s+(${NAME}|${ROLE})[,:]?\s*$`, 'u');
// The sentence's subject, then a participle of speech: "US analyst Ankit Panda reacted to the test, describing the ...".
const HEAD_SUBJECT = new RegExp(String.raw`^\s*((?:[\p{L}'’.-]+[ \t]+){0,4}?[\p{Lu}][\p{L}'’-]*)[ \t]+\p{Ll}+ed\b[^"“”.!?]{0,100}?,\s*(?:describing|calling|saying|adding|noting|warning|praising)\b[^"“”.!?]{0,40}$`, 'u');
// What must end the words before a quotation for HEAD_SAID and HEAD_SUBJECT to match there, looked
// for in the last characters only: most quotations have neither, and need no longer look.
const LONGEST_VERB = Math.max(...HEAD_VERBS.split('|').map((v) => v.length));
const SAID_NEAR_END = new RegExp(String.raw`(?:${HEAD_VERBS})\b[^.!?]{0,100}$`);
const PARTICIPLE_NEAR_END = /(?:describing|calling|saying|adding|noting|warning|praising)\b[^"“”.!?]{0,40}$/;
/**
 * How far before a quotation (in characters) a speaker named in the words before it is looked for:
 * in a sentence of many quotations, each would otherwise read all of the sentence before it (16 s
 * for 36 KB). A speaker phrase, its verb and up to 100 characters after the verb run to about 300
 * characters in reporting; the limit leaves room for long words and spaces.
 */
export const SPEAKER_REACH = 1000;
/** The same for the sentence's subject before a participle of speech (HEAD_SUBJECT), read from the sentence's start. */
export const SUBJECT_REACH = 2000;

/**
 * The speaker phrase for the quotation opening at `open` (closing before `after`), with every
 * quotation of the text blanked out in `masked` and its sentence starting at `sentenceStart`.
 * `leads` remembers, per sentence start, where its first non-space is.
 */
function speakerIn(masked: string, sentenceStart: number, open: number, after: number, leads: Map<number, number>): string | undefined {
  const tail = masked.slice(after, Math.min(masked.length, after + 160));
  const head = masked.slice(sentenceStart, open);
  const tries: [RegExp, () => string | undefined][] = [
    ...TAIL_TRIES.map((re): [RegExp, () => string] => [re, () => tail]),
    [HEAD_SAID, () => (SAID_NEAR_END.test(head.slice(-(100 + LONGEST_VERB))) ? lastPart(head, SPEAKER_REACH) : undefined)],
    [HEAD_ACCORDING, () => {
      // Spaces at the end are the pattern's `\s*$`: left out, they do not count against the reach.
      const words = lastPart(head.trimEnd(), SPEAKER_REACH);
      return words.includes('ccording') ? words : undefined;
    }],
    [HEAD_SUBJECT, () => {
      if (!PARTICIPLE_NEAR_END.test(head.slice(-50))) return undefined;
      // From the sentence's first word (the pattern's `^\s*` skips the spaces before it).
      let lead = leads.get(sentenceStart);
      if (lead === undefined) {
        lead = sentenceStart;
        while (lead < masked.length && /\s/.test(masked[lead])) lead++;
        leads.set(sentenceStart, lead);
      }
      return open - lead <= SUBJECT_REACH ? masked.slice(Math.min(lead, open), open) : undefined;
    }],
  ];
  for (const [re, input] of tries) {
    const s = input();
    const m = s === undefined ? null : re.exec(s);
    if (m) {
      const who = m[1].replace(/[’']s$/, '').trim();
      if (/^(The|the)\s+\w+$/.test(who) && !/(president|leader|minister|spokesman|spokeswoman|secretary|official|analyst|expert|researcher|professor)$/i.test(who)) continue;
      if (/^(But|And|However|Meanwhile|While|If|When|As|Experts?|Sources?|Officials?|It|This|That)$/.test(who)) continue;
      return who;
    }
  }
  return undefined;
}

/** The last `reach` characters of `s` or a little fewer, cut before a space so that no word is cut. */
function lastPart(s: string, reach: number): string {
  if (s.length <= reach) return s;
  const cut = s.slice(-reach).search(/\s/);
  return cut < 0 ? '' : s.slice(s.length - reach + cut);
}

/** `text` with every quotation span (marks included) blanked with spaces. */
function maskSpans(text: string, spans: { open: number; close: number }[]): string {
  const out: string[] = [];
  let at = 0;
  for (const s of spans) { out.push(text.slice(at, s.open), ' '.repeat(s.close - s.open + 1)); at = s.close + 1; }
  out.push(text.slice(at));
  return out.join('');
}

/**
 * Where the sentence of each opening (`opens` ascending) starts: after the last full stop (or "!",
 * "?"), closing quote and spaces before it on its line, else at the line's start. One pass for all.
 */
function sentenceStartsBefore(text: string, opens: number[]): number[] {
  const out: number[] = [];
  let x = 0, start = 0;
  for (const open of opens) {
    for (; x < open; x++) {
      const c = text[x];
      if (c === '\n') start = x + 1;
      else if (c === '.' || c === '!' || c === '?') {
        let y = x + 1;
        if (text[y] === '"' || text[y] === '”' || text[y] === '’') y++;
        if (y < open && /\s/.test(text[y])) {
          while (y < open && /\s/.test(text[y])) y++;
          start = y;
        }
      }
    }
    out.push(start);
  }
  return out;
}

/** Where `text.slice(start, end)` ends without its trailing spaces and punctuation (/[\s,.;:!?]+$/). */
function withoutTrailing(text: string, start: number, end: number): number {
  while (end > start && /[\s,.;:!?]/.test(text[end - 1])) end--;
  return end;
}

/** The text between two quotations that joins them as one: "…," Putin said, "…". */
const SHORT_ATTRIBUTION = new RegExp(`^[,\\s]*[^"“”.!?]{0,60}\\b(${SPEECH_VERBS})\\b[^"“”.!?]{0,40}[,:]\\s*$`);

/** Finders of the next position at or after `from` (asked in ascending order) where each kind of quotation can close, and of the next paragraph break. */
function closingFinders(text: string): Record<string, (from: number) => number> {
  const letterAfter = (j: number) => /[\p{L}]/u.test(text[j + 1] ?? '');
  const double = nextWhere(text, (j) => text[j] === '”' || text[j] === '"');
  return {
    '“': double,
    '"': double,
    // A closing single mark followed by a letter is an apostrophe inside a word.
    '‘': nextWhere(text, (j) => text[j] === '’' && !letterAfter(j)),
    // Nor is a straight one after an "s" and before a space (a plural possessive: "the leaders' talks").
    "'": nextWhere(text, (j) => text[j] === "'" && !letterAfter(j) && !((text[j - 1] === 's' || text[j - 1] === 'S') && /\s/.test(text[j + 1] ?? ''))),
    paragraph: nextWhere(text, (j) => text[j] === '\n' && text[j + 1] === '\n'),
  };
}

/** The first position at or after `from` where `is` holds, or -1: remembered, so that asking in ascending order reads the text once. */
function nextWhere(text: string, is: (j: number) => boolean): (from: number) => number {
  let asked = -1, found = -2;
  return (from) => {
    if (from >= asked && (found === -1 || found >= from)) return found;
    asked = from;
    found = -1;
    for (let j = from; j < text.length; j++) if (is(j)) { found = j; break; }
    return found;
  };
}
