// Issue 12, "Nothing live from a source": the engine checks a draft against test/fixtures/hostile-corpus
// (passages, titles, outlets and a file name carrying links, e-mail addresses, codicons, HTML, entities,
// Markdown at line starts, every kind of line separator and terminal escapes), and the hover cards and
// the report it renders are read by a permissive CommonMark + GFM + linkify parser.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSources, buildCorpus, checkDraft, type Finding, type Evidence } from '../../../src/core';
import { renderHoverCard, openSourceLink } from '../../../src/editor/hoverCard';
import { renderReport, sourceFileLink } from '../../../src/editor/report';
import { ROOT } from '../core/helpers';
import { parse, flatten, blocks, LIVE_TYPES, rawText, visibleText, expectedText, hrefOf, type Token } from './markdownAudit';

const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile-corpus');

/** The findings of the hostile draft against the hostile corpus (no seeds). */
async function hostileFindings(): Promise<Finding[]> {
  const { sources, problems } = await loadSources([path.join(HOSTILE, 'corpus')], { baseDir: HOSTILE, includeSeeds: false, seedsDir: '' });
  assert.deepEqual(problems, []);
  return checkDraft(readFileSync(path.join(HOSTILE, 'draft.md'), 'utf8'), buildCorpus(sources));
}

const shown = (f: Finding) => f.evidence.slice(0, 3);
const plainMeta = (e: Evidence) => [e.outlet, e.date].filter(Boolean).map((x) => expectedText(x!)).join(', ');
/** Rendered passage text without the ⚠ the renderer puts after a differing word. */
const withoutMarker = (s: string) => s.replace(/⚠/g, '');

/** Token types that no source text may add: everything in LIVE_TYPES except what the renderer itself puts there. */
function live(tokens: Token[], allowed: string[]): string[] {
  return flatten(tokens).filter((t) => LIVE_TYPES.includes(t.type) && !allowed.includes(t.type)).map((t) => `${t.type} ${JSON.stringify(t.content || hrefOf(t))}`);
}

describe('hostile corpus: nothing live from a source', () => {
  let findings: Finding[];
  before(async () => { findings = await hostileFindings(); });

  it('the draft draws on every attack in the corpus (else the checks below prove nothing)', () => {
    const ev = findings.flatMap(shown);
    const quotes = ev.map((e) => e.quote).join('\n');
    const titles = ev.map((e) => `${e.title} ${e.outlet ?? ''}`).join('\n');
    for (const s of ['www.', 'https://', '//evil', '@evil.com', 'evil-news.ru', '$(pass)', '$(check)', '<b>', '&amp;', '[the plan](', '![logo](', '\r---\r', '\r===', '\u2028', '\u2029', '\u0085', '\n', '\u000b', '\u001b[2K\rFAKE', '\u202e', '\u2067']) {
      assert.ok(quotes.includes(s), `a passage with ${JSON.stringify(s)}`);
    }
    assert.ok(ev.some((e) => e.quote.startsWith('- ')) && ev.some((e) => e.quote.startsWith('1) ')), 'passages that start like list items');
    for (const s of ['\r- verified by the editor', '\r# $(pass)', '\r===', '<img', '[click](', 'desk@evil.com', '\u2028- verified', '\u001b]8;;', '\u009b', '\u202e']) {
      assert.ok(titles.includes(s), `a title or outlet with ${JSON.stringify(s)}`);
    }
    assert.ok(ev.some((e) => e.path.includes(')')), 'a file name with ")"');
    assert.ok(findings.some((f) => f.verdict === 'misquoted' && f.reason?.includes('\u001b[2K\rFAKE')), 'a reason quoting the source');
  });

  it('hover cards: no link but our own, no image, HTML, heading, rule, list, line break or codicon from a source', () => {
    for (const f of findings) {
      const md = renderHoverCard(f);
      assert.ok(!/[\r\v\f\u0085\u2028\u2029\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(md), `a line separator or control character in ${JSON.stringify(md)}`);
      const tokens = parse(md);
      assert.deepEqual(live(tokens, ['blockquote_open', 'link_open']), [], md);
      // The card's blocks: paragraphs, then one quotation per piece of evidence (passage, then its source).
      const top = blocks(tokens);
      assert.deepEqual(top.filter((b) => b.type === 'blockquote').length, shown(f).length, md);
      assert.ok(top.every((b) => b.type === 'paragraph' || b.type === 'blockquote'), md);
      const quotes = top.filter((b) => b.type === 'blockquote');
      shown(f).forEach((e, i) => {
        const inner = blocks(quotes[i].tokens);
        assert.deepEqual(inner.map((b) => b.type), ['paragraph', 'paragraph'], md);
        // The passage reads as the source wrote it (on one line); its source line as title — outlet, date · line N.
        assert.equal(withoutMarker(visibleText(inner[0].tokens[0])), expectedText(e.quote), md);
        const meta = plainMeta(e);
        assert.equal(visibleText(inner[1].tokens[0]), `${expectedText(e.title)}${meta ? ` — ${meta}` : ''} · line ${e.line}`, md);
        // Its one link is ours, and opens this source at this line.
        const links = flatten(inner[1].tokens).filter((t) => t.type === 'link_open');
        assert.equal(links.length, 1, md);
        assert.equal(hrefOf(links[0]), openSourceLink(e.path, e.line));
        const href = hrefOf(links[0]);
        assert.deepEqual(JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1))), [e.path, e.line]);
      });
      assert.equal(flatten(tokens).filter((t) => t.type === 'link_open').length, shown(f).length, md);
      // One codicon: the verdict's own label.
      const text = flatten(tokens).filter((t) => t.type === 'inline').map(rawText).join('\n');
      assert.equal(text.split('$(').length - 1, 1, `codicons in ${JSON.stringify(text)}`);
      assert.ok(/^\$\((pass|error|edit|person|question)\) \w+$|^ — \$\(account\) Known name$/.test(
        flatten(top[0].tokens).filter((t) => t.type === 'text' && t.content.includes('$(')).map((t) => t.content).join()), md);
    }
  });

  it('report: no link but ours, no image, HTML, rule, list, line break or codicon; only our headings', () => {
    const md = renderReport(findings, { fileName: 'draft.md', sources: 3, checkedAt: new Date('2026-01-01T00:00:00Z') });
    assert.ok(!/[\r\v\f\u0085\u2028\u2029\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(md), 'a line separator or control character');
    const tokens = parse(md);
    assert.deepEqual(live(tokens, ['blockquote_open', 'link_open', 'heading_open', 'table_open']), [], md);
    const claims = findings.filter((f) => f.kind !== 'name');
    // Headings: the title, one per verdict with claims, one per claim, the names.
    const headings = tokens.filter((t, i) => i > 0 && tokens[i - 1].type === 'heading_open').map(visibleText);
    const verdicts = new Set(claims.map((f) => f.verdict));
    assert.equal(headings.length, 1 + verdicts.size + claims.length + 1, headings.join('\n'));
    for (const h of headings) assert.match(h, /^(Corroborate report: draft\.md|(Contradicted by the sources|Misquoted|Misattributed|Unverified \(nothing in the corpus bears on these\)|Supported) \(\d+\)|Line \d+: “[^”]*”|Names the corpus knows \(\d+\))$/, h);
    assert.equal(tokens.filter((t) => t.type === 'table_open').length, 2);
    // One quotation per piece of evidence shown, each with the passage as the source wrote it and one file link of ours.
    const evidence = ['contradicted', 'misquoted', 'misattributed', 'unverified', 'supported'].flatMap((v) => claims.filter((f) => f.verdict === v).flatMap(shown));
    const quotes = blocks(tokens).filter((b) => b.type === 'blockquote');
    assert.equal(quotes.length, evidence.length);
    evidence.forEach((e, i) => {
      const inner = blocks(quotes[i].tokens);
      assert.deepEqual(inner.map((b) => b.type), ['paragraph', 'paragraph']);
      assert.equal(withoutMarker(visibleText(inner[0].tokens[0])), expectedText(e.quote));
      const meta = plainMeta(e);
      assert.equal(visibleText(inner[1].tokens[0]), `— ${expectedText(e.title)}${meta ? `, ${meta}` : ''}, ${expectedText(e.sourceId)} line ${e.line}`);
      const links = flatten(inner[1].tokens).filter((t) => t.type === 'link_open');
      assert.equal(links.length, 1);
      const href = hrefOf(links[0]);
      assert.equal(href, sourceFileLink(e.path, e.line));
      assert.equal(fileURLToPath(href.replace(/#L\d+$/, '')), e.path);
    });
    assert.equal(flatten(tokens).filter((t) => t.type === 'link_open').length, evidence.length);
    assert.ok(!flatten(tokens).some((t) => t.type === 'text' && t.content.includes('$(')), 'a codicon');
  });
});
