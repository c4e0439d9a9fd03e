// Inline suppression comments: each form, line ends, lists of verdicts and kinds, code, and bounded work.
import { strict as assert } from 'node:assert';
import type { Finding } from '../../../../src/core';
import { applySuppressions, suppressedRanges, suppressionDirectives } from '../../../../src/core/workflow/suppression';

/** A finding on the n-th occurrence (0-based) of `needle` in `text`. */
function findingOn(text: string, needle: string, verdict: Finding['verdict'] = 'contradicted', kind: Finding['kind'] = 'claim', nth = 0): Finding {
  let start = text.indexOf(needle);
  for (let i = 0; i < nth; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `"${needle}" is in the text`);
  return { kind, text: needle, start, end: start + needle.length, line: 0, column: 0, verdict, evidence: [], fixes: [] };
}

/** The needles whose findings survive the text's suppressions (each a contradicted claim unless given). */
function kept(text: string, needles: (string | [string, Finding['verdict'], Finding['kind']?])[]): string[] {
  const findings = needles.map((n) => (typeof n === 'string' ? findingOn(text, n) : findingOn(text, n[0], n[1], n[2])));
  return applySuppressions(text, findings).map((f) => f.text);
}

describe('suppression comments', () => {
  describe('disable-next-line', () => {
    it('covers the next line only', () => {
      const t = 'Alpha one.\n<!-- corroborate-disable-next-line -->\nBravo two.\nCharlie three.\n';
      assert.deepEqual(kept(t, ['Alpha', 'Bravo', 'Charlie']), ['Alpha', 'Charlie']);
      const i = t.indexOf('Bravo');
      assert.deepEqual(suppressedRanges(t), [{ start: i, end: i + 'Bravo two.'.length }]);
    });

    it('skips blank lines and lines holding only comments, so directives stack', () => {
      const t = [
        '<!-- corroborate-disable-next-line misquoted -->',
        '',
        '   ',
        '<!-- an editor\'s note -->',
        '<!-- corroborate-disable-next-line contradicted -->',
        'Bravo said "two" and Delta four.',
        'Charlie three.',
      ].join('\n');
      assert.deepEqual(kept(t, [['Bravo', 'contradicted'], ['"two"', 'misquoted', 'quote'], ['Delta', 'unverified'], 'Charlie']), ['Delta', 'Charlie']);
    });

    it('after text on its own line still covers the next line (as markdownlint): the line it ends is not covered', () => {
      const t = 'Alpha one. <!-- corroborate-disable-next-line -->\nBravo two.\n';
      assert.deepEqual(kept(t, ['Alpha', 'Bravo']), ['Alpha']);
    });

    it('at the end of the text covers nothing', () => {
      assert.deepEqual(suppressedRanges('Alpha one.\n<!-- corroborate-disable-next-line -->\n\n'), []);
    });
  });

  describe('disable-line', () => {
    it('covers the whole line it is on, before and after it', () => {
      const t = 'Alpha one.\nBravo two. <!-- corroborate-disable-line --> Charlie three.\nDelta four.';
      assert.deepEqual(kept(t, ['Alpha', 'Bravo', 'Charlie', 'Delta']), ['Alpha', 'Delta']);
    });

    it('written over several lines covers each of them', () => {
      const t = 'Alpha one. <!--\n  corroborate-disable-line\n--> Bravo two.\nCharlie three.';
      assert.deepEqual(kept(t, ['Alpha', 'Bravo', 'Charlie']), ['Charlie']);
    });

    it('two on one line make one range listing what either lists', () => {
      const t = 'Alpha <!-- corroborate-disable-line contradicted --> Bravo <!-- corroborate-disable-line names --> Charlie';
      assert.deepEqual(suppressedRanges(t), [{ start: 0, end: t.length, only: ['contradicted', 'names'] }]);
      assert.deepEqual(kept(t, [['Alpha', 'contradicted'], ['Bravo', 'found', 'name'], ['Charlie', 'unverified']]), ['Charlie']);
    });
  });

  describe('disable and enable', () => {
    it('covers from the disable comment to the enable comment', () => {
      const t = 'Alpha one.\n<!-- corroborate-disable -->\nBravo two.\n\nCharlie three.\n<!-- corroborate-enable -->\nDelta four.';
      assert.deepEqual(kept(t, ['Alpha', 'Bravo', 'Charlie', 'Delta']), ['Alpha', 'Delta']);
    });

    it('within a line: what comes before the disable comment and after the enable comment stays', () => {
      const t = 'Alpha <!-- corroborate-disable --> Bravo <!-- corroborate-enable --> Charlie';
      assert.deepEqual(kept(t, ['Alpha', 'Bravo', 'Charlie']), ['Alpha', 'Charlie']);
    });

    it('never enabled, runs to the end of the text', () => {
      const t = 'Alpha one.\n<!-- corroborate-disable -->\nBravo two.\n\nCharlie three.';
      assert.deepEqual(kept(t, ['Alpha', 'Bravo', 'Charlie']), ['Alpha']);
      assert.deepEqual(suppressedRanges(t), [{ start: t.indexOf('<!--'), end: t.length }]);
    });

    it('does not nest: one enable ends two disables, and an enable with nothing disabled does nothing', () => {
      const t = [
        '<!-- corroborate-enable -->', 'Alpha one.',
        '<!-- corroborate-disable -->', 'Bravo two.',
        '<!-- corroborate-disable -->', 'Charlie three.',
        '<!-- corroborate-enable -->', 'Delta four.',
        '<!-- corroborate-enable -->', 'Echo five.',
      ].join('\n');
      assert.deepEqual(kept(t, ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo']), ['Alpha', 'Delta', 'Echo']);
    });

    it('with lists: disables add verdicts, enables take them away, also out of a disable of everything', () => {
      const t = [
        '<!-- corroborate-disable contradicted -->', 'A1 A2 A3',
        '<!-- corroborate-disable misquoted -->', 'B1 B2 B3',
        '<!-- corroborate-enable contradicted -->', 'C1 C2 C3',
        '<!-- corroborate-disable -->', 'D1 D2 D3',
        '<!-- corroborate-enable contradicted names -->', 'E1 E2 E3',
        '<!-- corroborate-enable -->', 'F1 F2 F3',
      ].join('\n');
      const row = (p: string): [string, Finding['verdict'], Finding['kind']][] =>
        [[`${p}1`, 'contradicted', 'claim'], [`${p}2`, 'misquoted', 'quote'], [`${p}3`, 'found', 'name']];
      assert.deepEqual(kept(t, ['A', 'B', 'C', 'D', 'E', 'F'].flatMap(row)), ['A2', 'A3', 'B3', 'C1', 'C3', 'E1', 'E3', 'F1', 'F2', 'F3']);
    });
  });

  describe('what a directive lists', () => {
    it('verdicts, kinds (singular or plural), separated by spaces or commas', () => {
      const t = '<!-- corroborate-disable-next-line contradicted, misquoted -->\nA B C D\n<!-- corroborate-disable-next-line name -->\nE F';
      assert.deepEqual(
        kept(t, [['A', 'contradicted'], ['B', 'misquoted', 'quote'], ['C', 'unverified'], ['D', 'found', 'name'], ['E', 'found', 'name'], ['F', 'supported']]),
        ['C', 'D', 'F'],
      );
    });

    it('a word that names no verdict or kind covers nothing, and is reported', () => {
      const t = '<!-- corroborate-disable-next-line contradictd -->\nAlpha one.';
      assert.deepEqual(kept(t, ['Alpha']), ['Alpha']);
      assert.deepEqual(suppressionDirectives(t).map((d) => d.unknown), [['contradictd']]);
    });

    it('reads the keyword in any case and with any white space inside the comment', () => {
      for (const c of ['<!--corroborate-disable-line-->', '<!--   CORROBORATE-Disable-Line\t-->', '<!--\n corroborate-disable-line contradicted\n-->']) {
        const t = `Alpha one. ${c}`;
        assert.deepEqual(kept(t, ['Alpha']), [], c);
      }
    });

    it('is no directive with another keyword, or outside a comment', () => {
      for (const t of [
        'Alpha one. <!-- corroborate-disabled -->',
        'Alpha one. <!-- corroborate-disable-file -->',
        'Alpha one. <!-- please corroborate-disable-line -->',
        'Alpha one. corroborate-disable-line',
        'Alpha one. <!-- corroborate-disable-line',
      ]) assert.deepEqual(kept(t, ['Alpha']), ['Alpha'], t);
    });
  });

  describe('line ends', () => {
    const lines = [
      'Alpha one.',
      '<!-- corroborate-disable-next-line -->',
      '',
      'Bravo two.',
      'Charlie three. <!-- corroborate-disable-line -->',
      'Delta four.',
      '<!-- corroborate-disable contradicted -->',
      'Echo five.',
      '<!-- corroborate-enable -->',
      'Foxtrot six.',
    ];
    for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r'], ['mixed', '\r\n\n\r']] as const) {
      it(`reads ${name} texts alike`, () => {
        const t = lines.join(eol);
        assert.deepEqual(kept(t, ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot']), ['Alpha', 'Delta', 'Foxtrot']);
        // Line ranges run from the start of the line to the end of its text, the line break left out.
        const slices = suppressedRanges(t).map((r) => t.slice(r.start, r.end));
        assert.ok(slices.includes('Bravo two.'), JSON.stringify(slices));
        assert.ok(slices.includes('Charlie three. <!-- corroborate-disable-line -->'), JSON.stringify(slices));
      });
    }
  });

  describe('code is not read for directives', () => {
    it('inside fenced code blocks of backticks or tildes', () => {
      for (const fence of ['```', '~~~', '````']) {
        const t = `Alpha one.\n\n${fence}md\n<!-- corroborate-disable -->\n${fence}\n\nBravo two.`;
        assert.deepEqual(kept(t, ['Alpha', 'Bravo']), ['Alpha', 'Bravo'], fence);
      }
    });

    it('a fence closes only with as many of its own marks, and one that never closes runs to the end', () => {
      const t = 'Alpha one.\n````\n~~~\n```\n<!-- corroborate-disable -->\n````\nBravo two.';
      assert.deepEqual(kept(t, ['Alpha', 'Bravo']), ['Alpha', 'Bravo']);
      assert.deepEqual(suppressionDirectives('```\n<!-- corroborate-disable -->\nBravo two.'), []);
      // An indented fence (up to three spaces) counts; a backtick fence with a backtick after it is text.
      assert.deepEqual(suppressionDirectives('   ```\n<!-- corroborate-disable -->\n```'), []);
      assert.equal(suppressionDirectives('``` a`b\n<!-- corroborate-disable -->\n').length, 1);
    });

    it('after a fence closes, directives are read again', () => {
      const t = '```\n<!-- corroborate-disable -->\n```\n<!-- corroborate-disable-next-line -->\nBravo two.\nCharlie three.';
      assert.deepEqual(kept(t, ['Bravo', 'Charlie']), ['Charlie']);
    });

    it('inside code spans of one or more backticks, within a paragraph', () => {
      for (const t of [
        'Alpha `<!-- corroborate-disable-line -->` one.',
        'Alpha ``a ` <!-- corroborate-disable-line --> b`` one.',
        'Alpha `a\n<!-- corroborate-disable-line -->` one.',
      ]) assert.deepEqual(kept(t, ['Alpha']), ['Alpha'], t);
      // A backtick with no partner in its paragraph is only a backtick.
      assert.deepEqual(kept('Alpha ` one. <!-- corroborate-disable-line -->\n\n`b`', ['Alpha']), []);
    });

    it('a comment opened before a backtick holds it: the comment is a directive', () => {
      // Read as a code span from the comment's backtick to the last one, the directive would be lost.
      assert.deepEqual(kept('Alpha <!-- a ` --> one <!-- corroborate-disable-line --> `x`.', ['Alpha']), []);
    });
  });

  describe('bounded work for any input', function () {
    this.timeout(120000);
    /** The most the time may grow when the input doubles (a linear cost doubles, a quadratic one quadruples). */
    const MAX_GROWTH = 3;
    const TARGET_MS = 40;
    /** The least of the times: a garbage collection or another process only ever adds to one. */
    const least = (xs: number[]) => Math.min(...xs);

    /** Times `run` on make(n), make(2n), make(4n) in one run: the least of interleaved repeats. */
    function times(make: (n: number) => string, n: number, run: (t: string, f: Finding[]) => unknown): { sizes: number[]; ms: number[] } {
      const texts = [make(n), make(2 * n), make(4 * n)];
      const findings = texts.map(manyFindings);
      const once = (i: number) => { const a = performance.now(); run(texts[i], findings[i]); return performance.now() - a; };
      once(0);
      const repeat = Math.max(1, Math.ceil(TARGET_MS / Math.max(0.01, once(0))));
      const ms: number[][] = [[], [], []];
      for (let k = 0; k < 7; k++) {
        texts.forEach((t, i) => {
          const a = performance.now();
          for (let j = 0; j < repeat; j++) run(t, findings[i]);
          ms[i].push(performance.now() - a);
        });
      }
      return { sizes: texts.map((t) => t.length), ms: ms.map(least) };
    }

    // Sizes n, 2n and 4n. The unclosed comments reach 1 MiB (the draft limit); the others stop near
    // 256 KiB, where caches still hold the text and a doubling of the time means a doubling of work.
    const cases: [string, (n: number) => string, number][] = [
      ['comment openings that never close (1 MiB at the largest)', (n) => 'Alpha one. ' + '<!--'.repeat(n), 65536],
      ['a directive whose comment never closes', (n) => '<!-- corroborate-disable ' + 'x '.repeat(n), 32768],
      ['comments that each close', (n) => '<!-- a -->'.repeat(n), 6554],
      ['backtick runs of growing length, none closed', (n) => Array.from({ length: n }, (_, i) => '`'.repeat(1 + (i % 100)) + 'a').join(''), 1250],
      ['single backticks, one per paragraph', (n) => 'a `b\n\n'.repeat(n), 10923],
      ['fence openings', (n) => '```x\n'.repeat(n), 13107],
      ['fence openings of growing length that never close', (n) => Array.from({ length: n }, (_, i) => '`'.repeat(3 + (i % 100)) + '\n').join(''), 1250],
      ['disable-next-line comments line after line', (n) => '<!-- corroborate-disable-next-line -->\n'.repeat(n) + 'Alpha.', 1638],
      ['disable-line comments on one line', (n) => '<!-- corroborate-disable-line claims -->'.repeat(n), 1638],
      ['disable and enable alternating', (n) => '<!-- corroborate-disable contradicted -->a<!-- corroborate-enable -->b\n'.repeat(n), 900],
    ];
    for (const [name, make, n] of cases) {
      it(`reads ${name} in time linear in the text`, () => {
        const check = () => times(make, n, applySuppressions);
        const ok = (g: ReturnType<typeof check>) => g.ms[1] / g.ms[0] <= MAX_GROWTH && g.ms[2] / g.ms[1] <= MAX_GROWTH;
        let g = check();
        if (!ok(g)) g = check(); // once more, to rule out a hiccup of the machine
        const say = g.sizes.map((s, i) => `${s} chars: ${g.ms[i].toFixed(1)} ms`).join(', ');
        assert.ok(ok(g), `time grows faster than the input: ${say}`);
        assert.ok(g.sizes[2] <= 1.01 * 1024 * 1024, `the largest text stays near the 1 MiB draft limit: ${g.sizes[2]}`);
      });
    }

    /** A finding every 64 characters, so that applying the ranges is timed as well. */
    function manyFindings(t: string): Finding[] {
      const out: Finding[] = [];
      for (let i = 0; i < t.length; i += 64) out.push({ kind: 'claim', text: t[i], start: i, end: i + 1, line: 0, column: 0, verdict: 'contradicted', evidence: [], fixes: [] });
      return out;
    }
  });
});
