// Plain data shared by the engine and its front ends. No editor types here:
// offsets are UTF-16 code-unit offsets into the text they came from.

/** A corpus article. */
export interface Source {
  /** Stable id: the file name (plus `#n` for the n-th article of a .jsonl file). */
  id: string;
  /** Absolute path of the file it came from (or a virtual path for tests). */
  path: string;
  title: string;
  outlet?: string;
  url?: string;
  /** ISO date (YYYY-MM-DD) when the article states one. */
  date?: string;
  author?: string;
  /** The article text (body only, front matter stripped). */
  text: string;
  /** 0-based line in the file where `text` starts (front matter / jsonl line). */
  lineOffset: number;
}

/** A sentence of a source, the unit of evidence. */
export interface Passage {
  /** Index into the corpus' passage list. */
  index: number;
  sourceId: string;
  text: string;
  /** Offsets into the source text. */
  start: number;
  end: number;
  /** 1-based line in the source file. */
  line: number;
  /** Entity ids mentioned in the passage. */
  entities: string[];
  /** Quotations inside the passage, with their speakers when known. */
  quotes: Quote[];
}

export type EntityKind = 'person' | 'place' | 'organization';

export interface Entity {
  /** Canonical name, also the id. */
  id: string;
  name: string;
  kind: EntityKind;
  /** Every surface form seen in the corpus (full names, surnames, titled forms). */
  aliases: string[];
  /** Roles and descriptions the sources give ("Kremlin spokesman"). */
  roles: string[];
  /** Source ids that mention it. */
  sources: string[];
  /** Passage indices that mention it. */
  passages: number[];
}

export interface Quote {
  /** The quoted words without quotation marks (split parts joined with " … "). */
  text: string;
  /** Offsets of the first and last quoted part in the containing text. */
  start: number;
  end: number;
  /** Entity id or raw name of the speaker, when the sentence says who. */
  speaker?: string;
}

export type Verdict = 'supported' | 'contradicted' | 'misquoted' | 'misattributed' | 'unverified';
export const VERDICTS: readonly Verdict[] = ['supported', 'contradicted', 'misquoted', 'misattributed', 'unverified'];

export interface Evidence {
  sourceId: string;
  title: string;
  outlet?: string;
  date?: string;
  path: string;
  /** 1-based line in the source file. */
  line: number;
  /** The passage text. */
  quote: string;
  /** Ranges inside `quote` to mark: words that match the draft, or differ from it. */
  marks: Mark[];
  score: number;
}

export interface Mark {
  start: number;
  end: number;
  kind: 'match' | 'differ';
}

/** A correction the editor can offer as a quick fix: replace [start, end) of the draft with `replacement`. */
export interface Fix {
  title: string;
  start: number;
  end: number;
  replacement: string;
}

/** One fact of a claim read against its best passage: who, a figure, when, polarity, or its other words. */
export interface FactCheck {
  kind: 'who' | 'figure' | 'when' | 'polarity' | 'what';
  /** The claim's words for it ("1,500 km", "Sunday afternoon"; for 'what', the words not found). */
  text: string;
  status: 'found' | 'missing' | 'conflict';
  /** The source's value when it is found or differs ("1,000 km"). */
  source?: string;
}

export interface Finding {
  kind: 'name' | 'claim' | 'quote';
  text: string;
  start: number;
  end: number;
  /** 1-based line and column (column in UTF-16 units, 1-based). */
  line: number;
  column: number;
  verdict: Verdict | 'found';
  /** For names: canonical entity name. */
  entity?: string;
  /** For quotes: the speaker the draft gives. */
  speaker?: string;
  reason?: string;
  evidence: Evidence[];
  fixes: Fix[];
  /** For claims: the claim's facts read against the passage that bears on it best. */
  facts?: FactCheck[];
  /**
   * For claims: how the best passage reads against the claim. `held`: every name, figure, time,
   * polarity and speaker of the claim is there; `words`: the weighted share of its other words
   * found. Supported when held and words reach the fitted threshold (WORDS_HELD).
   */
  reading?: { held: boolean; words: number };
  /** For names: roles and mention counts for the hover card. */
  details?: { roles: string[]; sourceCount: number; aliases: string[] };
  /** Set by the editor for a claim an editor marked as checked by hand (.corroborate/checked.json). */
  checked?: { date: string; verdict: string; by?: string; note?: string };
}

export interface CorpusProblem {
  path: string;
  message: string;
  /** 'skipped': the file, line or folder was not loaded. 'warning': it was loaded (or rebuilt) all the same. */
  severity: 'skipped' | 'warning';
}
