// Saved web pages (.html, .htm) as corpus articles: the article Readability finds, written out
// paragraph by paragraph, with the page's metadata. The pages in test/fixtures/html-pages are
// invented, one per common layout, plus a page with no article and one with an impossible date.
import { strict as assert } from 'node:assert';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadSources, parseSourceText, type Source } from '../../../../src/core';
import { CORPUS_EXTENSIONS } from '../../../../src/core/corpus/corpusLoader';
import { htmlArticle, MAX_NESTING, type HtmlArticle } from '../../../../src/core/corpus/htmlArticle';
import { splitSentences } from '../../../../src/core/analysis/sentences';
import { ROOT, SEEDS } from '../helpers';

const PAGES = path.join(ROOT, 'test', 'fixtures', 'html-pages');

/** The fixture page read as the loader reads it. */
function page(name: string) {
  const file = path.join(PAGES, name);
  return parseSourceText(file, readFileSync(file, 'utf8'));
}
function source(name: string): Source {
  const r = page(name);
  assert.deepEqual(r.problems, [], `${name}: no problems`);
  assert.equal(r.sources.length, 1);
  return r.sources[0];
}
/** The text's paragraphs (blank-line separated). */
const paragraphs = (text: string) => text.split('\n\n');

/** Each expected paragraph is in the text as a paragraph of its own; none of the page furniture is anywhere in it. */
function assertText(text: string, expected: string[], furniture: string[]): void {
  const ps = paragraphs(text);
  for (const p of expected) assert.ok(ps.includes(p), `paragraph missing or merged: ${JSON.stringify(p)}\n--- text:\n${text}`);
  for (const f of furniture) assert.ok(!text.includes(f), `page furniture in the text: ${JSON.stringify(f)}`);
  for (const p of ps) assert.equal(p, p.replace(/\s+/g, ' ').trim(), 'white space collapsed within a paragraph');
}

/** A page of `n` plain paragraphs around `inside`, for the small cases. */
const story = (inside = '', head = '', n = 3) => `<!DOCTYPE html><html><head><title>Small page</title>${head}</head><body><article>${inside}${
  Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1} says the harbour board met on Tuesday and voted to approve the new budget after a long debate.</p>`).join('')
}</article></body></html>`;
function article(html: string): HtmlArticle {
  const r = htmlArticle(html, '/x/page.html');
  assert.ok(!('problem' in r), `read as an article: ${JSON.stringify(r)}`);
  return r as HtmlArticle;
}

describe('saved web pages as corpus articles', () => {
  it('reads .html and .htm files', () => {
    assert.ok(CORPUS_EXTENSIONS.includes('.html'));
    assert.ok(CORPUS_EXTENSIONS.includes('.htm'));
  });

  it('a news site page: the article without its menu, cookie banner, sidebar, share bar, scripts, styles and footer', () => {
    const s = source('news-site.html');
    assert.equal(s.id, 'news-site.html');
    assert.equal(s.title, 'Ferry fares to rise by 12% from April as operator blames fuel costs');
    assert.equal(s.outlet, 'The Harbour Courier');
    assert.equal(s.date, '2024-02-21');
    assert.equal(s.author, 'Marta Lindqvist');
    assert.equal(s.url, 'https://harbourcourier.example/news/2024/02/ferry-fares-rise-april');
    assert.equal(s.lineOffset, 0);
    assertText(s.text, [
      'Passengers on the Port Ellery to Skarholm crossing will pay 12% more for a single ticket from 1 April, the ferry operator Westerly Links confirmed on Tuesday, blaming a sharp rise in fuel and insurance costs over the past year.',
      'An adult single will go up from £8.50 to £9.50, while the price of taking a car across will rise from £41 to £46. Season tickets for island residents, which were frozen last year after a petition signed by more than 3,000 people, will increase by 5%.',
      'Westerly Links said its fuel bill had climbed to £2.3 million in the year to December, almost double what it paid two years earlier. "We have held prices for as long as we responsibly could," said its managing director, Colm Feeney.',
      'Islanders say the rise will hit the young hardest',
      'The Skarholm Community Council said it would ask the regional transport board to review the increase at its meeting next month. Its chair, Agnes Tulloch, said young people who commute to college on the mainland would be hit hardest.',
      'The changes to the fares are:',
      'Adult single: £9.50, up from £8.50.',
      'Car and driver: £46, up from £41.',
      'Island resident season ticket: up 5%.',
      'The transport board, which subsidises the route, is due to publish its own review of ferry services in the summer.',
    ], [
      // scripts, styles and noscript fallbacks, in the page's head and inside the article
      'dataLayer', 'trackPageView', 'Advertisement loaded by script', 'getElementById', 'font-style', 'background:', 'Share this page', 'enable JavaScript',
      // cookie banner, menu, share bar, related stories, sidebar, footer
      'cookies', 'Accept all', 'Subscribe today', "What's On", 'Share on Facebook', 'Email this story', 'Related stories', 'Winter ferry timetable',
      'Most read', 'Harbour wall repairs', 'morning briefing', 'About us', 'Contact the newsroom', 'All rights reserved', 'By Marta Lindqvist',
    ]);
    // The list items and the heading stay paragraphs of their own when the text is split into sentences.
    const sentences = splitSentences(s.text).map((x) => x.text);
    assert.ok(sentences.includes('Islanders say the rise will hit the young hardest'));
    assert.ok(sentences.includes('Car and driver: £46, up from £41.'));
    assert.ok(sentences.includes('The changes to the fares are:'));
  });

  it('a blog page with JSON-LD metadata and no Open Graph tags', () => {
    const s = source('blog-jsonld.html');
    assert.equal(s.title, 'Orchard growers count the cost of a late frost');
    assert.equal(s.outlet, 'Valley Ledger');
    assert.equal(s.date, '2024-04-18');
    assert.equal(s.author, 'Tomasz Berg');
    assert.equal(s.url, 'https://valleyledger.example/2024/04/late-frost-orchards/');
    assertText(s.text, [
      "Apple and pear growers in the Corran Valley lost as much as half of this year's blossom when temperatures fell to minus four degrees on the night of 14 April, according to a survey by the valley's growers' cooperative.",
      'The cooperative said 37 of its 52 member farms had reported frost damage, and that the worst-hit orchards were on low ground near the river, where cold air collects on still nights.',
      '"You could hear the blossom crackle when you walked through the rows the next morning," said Ruth Amsel, who grows cider apples on 40 acres outside Millbeck. She expects to pick about a third of last year\'s crop.',
      'Insurance rarely covers blossom',
      "Few growers in the valley insure against frost, because premiums for spring cover have more than doubled since 2020, the cooperative's secretary, Dev Koshy, said. He has asked the county agricultural office for an emergency meeting.",
      'The county office said it was gathering figures from growers and would report to councillors before the end of May.',
    ], [
      'schema.org', 'NewsArticle', 'font-family', 'Independent news from the Corran Valley', 'Support our journalism', 'Posted in', 'Tagged',
      // readers' comments, sidebar widgets, footer
      'thoughts on this post', 'east slope', 'grants this time round', 'Leave a reply', 'Archives', 'Subscribe by email', 'reader-funded',
    ]);
  });

  it('a page with Open Graph and article meta tags and the story in nested "story-body" divs', () => {
    const s = source('story-body.html');
    // og:title, not the shorter <title>
    assert.equal(s.title, 'Council approves £4.2m flood defence plan for Riverside');
    assert.equal(s.outlet, 'Northern Daily Record');
    assert.equal(s.date, '2023-11-02');
    assert.equal(s.author, 'Ines Okafor');
    assert.equal(s.url, 'https://northerndailyrecord.example/news/riverside-flood-defences-approved');
    assertText(s.text, [
      'A £4.2 million scheme to protect around 600 homes in the Riverside area from flooding was approved by Northfield District Council on Thursday evening.',
      'The plan includes a 1.8-kilometre earth embankment along the River Wend, two new pumping stations and a storage basin on farmland north of the town that can hold up to 90,000 cubic metres of water.',
      'Councillors voted 31 to 6 in favour after a two-hour debate. Work is expected to start next spring and to take about 18 months.',
      'Riverside was flooded twice in the past five years, most recently in February 2022, when 140 properties were damaged. Residents have campaigned for better defences since then.',
      '"People here have been sandbagging their front doors every winter," said Councillor Nadia Brook, who represents the ward. "Tonight they finally have an answer."',
      "The Environment Agency will pay £2.9 million of the cost, with the rest coming from the council's capital budget and a contribution from a housing developer building nearby.",
    ], ['Weather', 'Jobs', 'Share on', 'Trending now', 'Castle Street bridge', 'Fellside Media Group', 'Councillors back a plan']);
  });

  it('a page dated by a <time> in its byline block, with a pull quote', () => {
    const s = source('time-byline.html');
    assert.equal(s.title, 'Pier closed after surveyors find corroded supports');
    // The byline block's <time>, not the masthead's date of the day.
    assert.equal(s.date, '2024-03-07');
    // Without "By" and without the date beside it.
    assert.equal(s.author, 'Priya Nair');
    // No site name or address anywhere in the page's metadata: none is made up.
    assert.equal(s.outlet, undefined);
    assert.equal(s.url, undefined);
    assertText(s.text, [
      'Saltmere pier has been closed to the public indefinitely after an inspection found that several of its steel supports had corroded far faster than expected, the town council said on Wednesday.',
      "Surveyors from the engineering firm Halden & Croft found that 14 of the pier's 62 supports had lost more than a quarter of their thickness. The council had been told in 2019 that the structure would not need major work for at least ten years.",
      '“We were told the pier was safe until 2030. Now nobody can tell us when it will reopen,” said Owen Maddox, who runs a café at the pier entrance and has laid off two of his four staff.',
      "In a statement, the council's head of property services, Leanne Curtis, said:",
      'Public safety has to come first. We will publish the full survey next week and set out the options for repair, which could cost several million pounds.',
      'A landmark since 1898',
      "The pier opened in 1898 and is one of only two in the county still standing. It draws about 250,000 visitors a year, according to the council's own figures.",
    ], ['Saturday 9 March', 'Bayside Weekly', 'By Priya Nair', '7 March 2024', 'Letters to the editor']);
    // The pull quote repeats the quotation; only the quotation itself is kept.
    assert.equal(s.text.split('We were told the pier was safe until 2030').length - 1, 1);
  });

  it('refuses a page with no article in it, saying so', () => {
    const r = page('login.html');
    assert.deepEqual(r.sources, []);
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'skipped');
    assert.equal(r.problems[0].path, path.join(PAGES, 'login.html'));
    assert.match(r.problems[0].message, /^no article text found in the page\b/);
    const empty = htmlArticle('<!DOCTYPE html><html><head><title>Nothing</title></head><body><img src="cover.png" alt=""></body></html>', '/x/empty.html');
    assert.deepEqual(empty, { problem: { path: '/x/empty.html', message: 'no article text found in the page', severity: 'skipped' } });
  });

  it('loads a page with an impossible date without its date, with a warning at the line that gives it', () => {
    const r = page('impossible-date.html');
    assert.equal(r.sources.length, 1);
    assert.equal(r.sources[0].date, undefined);
    assert.equal(r.sources[0].title, 'Library extends opening hours for exam season');
    assert.equal(r.sources[0].outlet, 'Millbeck Gazette');
    assert.equal(r.problems.length, 1);
    assert.equal(r.problems[0].severity, 'warning');
    assert.equal(r.problems[0].path, `${path.join(PAGES, 'impossible-date.html')}:7`);
    assert.match(r.problems[0].message, /invalid date "2023-02-30T09:00:00Z".*loaded without a date/);
  });

  it('reads metadata the way pages give it', () => {
    // A byline whose date sits beside the name.
    assert.equal(article(story('<div class="byline">By Sam Reed | <time datetime="2024-05-01">1 May 2024</time></div>')).author, 'Sam Reed');
    // A publisher given by reference in a JSON-LD @graph.
    const graph = article(story('', '<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Graph Wire"},{"@type":["NewsArticle"],"headline":"H","datePublished":"2022-01-05T10:00:00Z","publisher":{"@id":"#org"}}]}</script>'));
    assert.equal(graph.outlet, 'Graph Wire');
    assert.equal(graph.date, '2022-01-05T10:00:00Z');
    // Only web addresses: a canonical link with another scheme gives way to og:url; a relative one is resolved.
    assert.equal(article(story('', '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="https://a.example/x">')).url, 'https://a.example/x');
    assert.equal(article(story('', '<link rel="canonical" href="/news/y"><meta property="og:url" content="https://a.example/x">')).url, 'https://a.example/news/y');
    assert.equal(article(story('', '<link rel="canonical" href="data:text/html,hi">')).url, undefined);
    // article:published_time comes before the other dates.
    assert.equal(article(story('<time datetime="2020-01-01">1 Jan</time>', '<meta property="article:published_time" content="2021-06-30">')).date, '2021-06-30');
  });

  it('reads a fragment of a page and content written outside <body>', () => {
    const fragment = article(story().replace(/^.*<body>|<\/body>.*$/g, ''));
    assert.equal(paragraphs(fragment.text).length, 3);
    const noBody = article('<html><head><title>T</title></head><p>Paragraph one says the harbour board met on Tuesday to approve the budget.</p><p>Paragraph two says it voted to approve it after a long debate that ran late into the night.</p></html>');
    assert.equal(paragraphs(noBody.text).length, 2);
  });

  it('refuses pages nested too deeply to read in good time', () => {
    const deep = (n: number) => story(`${'<div>'.repeat(n)}<p>Deep.</p>${'</div>'.repeat(n)}`);
    const r = htmlArticle(deep(MAX_NESTING + 10), '/x/deep.html');
    assert.ok('problem' in r && r.problem.severity === 'skipped' && /nested \d+ deep/.test(r.problem.message), JSON.stringify(r));
    // Unclosed tags by the hundred thousand are refused before they are parsed.
    const t = Date.now();
    const unclosed = htmlArticle(story('<span>'.repeat(200_000)), '/x/unclosed.html');
    assert.ok('problem' in unclosed && /nested more than/.test(unclosed.problem.message));
    assert.ok(Date.now() - t < 5000, 'refused quickly');
    assert.ok(!('problem' in htmlArticle(deep(40), '/x/ok.html')), 'an ordinary depth is read');
  });

  describe('through loadSources', () => {
    let dir: string;
    before(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'corroborate-html-'));
      await fs.copyFile(path.join(PAGES, 'news-site.html'), path.join(dir, 'ferry.html'));
      await fs.copyFile(path.join(PAGES, 'time-byline.html'), path.join(dir, 'pier.htm'));
      await fs.copyFile(path.join(PAGES, 'login.html'), path.join(dir, 'login.html'));
      await fs.writeFile(path.join(dir, 'notes.md'), '---\ntitle: Harbour notes\noutlet: Desk\n---\nThe harbour board meets on Tuesdays.\n');
      await fs.writeFile(path.join(dir, 'binary.html'), Buffer.from([0x3c, 0x68, 0x74, 0x6d, 0x6c, 0x3e, 0, 0, 1, 2]));
    });
    after(() => fs.rm(dir, { recursive: true, force: true }));

    it('loads pages as sources next to Markdown, and reports and skips a page with no article', async () => {
      const r = await loadSources([dir], { baseDir: dir, includeSeeds: false, seedsDir: SEEDS });
      assert.deepEqual(r.sources.map((s) => s.id).sort(), ['ferry.html', 'notes.md', 'pier.htm']);
      const ferry = r.sources.find((s) => s.id === 'ferry.html')!;
      assert.equal(ferry.path, path.join(dir, 'ferry.html'));
      assert.equal(ferry.title, 'Ferry fares to rise by 12% from April as operator blames fuel costs');
      assert.equal(ferry.outlet, 'The Harbour Courier');
      assert.equal(ferry.date, '2024-02-21');
      assert.match(ferry.text, /^Passengers on the Port Ellery/);
      assert.equal(r.sources.find((s) => s.id === 'pier.htm')!.author, 'Priya Nair');
      assert.equal(r.sources.find((s) => s.id === 'notes.md')!.title, 'Harbour notes');
      const byFile = (n: string) => r.problems.filter((p) => path.basename(p.path) === n);
      assert.equal(byFile('login.html').length, 1);
      assert.equal(byFile('login.html')[0].severity, 'skipped');
      assert.match(byFile('login.html')[0].message, /no article text found in the page/);
      // The loader's checks come first, as for any corpus file.
      assert.match(byFile('binary.html')[0].message, /binary/);
      assert.equal(r.problems.length, 2);
      assert.ok(r.files.includes(path.join(dir, 'login.html')));
    });

    it('refuses a page over the size limit before reading it', async () => {
      const r = await loadSources([path.join(dir, 'ferry.html')], { baseDir: dir, includeSeeds: false, seedsDir: SEEDS, maxFileBytes: 1024 });
      assert.equal(r.sources.length, 0);
      assert.match(r.problems[0].message, /too large/);
    });
  });
});
