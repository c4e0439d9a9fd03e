// Random drafts and random edits for the incremental-versus-full property test: drafts are built
// from fragments of the seed articles (their names, roles, quotations and sentences) so that
// speakers, pronouns, roles and reported claims reach across sentences, and each edit is one a
// writer makes while typing.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { SEEDS } from '../helpers';

/** A small seeded PRNG (mulberry32): the same seed gives the same drafts and edits. */
export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0; }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
  chance(p: number): boolean { return this.next() < p; }
}

export const PEOPLE = [
  'Vladimir Putin', 'Putin', 'Kim Jong Un', 'Kim', 'Dmitry Peskov', 'Peskov', 'Sergei Shoigu', 'Shoigu',
  'Vladimir Tikhonov', 'Tikhonov', 'Maria Zakharova', 'Siemon Wezeman', 'Wezeman', 'Ankit Panda', 'An Chan-il',
  'Alexander Kozlov', 'Sergei Lavrov', 'Fyodor Tertitskiy', 'Pak Jong Chon',
];
const PLACES = ['Moscow', 'Vladivostok', 'Pyongyang', 'North Korea', 'Russia', 'Beijing', 'Seoul', 'the Vostochny Cosmodrome', 'Ukraine', 'Amur'];
const OUTLETS = ['TASS', 'AFP', 'RIA Novosti', 'Euronews', 'Reuters', 'the Kremlin', 'SIPRI'];
const ROLES = ['the Kremlin spokesman', 'the Russian president', 'the North Korean leader', 'the press secretary', 'the foreign ministry spokeswoman', 'the US analyst'];
const TITLES = ['Russian Defence Minister', 'Foreign Minister', 'Kremlin spokesman', 'President', 'North Korean leader', 'press secretary', 'US analyst', 'Marshal'];
const PRONOUNS = ['he', 'she', 'they', 'He', 'She'];
const VERBS = ['said', 'told reporters', 'added', 'warned', 'stressed', 'noted', 'told AFP', 'told TASS'];
// Short quotations worded a little differently from the seeds' ("busy schedule"): only the words
// around them, which may lie in the next or the previous sentence, place them in a source.
const SHORT_VARIANTS = ['busy timetable', 'sensitive matters', 'great triumph', 'strategic importance', 'prioritising the strategic value', 'actively growing'];
const WORDS = ['talks', 'summit', 'train', 'missiles', 'two', 'three', 'Wednesday', 'Tuesday', 'armoured', 'white', 'black', 'space', 'rocket', 'weapons', 'arms', 'deal', 'hours', 'five'];

let loaded: { quotes: string[]; short: string[]; sentences: string[] } | undefined;
/** Quotations (long and of one to three words) and plain sentences of the seed articles. */
function material() {
  if (loaded) return loaded;
  const quotes = new Set<string>(), short = new Set<string>(), sentences = new Set<string>();
  for (const f of readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort()) {
    const t = readFileSync(path.join(SEEDS, f), 'utf8');
    for (const m of t.matchAll(/[“"]([^”"\n]{2,300})[”"]/g)) {
      const q = m[1].replace(/[,.\s]+$/, '');
      (q.split(/\s+/).length <= 3 ? short : quotes).add(q);
    }
    for (const line of t.split(/\n+/)) {
      for (const s of line.split(/(?<=[.!?])\s+(?=[A-Z])/)) {
        if (s.length > 30 && s.length < 220 && !/["“”]/.test(s) && /[.!?]$/.test(s)) sentences.add(s.trim());
      }
    }
  }
  loaded = { quotes: [...quotes], short: [...short], sentences: [...sentences] };
  return loaded;
}

/** A sentence made of fragments, of one of the shapes whose verdicts reach outside the sentence. */
export function randomSentence(r: Rng): string {
  const { quotes, short, sentences } = material();
  const person = () => r.pick(PEOPLE), place = () => r.pick(PLACES);
  const quote = () => {
    const q = r.pick(quotes);
    // Now and then a misquote: a word dropped or changed.
    if (!r.chance(0.2)) return q;
    const ws = q.split(' ');
    ws.splice(r.int(ws.length), 1, ...(r.chance(0.5) ? [] : [r.pick(WORDS)]));
    return ws.join(' ');
  };
  const [o, c] = r.chance(0.8) ? ['“', '”'] : ['"', '"'];
  const cap = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);
  switch (r.int(20)) {
    case 0: return `${person()} spoke in ${place()} on Wednesday.`;
    case 1: return `Officials from ${place()} and ${place()} met in ${place()}.`;
    case 2: return `${o}${quote()},${c} ${r.pick(PRONOUNS)} ${r.pick(VERBS)}.`;
    case 3: return `${o}${quote()},${c} said ${r.pick(ROLES)}.`;
    case 4: return `${o}${quote()},${c} ${person()} ${r.pick(VERBS)}.`;
    case 5: return `${r.pick(PRONOUNS)} ${r.pick(VERBS)}: ${o}${quote()}.${c}`;
    case 6: return `${person()} said the talks in ${place()} would cover ${r.pick(WORDS)} and ${r.pick(WORDS)}.`;
    case 7: return `${person()} used the dinner to predict that Russia would ${o}${r.pick(short)}${c}.`;
    case 8: return `${r.pick(TITLES)} ${person()} met ${person()} in ${place()}.`;
    case 9: return `According to ${r.pick(ROLES)}, the leaders discussed ${o}${r.pick(short)}${c}.`;
    case 10: return `${person()} thanked ${person()} despite the ${r.pick(['Russian leader', 'Kremlin'])}'s ${o}${r.pick(short)}${c}.`;
    case 11: return `${r.pick(ROLES).replace(/^the/, 'The')} ${r.pick(VERBS)} that ${place()} had no plans.`;
    case 12: return `${person()}, ${r.pick(['the Kremlin spokesman', 'professor of Korean studies at the University of Oslo', 'Russia\'s natural resources minister'])}, ${r.pick(VERBS)} ${o}${quote()}.${c}`;
    case 13: return `${place()}, ${place()} and ${place()} were mentioned.`;
    // A quotation closing its sentence ("….”") reads on into the next one, which may open with the
    // words that follow it in a source ("having earlier stressed"); one opening a sentence reads back.
    case 14: return `${r.pick(['He', 'Kim', 'The Kremlin'])} cited the ${r.pick(['', 'Russian leader’s '])}${o}${r.pick([...SHORT_VARIANTS, ...short])}.${c}`;
    case 15: return `${r.pick(['Having earlier stressed', 'Having earlier met', 'Then'])} ${person()}, ${person()} left ${place()}.`;
    case 16: return `${o}${cap(r.pick([...SHORT_VARIANTS, ...short]))}${c} was the phrase ${r.pick(PRONOUNS)} used.`;
    case 17: {
      // Two sentences: the first ends where a source has words before a short quotation, which opens the second.
      const first = `${r.pick([`${person()} thanked ${person()}`, 'The dinner went on for hours in the great hall of the old palace, with toasts'])} despite the ${r.pick(['Russian', 'busy', 'new'])} leader’s.${c}`;
      return r.chance(0.3) ? first : `${first} ${o}${cap(r.pick([...SHORT_VARIANTS, ...short]))}${c} was the phrase.`;
    }
    default: return r.pick(sentences);
  }
}

/** A draft of a few paragraphs of random sentences. */
export function randomDraft(r: Rng): string {
  const n = 3 + r.int(6);
  let out = r.chance(0.2) ? '# Putin meets Kim\n\n' : '';
  for (let i = 0; i < n; i++) out += randomSentence(r) + (i === n - 1 ? '\n' : r.chance(0.25) ? '\n\n' : ' ');
  return out;
}

/** Where sentences end (offsets of the whitespace after them). */
function boundaries(t: string): number[] {
  return [...t.matchAll(/(?<=[.!?”"])[ \t]*\n\n|(?<=[.!?”"]) +(?=\S)/g)].map((m) => m.index!);
}

const NAME_RE = new RegExp(`\\b(?:${[...PEOPLE, ...PLACES.filter((p) => !p.startsWith('the '))].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');

/** One random edit of the kinds a writer makes, with a short description for failure reports. */
export function randomEdit(r: Rng, t: string): { text: string; what: string } {
  const at = <T extends { index?: number }>(ms: T[]) => (ms.length ? r.pick(ms) : undefined);
  switch (r.int(10)) {
    case 0: case 1: {
      // Correct a name: the writer's typical fix.
      const m = at([...t.matchAll(NAME_RE)]);
      if (!m) break;
      const to = r.chance(0.7) ? r.pick(PEOPLE) : r.pick(PLACES);
      return { text: t.slice(0, m.index!) + to + t.slice(m.index! + m[0].length), what: `name ${m[0]} -> ${to} at ${m.index}` };
    }
    case 2: {
      const bs = [0, ...boundaries(t), t.length];
      const b = r.pick(bs);
      const s = randomSentence(r);
      const text = b === 0 ? s + ' ' + t : b === t.length ? t.replace(/\s*$/, ' ') + s + '\n' : t.slice(0, b) + ' ' + s + t.slice(b);
      return { text, what: `insert sentence at ${b}: ${s}` };
    }
    case 3: {
      const bs = [0, ...boundaries(t), t.length];
      if (bs.length < 3) break;
      const i = r.int(bs.length - 1);
      const a = bs[i], b = bs[i + 1];
      return { text: t.slice(0, a) + t.slice(b), what: `delete ${a}..${b}` };
    }
    case 4: {
      const m = at([...t.matchAll(/[\p{L}\p{N}'’-]+/gu)]);
      if (!m) break;
      const to = r.chance(0.3) ? '' : r.chance(0.5) ? r.pick(WORDS) : r.pick([...PRONOUNS, ...ROLES, ...OUTLETS]);
      return { text: t.slice(0, m.index!) + to + t.slice(m.index! + m[0].length), what: `word ${m[0]} -> ${to} at ${m.index}` };
    }
    case 5: {
      const bs = boundaries(t).filter((b) => t[b] === ' ');
      if (!bs.length) break;
      const b = r.pick(bs);
      return { text: t.slice(0, b) + '\n\n' + t.slice(b + 1), what: `split paragraph at ${b}` };
    }
    case 6: {
      const m = at([...t.matchAll(/[ \t]*\n\n+/g)].filter((x) => x.index! + x[0].length < t.length));
      if (!m) break;
      return { text: t.slice(0, m.index!) + ' ' + t.slice(m.index! + m[0].length), what: `join paragraphs at ${m.index}` };
    }
    case 7: {
      // Typing: one character in or out.
      const i = r.int(t.length + 1);
      if (r.chance(0.5) && i < t.length) return { text: t.slice(0, i) + t.slice(i + 1), what: `delete char ${JSON.stringify(t[i])} at ${i}` };
      const ch = r.pick(['a', 'e', 'n', ' ', ',', '.', 'K', '“', '”', '\n']);
      return { text: t.slice(0, i) + ch + t.slice(i), what: `type ${JSON.stringify(ch)} at ${i}` };
    }
    case 8: {
      // A typo or its fix: two letters swapped, or a word for another of its length (nothing moves).
      const ws = [...t.matchAll(/\p{L}{3,}/gu)];
      const m = at(ws);
      if (!m) break;
      const same = ws.filter((x) => x[0].length === m[0].length && x[0] !== m[0]);
      const k = r.int(m[0].length - 1);
      const to = same.length && r.chance(0.5) ? r.pick(same)[0] : m[0].slice(0, k) + m[0][k + 1] + m[0][k] + m[0].slice(k + 2);
      return { text: t.slice(0, m.index!) + to + t.slice(m.index! + m[0].length), what: `retype ${m[0]} -> ${to} at ${m.index}` };
    }
    default: {
      // A pronoun, role or name swapped in place of another.
      const m = at([...t.matchAll(/\b(?:he|she|they|He|She|the Kremlin spokesman|the Russian president|the North Korean leader|the press secretary)\b/g)]);
      if (!m) break;
      const to = r.pick([...PRONOUNS, ...ROLES, ...PEOPLE]);
      return { text: t.slice(0, m.index!) + to + t.slice(m.index! + m[0].length), what: `speaker ${m[0]} -> ${to} at ${m.index}` };
    }
  }
  // Nothing of that kind to edit: start a new draft (a new document in the same editor session).
  return { text: randomDraft(r), what: 'new draft' };
}
