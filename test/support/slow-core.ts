/** How tests and the benchmark get a core call that really takes long (see slow-story-worker.ts). */

/** The slow story worker module's URL, for `openServingRift({ storyWorker })`. */
export const SLOW_STORY_WORKER = new URL('./slow-story-worker.ts', import.meta.url).href;

/**
 * A question the slow story worker spends `ms` on before answering: spinning the CPU (`spin`, as
 * the benchmark does, like real core work) or blocked without using it (`block`, for tests on a
 * shared machine). Either way the worker thread is unresponsive and must be stopped to be freed.
 *
 * @example
 * await rift.run({ name: 'ask', question: slowQuestion(10_000, 'spin'), private: false })
 */
export function slowQuestion(ms: number, how: 'spin' | 'block' = 'block'): string {
  return `${how === 'spin' ? 'slow' : 'stuck'}-for-${ms} why did they fall out`;
}
