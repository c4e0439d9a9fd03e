// The coverage line: how many of a draft's claims and quotations the corpus backs, in words.
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../../src/core';
import { coverageLine, coverageOf } from '../../../../src/core/report/coverage';

function finding(kind: Finding['kind'], verdict: Finding['verdict']): Finding {
  return { kind, verdict, text: 'x', start: 0, end: 1, line: 1, column: 1, evidence: [], fixes: [] };
}
const many = (n: number, kind: Finding['kind'], verdict: Finding['verdict']) => Array.from({ length: n }, () => finding(kind, verdict));

describe('coverage of a draft', function () {
  it('counts claims and quotations by verdict, not names', () => {
    const c = coverageOf([...many(3, 'claim', 'supported'), ...many(1, 'quote', 'supported'), ...many(2, 'quote', 'misquoted'), ...many(1, 'claim', 'unverified'), ...many(5, 'name', 'found')]);
    assert.equal(c.total, 7);
    assert.equal(c.backed, 4);
    assert.deepEqual(c.byVerdict, { supported: 4, contradicted: 0, misquoted: 2, misattributed: 0, unverified: 1 });
  });

  it('lists only the verdicts that occur, problems first, in the plural', () => {
    const c = coverageOf([...many(12, 'claim', 'supported'), ...many(4, 'claim', 'unverified'), ...many(3, 'claim', 'contradicted'), ...many(1, 'quote', 'misquoted')]);
    assert.equal(coverageLine(c), '12 of 20 claims backed by the corpus (3 contradicted, 1 misquoted, 4 unverified)');
    assert.equal(coverageLine(coverageOf(many(2, 'claim', 'supported'))), '2 of 2 claims backed by the corpus');
    assert.equal(coverageLine(coverageOf(many(2, 'quote', 'misattributed'))), '0 of 2 claims backed by the corpus (2 misattributed)');
  });

  it('says "claim" for one', () => {
    assert.equal(coverageLine(coverageOf([finding('claim', 'supported')])), '1 of 1 claim backed by the corpus');
    assert.equal(coverageLine(coverageOf([finding('quote', 'unverified'), finding('name', 'found')])), '0 of 1 claim backed by the corpus (1 unverified)');
  });

  it('says there is nothing to check when there are no claims (names alone are none)', () => {
    for (const findings of [[], many(3, 'name', 'found')]) {
      const c = coverageOf(findings);
      assert.equal(c.total, 0);
      assert.equal(coverageLine(c), 'no claims to check against the corpus');
    }
  });
});
