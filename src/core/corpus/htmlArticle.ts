// Reads a saved web page (.html, .htm) as a corpus article. linkedom parses the page (it runs no
// scripts and fetches nothing) and Mozilla's Readability, the reader view of Firefox, finds the
// article in it, dropping menus, sidebars, comments, share bars and footers. The article's text is
// then written out paragraph by paragraph, so that sentences split downstream as they do in a .md
// file. The page's metadata (title, outlet, date, author, address) is read from its meta tags and
// JSON-LD before Readability cleans the page up.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { CorpusProblem } from '../types';

/** What a page gives for a source. `date` is as the page writes it: the loader checks and normalises it. */
export interface HtmlArticle {
  text: string;
  title: string;
  outlet?: string;
  url?: string;
  date?: string;
  /** 1-based line of the page where `date` is written, when it can be found there. */
  dateLine?: number;
  author?: string;
}

/** An article has at least this many words outside its headings; less is a login form, an error page, a cookie wall. */
export const MIN_ARTICLE_WORDS = 25;
/**
 * Pages nested deeper than this are refused. Readability's time grows faster than the square of the
 * depth (256 levels took 0.4 s, 500 1.5 s, 2,000 over a minute), and no real page comes near:
 * browsers stop nesting at 512 (Blink's parser), and audits flag pages deeper than 32.
 */
export const MAX_NESTING = 256;
/**
 * Pages whose tags, counted before parsing, may nest deeper than this are refused unparsed: the
 * parser under linkedom (htmlparser2) takes time with the square of the depth (200,000 levels, 34 s).
 */
const MAX_TAG_NESTING = 10_000;

// The little of the DOM this module uses (the engine is built without the DOM library's types).
interface DomNode {
  nodeType: number;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  parentNode: DomNode | null;
}
interface DomElement extends DomNode {
  tagName: string;
  id: string;
  className: string;
  firstChild: DomNode | null;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  appendChild(node: DomNode): DomNode;
  insertBefore(node: DomNode, before: DomNode | null): DomNode;
}
interface DomDocument {
  documentElement: DomElement | null;
  body: DomElement;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
const ELEMENT_NODE = 1, TEXT_NODE = 3;

// How HTML elements lay out text (from the HTML standard's rendering section, cut to what articles use).
/** Elements that start and end a paragraph of the text. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'HEADER', 'HGROUP', 'HR', 'LEGEND', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE',
  'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Table cells: words on either side of one are apart. */
const CELLS = new Set(['TD', 'TH']);
/** Elements whose text is never article text: code, styles, fallbacks, embedded documents, controls. */
const NO_TEXT = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'MATH', 'IFRAME', 'OBJECT', 'EMBED', 'CANVAS', 'VIDEO', 'AUDIO',
  'BUTTON', 'SELECT', 'OPTION', 'TEXTAREA', 'INPUT',
]);

/**
 * The article in a saved web page, or why there is none (a `skipped` problem). Never runs the
 * page's scripts: linkedom has no script engine, and nothing here loads anything the page names.
 */
export function htmlArticle(html: string, file: string): HtmlArticle | { problem: CorpusProblem } {
  const skipped = (message: string) => ({ problem: { path: file, message, severity: 'skipped' as const } });
  if (tagNesting(html) > MAX_TAG_NESTING) return skipped(`elements nested more than ${MAX_TAG_NESTING} deep; not read as a web page`);
  let doc: DomDocument;
  let meta: PageMetadata;
  let found: ReturnType<Readability<DomElement>['parse']>;
  try {
    doc = pageDocument(html);
    const depth = nesting(doc);
    if (depth > MAX_NESTING) return skipped(`elements nested ${depth} deep (more than ${MAX_NESTING}); not read as a web page`);
    // Read first: Readability takes the page apart as it goes.
    meta = pageMetadata(doc);
    found = new Readability<DomElement>(doc, { serializer: (node) => node as unknown as DomElement }).parse();
  } catch (e) {
    return skipped(`not readable as a web page (${(e as Error).message})`);
  }
  // A byline Readability read from the article's body can stay in the text (it keeps it when it
  // retries a short article); it is the author's name, not a paragraph of the story.
  const byline = oneLine(found?.byline) ?? meta.byline;
  const paragraphs = (found?.content ? paragraphsOf(found.content) : []).filter((p) => p.text !== byline);
  const words = paragraphs.filter((p) => !p.heading).reduce((n, p) => n + (p.text.match(/\S+/g)?.length ?? 0), 0);
  if (words === 0) return skipped('no article text found in the page');
  if (words < MIN_ARTICLE_WORDS) return skipped(`no article text found in the page (only ${words} word${words === 1 ? '' : 's'} of text outside headings)`);

  const title = oneLine(found?.title) ?? meta.ogTitle ?? meta.titleTag ?? paragraphs[0].text.replace(/^(.{100}\S*)\s.*$/, '$1…');
  const article: HtmlArticle = { text: paragraphs.map((p) => p.text).join('\n\n'), title };
  const outlet = meta.siteName ?? oneLine(found?.siteName) ?? meta.publisher;
  if (outlet) article.outlet = outlet;
  if (meta.url) article.url = meta.url;
  const date = meta.published ?? meta.jsonLdPublished ?? meta.time ?? oneLine(found?.publishedTime);
  if (date) {
    article.date = date;
    const at = html.indexOf(date);
    if (at >= 0) article.dateLine = html.slice(0, at).split('\n').length;
  }
  const author = cleanByline(byline, meta.timeTexts);
  if (author) article.author = author;
  return article;
}

/**
 * The page as a document with its content in <body>. linkedom builds the tree as written, without
 * the elements the HTML standard implies: a fragment gets no <html> or <body>, and content written
 * outside <body> stays there. Either is put right so that Readability finds the content.
 */
function pageDocument(html: string): DomDocument {
  const parse = (page: string) => (parseHTML(page) as unknown as { document: DomDocument }).document;
  const doc = parse(html);
  const root = doc.documentElement;
  if (root?.tagName !== 'HTML') return parse(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  const body = doc.body;
  const first = body.firstChild;
  let beforeBody = true;
  for (const n of Array.from(root.childNodes)) {
    if (n === body) { beforeBody = false; continue; }
    if (n.nodeType === ELEMENT_NODE && (n as DomElement).tagName === 'HEAD') continue;
    if (n.nodeType !== ELEMENT_NODE && n.nodeType !== TEXT_NODE) continue;
    if (beforeBody) body.insertBefore(n, first); else body.appendChild(n);
  }
  return doc;
}

/** How deep the document's elements nest (<html> is 1). */
function nesting(doc: DomDocument): number {
  let max = 0;
  const stack: [DomNode, number][] = doc.documentElement ? [[doc.documentElement, 1]] : [];
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (depth > max) max = depth;
    const children = n.childNodes;
    for (let i = 0; i < children.length; i++) if (children[i].nodeType === ELEMENT_NODE) stack.push([children[i], depth + 1]);
  }
  return max;
}

/** Elements that are empty or end at the next of their kind: they never hold the elements after them. */
const FLAT_TAGS = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rb', 'rt', 'rp',
]);

/**
 * Roughly how deep the page's elements nest, from its tags alone: opening tags less closing ones, at
 * their most. Not a parser (it counts tags in comments and scripts too, and does not follow which
 * tags close which); it only has to tell a page from a pile of ten thousand unclosed tags.
 */
function tagNesting(html: string): number {
  let depth = 0, max = 0;
  for (const m of html.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^<>]*?(\/?)>/g)) {
    if (m[3] || FLAT_TAGS.has(m[2].toLowerCase())) continue;
    if (!m[1]) { if (++depth > max) max = depth; } else if (depth > 0) depth--;
  }
  return max;
}

interface PageMetadata {
  ogTitle?: string;
  titleTag?: string;
  siteName?: string;
  publisher?: string;
  url?: string;
  published?: string;
  jsonLdPublished?: string;
  time?: string;
  byline?: string;
  /** The text of every <time> element, to take out of a byline ("By Ann Lee · 7 March 2024"). */
  timeTexts: string[];
}

/** What the page says about itself, read before Readability changes the page. */
function pageMetadata(doc: DomDocument): PageMetadata {
  const metaContent = (key: string) => {
    for (const m of Array.from(doc.querySelectorAll('meta'))) {
      const names = `${m.getAttribute('property') ?? ''} ${m.getAttribute('name') ?? ''}`.toLowerCase().split(/\s+/);
      if (names.includes(key)) { const v = oneLine(m.getAttribute('content')); if (v) return v; }
    }
    return undefined;
  };
  const ld = jsonLdArticle(doc);
  const ogUrl = webAddress(metaContent('og:url'));
  const canonical = Array.from(doc.querySelectorAll('link[rel]')).find((l) => (l.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  const times = Array.from(doc.querySelectorAll('time'));
  return {
    ogTitle: metaContent('og:title'),
    titleTag: oneLine(doc.querySelector('title')?.textContent),
    siteName: metaContent('og:site_name'),
    publisher: ld?.publisher,
    url: webAddress(canonical?.getAttribute('href'), ogUrl) ?? ogUrl,
    published: metaContent('article:published_time'),
    jsonLdPublished: ld?.datePublished,
    time: publicationTime(times),
    byline: pageByline(doc),
    timeTexts: times.map((t) => oneLine(t.textContent)).filter((t): t is string => !!t),
  };
}

/** Text on one line, without runs of white space; undefined when there is none. */
function oneLine(s: string | null | undefined): string | undefined {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t || undefined;
}

/** An http(s) address (resolved against `base` when relative); other schemes are not kept. */
function webAddress(raw: string | null | undefined, base?: string): string | undefined {
  if (!raw?.trim()) return undefined;
  try {
    const u = new URL(raw.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Where furniture that is no part of the story sits: a <time> or byline in one of these is not the article's. */
const FURNITURE = 'nav, aside, footer, form, [role="navigation"], [role="complementary"], [role="contentinfo"]';

/**
 * The `datetime` of the <time> that dates the article: one marked as the publication date, else the
 * first inside the article (not in its asides), else the first outside the page's header, footer,
 * menus and sidebars (a masthead often shows today's date).
 */
function publicationTime(times: DomElement[]): string | undefined {
  const dated = times.filter((t) => oneLine(t.getAttribute('datetime')));
  const pick = dated.find((t) => /\bdatePublished\b/.test(t.getAttribute('itemprop') ?? '') || t.hasAttribute('pubdate'))
    ?? dated.find((t) => t.closest('article, main, [role="main"]') && !t.closest(FURNITURE))
    ?? dated.find((t) => !t.closest(`${FURNITURE}, header, [role="banner"]`));
  return oneLine(pick?.getAttribute('datetime'));
}

/** Readability's test for a byline (its `_isValidByline`): how the element is marked, and a short text. */
const BYLINE_MARK = /byline|author|dateline|writtenby|p-author/i;
/** Containers of readers' comments, whose authors are not the article's. */
const COMMENTS = /comment|disqus|replies/i;

/**
 * The byline as Readability would find it, had it not dropped the element holding it first:
 * Readability removes an article's <header> (as likely page furniture) before it looks for bylines.
 * Read before Readability runs; used only when it finds none, in the page's metadata or its body.
 */
function pageByline(doc: DomDocument): string | undefined {
  for (const el of Array.from(doc.body.querySelectorAll('[rel], [itemprop], [class], [id]'))) {
    const marked = el.getAttribute('rel') === 'author' || (el.getAttribute('itemprop') ?? '').includes('author') || BYLINE_MARK.test(`${el.className} ${el.id}`);
    if (!marked || el.closest(FURNITURE)) continue;
    let inComments = false;
    for (let a: DomNode | null = el; a && a.nodeType === ELEMENT_NODE; a = a.parentNode) if (COMMENTS.test(`${(a as DomElement).className} ${(a as DomElement).id}`)) inComments = true;
    if (inComments) continue;
    const text = oneLine((el.querySelector('[itemprop~="name"]') ?? el).textContent);
    if (text && text.length < 100) return text;
  }
  return undefined;
}

/** An author's name from a byline: without "By" and without the date a byline block often carries. */
function cleanByline(byline: string | undefined, timeTexts: string[]): string | undefined {
  if (!byline) return undefined;
  let b = byline;
  for (const t of timeTexts) if (t.length > 3) b = b.split(t).join(' ');
  b = b.replace(/\s+/g, ' ').replace(/^[\s|·•,–—-]+|[\s|·•,–—-]+$/g, '').replace(/^by\b[:\s]*/i, '').trim();
  return b || undefined;
}

/** The first Article-like object of the page's JSON-LD: its publisher's name and publication date. */
function jsonLdArticle(doc: DomDocument): { publisher?: string; datePublished?: string } | undefined {
  const nodes: Record<string, unknown>[] = [];
  const collect = (v: unknown) => {
    if (Array.isArray(v)) { v.forEach(collect); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    nodes.push(o);
    if (o['@graph']) collect(o['@graph']);
  };
  for (const s of Array.from(doc.querySelectorAll('script'))) {
    if ((s.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json') continue;
    try { collect(JSON.parse((s.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, ''))); } catch { /* a broken block is passed over, as browsers do */ }
  }
  const types = (o: Record<string, unknown>) => (Array.isArray(o['@type']) ? o['@type'] : [o['@type']]).filter((t): t is string => typeof t === 'string');
  const article = nodes.find((o) => types(o).some((t) => /(?:Article|BlogPosting|Report)$/.test(t)));
  if (!article) return undefined;
  // A publisher may be given by reference to another node of the graph: { "@id": "#org" }.
  const given = Array.isArray(article.publisher) ? article.publisher[0] : article.publisher;
  let publisher = given && typeof given === 'object' ? (given as Record<string, unknown>) : undefined;
  if (publisher && typeof publisher.name !== 'string' && typeof publisher['@id'] === 'string') publisher = nodes.find((o) => o !== publisher && o['@id'] === publisher!['@id']) ?? publisher;
  return {
    publisher: typeof publisher?.name === 'string' ? oneLine(publisher.name) : undefined,
    datePublished: typeof article.datePublished === 'string' ? oneLine(article.datePublished) : undefined,
  };
}

interface HtmlParagraph { text: string; heading: boolean }

/**
 * The article's paragraphs: each block element (p, li, blockquote, heading, ...) its own paragraph,
 * white space collapsed within it, headings kept as paragraphs of their own. Walked with a stack,
 * not recursion.
 */
function paragraphsOf(root: DomElement): HtmlParagraph[] {
  const out: HtmlParagraph[] = [];
  let current = '';
  const flush = (heading = false) => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) out.push({ text, heading });
    current = '';
  };
  // Entries are nodes to enter, or the closing of an element (its tag name).
  const stack: (DomNode | { close: string })[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if ('close' in n) { if (HEADINGS.has(n.close)) flush(true); else if (BLOCKS.has(n.close)) flush(); else current += ' '; continue; }
    if (n.nodeType === TEXT_NODE) { current += n.textContent ?? ''; continue; }
    if (n.nodeType !== ELEMENT_NODE) continue;
    const tag = (n as DomElement).tagName.toUpperCase();
    if (NO_TEXT.has(tag)) continue;
    const block = BLOCKS.has(tag) || HEADINGS.has(tag);
    if (block) flush();
    else if (CELLS.has(tag)) current += ' ';
    if (block || CELLS.has(tag)) stack.push({ close: tag });
    const children = n.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  flush();
  return out;
}
