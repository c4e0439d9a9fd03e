// Claims checked by hand and names ignored: the files' round trip, marks cleared by editing their
// sentence (and only theirs), and hand-edited files read without losing what is in them.
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../../src/core';
import {
  checkedClaim, checkedStatus, markChecked, parseChecked, sentenceAround, sentenceHash, serialiseChecked, unmarkChecked,
  ignoreName, isIgnoredName, parseIgnore, serialiseIgnore, unignoreName, applyDecisions, type CheckedClaim,
} from '../../../../src/core/workflow/checked';

/** A finding on `needle` in `text`. */
function findingOn(text: string, needle: string, kind: Finding['kind'] = 'claim', verdict: Finding['verdict'] = 'unverified', entity?: string): Finding {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `"${needle}" is in the text`);
  return { kind, text: needle, start, end: start + needle.length, line: 0, column: 0, verdict, evidence: [], fixes: [], ...(entity && { entity }) };
}

const DRAFT = 'Kim Jong Un left Pyongyang on Sunday evening. Putin met Kim at the cosmodrome on Wednesday.\n\nThe talks lasted five hours.';
const CLAIM = 'Putin met Kim at the cosmodrome';
const OTHER = 'The talks lasted five hours';

/** Whether the claim `needle` of `text` is marked by `entries`. */
const isChecked = (text: string, needle: string, entries: CheckedClaim[]) => checkedStatus(text, [findingOn(text, needle)], entries)[0] !== undefined;

describe('claims checked by hand', () => {
  it('finds the sentence of a finding as the checker splits the draft, with its markup', () => {
    assert.equal(sentenceAround(DRAFT, DRAFT.indexOf('Putin'), DRAFT.indexOf('Putin') + 5).text, 'Putin met Kim at the cosmodrome on Wednesday.');
    const md = '# Summit\n\nKim **left** [Pyongyang](https://example.org/a. b) on Sunday. Putin waited.\r\nThe talks began.';
    const s = sentenceAround(md, md.indexOf('Pyongyang'), md.indexOf('Pyongyang') + 9);
    assert.equal(s.text, 'Kim **left** [Pyongyang](https://example.org/a. b) on Sunday.');
    assert.equal(md.slice(s.start, s.end), s.text);
    assert.equal(sentenceAround(md, 2, 4).text, '# Summit');
    // A span across two sentences gets both.
    const i = DRAFT.indexOf('evening'), j = DRAFT.indexOf('Putin') + 5;
    assert.equal(sentenceAround(DRAFT, i, j).text, 'Kim Jong Un left Pyongyang on Sunday evening. Putin met Kim at the cosmodrome on Wednesday.');
  });

  it('hashes the sentence with white space collapsed, but case and words as written', () => {
    assert.match(sentenceHash('Putin met Kim.'), /^[0-9a-f]{16}$/);
    assert.equal(sentenceHash('  Putin met\n  Kim. '), sentenceHash('Putin met Kim.'));
    assert.notEqual(sentenceHash('putin met Kim.'), sentenceHash('Putin met Kim.'));
  });

  it('round-trips: marks written as stable JSON and read back the same', () => {
    let file = markChecked(undefined, checkedClaim(DRAFT, findingOn(DRAFT, OTHER), { verdict: 'supported', date: '2024-03-02', by: 'jd' }));
    file = markChecked(file, checkedClaim(DRAFT, findingOn(DRAFT, CLAIM), { verdict: 'supported', note: 'TASS readout', date: '2024-03-01' }));
    const json = serialiseChecked(file);
    assert.ok(json.endsWith('}\n') && json.includes('\n  "claims": [\n    {\n      "text": '), json);
    const read = parseChecked(json);
    assert.deepEqual(read.problems, []);
    // By date, then text.
    assert.deepEqual(read.entries.map((e) => [e.date, e.text]), [['2024-03-01', CLAIM], ['2024-03-02', OTHER]]);
    assert.deepEqual(read.entries[0], { text: CLAIM, sentenceHash: sentenceHash('Putin met Kim at the cosmodrome on Wednesday.'), verdict: 'supported', note: 'TASS readout', date: '2024-03-01' });
    assert.equal(serialiseChecked(read.file!), json);
    // The order marks were made in does not change the file.
    assert.equal(serialiseChecked({ ...read.file!, claims: [...read.file!.claims].reverse() }), json);
    // Marking the same claim again replaces its mark; unmarking removes it.
    const again = markChecked(read.file, { ...read.entries[0], verdict: 'contradicted' });
    assert.deepEqual(again.claims.map((c) => c.verdict).sort(), ['contradicted', 'supported']);
    assert.equal(read.file!.claims.length, 2, 'the file given is not changed');
    assert.deepEqual(unmarkChecked(again, read.entries[0]).claims.map((c) => c.text), [OTHER]);
  });

  it('an edit of the sentence clears its mark; an edit of another sentence does not', () => {
    const entries = [checkedClaim(DRAFT, findingOn(DRAFT, CLAIM), { date: '2024-03-01' })];
    assert.equal(entries[0].verdict, 'unverified', 'the verdict defaults to the finding\'s');
    assert.ok(isChecked(DRAFT, CLAIM, entries));
    assert.ok(!isChecked(DRAFT, OTHER, entries), 'another claim is not marked');
    // One word of the sentence changed, though not in the claim's own words.
    assert.ok(!isChecked(DRAFT.replace('Wednesday', 'Thursday'), CLAIM, entries));
    assert.ok(!isChecked(DRAFT.replace('Putin met', 'putin met'), 'putin met Kim at the cosmodrome', entries), 'case counts');
    // Another sentence edited (moving every offset after it), or the sentence re-wrapped: still marked.
    assert.ok(isChecked(DRAFT.replace('Sunday evening', 'Sunday night, state media said'), CLAIM, entries));
    assert.ok(isChecked(DRAFT.replace('the talks lasted', 'The talks lasted over'), CLAIM, entries));
    assert.ok(isChecked(DRAFT.replace('Kim at the', 'Kim at\r\nthe').replace('\n\nThe talks', '\r\n\r\nThe talks'), CLAIM.replace('Kim at the', 'Kim at\r\nthe'), entries));
    // The same sentence elsewhere in another draft is marked as well: the mark is the sentence's, not the file's.
    assert.ok(isChecked(`Intro.\n\nPutin met Kim at the cosmodrome on Wednesday.`, CLAIM, entries));
  });

  it('a name in a checked sentence is not marked by the claim\'s mark', () => {
    const entries = [checkedClaim(DRAFT, findingOn(DRAFT, CLAIM), { date: '2024-03-01' })];
    const [claim, name] = checkedStatus(DRAFT, [findingOn(DRAFT, CLAIM), findingOn(DRAFT, 'Putin', 'name', 'found')], entries);
    assert.ok(claim && !name);
  });

  it('a file that is not JSON gives no entries, one problem, and no file to write back over it', () => {
    for (const bad of ['{ "version": 1, "claims": [', 'claims: []', '[1, 2]', '{ "version": 2, "claims": [] }', '{ "claims": {} }']) {
      const r = parseChecked(bad);
      assert.deepEqual([r.entries, r.problems.length, r.file], [[], 1, undefined], bad);
    }
    assert.match(parseChecked('{').problems[0], /^not JSON/);
    // An empty file, or one with a byte order mark, reads.
    assert.deepEqual(parseChecked('').file, { version: 1, claims: [] });
    assert.deepEqual(parseChecked('\uFEFF{ "claims": [] }').problems, []);
  });

  it('a hand-edited file: bad entries are named by index and kept as written; the others are used', () => {
    const good = (text: string, date: string) => ({ text, sentenceHash: sentenceHash(`${text}.`), verdict: 'supported', date });
    const json = JSON.stringify({
      version: 1,
      claims: [
        good('Zulu', '2024-01-02'),
        { sentenceHash: 'abcdef0123456789', verdict: 'supported', date: '2024-01-01' },
        { ...good('Yankee', '2024-01-01'), verdict: 3 },
        good('Xray', '2024-01-01'),
        { ...good('Whiskey', '2024-01-01'), date: '2024-02-30' },
        'just a string',
      ],
    }, null, 2);
    const r = parseChecked(json);
    assert.deepEqual(r.entries.map((e) => e.text), ['Zulu', 'Xray']);
    assert.equal(r.problems.length, 4, r.problems.join('\n'));
    assert.match(r.problems[0], /^claims\[1\]: "text" is missing/);
    assert.match(r.problems[1], /^claims\[2\] \("Yankee"\): "verdict" is 3, not a string/);
    assert.match(r.problems[2], /^claims\[4\] \("Whiskey"\): "date" is "2024-02-30", not a date as YYYY-MM-DD/);
    assert.match(r.problems[3], /^claims\[5\]: is "just a string", not an object/);
    // Written back, the good entries are sorted and the bad ones follow as they were.
    const back = JSON.parse(serialiseChecked(r.file!));
    assert.deepEqual(back.claims.map((c: { text?: string } | string) => (typeof c === 'string' ? c : c.text)), ['Xray', 'Zulu', undefined, 'Yankee', 'Whiskey', 'just a string']);
    assert.deepEqual(back.claims[3], { ...good('Yankee', '2024-01-01'), verdict: 3 });
  });

  it('keeps fields it does not know, in entries and at the top', () => {
    const json = JSON.stringify({
      version: 1,
      reviewedBy: { desk: 'world' },
      claims: [{ text: 'Zulu', sentenceHash: 'ABCDEF0123456789', verdict: 'supported', date: '2024-01-02', cms: 'CMS-12', by: 'jd' }],
    });
    const r = parseChecked(json);
    assert.deepEqual(r.entries[0].extra, { cms: 'CMS-12' });
    const file = markChecked(r.file, { text: 'Alpha', sentenceHash: sentenceHash('Alpha.'), verdict: 'supported', date: '2024-01-01' });
    const back = JSON.parse(serialiseChecked(file));
    assert.deepEqual(back.reviewedBy, { desk: 'world' });
    assert.deepEqual(back.claims[1], { text: 'Zulu', sentenceHash: 'ABCDEF0123456789', verdict: 'supported', date: '2024-01-02', by: 'jd', cms: 'CMS-12' });
    // An upper-case hash written by hand still marks its sentence.
    assert.ok(isChecked('Zulu.', 'Zulu', [{ ...r.entries[0], sentenceHash: sentenceHash('Zulu.').toUpperCase() }]));
  });
});

describe('names ignored', () => {
  const name = (text: string, entity?: string) => findingOn(`x ${text} y`, text, 'name', 'found', entity);

  it('matches the finding\'s text or its entity, in any case, curly or straight apostrophes', () => {
    const { entries, problems } = parseIgnore(JSON.stringify({ version: 1, names: [{ name: 'vladimir putin', date: '2024-01-01' }, { name: "Conan O'Brien", date: '2024-01-01', note: 'columnist' }] }));
    assert.deepEqual(problems, []);
    assert.ok(isIgnoredName(name('Putin', 'Vladimir Putin'), entries));
    assert.ok(isIgnoredName(name('VLADIMIR  PUTIN'), entries));
    assert.ok(isIgnoredName(name('Conan O’Brien'), entries));
    assert.ok(!isIgnoredName(name('Kim Jong Un', 'Kim Jong Un'), entries));
    assert.ok(!isIgnoredName(findingOn('Vladimir Putin spoke.', 'Vladimir Putin', 'claim'), entries), 'only name findings');
  });

  it('round-trips, sorted by date then name, and reads hand edits as checked.json does', () => {
    let file = ignoreName(undefined, { name: 'Zulu', date: '2024-01-01' });
    file = ignoreName(file, { name: 'Alpha', date: '2024-01-02', note: 'a source' });
    file = ignoreName(file, { name: 'zulu', date: '2024-01-01', note: 'again' });
    const json = serialiseIgnore(file);
    assert.equal(json, '{\n  "version": 1,\n  "names": [\n    {\n      "name": "zulu",\n      "note": "again",\n      "date": "2024-01-01"\n    },\n    {\n      "name": "Alpha",\n      "note": "a source",\n      "date": "2024-01-02"\n    }\n  ]\n}\n');
    assert.equal(serialiseIgnore(parseIgnore(json).file!), json);
    assert.deepEqual(unignoreName(file, 'ALPHA').names.map((n) => n.name), ['zulu']);
    const r = parseIgnore('{ "names": [ { "name": "" , "date": "2024-01-01" }, { "name": "Bravo", "date": "2024-1-1" }, { "name": "Charlie", "date": "2024-01-01", "x": 1 } ] }');
    assert.deepEqual(r.entries, [{ name: 'Charlie', date: '2024-01-01', extra: { x: 1 } }]);
    assert.deepEqual(r.problems.map((p) => p.slice(0, 9)), ['names[0]:', 'names[1] ']);
    assert.deepEqual(parseIgnore('not json').problems.length, 1);
  });
});

describe('decisions applied to a draft\'s findings', () => {
  const draft = 'Kim arrived by train. North Korea fired three missiles on Wednesday.\n';
  const at = (s: string) => draft.indexOf(s);
  const f = (text: string, kind: 'claim' | 'name', verdict: string): Finding =>
    ({ kind, text, start: at(text), end: at(text) + text.length, line: 1, column: at(text) + 1, verdict: verdict as Finding['verdict'], evidence: [], fixes: [] });
  const findings = [f('Kim arrived by train.', 'claim', 'unverified'), f('North Korea fired three missiles on Wednesday.', 'claim', 'contradicted'), f('North Korea', 'name', 'found'), f('Kim', 'name', 'found')];

  it('marks checked claims, drops ignored names, and leaves the rest as they were', () => {
    const mark = checkedClaim(draft, findings[1], { date: '2026-12-01', note: 'confirmed with the agency', by: 'desk' });
    const out = applyDecisions(draft, findings, [mark], [{ name: 'kim', date: '2026-12-01' }]);
    assert.deepEqual(out.map((x) => x.text), ['Kim arrived by train.', 'North Korea fired three missiles on Wednesday.', 'North Korea']);
    assert.deepEqual(out[1].checked, { date: '2026-12-01', verdict: 'contradicted', by: 'desk', note: 'confirmed with the agency' });
    assert.equal(out[0].checked, undefined);
    const edited = draft.replace('three', 'four');
    const moved = { ...findings[1], text: findings[1].text.replace('three', 'four') };
    assert.equal(applyDecisions(edited, [moved], [mark], [])[0].checked, undefined, 'an edited sentence loses its mark');
  });
});
