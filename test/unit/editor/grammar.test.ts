import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// The news-draft grammar's regexes are Oniguruma; the ones used here are also valid JavaScript
// (after `\A`, start of document, becomes `^`), which is enough to check what they highlight.
const root = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const grammar = JSON.parse(readFileSync(path.join(root, 'syntaxes', 'news-draft.tmLanguage.json'), 'utf8'));

type Rule = { name?: string; match?: string; begin?: string; patterns?: Rule[] };
function rules(key: string): Rule[] {
  const r: Rule = grammar.repository[key];
  return r.patterns ?? [r];
}
function scopesOf(key: string, line: string): string[] {
  return rules(key).flatMap((r) => {
    const src = r.match ?? r.begin;
    return src && new RegExp(src.replace(/\\A/g, '^')).test(line) ? [r.name ?? key] : [];
  });
}

describe('news-draft grammar', () => {
  it('is the grammar package.json contributes for the news-draft language', () => {
    const g = pkg.contributes.grammars.find((x: { language: string }) => x.language === 'news-draft');
    assert.equal(g.scopeName, grammar.scopeName);
    assert.equal(g.scopeName, 'text.news-draft');
    assert.equal(path.normalize(g.path), path.normalize('./syntaxes/news-draft.tmLanguage.json'));
    const lang = pkg.contributes.languages.find((x: { id: string }) => x.id === 'news-draft');
    assert.deepEqual(lang.extensions, ['.draft', '.news']);
    assert.ok(lang.aliases.includes('News Draft'));
  });

  it('highlights headlines, datelines, quotations, attributions and figures', () => {
    assert.ok(scopesOf('headline', '# Putin hosts Kim at cosmodrome').length);
    assert.ok(scopesOf('headline', 'PUTIN AND KIM MEET IN FAR EAST').length);
    assert.ok(scopesOf('dateline', 'MOSCOW, Sept. 13 (AFP) — Russian President Vladimir Putin').length);
    assert.ok(scopesOf('dateline', 'MANCHESTER — The council said').length);
    assert.equal(scopesOf('dateline', 'The council met on Tuesday — and agreed').length, 0);
    assert.ok(scopesOf('quotation', 'He said “we will always be with Russia”.').length);
    assert.ok(scopesOf('quotation', 'He said "we will always be with Russia".').length);
    assert.ok(scopesOf('attribution', 'Dmitry Peskov told reporters').some((s) => s === 'meta.attribution.news-draft'));
    assert.ok(scopesOf('attribution', 'according to Kremlin spokesman Dmitry Peskov').some((s) => s === 'meta.attribution.news-draft'));
    assert.deepEqual(
      ['$4.5 billion', '12%', '3.5 per cent', '2009', '1,200'].map((t) => scopesOf('figure', t).length > 0),
      [true, true, true, true, true],
    );
  });
});
