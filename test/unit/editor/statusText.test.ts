// The status bar while the engine restarts after a crash, and once it stopped for good.
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../src/core/types';
import { statusText, ENGINE_RESTARTED, corpusProblemNotice } from '../../../src/editor/statusText';

const finding = (verdict: Finding['verdict'], kind: Finding['kind'] = 'claim') => ({ verdict, kind, start: 0, end: 1, text: 'x', evidence: [], message: '' }) as unknown as Finding;

describe('status bar text around engine restarts', () => {
  const findings = [finding('supported'), finding('contradicted'), finding('unverified')];

  it('keeps the last counts while the engine restarts, with a spinner', () => {
    const ready = statusText(findings, 'ready');
    const restarting = statusText(findings, 'restarting');
    assert.equal(restarting.text, `$(sync~spin) ${ready.text}`);
    assert.match(restarting.tooltip, /restarting.*last findings[^]*Supported: 1\nContradicted: 1/);
    assert.match(statusText(undefined, 'restarting').text, /sync~spin/);
  });

  it('says when the engine was stopped after a crash loop, and how to start it', () => {
    const s = statusText(findings, 'stopped');
    assert.match(s.text, /\$\(error\)/);
    assert.match(s.tooltip, /crashed several times.*Reload Corpus/);
  });

  it('has one restart notice for the status bar', () => {
    assert.match(ENGINE_RESTARTED, /Corroborate: engine restarted/);
  });
});

describe('corpus problem notice', () => {
  it('counts skipped entries and warnings apart, and names the first problem', () => {
    const skipped = { path: '/news/wire.jsonl:2', message: 'not valid JSON', severity: 'skipped' as const };
    const warning = { path: '/news/a.md:3', message: 'invalid date "2023-13-45"; the article is loaded without a date', severity: 'warning' as const };
    assert.equal(corpusProblemNotice([skipped]), 'Corroborate: 1 corpus entry skipped (wire.jsonl:2: not valid JSON).');
    assert.equal(corpusProblemNotice([warning]), 'Corroborate: 1 corpus warning (a.md:3: invalid date "2023-13-45"; the article is loaded without a date).');
    assert.equal(corpusProblemNotice([skipped, skipped, warning]), 'Corroborate: 2 corpus entries skipped, 1 corpus warning (wire.jsonl:2: not valid JSON, …).');
  });
});
