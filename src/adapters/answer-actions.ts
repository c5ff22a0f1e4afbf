/**
 * What every answer's buttons do, whatever the platform: 👍/👎 store a vote, More sources runs
 * the question again past the citations shown, Share posts a private answer to the channel. An
 * answer is recorded in the {@link FeedbackStore} when it is sent, and its buttons carry only the
 * record's short id, so a button works after a restart and carries nothing a user could forge
 * into another command.
 */
import type { Command } from '../commands/types.ts';
import type { Reply } from '../core/reply.ts';
import { VOTE_NOT_SAVED } from '../ops/feedback/guarded.ts';
import {
  ANSWER_ID,
  type AnswerRecord,
  type FeedbackStore,
  newAnswerId,
  type VoteValue,
} from '../ops/feedback/store.ts';

/** The buttons an answer carries. */
export interface AnswerButtons {
  /** The answer's record id, carried by every button. */
  readonly answerId: string;
  /** The articles hold further citations: show More sources. */
  readonly more: boolean;
  /** The answer is private: show Share, which posts it to the channel. */
  readonly share: boolean;
}

/** What a button asks for. */
export type AnswerAction = 'up' | 'down' | 'more' | 'share';

/**
 * Records an answer (a cited answer or an abstention: the replies a person can judge) and returns
 * its buttons; null for other replies (lists, help), which carry none. With several stories the
 * record keeps the story that answered (its title, and its id in the command), so More sources
 * and Share ask that story again, not whichever routing would pick.
 *
 * @example
 * const buttons = await recordAnswer(feedback, 'slack', rift.storyTitle, reply);
 * renderReply(reply, { buttons });
 */
export async function recordAnswer(
  feedback: FeedbackStore,
  platform: AnswerRecord['platform'],
  story: string,
  reply: Reply,
): Promise<AnswerButtons | null> {
  if (reply.kind !== 'answer' && reply.kind !== 'abstention') return null;
  const citations = reply.kind === 'answer' ? reply.citations : [];
  const offset = reply.command.name === 'ask' ? (reply.command.offset ?? 0) : 0;
  const record: AnswerRecord = {
    id: newAnswerId(),
    platform,
    story: reply.story?.title ?? story,
    question: reply.question,
    sources: [...new Set(citations.map((c) => c.source))],
    command: reply.story ? { ...reply.command, story: reply.story.id } : reply.command,
    shown: citations.at(-1)?.n ?? offset,
    at: new Date().toISOString(),
  };
  try {
    await feedback.saveAnswer(record);
  } catch {
    // The store is down (the guarded store logs it): the answer goes out, without buttons that
    // would point at a record nobody kept.
    return null;
  }
  return {
    answerId: record.id,
    more: reply.kind === 'answer' && reply.more === true,
    share: reply.command.private,
  };
}

/**
 * The command More sources runs: the same question, after the citations already shown, with the
 * same visibility.
 *
 * @example
 * moreCommand(record) // { name: 'ask', question: 'Why did the pier close?', offset: 6, private: false }
 */
export function moreCommand(record: AnswerRecord): Command {
  return {
    name: 'ask',
    question: record.question,
    private: record.command.private,
    offset: record.shown,
    ...(record.command.story ? { story: record.command.story } : {}),
  };
}

/** The command Share runs: the answer's own command, in public. Same command, same answer. */
export function sharedCommand(record: AnswerRecord): Command {
  return { ...record.command, private: false };
}

/**
 * Stores one person's 👍 or 👎 on the answer `answerId` names and returns what to tell them:
 * thanks, {@link EXPIRED_BUTTON} for an answer nobody kept, or {@link VOTE_NOT_SAVED} when the
 * store cannot be reached. Never throws.
 *
 * @example
 * await respond(notice(await castVote(feedback, 'Zk3v9Qm1x0aB', 'down', body.user.id)));
 */
export async function castVote(
  feedback: FeedbackStore,
  answerId: string | null,
  value: VoteValue,
  userId: string,
): Promise<string> {
  try {
    const record = answerId ? await feedback.findAnswer(answerId) : null;
    if (!record) return EXPIRED_BUTTON;
    await feedback.vote({ answer: record, userId, value, at: new Date().toISOString() });
    return voteThanks(value, record.question);
  } catch {
    return VOTE_NOT_SAVED;
  }
}

/** The private acknowledgement of a vote. */
export function voteThanks(value: VoteValue, question: string): string {
  const shown = question.length > 120 ? `${question.slice(0, 119)}…` : question;
  return value === 'up'
    ? `Thanks! Your 👍 on “${shown}” is recorded.`
    : `Thanks, your 👎 on “${shown}” is recorded; disliked answers become test cases for rift.`;
}

/** Said when a button's answer is unknown: never sent, or past the records' retention. */
export const EXPIRED_BUTTON = 'This answer is too old for its buttons. Ask the question again.';

/** Reads an answer id a button carried; null for anything rift did not make. */
export function answerIdOf(value: unknown): string | null {
  return typeof value === 'string' && ANSWER_ID.test(value) ? value : null;
}
