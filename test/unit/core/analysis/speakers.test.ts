import { strict as assert } from 'node:assert';
import { seeds } from '../helpers';
import { checkDraft } from '../../../../src/core';
import { findQuotes } from '../../../../src/core/analysis/quotes';
import { resolveSpeaker } from '../../../../src/core/analysis/speakers';

const speakerOf = (t: string) => findQuotes(t)[0]?.speakerText;

describe('speakers', () => {
  it('reads a speaker with an affiliation, auxiliaries, or a participle of speech', () => {
    assert.equal(speakerOf('Siemon Wezeman of SIPRI said any such deal "would be a violation".'), 'Siemon Wezeman of SIPRI');
    assert.equal(speakerOf('Vladimir Tikhonov of the University of Oslo said that "ties will suffer".'), 'Vladimir Tikhonov of the University of Oslo');
    assert.equal(speakerOf('Kim had earlier stressed the trip showed his country was "prioritising the strategic importance" of ties.'), 'Kim');
    assert.equal(speakerOf('US analyst Ankit Panda reacted to the test on X, describing the "launch without Kim" as remarkable.'), 'US analyst Ankit Panda');
  });

  it('resolves a phrase naming a person and an organisation to the person', async () => {
    const c = await seeds();
    assert.equal(resolveSpeaker(c, 'Siemon Wezeman of SIPRI', [], 0), 'Siemon Wezeman');
    assert.equal(resolveSpeaker(c, 'US analyst Ankit Panda', [], 0), 'Ankit Panda');
    assert.equal(resolveSpeaker(c, 'SIPRI', [], 0), c.aliases.get('SIPRI'));
  });

  it('judges the speaker of a quote from an affiliation phrase', async () => {
    const t = 'Vladimir Tikhonov of SIPRI said any such deal "would be an unequivocal violation of international law".';
    const q = checkDraft(t, await seeds()).find((f) => f.kind === 'quote')!;
    assert.equal(q.verdict, 'misattributed');
    assert.match(q.reason!, /Siemon Wezeman, not Vladimir Tikhonov/);
  });

  it('takes the person a sentence is about as the speaker when no attribution is written', async () => {
    const c = await seeds();
    const wrong = 'Vladimir Putin used the dinner to predict that Russia would "win a great victory in the just fight to punish evil groups".';
    assert.equal(checkDraft(wrong, c).find((f) => f.kind === 'quote')!.verdict, 'misattributed');
    const right = 'Kim Jong Un used the dinner to predict that Russia would "win a great victory in the just fight to punish evil groups".';
    assert.equal(checkDraft(right, c).find((f) => f.kind === 'quote')!.verdict, 'supported');
  });

  it('gives a quote the source reads with a participle of speech to its subject', async () => {
    const c = await seeds();
    const t = 'Siemon Wezeman described the "launch without Kim Jong Un in the country" as remarkable.';
    const q = checkDraft(t, c).find((f) => f.kind === 'quote')!;
    assert.equal(q.verdict, 'misattributed');
    assert.match(q.reason!, /Ankit Panda/);
  });
});

describe('short quotations', () => {
  const quotesIn = async (t: string) => checkDraft(t, await seeds()).filter((f) => f.kind === 'quote');
  it('are no finding when a single common word is put in quotation marks', async () => {
    // "new" and "space" occur in the seeds' quotations; a scare quote is nobody's remark.
    assert.deepEqual((await quotesIn('The plan is “new” and the company wants more “space” for its staff.')).map((f) => `${f.verdict}: ${f.text}`), []);
  });

  it('are no misquotation of a source when they share only "The … of the"', async () => {
    const judged = (await quotesIn('The film “The Battle of the Sentry” opened on Friday.')).filter((f) => f.verdict !== 'unverified');
    assert.deepEqual(judged.map((f) => `${f.verdict}: ${f.text} (${f.reason})`), []);
  });

  it('are still misattributed when they are a whole sentence of someone else’s remark', async () => {
    // Seed 000: "… There is time," Putin said.
    const [q] = await quotesIn('"There is time," Kim Jong Un said.');
    assert.equal(q?.verdict, 'misattributed', q?.reason);
  });
});
