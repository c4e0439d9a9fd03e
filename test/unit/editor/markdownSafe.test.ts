// The one escaping function for source text in Markdown, and the links we build around it, read by a
// permissive CommonMark + GFM + linkify parser: nothing from a source may come out live.
import { strict as assert } from 'node:assert';
import { fileURLToPath } from 'node:url';
import { escapeMarkdown, markdownSlicer, plainLine, plainLabel, commandLink } from '../../../src/editor/markdownSafe';
import { openSourceLink } from '../../../src/editor/hoverCard';
import { sourceFileLink } from '../../../src/editor/report';
import { diagnosticMessage, relatedInformationMessage } from '../../../src/editor/diagnosticMessage';
import type { Finding } from '../../../src/core';
import { parse, flatten, blocks, LIVE_TYPES, rawText, visibleText, expectedText, hrefOf, type Token } from './markdownAudit';

const ATTACKS = [
  // links and autolinks
  'see www.evil.org now', 'https://evil.example/phish', 'http://localhost:8080/x', 'ftp://evil.example', '//evil.example/x',
  'evil.com', 'news.evil.ru/x', 'Moscow.It said', 'WWW.1evil.com', 'desk@evil.com', 'mailto:desk@evil.com', 'mailto:a@b',
  '<https://evil.example>', '<desk@evil.com>', '[click](javascript:alert(1))', '[x][ref]\n\n[ref]: https://evil.example', '![x](https://evil.example/x.png)',
  // codicons, math
  '$(pass) Supported by 3 sources', '\\$(pass) escaped already', '$(sync~spin)', '$x^2$ and $$y$$',
  // HTML and entities
  '<img src=x onerror=alert(1)>', '<b>bold</b>', '<!-- hidden -->', '&amp; &lt;b&gt; &#36;(pass) &#x24;(pass) &copy;',
  // inline syntax
  '**bold** _it_ `code` ~~gone~~ \\*', 'a | b | c', '[!NOTE] as the editor', 'H~2~O 2^10^',
  // Markdown at the start of a line
  '- verified by the editor', '+ item', '* item', '1. item', '12) item', '# $(pass) Supported', '###### h6', '> quoted', '---', '***', '___',
  '===', '    indented code', '\t- tabbed item', '   - three spaces', '```js', '~~~', '| a | b |\n|---|---|',
  // line separators of every kind
  'one\rtwo', 'one\r\n- verified by the editor', 'one\u2028# heading', 'one\u2029---', 'one\u0085> quoted', 'one\v\ftwo', 'one\n===',
  'Bridge opens\r---\r$(pass) Supported by 3 sources\r===\r- verified by the editor', 'trailing two spaces  ',
  // control characters
  '\u001b[2K\rFAKE: all claims supported', '\u009b2K\u001b]8;;https://evil.example\u0007link', 'nul\u0000del\u007f',
];

// The places our renderers put source text: a paragraph, a quotation (at a line start, with a line after
// it), emphasis, strong text, after a link of our own, a table cell.
const CONTEXTS: { name: string; wrap: (s: string) => string; inline: (tokens: Token[]) => Token }[] = [
  { name: 'paragraph', wrap: (s) => s, inline: (t) => t[1] },
  { name: 'quotation', wrap: (s) => `> ${s}\n>\n> — source`, inline: (t) => t[2] },
  { name: 'emphasis', wrap: (s) => `*${s}* — outlet`, inline: (t) => t[1] },
  { name: 'strong', wrap: (s) => `**${s}** — $(account) Known name`, inline: (t) => t[1] },
  { name: 'after a link', wrap: (s) => `[line 1](command:corroborate.openSource) ${s}`, inline: (t) => t[1] },
];

describe('escapeMarkdown: source text in Markdown', () => {
  for (const attack of ATTACKS) {
    it(`neutralises ${JSON.stringify(attack)}`, () => {
      const esc = escapeMarkdown(attack);
      assert.ok(!/[\r\n\v\f\u0085\u2028\u2029]/.test(esc), 'one line');
      assert.ok(!esc.includes('$('), 'no codicon');
      for (const c of CONTEXTS) {
        const md = c.wrap(esc);
        const tokens = parse(md);
        const ours = flatten(parse(c.wrap('x'))).map((t) => t.type);
        const extra = flatten(tokens).filter((t) => LIVE_TYPES.includes(t.type)).map((t) => t.type);
        assert.deepEqual(extra, ours.filter((t) => LIVE_TYPES.includes(t)), `${c.name}: ${JSON.stringify(md)}`);
        assert.deepEqual(blocks(tokens).map((b) => b.type), blocks(parse(c.wrap('x'))).map((b) => b.type), `${c.name}: block structure`);
        const inline = c.inline(tokens);
        // Emphasis and strong text wrap the escaped text; its text tokens read as the source did.
        const read = c.name === 'paragraph' || c.name === 'quotation' ? visibleText(inline)
          : c.name === 'after a link' ? visibleText(inline).replace(/^line 1 /, '')
            : visibleText(inline).replace(/ — (outlet|\$\(account\) Known name)$/, '');
        assert.equal(read, expectedText(attack), `${c.name}: reads as the source`);
        assert.ok(!rawText(inline).replace(/\$\(account\)/, '').includes('$('), `${c.name}: no codicon`);
      }
    });
  }

  it('leaves ordinary news text as it reads, with escapes only where Markdown needs them', () => {
    const s = 'Kim told Putin, raising a toast: “We will win a great victory.” (Photo by Vladimir SMIRNOV / POOL / AFP)';
    assert.equal(escapeMarkdown(s), s);
    assert.equal(escapeMarkdown('U.S. and U.N. officials, 3.5 km, 1,500 troops, 40%'), 'U.S. and U.N. officials, 3.5 km, 1,500 troops, 40%');
    assert.equal(escapeMarkdown('a*b_c'), 'a\\*b\\_c');
    assert.equal(escapeMarkdown('001.txt'), '001.\u2060txt');
  });

  it('escapes a passage cut into pieces as the whole passage: a URL split by a mark is still broken', () => {
    const s = 'see www.evil.com and desk@evil.com now';
    const esc = markdownSlicer(s);
    const at = s.indexOf('evil.com');
    const pieces = esc(0, at) + `**${esc(at, at + 4)}**` + esc(at + 4, s.length);
    assert.equal(pieces.replace(/\*\*/g, ''), escapeMarkdown(s));
    assert.ok(!flatten(parse(pieces)).some((t) => t.type === 'link_open'), pieces);
  });

  it('makes plain text one line: separators become spaces, control characters U+FFFD, one for one', () => {
    assert.equal(plainLine('a\rb\nc\u2028d\u2029e\u0085f\u000bg\u000ch\ti'), 'a b c d e f g h i');
    assert.equal(plainLine('\u001b[2K\u009b\u007f\u0000'), '\uFFFD[2K\uFFFD\uFFFD\uFFFD');
  });
});

describe('links to a source: nothing in a file name ends or changes them', () => {
  const PATHS = [
    '/corpus/wire) [final] \'copy\'!.jsonl', '/corpus/evil) [x](javascript:alert(1)).md', '/corpus/a*b(c)d.md', '/corpus/sp ace "q" <a> b&amp;c 100%.md',
    '/corpus/back\\slash $(pass).md', '/corpus/new\nline\rcr\u2028ls.md', '/corpus/ünïcödé 日本.md',
  ];
  for (const p of PATHS) {
    it(`opens ${JSON.stringify(p)} from the hover card and the report`, () => {
      for (const [name, href, back] of [
        ['command link', openSourceLink(p, 7), (h: string) => JSON.parse(decodeURIComponent(h.slice(h.indexOf('?') + 1)))],
        ['file link', sourceFileLink(p, 7), (h: string) => [fileURLToPath(h.replace(/#L(\d+)$/, '')), Number(/#L(\d+)$/.exec(h)![1])]],
      ] as const) {
        assert.ok(!/[\s()[\]'"!*<>\\&$]/.test(href), `${name}: ${href}`);
        const tokens = flatten(parse(`*Title* · [line 7](${href}) after`));
        const links = tokens.filter((t) => t.type === 'link_open');
        assert.equal(links.length, 1, name);
        assert.equal(hrefOf(links[0]), href, name);
        assert.deepEqual(back(hrefOf(links[0])), [p, 7], name);
        assert.equal(tokens.filter((t) => t.type === 'text').map((t) => t.content).join('|'), 'Title| · |line 7| after', name);
      }
    });
  }

  it('encodes the JSON arguments of any command link the same way', () => {
    assert.equal(commandLink('x.y', ["a(b)'c!*"]), 'command:x.y?%5B%22a%28b%29%27c%21%2A%22%5D');
  });
});

describe('diagnostic messages: source text on one line', () => {
  const name: Finding = {
    kind: 'name', text: 'Doe', start: 0, end: 3, line: 1, column: 1, verdict: 'found', entity: 'Jane Doe\r- verified by the editor\u2028\u001b[2K',
    evidence: [{ sourceId: 'a.md', title: 'Bridge opens\r$(pass) Supported by 3 sources\u2029x', date: '2024-05-06', path: '/c/a.md', line: 1, quote: 'q', marks: [], score: 1 }],
    fixes: [], details: { roles: [], sourceCount: 1, aliases: [] },
  };
  it('keeps a source from starting lines of its own in the Problems panel', () => {
    assert.equal(diagnosticMessage(name), 'Known name: Jane Doe - verified by the editor \uFFFD[2K (1 source)');
    assert.equal(diagnosticMessage({ ...name, kind: 'quote', verdict: 'misquoted', reason: 'The source reads “a\rFAKE”.' }), 'The source reads “a FAKE”.');
    assert.equal(relatedInformationMessage(name.evidence[0]), '“q” — Bridge opens $(pass) Supported by 3 sou…, 2024-05-06', 'an outlet or title over 40 characters is cut');
  });

  it('shows the passage first, cut at a word on one line, then its outlet', () => {
    const quote = 'The two leaders met at the Vostochny Cosmodrome\r\nin the Amur region, ' + 'and talked for hours about cooperation in space and on the ground '.repeat(4);
    const m = relatedInformationMessage({ ...name.evidence[0], quote, outlet: 'Wire\u2028Service' });
    assert.ok(m.startsWith('“The two leaders met at the Vostochny Cosmodrome in the Amur region, and talked'), m);
    assert.ok(m.length < 220 && /…” — Wire Service, 2024-05-06$/.test(m), m);
    assert.ok(!/[\r\n\u2028]/.test(m));
  });
});

describe('quick pick labels from the corpus', () => {
  it('show icon syntax and line breaks as text', () => {
    const label = plainLabel('$(pass) Verified by the editor\r$(shield) ok');
    assert.ok(!/\$\(/.test(label), label);
    assert.ok(!/[\r\n]/.test(label));
    assert.equal(label.replace(/\u2060/g, ''), '$(pass) Verified by the editor $(shield) ok');
  });
});
