// The ClaimReview report: one schema.org ClaimReview per judged claim or quotation, with the
// documented rating of its verdict and its sources as citations.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDraft, type Finding } from '../../../../src/core';
import { toClaimReview } from '../../../../src/core/report/claimReview';
import { ROOT, seeds } from '../helpers';

const SAMPLE = 'samples/draft.md';

/** The mapping the README documents: verdict → alternateName and ratingValue (none for unverified). */
const DOCUMENTED: Record<string, { name: string; value?: number }> = {
  supported: { name: 'Supported by the corpus', value: 5 },
  misquoted: { name: 'Misquoted', value: 2 },
  misattributed: { name: 'Misattributed', value: 2 },
  contradicted: { name: 'Contradicted', value: 1 },
  unverified: { name: 'Unverified' },
};

/** A JSON-LD object, read as plain JSON. */
type Node = Record<string, any>;

async function sample(): Promise<Finding[]> {
  return checkDraft(readFileSync(path.join(ROOT, SAMPLE), 'utf8'), await seeds());
}

/** Every object in a JSON-LD tree. */
function nodes(x: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(x)) for (const y of x) nodes(y, out);
  else if (x && typeof x === 'object') { out.push(x as Node); for (const y of Object.values(x)) nodes(y, out); }
  return out;
}

describe('ClaimReview report', function () {
  it('reviews every judged claim and quotation once, in order, and no name', async () => {
    const findings = await sample();
    const doc = toClaimReview([{ path: SAMPLE, findings }], { date: '2024-05-06' });
    const judged = findings.filter((f) => f.kind !== 'name' && f.verdict !== 'found');
    const reviews = doc['@graph'] as Node[];
    assert.equal(reviews.length, judged.length);
    assert.ok(findings.some((f) => f.kind === 'name'), 'the sample names people');
    reviews.forEach((r, i) => {
      assert.equal(r['@type'], 'ClaimReview');
      assert.equal(r.claimReviewed, judged[i].text.replace(/\s+/g, ' ').trim());
      assert.equal(r.itemReviewed['@type'], 'Claim');
      assert.deepEqual(r.itemReviewed.appearance, { '@type': 'CreativeWork', name: SAMPLE });
      assert.equal(r.datePublished, '2024-05-06');
      assert.deepEqual(r.author, { '@type': 'Organization', name: 'Corroborate' });
    });
  });

  it('rates each verdict as documented, on a 1 to 5 scale, with the reason as the explanation', async () => {
    const findings = await sample();
    const reviews = toClaimReview([{ path: SAMPLE, findings }])['@graph'] as Node[];
    const judged = findings.filter((f) => f.kind !== 'name');
    const seen = new Set<string>();
    reviews.forEach((r, i) => {
      const f = judged[i];
      const want = DOCUMENTED[f.verdict];
      const rating = r.reviewRating;
      assert.equal(rating['@type'], 'Rating');
      assert.equal(rating.alternateName, want.name, f.verdict);
      assert.equal(rating.ratingValue, want.value, f.verdict);
      if (want.value !== undefined) {
        assert.equal(rating.bestRating, 5);
        assert.equal(rating.worstRating, 1);
      } else {
        assert.ok(!('bestRating' in rating) && !('worstRating' in rating), 'no scale without a value');
      }
      assert.equal(rating.ratingExplanation, f.reason);
      seen.add(f.verdict);
    });
    assert.deepEqual(seen, new Set(Object.keys(DOCUMENTED)), 'the sample has every verdict');
  });

  it('cites each source of the evidence once, with its title, outlet, date and URL when known', async () => {
    const findings = await sample();
    const corpus = await seeds();
    // The seeds have no URLs: give one to the Euronews report, as a corpus file's front matter would.
    const euronews = corpus.sources.find((s) => s.outlet === 'Euronews')!;
    const reviews = toClaimReview([{ path: SAMPLE, findings }], { sources: [{ id: euronews.id, url: 'https://example.org/euronews' }] })['@graph'] as Node[];
    const judged = findings.filter((f) => f.kind !== 'name');
    let withOutlet = 0, withDate = 0, withUrl = 0;
    reviews.forEach((r, i) => {
      const titles = [...new Set(judged[i].evidence.map((e) => e.sourceId))].map((id) => judged[i].evidence.find((e) => e.sourceId === id)!.title);
      const cited = (r.citation ?? []) as Node[];
      assert.deepEqual(cited.map((c) => c.name), titles);
      for (const c of cited) {
        const e = judged[i].evidence.find((x) => x.title === c.name)!;
        assert.equal(c['@type'], 'CreativeWork');
        assert.deepEqual(c.publisher, e.outlet ? { '@type': 'Organization', name: e.outlet } : undefined);
        assert.equal(c.datePublished, e.date);
        assert.equal(c.url, e.sourceId === euronews.id ? 'https://example.org/euronews' : undefined);
        if (e.outlet) withOutlet++;
        if (e.date) withDate++;
        if (c.url) withUrl++;
      }
    });
    assert.ok(withOutlet && withDate && withUrl, 'the sample cites a source with an outlet, one with a date and one with a URL');
  });

  it('is JSON-LD: valid JSON with the schema.org context and a type on every node', async () => {
    const findings = await sample();
    const doc = toClaimReview([{ path: SAMPLE, url: 'https://example.org/draft', findings }], { author: { name: 'Desk', url: 'https://example.org' }, date: new Date('2024-05-06T23:30:00Z') });
    const parsed = JSON.parse(JSON.stringify(doc));
    assert.deepEqual(parsed, doc, 'nothing lost in JSON');
    assert.equal(parsed['@context'], 'https://schema.org');
    assert.ok(Array.isArray(parsed['@graph']) && parsed['@graph'].length > 0);
    for (const n of nodes(parsed['@graph'])) assert.equal(typeof n['@type'], 'string', JSON.stringify(n).slice(0, 80));
    const first = parsed['@graph'][0] as Node;
    assert.equal(first.datePublished, '2024-05-06', 'a Date gives its UTC day');
    assert.deepEqual(first.author, { '@type': 'Organization', name: 'Desk', url: 'https://example.org' });
    assert.equal(first.itemReviewed.appearance.url, 'https://example.org/draft');
  });

  it('is an empty graph for a draft without claims', () => {
    const doc = toClaimReview([{ path: 'empty.md', findings: [] }]);
    assert.deepEqual(doc['@graph'], []);
    assert.equal(doc['@context'], 'https://schema.org');
  });
});
