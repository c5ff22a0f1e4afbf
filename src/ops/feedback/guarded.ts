/**
 * A feedback store whose outages are logged once: the first failed call logs that the store is
 * unreachable, the first call that works again logs that it is back. Failures still reach the
 * caller, which decides what the person sees: an answer goes out without its buttons
 * (`recordAnswer`), a vote gets {@link VOTE_NOT_SAVED}.
 */
import type { Logger } from '../../log.ts';
import { storeHealth } from '../gate.ts';
import type { FeedbackStore } from './store.ts';

/** Said for a 👍/👎 the store could not take (PostgreSQL down). */
export const VOTE_NOT_SAVED =
  'Sorry, I could not save your vote just now. Please try again in a moment.';

/**
 * Wraps `store` so its outages are logged once.
 *
 * @example
 * const feedback = guardedFeedback(postgresFeedback(pool), log);
 */
export function guardedFeedback(store: FeedbackStore, log: Logger): FeedbackStore {
  const health = storeHealth(
    log,
    'feedback store',
    'answers go without feedback buttons and votes are not saved',
  );
  const watch =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        health.up();
        return result;
      } catch (error) {
        health.down(error);
        throw error;
      }
    };
  return {
    saveAnswer: watch((answer) => store.saveAnswer(answer)),
    findAnswer: watch((id) => store.findAnswer(id)),
    vote: watch((vote) => store.vote(vote)),
    summary: watch(() => store.summary()),
    close: () => store.close(),
  };
}
