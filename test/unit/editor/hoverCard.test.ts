import { strict as assert } from 'node:assert';
import { renderHoverCard, escapeMarkdown, openSourceLink } from '../../../src/editor/hoverCard';
import { renderReport, sourceFileLink } from '../../../src/editor/report';
import { diagnosticMessage } from '../../../src/editor/diagnosticMessage';
import { statusText } from '../../../src/editor/statusText';
import type { Finding } from '../../../src/core';

const evidence = (quote: string, extra: Partial<Finding['evidence'][0]> = {}) => ({
  sourceId: '001.txt', title: 'Both leaders affirmed ties', path: '/corpus/001 a.txt', line: 12, quote, marks: [], score: 1, date: '2023-09-13', ...extra,
});
const claim: Finding = {
  kind: 'claim', text: 'North Korea fired three ballistic missiles', start: 0, end: 43, line: 3, column: 1, verdict: 'contradicted',
  reason: 'Sources say “two”, not “three”.',
  evidence: [evidence('Pyongyang fired two ballistic missiles on Wednesday', { marks: [{ start: 16, end: 19, kind: 'differ' }, { start: 20, end: 29, kind: 'match' }], outlet: 'Euronews' })],
  fixes: [{ title: 'Use the source’s figure: “two”', start: 18, end: 23, replacement: 'two' }],
};

describe('hover card', () => {
  it('lists the claim fact by fact: found, missing, and in conflict with the source’s value', () => {
    const md = renderHoverCard({ ...claim, facts: [
      { kind: 'who', text: 'Kim Jong Un', status: 'found' },
      { kind: 'figure', text: '1,500 km', status: 'conflict', source: '1,000 km' },
      { kind: 'when', text: 'afternoon', status: 'missing' },
      { kind: 'what', text: 'limousine', status: 'missing' },
    ] });
    assert.ok(md.includes('who ✓ Kim Jong Un · figure ✗ 1,500 km (sources: 1,000 km) · when ? afternoon · what ? limousine'), md);
    // Fact text comes from the draft and the sources: escaped like the rest of the card.
    const hostile = renderHoverCard({ ...claim, facts: [{ kind: 'what', text: '$(pass) [x](https://evil.example)', status: 'missing' }] });
    assert.ok(!hostile.includes('$(pass) [x]('), hostile);
  });

  it('shows verdict, reason, marked evidence, source title, outlet, date and an open-at-line link', () => {
    const md = renderHoverCard(claim);
    assert.match(md, /Contradicted/);
    assert.match(md, /Sources say “two”, not “three”\./);
    assert.match(md, /\*\*\*two\*\*\*⚠/);
    assert.match(md, /\*\*ballistic\*\*/);
    assert.match(md, /\*Both leaders affirmed ties\* — Euronews, 2023-09-13/);
    const link = openSourceLink('/corpus/001 a.txt', 12);
    assert.ok(md.includes(`(${link})`));
    assert.deepEqual(JSON.parse(decodeURIComponent(link.split('?')[1])), ['/corpus/001 a.txt', 12]);
    assert.match(md, /Quick fix available/);
  });

  it('escapes hostile corpus text: no HTML, no links, no emphasis injection', () => {
    const hostile = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) **bold** `code`';
    const md = renderHoverCard({ ...claim, evidence: [evidence(hostile, { title: '<script>x</script>' })] });
    assert.ok(!md.includes('<img'), md);
    assert.ok(!md.includes('<script>'));
    assert.ok(!md.includes('[click](javascript'));
    assert.ok(md.includes('&lt;img'));
    assert.equal(escapeMarkdown('a*b_c'), 'a\\*b\\_c');
  });

  it('describes a name: canonical name, roles, number of sources', () => {
    const md = renderHoverCard({
      kind: 'name', text: 'Peskov', start: 0, end: 6, line: 1, column: 1, verdict: 'found', entity: 'Dmitry Peskov',
      evidence: [evidence('Kremlin spokesman Dmitry Peskov had said in advance')], fixes: [],
      details: { roles: ['Kremlin spokesman', 'press secretary'], sourceCount: 2, aliases: ['Dmitry Peskov'] },
    });
    assert.match(md, /\*\*Dmitry Peskov\*\*/);
    assert.match(md, /Kremlin spokesman; press secretary/);
    assert.match(md, /Mentioned in 2 sources/);
  });
});

describe('report and status bar', () => {
  const supported: Finding = { ...claim, verdict: 'supported', reason: 'Supported by 2 sources.', fixes: [], line: 5 };
  const name: Finding = { ...claim, kind: 'name', verdict: 'found', entity: 'Kim Jong Un', fixes: [], details: { roles: [], sourceCount: 3, aliases: [] } };

  it('renders a readable report with counts, each claim by verdict, evidence and names', () => {
    const md = renderReport([claim, supported, name], { fileName: 'draft.md', sources: 3, checkedAt: new Date('2026-11-23T10:00:00Z') });
    // An invisible word joiner keeps "draft.md" from being linkified ("md" is a top-level domain).
    assert.match(md, /^# Corroborate report: draft\.\u2060md/);
    assert.match(md, /\| contradicted \| 1 \|/);
    assert.match(md, /\| supported \| 1 \|/);
    assert.ok(md.indexOf('## Contradicted') < md.indexOf('## Supported'));
    assert.match(md, /### Line 3:/);
    assert.match(md, /\*\*Why:\*\* Sources say/);
    assert.match(md, /\| Kim Jong Un \| 1 \| 3 \| 3 \|/);
    // Evidence links are file links to the line (command: links do not work in a Markdown preview).
    assert.ok(md.includes('(file:///corpus/001%20a.txt#L12)'), md);
    assert.equal(sourceFileLink('/corpus/001 a.txt', 12), 'file:///corpus/001%20a.txt#L12');
  });

  it('words diagnostics as the reason, and names as known names with a source count', () => {
    assert.equal(diagnosticMessage(claim), 'Sources say “two”, not “three”.');
    assert.equal(diagnosticMessage({ ...claim, kind: 'quote', verdict: 'unverified', reason: undefined }), 'Quotation unverified.');
    assert.equal(diagnosticMessage(name), 'Known name: Kim Jong Un (3 sources)');
    assert.equal(diagnosticMessage({ ...name, details: undefined }), 'Known name: Kim Jong Un (1 source)');
  });

  it('counts verdicts in the status bar text', () => {
    const s = statusText([claim, supported, supported, name], 'ready');
    assert.equal(s.text, '$(pass) 2 of 3 claims backed by the corpus  $(warning) 1');
    assert.match(s.tooltip, /Supported: 2\nContradicted: 1\nMisquoted: 0\nMisattributed: 0\nUnverified: 0\nNames found: 1/);
    assert.equal(statusText([supported], 'ready').text, '$(pass) 1 of 1 claim backed by the corpus', 'no warning count when nothing needs a look');
    assert.match(statusText(undefined, 'indexing').text, /sync~spin/);
    // With a shared archive: where the findings come from, and a visible word when it is out of reach.
    const counts = statusText([supported], 'ready').text;
    const down = statusText([supported], 'ready', { state: 'unavailable', message: 'the server refused the connection (is it running?)' });
    assert.equal(down.text, `$(debug-disconnect) local only  ${counts}`);
    assert.match(down.tooltip, /shared archive is unavailable \(the server refused the connection.*local corpus.*reconnects by itself/s);
    const up = statusText([supported], 'ready', { state: 'connected', generation: '7', articles: 312000, passages: 9000000 });
    assert.equal(up.text, `$(database) ${counts}`);
    assert.match(up.tooltip, /shared archive \(312,000 articles, index generation 7\)/);
    assert.equal(statusText(undefined, 'indexing', { state: 'unavailable' }).text, statusText(undefined, 'indexing').text, 'indexing says only that');
  });
});
