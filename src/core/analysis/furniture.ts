// Page furniture: the parts of a published page that are not the story's claims. Headlines,
// standfirsts and section labels (short lines without a full stop) are found by the sentence
// splitter; this module knows the rest by their form: photo captions and credits, bylines and
// production credits, site text, and stored-page date stamps. Names in them are still found; only
// claims are not judged there. The word lists below are the data this takes, kept in one place.

/** Where a picture's subject stands: "(L)", "(R)", "(left)", ", right,". */
const POSITION = /\((?:[LRC]|left|right|centre|center|front|rear|top|bottom|second (?:left|right)|[LR] to [LR])\)|,\s*(?:left|right|centre|center)\s*[,)]/i;
/** A picture credit or a picture's own description. */
const PICTURE = [
  /^(?:this|a|an|the)\s+(?:pool\s+|handout\s+|file\s+|undated\s+|grab\s+|video\s+)?(?:image|photo|photograph|picture|video|still|screenshot|footage|handout)\b(?:\s+\w+){0,4}\s+(?:shows?|released|distributed|taken|provided|made|obtained|from)\b/i,
  /\b(?:photo|picture|image|video|credit|file photo|handout)(?:\s+(?:courtesy|credit))?\s*(?::|\/|by\s+\p{Lu})/iu,
  /(?:\/|\bvia\s+)(?:AFP|Reuters|REUTERS|AP|Getty Images|EPA|Sputnik|Pool|KCNA|Yonhap|TASS)\b/,
  /\((?:[^()]{0,30}\b)?(?:AFP|Reuters|AP|Getty(?: Images)?|Yonhap|EPA|Sputnik|KCNA|TASS|Xinhua|123rf|Shutterstock|Kremlin(?:\.ru)?|Pool)(?:\b[^()]{0,20})?\)\s*$/,
];
/** Bylines and production credits. */
// A byline's word may not run on through an "and" before a capital ("SmithandJones"): read as a word
// or as "and" between two names, each such "and" doubled the ways to try, and "By A" followed by
// 40 times "andA" never finished. Read as "and", the names it joins are a byline whenever the
// word would have been, so the pattern matches the same lines.
const BYLINE_WORD = String.raw`\p{Lu}(?:(?!and\s*\p{Lu})[\p{L}.'’-])*`;
const CREDIT = [
  new RegExp(String.raw`^[Bb][Yy]\s+${BYLINE_WORD}(?:\s+${BYLINE_WORD}){0,3}(?:\s*(?:,|and|&)\s*${BYLINE_WORD}(?:\s+${BYLINE_WORD}){0,3})*\s*(?:[,|-]\s*[\p{L} ]{0,30})?$`, 'u'),
  /^(?:reporting|writing|editing|additional reporting|compiled|edited|written|produced|translated)(?:\s+and\s+\w+)?\s+by\b/i,
];
/** What a site prints around a story. */
const SITE = /^(?:read more|related|also read|see also|advertisement|share this|comments are closed|subscribe|sign up|follow us|click here|watch|listen)\b/i;
/** A date stamp at the start of a stored page or a story ("date 2023-09-13", "Published 13 Sept 2023"). */
export const DATE_STAMP = /^[ \t]*(?:date[ \t]+\d{4}-\d{2}-\d{2}|(?:published|updated|last updated|posted)\b[:\s]*[^\n.]{0,40}?\b\d{4}\b(?:[ \t]*\d{1,2}[:.]\d{2}(?:[ \t]*[ap]\.?m\.?)?)?(?:[ \t]*[A-Z]{2,4})?)[ \t]*/gimu;

/** How many words `s` has, counted up to `most + 1` (the tests below only ask whether it is at most 60): a long paragraph is not split into all its words. */
function words(s: string, most = 60): number {
  let n = 0;
  for (const re = /\S+/g; n <= most && re.exec(s);) n++;
  return n;
}

/**
 * Whether one sentence is a caption inside a paragraph of reporting: pages copied as plain text run
 * a picture's caption into the story ("… at the Vostochny cosmodrome.(AP) Kim left …").
 */
export function isCaptionSentence(sentence: string): boolean {
  const t = sentence.trim();
  return words(t) <= 60 && (POSITION.test(t) || PICTURE[3].test(t));
}

/**
 * Where a page's title starts: a page copied as plain text runs its date stamp, headline and story
 * into one line ("date 2023-09-13 Putin offers Kim help. Russian President …"). The first sentence
 * after the stamp is then the headline, not a sentence of the story. A stamp followed by a single
 * sentence is left alone: that sentence may be the story.
 */
export function titlesAfterStamps(text: string): Set<number> {
  const out = new Set<number>();
  for (const m of text.matchAll(DATE_STAMP)) {
    const end = m.index! + m[0].length;
    const eol = text.slice(end).search(/[\r\n]/);
    const line = text.slice(end, eol < 0 ? text.length : end + eol);
    // More than one sentence on the line: a full stop followed by a capitalised word.
    if (/[.!?]["”’]?\s+["“‘]?\p{Lu}/u.test(line)) out.add(end);
  }
  return out;
}

/** Whether a paragraph is page furniture rather than reporting. */
export function isFurniture(paragraph: string): boolean {
  const p = paragraph.trim();
  if (!p) return false;
  const n = words(p);
  if (n <= 60 && POSITION.test(p)) return true;
  if (n <= 60 && PICTURE.some((re) => re.test(p))) return true;
  if (n <= 16 && CREDIT.some((re) => re.test(p))) return true;
  if (n <= 12 && SITE.test(p)) return true;
  return false;
}
