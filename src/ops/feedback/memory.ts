/**
 * Feedback kept in this process only: for tests, and for one-off runs that need no file. Same
 * contract as the SQLite store (`test/ops/feedback.test.ts` runs one suite against both).
 */
import { randomBytes } from 'node:crypto';
import {
  type AnswerRecord,
  type FeedbackStore,
  type StoredVote,
  summarise,
  userHash,
} from './store.ts';

/** Answer records kept in memory; past it the oldest go, as SQLite's retention does by age. */
export const MEMORY_MAX_ANSWERS = 10_000;

/**
 * A feedback store in memory, with a secret of its own for hashing user ids. Answer records are
 * bounded ({@link MEMORY_MAX_ANSWERS}); votes are one per person and answer, as in SQLite.
 *
 * @example
 * const feedback = createMemoryFeedback();
 */
export function createMemoryFeedback(): FeedbackStore {
  const secret = randomBytes(32);
  const answers = new Map<string, AnswerRecord>();
  const votes = new Map<string, StoredVote>();
  return {
    async saveAnswer(answer) {
      answers.set(answer.id, structuredClone(answer));
      // A Map iterates in insertion order: the first key is the oldest record.
      if (answers.size > MEMORY_MAX_ANSWERS) {
        const oldest = answers.keys().next().value;
        if (oldest !== undefined) answers.delete(oldest);
      }
    },
    async findAnswer(id) {
      const found = answers.get(id);
      return found ? structuredClone(found) : null;
    },
    async vote(vote) {
      const { answer } = vote;
      const key = `${answer.id}\u0000${userHash(secret, answer.platform, vote.userId)}`;
      const previous = votes.get(key);
      // A changed vote keeps its place in time order, as an upsert keeps its row.
      if (previous) votes.delete(key);
      votes.set(key, {
        story: answer.story,
        question: answer.question,
        vote: vote.value,
        at: vote.at,
        platform: answer.platform,
        sources: JSON.stringify(answer.sources),
      });
    },
    async summary() {
      return summarise([...votes.values()]);
    },
    async close() {
      answers.clear();
      votes.clear();
    },
  };
}
