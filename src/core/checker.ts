import type { Finding } from './types';
import type { Corpus } from './corpus';
export interface CheckOptions { names?: boolean; claims?: boolean }
/** Checks a draft against the corpus: names found, claims and quotes with verdicts. Offsets are UTF-16 into `text`. */
export function checkDraft(text: string, corpus: Corpus, opts: CheckOptions = {}): Finding[] { throw new Error('todo'); }
