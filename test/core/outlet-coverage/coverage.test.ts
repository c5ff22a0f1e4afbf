import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { storyCoverage } from '../../../src/core/outlet-coverage/index.ts';
import { seedsStory, stadium } from '../../support/seeds.ts';

describe('coverage', () => {
  for (const [name, story] of [
    ['seeds', seedsStory()],
    ['stadium', stadium()],
  ] as const) {
    const coverage = storyCoverage(story);

    it(`counts every quote cluster once as a statement (${name})`, () => {
      const quotes = coverage.statements.filter((s) => s.kind === 'quote');
      assert.equal(quotes.length, story.quotes.quotes.length);
      assert.ok(coverage.statements.some((s) => s.kind === 'fact'));
    });

    it(`gives each article its quotes plus its facts, and only its own "alone" statements (${name})`, () => {
      assert.deepEqual(
        coverage.articles.map((a) => a.source),
        story.corpus.articles.map((a) => a.id),
      );
      for (const article of coverage.articles) {
        assert.equal(article.statements, article.quotes + article.facts);
        for (const s of article.alone) assert.deepEqual(s.sources, [article.source]);
      }
    });

    it(`quotes every statement verbatim from its source (${name})`, () => {
      for (const s of coverage.statements) {
        const raw = story.corpus.articles.find((a) => a.id === s.source)?.raw ?? '';
        for (const piece of s.text
          .split('…')
          .map((p) => p.trim())
          .filter(Boolean))
          assert.ok(raw.includes(piece), `${s.source} holds "${piece}"`);
      }
    });
  }

  it("finds what only Bossip reports: Legend's remark that they are not less friends because of Trump", () => {
    const bossip = storyCoverage(seedsStory()).articles.find(
      (a) => a.source === '002_e37ff9940fa829ac',
    );
    assert.ok(bossip?.alone.some((s) => /less friends because of the Trump thing/.test(s.text)));
  });

  it('finds what only the Metro Ledger reports: the blank check and the 2019 purchase', () => {
    const ledger = storyCoverage(stadium()).articles.find((a) => a.source === '003_metro_ledger');
    assert.ok(ledger?.alone.some((s) => s.kind === 'quote' && /blank check/.test(s.text)));
    assert.ok(ledger?.alone.some((s) => s.kind === 'fact' && /in 2019/.test(s.text)));
  });

  it('counts the mayor\'s "not an ATM" quote for every outlet that carries it, even in part', () => {
    const atm = storyCoverage(stadium()).statements.find(
      (s) => s.kind === 'quote' && /not an ATM for a football club/.test(s.text),
    );
    // Coastline Sports quotes its end ("not an ATM for a football club") in its own sentence.
    assert.deepEqual(atm?.sources, [
      '001_halden_herald',
      '002_coastline_sports',
      '004_bay_courier',
    ]);
  });
});
