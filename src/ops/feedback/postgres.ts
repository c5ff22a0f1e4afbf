/**
 * Feedback in PostgreSQL (`DATABASE_URL`), shared by every replica: a 👍 clicked on one replica
 * lands in the same table as one clicked on another, and an answer sent by one replica is found
 * by the buttons another receives. Tables come from the migrations in `../postgres/database.ts`.
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import {
  ANSWER_RETENTION_DAYS,
  type AnswerRow,
  answerFromRow,
  type FeedbackStore,
  type StoredVote,
  summarise,
  userHash,
} from './store.ts';

/** Options of {@link postgresFeedback}. */
export interface PostgresFeedbackOptions {
  /** Clock, for tests. */
  readonly now?: () => Date;
}

/**
 * The store over a pool opened (and migrated) by `openPostgres`. Closing it leaves the pool to
 * its owner, who may share it with other stores. The secret that keys user hashes is made once
 * per database (the first replica to ask inserts it; every other reads the same one), so one
 * person's votes group together whichever replica took them.
 *
 * @example
 * const feedback = postgresFeedback(await openPostgres({ url: process.env.DATABASE_URL }));
 */
export function postgresFeedback(
  pool: pg.Pool,
  options: PostgresFeedbackOptions = {},
): FeedbackStore {
  const now = options.now ?? (() => new Date());
  let secret: Promise<Buffer> | null = null;
  // Read on first vote, not at construction, so an outage at start-up does not stick.
  const userSecret = () => {
    secret ??= readSecret(pool).catch((error: unknown) => {
      secret = null;
      throw error;
    });
    return secret;
  };
  let saved = 0;
  const pruneOld = async () => {
    const cutoff = new Date(now().getTime() - ANSWER_RETENTION_DAYS * 86_400_000).toISOString();
    await pool.query('DELETE FROM feedback_answers WHERE at < $1', [cutoff]);
  };
  // As SQLite does when opened (a server down now is pruned on a later round); answers saved
  // after it wait for it, so it never removes one of them.
  const opened = pruneOld().catch(() => {});
  return {
    async saveAnswer(answer) {
      await opened;
      await pool.query(
        `INSERT INTO feedback_answers (id, at, platform, story, question, sources, command, shown)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET at = excluded.at, platform = excluded.platform,
           story = excluded.story, question = excluded.question, sources = excluded.sources,
           command = excluded.command, shown = excluded.shown`,
        [
          answer.id,
          answer.at,
          answer.platform,
          answer.story,
          answer.question,
          JSON.stringify(answer.sources),
          JSON.stringify(answer.command),
          answer.shown,
        ],
      );
      // Records past retention go now and then, not on every answer.
      saved += 1;
      if (saved % 1000 === 0) await pruneOld();
    },
    async findAnswer(id) {
      const { rows } = await pool.query<AnswerRow>(
        'SELECT id, at, platform, story, question, sources, command, shown FROM feedback_answers WHERE id = $1',
        [id],
      );
      const row = rows[0];
      return row ? answerFromRow(row) : null;
    },
    async vote(vote) {
      const { answer } = vote;
      await pool.query(
        `INSERT INTO feedback_votes (answer_id, user_hash, vote, at, platform, story, question, sources)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
        [
          answer.id,
          userHash(await userSecret(), answer.platform, vote.userId),
          vote.value,
          vote.at,
          answer.platform,
          answer.story,
          answer.question,
          JSON.stringify(answer.sources),
        ],
      );
    },
    async summary() {
      const { rows } = await pool.query<StoredVote>(
        'SELECT story, question, vote, at, platform, sources FROM feedback_votes ORDER BY at, seq',
      );
      return summarise(rows);
    },
    async close() {},
  };
}

/** The database's secret for user hashes; the first replica to ask makes it. */
async function readSecret(pool: pg.Pool): Promise<Buffer> {
  await pool.query(
    "INSERT INTO rift_meta (key, value) VALUES ('user-hash-secret', $1) ON CONFLICT (key) DO NOTHING",
    [randomBytes(32)],
  );
  const { rows } = await pool.query<{ value: Buffer }>(
    "SELECT value FROM rift_meta WHERE key = 'user-hash-secret'",
  );
  const value = rows[0]?.value;
  if (!value) throw new Error('the user-hash secret could not be stored');
  return value;
}
