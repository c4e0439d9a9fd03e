// The SARIF report: valid against the official OASIS schema, with regions that point at the
// claim's own characters (CRLF drafts and characters outside the BMP included), evidence and fixes
// that point where the engine says, and fingerprints that follow a claim from run to run.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkDraft, type Finding } from '../../../../src/core';
import { toSarif, type SarifLog, type SarifResult } from '../../../../src/core/report/sarif';
import { ROOT, seeds } from '../helpers';
import { sarifSchemaErrors } from './sarifSchema';

const TOOL = { name: 'Corroborate', version: '0.0.0-test', informationUri: 'https://example.org/corroborate' };
const SAMPLE = 'samples/draft.md';
const PROBLEMS = new Set(['contradicted', 'misquoted', 'misattributed', 'unverified']);

async function report(text: string, file = 'drafts/draft.md'): Promise<{ findings: Finding[]; log: SarifLog }> {
  const findings = checkDraft(text, await seeds());
  return { findings, log: toSarif([{ path: file, text, findings }], TOOL, { baseDir: ROOT }) };
}

/** The findings that are results, each with its result (they come in the findings' order). */
function pairs(findings: Finding[], log: SarifLog): [Finding, SarifResult][] {
  const judged = findings.filter((f) => f.kind !== 'name' && PROBLEMS.has(f.verdict));
  const results = log.runs[0].results;
  assert.equal(results.length, judged.length, 'one result per contradicted, misquoted, misattributed or unverified finding');
  return judged.map((f, i) => [f, results[i]]);
}

/**
 * The UTF-16 offset of a SARIF line and column, reading lines the way the log says its lines end
 * (run.newlineSequences; SARIF's default is CRLF and LF).
 */
function offsetAt(text: string, log: SarifLog, line: number, column: number): number {
  const seqs = [...(log.runs[0].newlineSequences ?? ['\r\n', '\n'])].sort((a, b) => b.length - a.length);
  const re = new RegExp(seqs.map((s) => s.replace(/[\r\n]/g, (c) => (c === '\r' ? '\\r' : '\\n'))).join('|'), 'g');
  let at = 0;
  for (let l = 1; l < line; l++) {
    const m = re.exec(text);
    assert.ok(m, `the text has no line ${line}`);
    at = m.index + m[0].length;
  }
  return at + column - 1;
}

function textOf(text: string, log: SarifLog, r: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number }): string {
  return text.slice(offsetAt(text, log, r.startLine, r.startColumn!), offsetAt(text, log, r.endLine!, r.endColumn!));
}

function fingerprints(log: SarifLog): string[] {
  return log.runs[0].results.map((r) => JSON.stringify(r.partialFingerprints));
}

describe('SARIF report', function () {
  it('is valid against the OASIS SARIF 2.1.0 schema for the sample draft, with every problem a result', async () => {
    const text = readFileSync(path.join(ROOT, SAMPLE), 'utf8');
    const { findings, log } = await report(text, SAMPLE);
    assert.deepEqual(sarifSchemaErrors(log), []);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual(rules.map((r) => r.id), ['corroborate/contradicted', 'corroborate/misquoted', 'corroborate/misattributed', 'corroborate/unverified']);
    for (const r of rules) assert.equal(r.helpUri, 'https://example.org/corroborate#verdicts');
    // The sample has each kind of problem; names and supported claims are no results.
    const got = pairs(findings, log);
    assert.deepEqual(new Set(got.map(([f]) => f.verdict)), PROBLEMS);
    for (const [f, r] of got) {
      assert.equal(r.ruleId, `corroborate/${f.verdict}`);
      assert.equal(rules[r.ruleIndex].id, r.ruleId);
      assert.equal(r.level, f.verdict === 'unverified' ? 'note' : 'warning');
      assert.equal(r.message.text, f.reason);
      const loc = r.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uri, SAMPLE);
      assert.equal(textOf(text, log, loc.region), f.text);
      assert.equal(loc.region.startLine, f.line);
      assert.equal(loc.region.startColumn, f.column);
    }
  });

  it('points each piece of evidence at its source file and line, the passage on one line', async () => {
    const { findings, log } = await report(readFileSync(path.join(ROOT, SAMPLE), 'utf8'), SAMPLE);
    let n = 0;
    for (const [f, r] of pairs(findings, log)) {
      assert.equal(r.relatedLocations?.length ?? 0, f.evidence.length);
      f.evidence.forEach((e, i) => {
        const loc = r.relatedLocations![i];
        const uri = loc.physicalLocation.artifactLocation.uri;
        // Seeds sit under the repository, the base folder: a relative URI with forward slashes.
        assert.equal(uri, path.relative(ROOT, e.path).split(path.sep).join('/'));
        assert.equal(loc.physicalLocation.region.startLine, e.line);
        const line = readFileSync(path.join(ROOT, ...uri.split('/')), 'utf8').split(/\r\n|\n|\r/)[e.line - 1];
        assert.ok(line.includes(e.quote.slice(0, 30)), `${uri}:${e.line} holds the passage`);
        assert.ok(!/[\r\n]/.test(loc.message!.text));
        assert.equal(loc.message!.text.replace(/\s+/g, ' '), e.quote.replace(/\s+/g, ' '));
        n++;
      });
    }
    assert.ok(n > 0, 'the sample has evidence');
  });

  it('finds the claim\'s own text at its region in a CRLF draft with emoji before the claims', async () => {
    // 🚀 and 🇰🇵 are outside the BMP (two and four UTF-16 code units); the second draft wraps a claim
    // over two lines, and the third ends its lines with a lone CR.
    const drafts = [
      '# Summit 🚀\r\n\r\nWe 🚀 report. North Korea fired three ballistic missiles on Wednesday, the South Korean military said.\r\n\r\n🇰🇵 "We will always be with Russia," Putin said.\r\n',
      'Kim 🚀 arrived. North Korea fired three\r\nballistic missiles on Wednesday, the South Korean\r\nmilitary said.\r\n',
      'Kim 🚀 arrived. North Korea fired three\rballistic missiles on Wednesday, the South Korean\rmilitary said.\r',
    ];
    const seen = new Set<string>();
    for (const text of drafts) {
      const { findings, log } = await report(text);
      assert.deepEqual(sarifSchemaErrors(log), []);
      for (const [f, r] of pairs(findings, log)) {
        const region = r.locations[0].physicalLocation.region;
        assert.equal(textOf(text, log, region), f.text, JSON.stringify(region));
        seen.add(f.verdict);
        if (region.endLine !== region.startLine) seen.add('multiline');
      }
    }
    // The drafts hold what the test is about: a contradicted claim, a misattributed quotation and a wrapped claim.
    for (const what of ['contradicted', 'misattributed', 'multiline']) assert.ok(seen.has(what), what);
  });

  it('turns each quick fix into a replacement that edits the draft as the fix does', async () => {
    const text = '# Summit 🚀\r\n\r\nWe 🚀 report. North Korea fired three\r\nballistic missiles on Wednesday.\r\n\r\n🇰🇵 "We will always be with Russia," Putin said.\r\n';
    const { findings, log } = await report(text);
    let n = 0;
    for (const [f, r] of pairs(findings, log)) {
      assert.equal(r.fixes?.length ?? 0, f.fixes.length);
      f.fixes.forEach((fix, i) => {
        const change = r.fixes![i].artifactChanges[0];
        assert.equal(change.artifactLocation.uri, 'drafts/draft.md');
        const { deletedRegion, insertedContent } = change.replacements[0];
        const from = offsetAt(text, log, deletedRegion.startLine, deletedRegion.startColumn!);
        const to = offsetAt(text, log, deletedRegion.endLine!, deletedRegion.endColumn!);
        const viaSarif = text.slice(0, from) + insertedContent.text + text.slice(to);
        assert.equal(viaSarif, text.slice(0, fix.start) + fix.replacement + text.slice(fix.end));
        assert.equal(r.fixes![i].description.text, fix.title);
        n++;
      });
    }
    assert.ok(n >= 2, 'the draft offers fixes (the figure and the speaker)');
  });

  it('keeps a result\'s fingerprint across runs and moves, and changes it when the claim\'s words change', async () => {
    const text = readFileSync(path.join(ROOT, SAMPLE), 'utf8');
    const a = await report(text, SAMPLE);
    const b = await report(text, SAMPLE);
    assert.deepEqual(fingerprints(b.log), fingerprints(a.log));
    assert.equal(new Set(fingerprints(a.log)).size, a.log.runs[0].results.length, 'no two results share one');
    const fingerprintOf = (r: { findings: Finding[]; log: SarifLog }, start: string) => {
      const hit = pairs(r.findings, r.log).find(([f]) => f.text.startsWith(start));
      assert.ok(hit, start);
      return JSON.stringify(hit[1].partialFingerprints);
    };
    const missiles = fingerprintOf(a, 'North Korea fired three');
    // Paragraphs added above it move the claim, not its fingerprint.
    const moved = await report(`A new first paragraph.\n\nAnother one.\n\n${text}`, SAMPLE);
    assert.equal(fingerprintOf(moved, 'North Korea fired three'), missiles);
    // Other words: another fingerprint (the claim is still contradicted, so only the words differ).
    const changed = await report(text.replace('fired three ballistic', 'fired four ballistic'), SAMPLE);
    const [f] = pairs(changed.findings, changed.log).find(([x]) => x.text.startsWith('North Korea fired four'))!;
    assert.equal(f.verdict, 'contradicted');
    assert.notEqual(fingerprintOf(changed, 'North Korea fired four'), missiles);
  });

  it('writes paths as URI references: relative with forward slashes and percent-encoded, file: URIs outside the base folder', () => {
    const finding: Finding = {
      kind: 'claim', text: 'Kim flew', start: 0, end: 8, line: 1, column: 1, verdict: 'unverified', reason: 'Nothing says so.',
      evidence: [{ sourceId: 'a', title: 'A', path: '/elsewhere/wire copy.txt', line: 3, quote: 'Kim took a train.', marks: [], score: 1 }],
      fixes: [],
    };
    const log = toSarif([
      { path: 'drafts/my draft (1) é.md', findings: [finding] },
      { path: '/base/sub/x#1.md', findings: [finding] },
      { path: '/outside/y.md', findings: [finding] },
    ], { name: 'Corroborate', version: '1.2.3' }, { baseDir: '/base' });
    assert.deepEqual(sarifSchemaErrors(log), []);
    const uris = log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
    assert.deepEqual(uris, ['drafts/my%20draft%20(1)%20%C3%A9.md', 'sub/x%231.md', 'file:///outside/y.md']);
    assert.equal(log.runs[0].results[0].relatedLocations![0].physicalLocation.artifactLocation.uri, 'file:///elsewhere/wire%20copy.txt');
    // Without the draft's text the region still ends where the finding does; no helpUri without a homepage.
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.region.endColumn, 9);
    assert.equal(log.runs[0].tool.driver.rules[0].helpUri, undefined);
  });
});
