/**
 * Feedback on answers: every answer rift sends is recorded (question, cited sources, story,
 * platform, the command that made it), so its buttons (👍/👎, More sources, Share) find it after a
 * restart, and each 👍 or 👎 is stored against it. SQLite is the embedded default
 * (`sqlite.ts`); a server database implements the same interface; `memory.ts` is for tests and
 * for running without a file. One contract test suite runs against each.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { COMMAND_SCHEMA } from '../../commands/command-schema.ts';
import type { Command } from '../../commands/types.ts';

/** An answer rift sent, as its buttons need it. */
export interface AnswerRecord {
  /** Short random id the buttons carry (12 characters, URL-safe). */
  readonly id: string;
  readonly platform: 'discord' | 'slack';
  /** The story's title when it was answered. */
  readonly story: string;
  /** The question as answered (cleaned, resolved for a follow-up). */
  readonly question: string;
  /** Ids of the sources the shown citations are taken from, in citation order. */
  readonly sources: readonly string[];
  /** The command that made the answer, to run again for More sources and Share. */
  readonly command: Command;
  /** Citations shown, counting earlier pages: More sources starts after them. */
  readonly shown: number;
  /** When it was answered, ISO 8601. */
  readonly at: string;
}

/** A 👍 (`up`) or 👎 (`down`). */
export type VoteValue = 'up' | 'down';

/** One person's click on an answer's feedback buttons. */
export interface Vote {
  readonly answer: AnswerRecord;
  /** The platform's user id: stores keep only a keyed one-way hash of it, never the id. */
  readonly userId: string;
  readonly value: VoteValue;
  /** When it was clicked, ISO 8601. */
  readonly at: string;
}

/** The feedback on one question of one story, across every time it was answered. */
export interface QuestionFeedback {
  readonly story: string;
  readonly question: string;
  readonly up: number;
  readonly down: number;
  /** Every source cited in the answers voted on, first cited first. */
  readonly sources: readonly string[];
  readonly platforms: readonly string[];
  /** The latest vote, ISO 8601. */
  readonly last: string;
}

/** Where answers and votes are kept. */
export interface FeedbackStore {
  /** Records an answer rift sent. */
  saveAnswer(answer: AnswerRecord): Promise<void>;
  /** The answer a button names, or null when unknown (never sent, or past retention). */
  findAnswer(id: string): Promise<AnswerRecord | null>;
  /** Stores a vote; the same person voting again on the same answer replaces their vote. */
  vote(vote: Vote): Promise<void>;
  /** Every question voted on, worst first (most 👎 over 👍, then most 👎, then latest). */
  summary(): Promise<readonly QuestionFeedback[]>;
  close(): Promise<void>;
}

/** How long an answer's record is kept for its buttons; votes are kept for good. */
export const ANSWER_RETENTION_DAYS = 30;

/**
 * A new answer id: 9 random bytes, 12 URL-safe characters, short enough for a Discord
 * `custom_id` with room to spare.
 */
export function newAnswerId(): string {
  return randomBytes(9).toString('base64url');
}

/** An answer id as made by {@link newAnswerId}; anything else a button carries is refused. */
export const ANSWER_ID = /^[A-Za-z0-9_-]{12}$/;

/**
 * The one-way hash a store keeps instead of a user id: HMAC-SHA256 keyed by the store's own
 * secret, so the same person's votes group together but the id cannot be recovered, nor matched
 * against another database.
 *
 * @example
 * userHash(secret, 'slack', 'U061F7AUR') // '3f1c…' (64 hex characters)
 */
export function userHash(secret: Buffer, platform: string, userId: string): string {
  return createHmac('sha256', secret).update(`${platform}:${userId}`).digest('hex');
}

/**
 * Orders feedback worst first: the most 👎 over 👍, then the most 👎, then the latest vote.
 */
export function worstFirst(a: QuestionFeedback, b: QuestionFeedback): number {
  return (
    b.down - b.up - (a.down - a.up) ||
    b.down - a.down ||
    b.last.localeCompare(a.last) ||
    a.question.localeCompare(b.question)
  );
}

/** Questions whose answers were disliked: at least one 👎, and no more 👍 than 👎. */
export function disliked(feedback: readonly QuestionFeedback[]): QuestionFeedback[] {
  return feedback.filter((q) => q.down > 0 && q.down >= q.up);
}

/**
 * A disliked question as a line of an evaluation file, in the shape of the gold question files
 * (`{"q", "expect"}`): `expect` is left empty for a person to fill with the phrases a good
 * answer must cite; the rest says where the question came from.
 *
 * @example
 * evaluationCase({ story: 'Pier', question: 'Why did the pier close?', up: 0, down: 2, ... })
 * // { q: 'Why did the pier close?', expect: [], story: 'Pier', disliked: 2, liked: 0, cited: [...], ... }
 */
export function evaluationCase(q: QuestionFeedback): Record<string, unknown> {
  return {
    q: q.question,
    expect: [],
    story: q.story,
    disliked: q.down,
    liked: q.up,
    cited: q.sources,
    platforms: q.platforms,
    last: q.last,
  };
}

/** A vote as a store keeps it; `sources` is a JSON array of source ids. */
export interface StoredVote {
  readonly story: string;
  readonly question: string;
  readonly vote: string;
  readonly at: string;
  readonly platform: string;
  readonly sources: string;
}

/** Votes grouped by story and question, worst first. */
export function summarise(rows: readonly StoredVote[]): QuestionFeedback[] {
  const groups = new Map<
    string,
    {
      story: string;
      question: string;
      up: number;
      down: number;
      sources: Set<string>;
      platforms: Set<string>;
      last: string;
    }
  >();
  for (const row of rows) {
    const key = `${row.story}\u0000${row.question}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        story: row.story,
        question: row.question,
        up: 0,
        down: 0,
        sources: new Set(),
        platforms: new Set(),
        last: row.at,
      };
      groups.set(key, group);
    }
    if (row.vote === 'up') group.up += 1;
    else group.down += 1;
    group.platforms.add(row.platform);
    if (row.at > group.last) group.last = row.at;
    try {
      const sources: unknown = JSON.parse(row.sources);
      if (isStringArray(sources)) for (const s of sources) group.sources.add(s);
    } catch {
      // A damaged source list loses its sources, not the vote.
    }
  }
  return [...groups.values()]
    .map((g) => ({ ...g, sources: [...g.sources], platforms: [...g.platforms] }))
    .sort(worstFirst);
}

/** An answer as a store's row holds it: sources and command as JSON text. */
export interface AnswerRow {
  id: string;
  at: string;
  platform: string;
  story: string;
  question: string;
  sources: string;
  command: string;
  shown: number;
}

/** A row read back: a command or source list that does not parse makes the record unknown. */
export function answerFromRow(row: AnswerRow): AnswerRecord | null {
  try {
    const command = COMMAND_SCHEMA.safeParse(JSON.parse(row.command));
    const sources: unknown = JSON.parse(row.sources);
    if (!command.success || !isStringArray(sources)) return null;
    if (row.platform !== 'discord' && row.platform !== 'slack') return null;
    return {
      id: row.id,
      at: row.at,
      platform: row.platform,
      story: row.story,
      question: row.question,
      sources,
      command: command.data,
      shown: row.shown,
    };
  } catch {
    return null;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}
