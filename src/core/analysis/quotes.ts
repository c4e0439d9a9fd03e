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
const CLOSE_FOR: Record<string, string> = { '“': '”', '"': '"', '‘': '’', "'": "'" };

/** Finds quotations in `text`. Single quotes count only at word boundaries; an apostrophe never opens one. */
export function findQuotes(text: string, base = 0): RawQuote[] {
  const spans: { start: number; end: number; open: number; close: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const singleOk = (c !== '‘' && c !== "'") || i === 0 || /[\s(\[—–-]/.test(text[i - 1]);
    if (OPEN.includes(c) && singleOk && (c !== "'" || /\p{L}/u.test(text[i + 1] ?? '')) && !(c === '"' && /[\p{L}\p{N}]/u.test(text[i - 1] ?? ' ') && i > 0 && /\s|$/.test(text[i + 1] ?? ''))) {
      const close = CLOSE_FOR[c];
      let j = i + 1;
      let found = -1;
      while (j < text.length) {
        if (text[j] === close || (c === '"' && text[j] === '”') || (c === '“' && text[j] === '"')) {
          if ((close === '’' || close === "'") && /[\p{L}]/u.test(text[j + 1] ?? '')) { j++; continue; } // apostrophe inside a word
          if (close === "'" && /s$/i.test(text.slice(j - 1, j)) && /\s/.test(text[j + 1] ?? '') && !/[,.!?]/.test(text[j - 1])) { j++; continue; } // plural possessive
          found = j;
          break;
        }
        if (text[j] === '\n' && text[j + 1] === '\n') break;
        j++;
      }
      if (found > i + 1) {
        spans.push({ start: i + 1, end: found, open: i, close: found });
        i = found + 1;
        continue;
      }
    }
    i++;
  }
  const out: RawQuote[] = [];
  for (let k = 0; k < spans.length; k++) {
    const s = spans[k];
    let inner = text.slice(s.start, s.end);
    // Trailing punctuation inside the marks belongs to the sentence, not the words.
    const trimmedEnd = s.start + inner.replace(/[\s,.;:!?]+$/, '').length;
    const parts = [{ start: base + s.start, end: base + trimmedEnd }];
    // "We will discuss," Putin said, "without hurrying": join a continuation after a short attribution.
    const firstClose = s.close;
    const next = spans[k + 1];
    if (next) {
      const between = text.slice(s.close + 1, next.open);
      const firstEndsWithComma = /,\s*$/.test(text.slice(s.start, s.end)) || /^\s*,/.test(between);
      if (firstEndsWithComma && new RegExp(`^[,\\s]*[^"“”.!?]{0,60}\\b(${SPEECH_VERBS})\\b[^"“”.!?]{0,40}[,:]\\s*$`).test(between)) {
        const nextInner = text.slice(next.start, next.end);
        parts.push({ start: base + next.start, end: base + next.start + nextInner.replace(/[\s,.;:!?]+$/, '').length });
        k++;
      }
    }
    const quoteText = parts.map((p) => text.slice(p.start - base, p.end - base)).join(' … ');
    if (!/[\p{L}\p{N}]/u.test(quoteText)) continue;
    const q: RawQuote = { text: quoteText, start: parts[0].start, end: parts[parts.length - 1].end, parts };
    q.speakerText = findSpeaker(text, s.open, firstClose + 1, spans);
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
  let sentenceStart = Math.max(text.lastIndexOf('\n', open) + 1, 0);
  const stops = [...text.slice(sentenceStart, open).matchAll(/[.!?]["”’]?\s+/g)];
  if (stops.length) { const last = stops[stops.length - 1]; sentenceStart += last.index! + last[0].length; }
  // Mask out every quotation so names inside quotes are not taken as speakers.
  let masked = text;
  for (const s of spans) masked = masked.slice(0, s.open) + ' '.repeat(s.close - s.open + 1) + masked.slice(s.close + 1);
  const tail = masked.slice(after, Math.min(masked.length, after + 160));
  const head = masked.slice(sentenceStart, open);
  const verbs = SPEECH_VERBS;
  const tries: [string, RegExp][] = [
    ['tail', new RegExp(String.raw`^[\s,—–-]*(?:[\p{Ll}-]+[ \t]+){0,4}?(${NAME}|${PRONOUN}|${ROLE})(?:,[^,]{1,80},)?\s+(?:was\s+quoted\s+as\s+saying|(?:${verbs}))\b`, 'u')],
    ['tail', new RegExp(String.raw`^[\s,—–-]*(?:${verbs})\s+(${NAME}|${ROLE})`, 'u')],
    ['tail', new RegExp(String.raw`^[\s,—–-]*according\s+to\s+(${NAME}|${ROLE})`, 'u')],
    ['head', new RegExp(String.raw`(${NAME}|${PRONOUN}|${ROLE})(?:,[^,]{1,80},)?${AUX}\s+(?:${verbs}|praised|thanked|called|described)\b[^.!?]{0,100}$`, 'u')],
    ['head', new RegExp(String.raw`[Aa]ccording\s+to\s+(${NAME}|${ROLE})[,:]?\s*$`, 'u')],
    // The sentence's subject, then a participle of speech: "US analyst Ankit Panda reacted to the test, describing the ...".
    ['head', new RegExp(String.raw`^\s*((?:[\p{L}'’.-]+[ \t]+){0,4}?[\p{Lu}][\p{L}'’-]*)[ \t]+\p{Ll}+ed\b[^"“”.!?]{0,100}?,\s*(?:describing|calling|saying|adding|noting|warning|praising)\b[^"“”.!?]{0,40}$`, 'u')],
  ];
  for (const [where, re] of tries) {
    const m = re.exec(where === 'tail' ? tail : head);
    if (m) {
      const who = m[1].replace(/[’']s$/, '').trim();
      if (/^(The|the)\s+\w+$/.test(who) && !/(president|leader|minister|spokesman|spokeswoman|secretary|official|analyst|expert|researcher|professor)$/i.test(who)) continue;
      if (/^(But|And|However|Meanwhile|While|If|When|As|Experts?|Sources?|Officials?|It|This|That)$/.test(who)) continue;
      return who;
    }
  }
  return undefined;
}
