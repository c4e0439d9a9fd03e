import { strict as assert } from 'node:assert';
import { combineFindings } from '../../../../src/core/verdicts/combine';
import type { Finding } from '../../../../src/core';

const f = (kind: Finding['kind'], start: number, end: number, verdict: Finding['verdict'], from: string): Finding => ({
  kind, text: `${kind}@${start}`, start, end, line: 1, column: start + 1, verdict, evidence: [{ sourceId: from, path: `${from}.md`, line: start + 1 } as Finding['evidence'][number]], fixes: [],
});
const who = (x: Finding) => `${x.kind}@${x.start}-${x.end} ${x.verdict} ${x.evidence[0].sourceId}`;

describe('findings of the archive combined with the local corpus', () => {
  it('keeps, span by span, what either corpus backs; a warning from either stands; a tie keeps the archive\'s', () => {
    const archive = [
      f('claim', 0, 10, 'unverified', 'archive'), // the local corpus backs it
      f('claim', 20, 30, 'supported', 'archive'), // the local corpus contradicts it
      f('claim', 40, 50, 'contradicted', 'archive'), // the local corpus supports it
      f('claim', 60, 70, 'supported', 'archive'), // both support it
      f('name', 60, 65, 'found', 'archive'),
      f('quote', 80, 90, 'misquoted', 'archive'), // both warn
    ];
    const local = [
      f('claim', 0, 10, 'supported', 'local'),
      f('claim', 20, 30, 'contradicted', 'local'),
      f('claim', 40, 50, 'supported', 'local'),
      f('claim', 60, 70, 'supported', 'local'),
      f('name', 60, 65, 'found', 'local'),
      f('quote', 80, 90, 'misattributed', 'local'),
      f('name', 92, 97, 'found', 'local'), // a name only the local corpus knows
      f('name', 62, 68, 'found', 'local'), // overlaps the archive's name: one underline only
    ];
    assert.deepEqual(combineFindings(archive, local).map(who), [
      'claim@0-10 supported local',
      'claim@20-30 contradicted local',
      'claim@40-50 contradicted archive',
      'claim@60-70 supported archive',
      'name@60-65 found archive',
      'quote@80-90 misquoted archive',
      'name@92-97 found local',
    ]);
    // Where both corpora have evidence, the other's passages follow (sources that disagree side by side);
    // an unverified finding's related passages do not.
    const sources = (start: number) => combineFindings(archive, local).find((x) => x.kind === 'claim' && x.start === start)!.evidence.map((e) => e.sourceId);
    assert.deepEqual(sources(20), ['local', 'archive']);
    assert.deepEqual(sources(60), ['archive', 'local']);
    assert.deepEqual(sources(0), ['local']);
  });

  it('is the archive\'s findings when the local corpus has nothing more, and the local ones when the archive has none', () => {
    const archive = [f('claim', 0, 10, 'supported', 'archive'), f('name', 0, 4, 'found', 'archive')];
    assert.deepEqual(combineFindings(archive, [f('claim', 0, 10, 'unverified', 'local')]), archive);
    const same = [f('claim', 0, 10, 'supported', 'archive')];
    assert.deepEqual(combineFindings(same, same), same, 'the same passage is not shown twice');
    assert.deepEqual(combineFindings([], archive), archive);
  });
});
