import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateQuotes, type QuoteScores } from '../../eval/quotes-eval.ts';
import { ROOT, SEED_ALIASES, SEEDS, STADIUM } from './helpers.ts';

const SEED_GOLD = `${ROOT}test/fixtures/quotes.json`;
const STADIUM_GOLD = `${ROOT}test/fixtures/corpora/stadium.quotes.json`;
const WATER = `${ROOT}test/fixtures/corpora/water`;
const WATER_GOLD = `${ROOT}test/fixtures/corpora/water.quotes.json`;
// The targets on the seeds.
const TARGET = { precision: 0.97, recall: 0.97, speaker: 0.95, clusters: 0.95 };
// "Close to that" on a corpus the code was not tuned on.
const SECOND_CORPUS = { precision: 0.9, recall: 0.9, speaker: 0.85, clusters: 0.85 };

function assertAtLeast(got: QuoteScores, want: QuoteScores, label: string) {
  for (const key of ['precision', 'recall', 'speaker', 'clusters'] as const) {
    assert.ok(got[key] >= want[key], `${label} ${key} ${got[key]} < ${want[key]}`);
  }
}

describe('quote evaluation', () => {
  it('meets the targets on the seeds with the config aliases', () => {
    const result = evaluateQuotes(SEEDS, SEED_GOLD, SEED_ALIASES);
    assertAtLeast(result, TARGET, 'seeds');
  });

  it('meets the targets on the seeds with no config at all', () => {
    const result = evaluateQuotes(SEEDS, SEED_GOLD, []);
    assertAtLeast(result, TARGET, 'seeds without aliases');
  });

  it('comes close on the stadium corpus with no config', () => {
    const result = evaluateQuotes(STADIUM, STADIUM_GOLD, []);
    assertAtLeast(result, SECOND_CORPUS, 'stadium');
  });

  it('gets every speaker of the water story: people, organisations and unnamed sources', () => {
    // Written before rift was run on it, with the traps of issue 11; the rules were then
    // developed while looking at its errors too, so this guards it rather than measures blind.
    const result = evaluateQuotes(WATER, WATER_GOLD, []);
    assertAtLeast(result, { precision: 1, recall: 1, speaker: 1, clusters: 1 }, 'water');
  });

  it('keeps every speaker of the seeds and the stadium story right', () => {
    assert.equal(evaluateQuotes(SEEDS, SEED_GOLD, []).speaker, 1);
    assert.equal(evaluateQuotes(STADIUM, STADIUM_GOLD, []).speaker, 1);
  });

  it('beats the nearest-name baseline on speakers by a wide margin', () => {
    const result = evaluateQuotes(SEEDS, SEED_GOLD, SEED_ALIASES);
    assert.ok(result.speaker - result.baseline.speaker > 0.4);
  });
});
