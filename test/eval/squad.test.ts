import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bm25Terms, createBm25, segmentSentences } from './bm25.ts';
import { goldRank, missKind, type Outcome, outcomes, scoreOutcomes, squadDir } from './squad.ts';

// A tiny story of our own: three short "articles" about a made-up river town.
const ARTICLES = [
  'Millbrook sits on the river Alder. The town was founded in 1822 by mill workers.\n\nIts bridge is made of stone.',
  'The mill closed in 1954. Tourists now visit the old mill and the stone bridge. The mill is a museum.',
  'Millbrook has a population of 4,200. Most residents work in nearby towns.',
];

describe('BM25 baseline', () => {
  it('cuts sentences with Intl.Segmenter, paragraph by paragraph', () => {
    assert.deepEqual(segmentSentences(ARTICLES[0] as string), [
      'Millbrook sits on the river Alder.',
      'The town was founded in 1822 by mill workers.',
      'Its bridge is made of stone.',
    ]);
  });

  it('drops Lucene stop words and stems with Porter', () => {
    assert.deepEqual(bm25Terms('The workers were founding the mills'), [
      'worker',
      'were',
      'found',
      'mill',
    ]);
  });

  it('ranks the sentence with the rarest matching words first', () => {
    const bm25 = createBm25(ARTICLES);
    // "founded" occurs in one sentence only: its sentence leads.
    assert.equal(
      bm25.search('When was the town founded?')[0],
      'The town was founded in 1822 by mill workers.',
    );
    // "museum" is in one sentence, "mill" in four: the museum sentence leads, then the other
    // "mill" sentences, shortest first (length normalisation: 3 terms, then 5, then 7).
    assert.deepEqual(bm25.search('Which mill is a museum?'), [
      'The mill is a museum.',
      'The mill closed in 1954.',
      'The town was founded in 1822 by mill workers.',
    ]);
  });

  it('returns nothing for a question sharing no word with the corpus', () => {
    assert.deepEqual(createBm25(ARTICLES).search('Who painted the Mona Lisa?'), []);
  });
});

describe('squad scorer', () => {
  it('finds the first snippet holding a gold answer, folding case, quotes and dashes', () => {
    assert.equal(goldRank(['no', 'It opened in “1822”', 'x'], ['"1822"']), 2);
    assert.equal(goldRank(['built 1822–1830'], ['1822-1830']), 1);
    assert.equal(goldRank(['nothing here'], ['1822']), 0);
  });

  it('counts pass@k, wrong abstentions, foreign abstentions and snippet length', () => {
    const gold = [
      { q: 'a', expect: ['1822'] },
      { q: 'b', expect: ['stone'] },
      { q: 'c', expect: ['4,200'] },
      { q: 'd', expect: ['museum'] },
      { q: 'e', abstain: true },
      { q: 'f', abstain: true },
    ];
    const answers: Record<string, string[] | null> = {
      a: ['founded in 1822'],
      b: ['mill', 'stone bridge'],
      c: null,
      d: ['x', 'y', 'z', 'a museum'],
      e: null,
      f: ['something'],
    };
    const s = scoreOutcomes(outcomes(gold, (q) => answers[q] ?? null));
    assert.equal(s.answerable, 4);
    assert.equal(s.passAt1, 1 / 4);
    assert.equal(s.passAt3, 2 / 4);
    assert.equal(s.wrongAbstentions, 1 / 4);
    assert.equal(s.foreignAbstained, 1);
    // Only the first three snippets of answerable questions count: 15; 4, 12; 1, 1, 1.
    assert.equal(s.meanSnippetChars, (15 + 4 + 12 + 1 + 1 + 1) / 6);
  });

  it('sorts misses by kind', () => {
    const sentences = [
      { source: 'a', text: 'The mill closed in 1954.' },
      { source: 'a', text: 'It became a museum.' },
      { source: 'b', text: 'Millbrook has a population of 4,200.' },
    ];
    const miss = (snippets: string[] | null, rank = 0): Outcome => ({
      q: 'q',
      foreign: false,
      snippets,
      rank,
    });
    const bm25Hit = miss(['x'], 2);
    const bm25Miss = miss(['x'], 0);
    assert.equal(missKind(miss(null), ['1954'], sentences, bm25Miss), 'wrong abstention');
    assert.equal(missKind(miss(['a'], 2), ['1954'], sentences, bm25Miss), 'ranked 2-3');
    assert.equal(
      missKind(miss(['The mill closed…']), ['1954'], sentences, bm25Miss),
      'outside snippet window',
    );
    assert.equal(
      missKind(miss(['The mill closed in 1954.']), ['museum'], sentences, bm25Miss),
      'in neighbour sentence',
    );
    assert.equal(
      missKind(miss(['Millbrook has a population of 4,200.']), ['museum'], sentences, bm25Hit),
      'not in top 3, BM25 had it',
    );
    assert.equal(
      missKind(miss(['Millbrook has a population of 4,200.']), ['museum'], sentences, bm25Miss),
      'not in top 3',
    );
    assert.equal(
      missKind({ q: 'q', foreign: true, snippets: ['x'], rank: 0 }, [], sentences, bm25Miss),
      'foreign answered',
    );
    assert.equal(
      missKind({ q: 'q', foreign: true, snippets: null, rank: 0 }, [], sentences, bm25Miss),
      null,
    );
  });

  it('reads the data folder from --squad, then RIFT_SQUAD_DEV, then the default', () => {
    assert.equal(squadDir(['--squad', '/data/a'], { RIFT_SQUAD_DEV: '/data/b' }), '/data/a');
    assert.equal(squadDir([], { RIFT_SQUAD_DEV: '/data/b' }), '/data/b');
    assert.match(squadDir([], {}), /shared\/eval\/squad-dev$/);
  });
});
