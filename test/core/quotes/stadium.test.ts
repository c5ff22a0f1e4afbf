import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildQuoteIndex, type QuoteIndex } from '../../../src/core/quotes/index.ts';
import { stadiumArticles } from './helpers.ts';

/** The second corpus: a mayor, a coach, a council member and a club owner; no config at all. */
describe('quotes on the stadium corpus', () => {
  let index: QuoteIndex;
  before(() => {
    index = buildQuoteIndex(stadiumArticles());
  });
  const mention = (source: string, fragment: string) =>
    index.quotes
      .flatMap((q) => q.mentions)
      .find((m) => m.source === source && m.text.includes(fragment));

  it('finds the four speakers, the mayor most quoted', () => {
    assert.deepEqual([...index.speakers.map((s) => s.name)].sort(), [
      'Diane Okafor',
      'Marcus Bell',
      'Priya Nandakumar',
      'Victor Salas',
    ]);
    assert.equal(index.speakers[0]?.name, 'Diane Okafor');
  });

  it('does not take the host told for the speaker', () => {
    assert.equal(mention('002_coastline_sports', 'never once come')?.speaker, 'Marcus Bell');
  });

  it('gives "she said" after a sentence about the council member to her, not the mayor', () => {
    const m = mention('003_metro_ledger', 'Both of them');
    assert.deepEqual(
      { speaker: m?.speaker, rule: m?.rule },
      { speaker: 'Priya Nandakumar', rule: 'cue-after' },
    );
  });

  it('resolves "he said" after "The 52-year-old coach said" to the coach', () => {
    assert.equal(mention('004_bay_courier', 'Nobody is asking')?.speaker, 'Marcus Bell');
  });

  it('attributes "It read," to the owner who released the statement', () => {
    assert.equal(mention('002_coastline_sports', 'apart [sic]')?.speaker, 'Victor Salas');
  });

  it('attributes "the mayor said" through the title learned from "Mayor Diane Okafor"', () => {
    assert.equal(mention('003_metro_ledger', 'My job is')?.speaker, 'Diane Okafor');
  });

  it('groups the owner’s statement from all four outlets, partial and full', () => {
    const quote = index.quotes.find((q) => q.text.includes('exploring every option'));
    assert.equal(new Set(quote?.mentions.map((m) => m.source)).size, 4);
  });

  it('lists chanted slogans and show names as titles, not quotes', () => {
    const texts = index.quotes.flatMap((q) => q.mentions.map((m) => m.text));
    for (const title of ['Save Our Stadium', 'Build It Here', 'Sunday Sideline', 'Halden Today']) {
      assert.ok(!texts.includes(title), title);
    }
  });

  it('finds the mayor by her title and by a typo', () => {
    assert.equal(index.findSpeaker('the mayor').name, 'Diane Okafor');
    assert.equal(index.findSpeaker('okafr').name, 'Diane Okafor');
  });
});
