import { resolve } from 'node:path';
import { loadStory } from '../../src/commands/open.ts';
import type { Story } from '../../src/core/story.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** A corpus with gold data: the seeds, and our own second story. */
export interface EvalCorpus {
  readonly name: string;
  readonly questions: string;
  readonly quotes: string;
  load(): Story;
}

/** Every corpus `npm run eval` scores. */
export const EVAL_CORPORA: readonly EvalCorpus[] = [
  {
    name: 'seeds',
    questions: resolve(ROOT, 'test/fixtures/questions.json'),
    quotes: resolve(ROOT, 'test/fixtures/quotes.json'),
    load: () => loadStory({ config: resolve(ROOT, 'config/story.json') }),
  },
  {
    name: 'stadium',
    questions: resolve(ROOT, 'test/fixtures/corpora/stadium.questions.json'),
    quotes: resolve(ROOT, 'test/fixtures/corpora/stadium.quotes.json'),
    load: () =>
      loadStory({
        corpus: resolve(ROOT, 'test/fixtures/corpora/stadium'),
        config: resolve(ROOT, 'test/fixtures/corpora/stadium.story.json'),
      }),
  },
];
