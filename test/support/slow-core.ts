/** How tests and the benchmark get a core call that really takes long (see slow-story-worker.ts). */

/** The slow story worker module's URL, for `openServingRift({ storyWorker })`. */
export const SLOW_STORY_WORKER = new URL('./slow-story-worker.ts', import.meta.url).href;

/**
 * A question the slow story worker spends `ms` of CPU on before answering.
 *
 * @example
 * await rift.run({ name: 'ask', question: slowQuestion(10_000), private: false })
 */
export function slowQuestion(ms: number): string {
  return `slow-for-${ms} why did they fall out`;
}
