import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/core/types';
import { groupClaims, claimLabel, claimTooltip, groupSummary, CLAIM_GROUPS } from '../../../src/editor/claimsModel';
import { heldByFocus } from '../../../src/editor/focusMode';
import { sourceFigureHints } from '../../../src/editor/inlayModel';

const claim = (text: string, start: number, verdict: Finding['verdict'], extra: Partial<Finding> = {}): Finding =>
  ({ kind: 'claim', text, start, end: start + text.length, line: 1, column: start + 1, verdict, evidence: [], fixes: [], ...extra });

describe('claims view model', () => {
  const findings = [
    claim('Kim arrived by train.', 60, 'supported'),
    claim('He fired three missiles.', 10, 'contradicted', { reason: 'Sources say “two”, not “three”.' }),
    { ...claim('Vladimir Putin', 0, 'found'), kind: 'name' as const },
    claim('The talks lasted four hours.', 30, 'unverified'),
    claim('It rained.', 5, 'contradicted'),
  ];

  it('groups claims worst first, each in draft order, without names or empty groups', () => {
    const groups = groupClaims(findings);
    assert.deepEqual(groups.map((g) => g.id), ['contradicted', 'unverified', 'supported']);
    assert.deepEqual(groups[0].findings.map((f) => f.text), ['It rained.', 'He fired three missiles.']);
    assert.equal(groupSummary(groups), '2 contradicted · 1 unverified · 1 supported');
  });

  it('filters by verdict and moves claims checked by hand to their own group', () => {
    assert.deepEqual(groupClaims(findings, new Set(['supported'])).map((g) => g.id), ['supported']);
    const groups = groupClaims(findings, new Set(CLAIM_GROUPS), (f) => f.text === 'It rained.');
    assert.deepEqual(groups.map((g) => [g.id, g.findings.length]), [['contradicted', 1], ['unverified', 1], ['supported', 1], ['checked', 1]]);
  });

  it('labels are one line, cut at a word; tooltips carry the sources and passages as plain text', () => {
    const long = claim('The delegation\r\nleft for Vladivostok ' + 'after a long day of talks '.repeat(5), 0, 'unverified');
    const label = claimLabel(long, 60);
    assert.ok(!/[\r\n]/.test(label) && label.length <= 60 && label.endsWith('…') && !/\s…$/.test(label), label);
    const t = claimTooltip(claim('x', 0, 'contradicted', { reason: 'Sources say “two”.', evidence: [{ sourceId: 's', title: 'Summit\u2028ends', outlet: 'AFP', date: '2023-09-13', path: '/c/s.md', line: 3, quote: 'It fired two missiles.', marks: [], score: 1 }] }));
    assert.equal(t, 'Contradicted: Sources say “two”.\n\nSummit ends · AFP · 2023-09-13\n“It fired two missiles.”');
  });
});

describe('focus mode: what waits while a line is typed', () => {
  const shown = [claim('Old claim.', 0, 'supported'), claim('Typed claim.', 20, 'unverified')];
  it('holds only new or changed findings on the cursor line', () => {
    const now = [claim('Old claim.', 0, 'supported'), claim('Typed claim.', 22, 'unverified'), claim('Typed claim more.', 22, 'unverified'), claim('Other line.', 60, 'contradicted')];
    const { show, hold } = heldByFocus(now, shown, 18, 45);
    assert.deepEqual(hold.map((f) => f.text), ['Typed claim more.'], 'the unchanged claim on the line stays, shifted');
    assert.deepEqual(show.map((f) => f.text), ['Old claim.', 'Typed claim.', 'Other line.']);
    const changed = heldByFocus([claim('Typed claim.', 20, 'contradicted')], shown, 18, 45);
    assert.equal(changed.hold.length, 1, 'a changed verdict waits too');
    const elsewhere = heldByFocus([claim('Old claim.', 20, 'supported')], shown, 18, 45);
    assert.equal(elsewhere.hold.length, 1, 'the same words shown on another line are new on this one');
  });
});

describe('inlay hints: the sources\' figure after a contradicted one', () => {
  it('places the source figure and outlet right after the draft\'s figure', () => {
    const text = 'It fired three missiles and three rockets.';
    const f = claim(text, 100, 'contradicted', {
      facts: [{ kind: 'figure', text: 'three rockets', status: 'conflict', source: 'two rockets' }, { kind: 'figure', text: 'three missiles', status: 'found', source: 'three missiles' }],
      evidence: [{ sourceId: 's', title: 'Launch', outlet: 'Yonhap', path: '/c', line: 1, quote: 'q', marks: [], score: 1 }],
    });
    const hints = sourceFigureHints([f, claim('Fine.', 0, 'supported')]);
    assert.deepEqual(hints.map((h) => [h.offset, h.label]), [[100 + text.indexOf('three rockets') + 'three rockets'.length, 'two rockets · Yonhap']]);
    assert.match(hints[0].tooltip, /two rockets.*not.*three rockets.*Yonhap/);
    const untitled = sourceFigureHints([{ ...f, evidence: [{ ...f.evidence[0], outlet: undefined, title: 'A long headline about the launch' }] }]);
    assert.equal(untitled[0].label, 'two rockets', 'without an outlet only the figure; the title is in the tooltip');
    assert.match(untitled[0].tooltip, /A long headline about the launch/);
  });
});
