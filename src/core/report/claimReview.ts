// Findings as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview), the markup fact-check
// publishers and aggregators read: one review per judged claim or quotation.
import { oneLine } from '../analysis/text';
import type { Evidence, Finding, Source, Verdict } from '../types';

export interface ReviewedFile {
  /** The draft's path; it names the draft's CreativeWork. */
  path: string;
  /** Where the draft is (or will be) published, when known. */
  url?: string;
  findings: readonly Finding[];
}

export interface ClaimReviewOptions {
  /** The reviewer: an organization's name (default "Corroborate"), with its URL if it has one. */
  author?: { name: string; url?: string };
  /** The review date (YYYY-MM-DD, or a Date whose UTC day is taken); default today. */
  date?: string | Date;
  /** Corpus sources by id, for their URLs (Evidence carries the title, outlet and date but no URL). */
  sources?: readonly Pick<Source, 'id' | 'url'>[];
}

/**
 * The rating of each verdict on schema.org's 1 (worst) to 5 (best) scale, the scale fact-check
 * aggregators read as false … true. A misquotation or misattribution is partly right (the words or
 * the speaker are in the sources), so 2, above a contradiction's 1. An unverified claim has no
 * rating value at all: the corpus says nothing about it, and a number would place it on the
 * true-false scale (a 3 would read as "half true"); its alternateName says what it is.
 */
export const RATINGS: Readonly<Record<Verdict, { name: string; value?: number }>> = {
  supported: { name: 'Supported by the corpus', value: 5 },
  misquoted: { name: 'Misquoted', value: 2 },
  misattributed: { name: 'Misattributed', value: 2 },
  contradicted: { name: 'Contradicted', value: 1 },
  unverified: { name: 'Unverified' },
};

type Node = Record<string, unknown>;

export interface ClaimReviewDocument {
  '@context': 'https://schema.org';
  '@graph': Node[];
}

export function toClaimReview(files: readonly ReviewedFile[], opts: ClaimReviewOptions = {}): ClaimReviewDocument {
  const author: Node = { '@type': 'Organization', name: opts.author?.name ?? 'Corroborate', ...(opts.author?.url ? { url: opts.author.url } : {}) };
  const datePublished = dayOf(opts.date ?? new Date());
  const urls = new Map((opts.sources ?? []).filter((s) => s.url).map((s) => [s.id, s.url!]));
  const graph: Node[] = [];
  for (const file of files) {
    const appearance: Node = { '@type': 'CreativeWork', name: file.path, ...(file.url ? { url: file.url } : {}) };
    for (const f of file.findings) {
      if (f.kind === 'name' || f.verdict === 'found') continue;
      const rating = RATINGS[f.verdict];
      const citation = citationsOf(f.evidence, urls);
      graph.push({
        '@type': 'ClaimReview',
        claimReviewed: oneLine(f.text).replace(/\s+/g, ' ').trim(),
        itemReviewed: { '@type': 'Claim', appearance },
        author,
        datePublished,
        reviewRating: {
          '@type': 'Rating',
          alternateName: rating.name,
          ...(rating.value !== undefined ? { ratingValue: rating.value, bestRating: 5, worstRating: 1 } : {}),
          ...(f.reason ? { ratingExplanation: oneLine(f.reason) } : {}),
        },
        ...(citation.length ? { citation } : {}),
      });
    }
  }
  return { '@context': 'https://schema.org', '@graph': graph };
}

/** Each source the evidence comes from, once, as a CreativeWork. */
function citationsOf(evidence: readonly Evidence[], urls: ReadonlyMap<string, string>): Node[] {
  const seen = new Set<string>();
  const out: Node[] = [];
  for (const e of evidence) {
    if (seen.has(e.sourceId)) continue;
    seen.add(e.sourceId);
    const url = urls.get(e.sourceId);
    out.push({
      '@type': 'CreativeWork',
      name: oneLine(e.title),
      ...(url ? { url } : {}),
      ...(e.outlet ? { publisher: { '@type': 'Organization', name: oneLine(e.outlet) } } : {}),
      ...(e.date ? { datePublished: e.date } : {}),
    });
  }
  return out;
}

function dayOf(d: string | Date): string {
  return typeof d === 'string' ? d : d.toISOString().slice(0, 10);
}
