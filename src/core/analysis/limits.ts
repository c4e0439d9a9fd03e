// How much draft the engine reads. Every stage of a check is linear in the draft (see the growth
// tests in test/unit/core/verdicts/growth.test.ts), but a draft of tens of megabytes, or a device
// read as one, would still take minutes and gigabytes: beyond the limit a draft is refused with a
// message instead. Kept here, beside nothing it depends on, so the CLI and the editor can ask
// before sending a draft to the engine, which refuses it too.

/**
 * The largest draft checked, in UTF-8 bytes: 1 MiB. A long feature runs to 10,000-20,000 words
 * (about 120 KB) and a book chapter rarely passes 500 KB. A megabyte takes up to about 10 s to
 * check on one core: that for 67,000 short claims each naming two people ("Putin met Kim."), about
 * 3.5 s for ordinary reporting (the Brown Corpus press articles), at most 3 s for any of the drafts
 * of the growth tests grown to 1 MB. Longer would keep the engine busy for longer than a check should.
 */
export const MAX_DRAFT_BYTES = 1024 * 1024;

/** A draft's size in UTF-8 bytes (what a file of it holds). */
export function draftBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * Why a draft of `bytes` bytes is not checked ("too large (2,000,000 bytes; the limit is 1,048,576
 * bytes)"), or undefined when it is small enough. `more`: the bytes were counted by reading, which
 * stopped at the limit ("more than …").
 */
export function draftSizeProblem(bytes: number, more = false, limit = MAX_DRAFT_BYTES): string | undefined {
  if (bytes <= limit && !more) return undefined;
  return `too large (${more ? 'more than ' : ''}${grouped(bytes)} bytes; the limit is ${grouped(limit)} bytes)`;
}

/** Thrown by checkDraft for a draft over MAX_DRAFT_BYTES; the message says so and by how much. */
export class DraftTooLargeError extends Error {
  constructor(readonly bytes: number, readonly limit = MAX_DRAFT_BYTES) {
    super(`the draft is not checked: ${draftSizeProblem(bytes, false, limit)}`);
    this.name = 'DraftTooLargeError';
  }
}
