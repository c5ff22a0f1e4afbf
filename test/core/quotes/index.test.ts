import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { buildQuoteIndex, type QuoteIndex } from '../../../src/core/quotes/index.ts';
import { SEED_ALIASES, seedArticles } from './helpers.ts';

describe('buildQuoteIndex on the seeds', () => {
  let index: QuoteIndex;
  let bare: QuoteIndex;
  before(() => {
    index = buildQuoteIndex(seedArticles(), { aliases: SEED_ALIASES });
    bare = buildQuoteIndex(seedArticles());
  });

  it('lists speakers with quote counts, most quoted first', () => {
    // Legend gave the interview all five outlets quote; West is quoted for his reply and tweet.
    assert.deepEqual(
      index.speakers.map((s) => s.name),
      ['John Legend', 'Kanye West'],
    );
    assert.ok((index.speakers[0]?.quotes ?? 0) > (index.speakers[1]?.quotes ?? 0));
  });

  it('finds a speaker by full name in any case', () => {
    assert.deepEqual(
      { kind: index.findSpeaker('JOHN LEGEND').kind, name: index.findSpeaker('john legend').name },
      { kind: 'exact', name: 'John Legend' },
    );
  });

  it('finds a speaker by surname, first name, initials or config alias', () => {
    for (const [query, name] of [
      ['legend', 'John Legend'],
      ['kanye', 'Kanye West'],
      ['JL', 'John Legend'],
      ['Ye', 'Kanye West'],
    ] as const) {
      const match = index.findSpeaker(query);
      assert.deepEqual({ kind: match.kind, name: match.name }, { kind: 'alias', name }, query);
    }
  });

  it('tolerates a typo in a speaker query', () => {
    const match = index.findSpeaker('kayne');
    assert.deepEqual({ kind: match.kind, name: match.name }, { kind: 'fuzzy', name: 'Kanye West' });
  });

  it('answers an unknown speaker with the known ones, closest first', () => {
    const match = index.findSpeaker('Kim');
    assert.equal(match.kind, 'none');
    assert.equal(match.name, null);
    assert.deepEqual([...match.suggestions].sort(), ['John Legend', 'Kanye West']);
  });

  it('finds initials without any config', () => {
    assert.equal(bare.findSpeaker('JL').name, 'John Legend');
  });

  it('returns one speaker’s quotes only', () => {
    const quotes = index.quotesBy('Ye');
    assert.ok(quotes.length >= 2);
    assert.ok(quotes.every((q) => q.speaker === 'Kanye West'));
  });

  it('groups Kanye’s reply as carried by three outlets', () => {
    const reply = index.quotesBy('kanye').find((q) => q.text.includes('I love you John'));
    assert.deepEqual(reply?.mentions.map((m) => m.source).sort(), [
      '001_eb9eaa3cbaa232cb',
      '002_e37ff9940fa829ac',
      '004_0b61b2ffab8b2ab8',
    ]);
  });

  it('ranks a speaker’s quotes by a topic: those about it first, then the rest', () => {
    // Legend's quotes that talk about Trump come first; the others follow in corpus order, so
    // the topic reorders his quotes and never hides any.
    const all = index.quotesBy('legend');
    const quotes = index.quotesBy('legend', 'Trump');
    const aboutTrump = (q: (typeof quotes)[number]) =>
      /trump/i.test(q.mentions.map((m) => m.text).join(' '));
    const matching = quotes.filter(aboutTrump).length;
    assert.ok(matching > 0 && matching < all.length);
    assert.ok(quotes.slice(0, matching).every(aboutTrump));
    assert.deepEqual(
      quotes.slice(matching),
      all.filter((q) => !aboutTrump(q)),
    );
    assert.equal(quotes.length, all.length);
  });

  it('still lists a speaker’s quotes when none of them is about the topic (quotes ye about trump)', () => {
    // None of West's quotes names Trump: `about` ranks, so his quotes are all still there.
    const all = index.quotesBy('ye');
    assert.ok(all.length > 0);
    assert.ok(all.every((q) => !/trump/i.test(q.text)));
    assert.deepEqual(index.quotesBy('ye', 'trump'), all);
  });

  it('returns nothing for an unknown speaker', () => {
    assert.deepEqual(index.quotesBy('Nobody Atall'), []);
  });

  it('completes speaker names from a prefix, alias-aware', () => {
    assert.deepEqual(index.completeSpeakers('leg', 5), ['John Legend']);
    assert.deepEqual(index.completeSpeakers('ye', 5), ['Kanye West']);
    assert.deepEqual(index.completeSpeakers('', 1), ['John Legend']);
  });

  it('keeps every segment verbatim and findable at its offsets', () => {
    const byId = new Map(seedArticles().map((a) => [a.id, a]));
    for (const quote of index.quotes) {
      for (const mention of quote.mentions) {
        const raw = byId.get(mention.source)?.raw ?? '';
        mention.segments.forEach((segment, i) => {
          const span = mention.spans[i];
          assert.ok(span);
          assert.equal(raw.slice(span.start, span.end), segment);
        });
      }
    }
  });

  it('does not list titles as quotes', () => {
    const texts = index.quotes.flatMap((q) => q.mentions.map((m) => m.text.trim()));
    for (const title of [
      'Number One',
      'All of Me',
      'Make America Great Again',
      'The Axe Files',
      'Ye',
    ]) {
      assert.ok(!texts.includes(title), title);
    }
  });

  it('learns from another outlet that "the singer" is Legend', () => {
    const mention = bare.quotes
      .flatMap((q) => q.mentions)
      .find((m) => m.text.startsWith('He was upset') && m.source === '000_1995089d9ac5036f');
    assert.deepEqual(
      { speaker: mention?.speaker, rule: mention?.rule },
      { speaker: 'John Legend', rule: 'cue-before' },
    );
  });

  it('uses the longest mention as a quote’s text', () => {
    for (const quote of index.quotes) {
      const longest = Math.max(
        ...quote.mentions.filter((m) => !m.partial || quote.partial).map((m) => m.text.length),
      );
      assert.equal(quote.text.length, longest);
    }
  });
});
