import { strict as assert } from 'node:assert';
import { seeds } from '../helpers';
import { checkDraft, type Finding } from '../../../../src/core';

async function check(text: string) {
  return checkDraft(text, await seeds());
}
function claimAt(fs: Finding[], text: string, needle: string) {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `needle in text: ${needle}`);
  const hits = fs.filter((f) => f.kind !== 'name' && f.start < i + needle.length && i < f.end);
  assert.ok(hits.length, `a finding covers "${needle}"`);
  return hits;
}

describe('claims and verdicts', () => {
  it('supports a paraphrase of a reported fact, with evidence from the source', async () => {
    const t = 'Kim travelled overland to Russia in his armoured train.';
    const [f] = claimAt(await check(t), t, 'armoured train');
    assert.equal(f.verdict, 'supported');
    assert.ok(f.evidence.some((e) => /bullet-proof train/.test(e.quote)));
    assert.ok(f.evidence[0].title && f.evidence[0].line > 0);
  });

  it('contradicts a differing figure about the same fact and names both figures', async () => {
    const t = 'While Kim was in Russia, Pyongyang fired three ballistic missiles on Wednesday, the South Korean military said.';
    const fs = await check(t);
    const [f] = claimAt(fs, t, 'three ballistic');
    assert.equal(f.verdict, 'contradicted');
    assert.match(f.reason!, /two/);
    assert.match(f.reason!, /three/);
    const fix = f.fixes[0];
    assert.equal(t.slice(fix.start, fix.end), 'three');
    assert.equal(fix.replacement, 'two');
  });

  it('contradicts a wrong year and a wrong attribute', async () => {
    const t = 'Under a 2015 United Nations Security Resolution, it is forbidden to acquire weapons from North Korea.\n\nKim arrived in a white limousine on Wednesday.';
    const fs = await check(t);
    assert.equal(claimAt(fs, t, '2015')[0].verdict, 'contradicted');
    assert.equal(claimAt(fs, t, 'white limousine')[0].verdict, 'contradicted');
  });

  it('does not contradict figures about different things', async () => {
    const t = 'North Korea fired two short-range ballistic missiles on 30 August.';
    const fs = await check(t);
    assert.ok(claimAt(fs, t, 'two short-range').every((f) => f.verdict === 'supported'));
  });

  it('finds a misquote and offers the source wording', async () => {
    const t = '"China will be very happy about Russia entering into what Chinese consider their monopoly territory," Vladimir Tikhonov said.';
    const fs = await check(t);
    const q = fs.find((f) => f.kind === 'quote')!;
    assert.equal(q.verdict, 'misquoted');
    assert.match(q.reason!, /hardly too happy/);
    assert.equal(q.fixes[0].replacement, 'China will be hardly too happy about Russia entering into what Chinese consider their monopoly territory');
    assert.equal(t.slice(q.fixes[0].start, q.fixes[0].end), q.text);
  });

  it('finds a misattribution and offers the source speaker', async () => {
    const t = '"We will always be with Russia," Putin said.';
    const fs = await check(t);
    const q = fs.find((f) => f.kind === 'quote')!;
    assert.equal(q.verdict, 'misattributed');
    assert.equal(q.speaker, 'Vladimir Putin');
    assert.equal(t.slice(q.fixes[0].start, q.fixes[0].end), 'Putin');
    assert.equal(q.fixes[0].replacement, 'Kim');
  });

  it('supports a correctly attributed quote, also through a pronoun', async () => {
    const t = 'Vladimir Tikhonov spoke to AFP. "China will be hardly too happy about Russia entering into what Chinese consider their monopoly territory," he said.';
    const q = (await check(t)).find((f) => f.kind === 'quote')!;
    assert.equal(q.verdict, 'supported');
    assert.equal(q.speaker, 'Vladimir Tikhonov');
  });

  it('contradicts a wrong role for a known person', async () => {
    const t = 'Foreign Minister Sergei Shoigu took part in the talks.';
    const fs = await check(t);
    const role = fs.find((f) => f.kind === 'claim' && f.verdict === 'contradicted' && /Foreign Minister/.test(f.text));
    assert.ok(role, 'role finding');
    assert.match(role!.reason!, /Defence Minister/);
  });

  it('leaves claims about things the corpus does not cover unverified, and names unflagged', async () => {
    const t = 'Marcus Rashford scored in the 89th minute as Manchester United beat Aston Villa 2-1 on Saturday.';
    const fs = await check(t);
    assert.equal(fs.filter((f) => f.kind === 'name').length, 0);
    assert.ok(fs.every((f) => f.verdict === 'unverified'));
  });

  it('reports UTF-16 offsets and 1-based line/column with CRLF and non-ASCII text', async () => {
    const t = '# Überschrift — 🚀 test\r\n\r\nÉmigrés said “hi”.\r\nKim shook Putin’s hand 🚀 at the cosmodrome.\r\n';
    const fs = await check(t);
    const putin = fs.find((f) => f.kind === 'name' && f.entity === 'Vladimir Putin')!;
    assert.equal(t.slice(putin.start, putin.end), 'Putin');
    assert.equal(putin.line, 4);
    assert.equal(putin.column, t.slice(t.lastIndexOf('\n', putin.start) + 1, putin.start).length + 1);
    for (const f of fs) assert.equal(t.slice(f.start, f.end), f.text);
  });

  it('joins a quotation split by its attribution and checks it whole', async () => {
    const t = '"We will discuss all subjects," Putin said, "without hurrying."';
    const q = (await check(t)).filter((f) => f.kind === 'quote');
    assert.equal(q.length, 1);
    assert.equal(q[0].verdict, 'supported');
    assert.equal(q[0].speaker, 'Vladimir Putin');
  });

  it('compares measures across units and approximations, months and weekdays', async () => {
    const cases: [string, string][] = [
      ['The Vostochny Cosmodrome lies about 1,000 km from Vladivostok.', 'supported'],
      ['The spaceport is roughly 900 kilometres from Vladivostok.', 'contradicted'],
      ['Russian Defence Minister Sergei Shoigu visited Pyongyang in July.', 'supported'],
      ['Russian Defence Minister Sergei Shoigu visited Pyongyang in August.', 'contradicted'],
      ['Kim left Pyongyang on Monday evening aboard an armoured train.', 'contradicted'],
      ['Fuel with a total volume of 12,500 cubic metres was stored at the depot.', 'supported'],
    ];
    for (const [t, want] of cases) {
      const fs = (await check(t)).filter((f) => f.kind === 'claim');
      assert.deepEqual(fs.map((f) => f.verdict), [want], `${t} -> ${fs.map((f) => f.reason).join('; ')}`);
    }
  });

  it('ignores front matter, links, code and emphasis markup, keeping offsets into the original', async () => {
    const t = '---\ntitle: Kim fired three missiles\n---\nNorth Korea fired **three** ballistic missiles on Wednesday, [the military said](https://example.org/a-b-c).\n\n`Kim said 5`\n';
    const fs = (await check(t)).filter((f) => f.kind !== 'name');
    assert.equal(fs.length, 1, JSON.stringify(fs.map((f) => f.text)));
    assert.equal(fs[0].verdict, 'contradicted');
    assert.equal(t.slice(fs[0].start, fs[0].end), fs[0].text);
    assert.equal(t.slice(fs[0].fixes[0].start, fs[0].fixes[0].end), 'three');
  });

  it('resolves speakers in every common attribution form', async () => {
    const cases: [string, string, string][] = [
      ['"We will always be with Russia," said Kim.', 'supported', 'Kim Jong Un'],
      ['Kim told Putin: "We will always be with Russia."', 'supported', 'Kim Jong Un'],
      ['Putin spoke after the talks. "We will always be with Russia," he said.', 'misattributed', 'Vladimir Putin'],
      ['According to Kim, "We will always be with Russia."', 'supported', 'Kim Jong Un'],
      ["'We will always be with Russia,' Kim said.", 'supported', 'Kim Jong Un'],
      ['"The leader of the DPRK shows great interest in rocket technology," Peskov said.', 'misattributed', 'Dmitry Peskov'],
      ['"We are confident that the Russian army ... will win a great victory," Kim said.', 'supported', 'Kim Jong Un'],
    ];
    for (const [t, verdict, speaker] of cases) {
      const q = (await check(t)).filter((f) => f.kind === 'quote');
      assert.deepEqual(q.map((f) => [f.verdict, f.speaker]), [[verdict, speaker]], t);
    }
  });
});
