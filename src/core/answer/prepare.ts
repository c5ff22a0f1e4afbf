/**
 * The answer core's per-story tables, built when the story is built or loaded rather than by
 * the first question after every start or reload. Each module keeps its own tables (keyed by
 * the index, so they go with it); this module only says when they are made.
 */
import type { SearchIndex } from '../search/search-index.ts';
import { prepareAbstention } from './abstain.ts';
import { prepareEvidence } from './evidence.ts';
import { prepareOtherViews } from './other-views.ts';
import { prepareQuestions } from './question.ts';

/**
 * Builds every table the answer core reads per index: the features' paragraphs and name words,
 * the corpus's word-vector rows, the names' word counts and what each passage weighs, denies
 * and counts for Another view. At 1,000 articles the first question spent about 150 ms of its
 * 200 on them; the story pays once instead, at about the same cost.
 *
 * @example
 * prepareAnswers(story.index) // the first `why` is then as fast as the next
 */
export function prepareAnswers(index: SearchIndex): void {
  prepareEvidence(index);
  prepareAbstention(index);
  prepareQuestions(index);
  prepareOtherViews(index);
  prepared.add(index);
}

const prepared = new WeakSet<SearchIndex>();

/** Whether {@link prepareAnswers} has run for an index (a story has its tables from the start). */
export function answersPrepared(index: SearchIndex): boolean {
  return prepared.has(index);
}
