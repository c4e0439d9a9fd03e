// Page furniture (captions, credits, bylines, date stamps) is not judged as claims, and a name is
// never an attribute that contrasts with another word of its class.
import { strict as assert } from 'node:assert';
import { seeds } from '../helpers';
import { checkDraft } from '../../../../src/core';
import { isFurniture, isCaptionSentence } from '../../../../src/core/analysis/furniture';

const claimsIn = async (t: string, needle: string) => {
  const i = t.indexOf(needle);
  return checkDraft(t, await seeds()).filter((f) => f.kind !== 'name' && f.start < i + needle.length && i < f.end);
};

describe('page furniture', () => {
  it('recognises captions, picture credits, bylines and production credits by their form', () => {
    for (const p of [
      'Vladimir Putin (R) and Kim Jong Un shake hands at the cosmodrome.',
      'Kim Jong Un, left, and Vladimir Putin, right, at the launch pad.',
      'This handout photo released by the Kremlin shows the two leaders at dinner.',
      'The leaders at the launch pad. Photo Courtesy: state television',
      'The two leaders inspect a rocket. (AFP)',
      'By Jane Smith and Lee Min-ho',
      'Reporting by Jane Smith; Editing by John Doe',
      'Read more: what the summit means for Ukraine',
    ]) assert.ok(isFurniture(p), p);
    for (const p of [
      'Vladimir Putin met Kim Jong Un at the Vostochny Cosmodrome on Wednesday.',
      'Kim travelled by train, the Kremlin said.',
      'By the time the talks ended, the two men had agreed to meet again.',
    ]) assert.ok(!isFurniture(p), p);
  });

  it('judges no claim in a caption, but underlines its names; the same words as reporting are judged', async () => {
    const caption = 'Russian President Vladimir Putin (R) and North Korean leader Kim Jong Un shake hands at the Vostochny Cosmodrome.';
    const draft = `Leaders meet\n\n${caption}\n\n${caption.replace(' (R)', '')}\n`;
    const all = checkDraft(draft, await seeds());
    const inCaption = all.filter((f) => f.start >= draft.indexOf(caption) && f.end <= draft.indexOf(caption) + caption.length);
    assert.ok(inCaption.some((f) => f.kind === 'name'), 'names in a caption are still found');
    assert.deepEqual(inCaption.filter((f) => f.kind !== 'name'), []);
    const prose = draft.lastIndexOf('Russian President');
    assert.ok(all.some((f) => f.kind === 'claim' && f.start >= prose), 'the same sentence as reporting is a claim');
  });

  it('leaves a stored date stamp out of the claim that follows it', async () => {
    const draft = 'date 2023-09-13 Vladimir Putin met Kim Jong Un at the Vostochny Cosmodrome on Wednesday.\n';
    const [f] = await claimsIn(draft, 'Vladimir Putin met');
    assert.ok(f, 'the claim is still judged');
    assert.ok(f.start >= draft.indexOf('Vladimir'), `claim starts at ${f.start}: ${f.text}`);
  });

  it('reads the first sentence after a date stamp as the page title when the story runs on in the same line', async () => {
    const title = 'Vladimir Putin met Kim Jong Un at the Vostochny Cosmodrome.';
    const body = 'Kim Jong Un left Pyongyang on Sunday evening aboard an armoured train.';
    const draft = `date 2023-09-13 ${title} ${body}\n`;
    const all = checkDraft(draft, await seeds());
    const at = draft.indexOf(title);
    assert.deepEqual(all.filter((f) => f.kind !== 'name' && f.start < at + title.length).map((f) => f.text), [], 'the title is not judged');
    assert.ok(all.some((f) => f.kind === 'name' && f.start >= at && f.end <= at + title.length), 'names in the title are still found');
    assert.ok(all.some((f) => f.kind === 'claim' && f.start >= draft.indexOf(body)), 'the story after it is judged');
  });
});

describe('names are not attributes', () => {
  it('does not set "South" in "South Korean" against "North"', async () => {
    const found = await claimsIn('U.S. and South Korean officials said North Korea fired two ballistic missiles on Wednesday.', 'South Korean');
    assert.ok(found.every((f) => f.verdict !== 'contradicted'), found.map((f) => `${f.verdict}: ${f.reason}`).join('; '));
  });

  it("does not set a word of an outlet's name against another outlet", async () => {
    // The seeds' caption credits the "Sputnik agency"; "News" in "Yonhap News Agency" is part of a name.
    const found = await claimsIn('Yonhap News Agency reported that Putin and Kim shook hands.', 'Yonhap');
    assert.ok(found.length > 0, 'the sentence is judged');
    assert.ok(found.every((f) => f.verdict !== 'contradicted'), found.map((f) => `${f.verdict}: ${f.reason}`).join('; '));
  });
});

describe('quotations by containment', () => {
  const quoteIn = async (t: string) => checkDraft(t, await seeds()).find((f) => f.kind === 'quote');

  it('does not call a longer excerpt of the same remark misquoted, and offers no fix that would cut it', async () => {
    const f = await quoteIn('Putin told reporters: "We\'ll talk about all the issues, without haste. There is time, and we will use it well."');
    assert.ok(f, 'the quotation is checked');
    assert.equal(f!.verdict, 'unverified', `${f!.verdict}: ${f!.reason}`);
    assert.match(f!.reason!, /quote only/);
    assert.deepEqual(f!.fixes, []);
  });

  it('still calls a word changed inside the source words a misquote', async () => {
    const f = await quoteIn('Putin told reporters: "We\'ll talk about all the issues, without delay. There is time."');
    assert.equal(f?.verdict, 'misquoted', `${f?.verdict}: ${f?.reason}`);
  });
});

describe('captions run into the story', () => {
  it('leaves out a sentence that ends in a picture credit, and judges the next one', async () => {
    const caption = 'Vladimir Putin and Kim Jong Un examine a launch pad during their meeting at the Vostochny Cosmodrome.(AP)';
    const next = 'Kim Jong Un left Pyongyang on Sunday evening aboard an armoured train.';
    const draft = `${caption} ${next}\n`;
    const all = checkDraft(draft, await seeds());
    assert.deepEqual(all.filter((f) => f.kind !== 'name' && f.start < caption.length).map((f) => f.text), []);
    assert.ok(all.some((f) => f.kind === 'claim' && f.start >= draft.indexOf(next)));
    assert.ok(isCaptionSentence(caption));
    assert.ok(!isCaptionSentence(next));
  });
});
