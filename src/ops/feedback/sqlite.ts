/**
 * The embedded feedback store: one SQLite file (better-sqlite3 12.x; 13 crashes on Node 20), at
 * `RIFT_DB` or `.rift/rift.db`. Statements are prepared once and each write is one short
 * transaction in WAL mode, tens of microseconds, so the adapters' thread can afford them.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../../config/story-config.ts';
import { RiftError } from '../../core/errors.ts';
import {
  ANSWER_RETENTION_DAYS,
  type AnswerRow,
  answerFromRow,
  type FeedbackStore,
  type StoredVote,
  summarise,
  userHash,
} from './store.ts';

/** Where the database lives unless `RIFT_DB` says otherwise. */
export const DEFAULT_DB = resolve(PROJECT_ROOT, '.rift/rift.db');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS answers (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  platform TEXT NOT NULL,
  story TEXT NOT NULL,
  question TEXT NOT NULL,
  sources TEXT NOT NULL,
  command TEXT NOT NULL,
  shown INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_at ON answers (at);
CREATE TABLE IF NOT EXISTS votes (
  answer_id TEXT NOT NULL,
  user_hash TEXT NOT NULL,
  vote TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  at TEXT NOT NULL,
  platform TEXT NOT NULL,
  story TEXT NOT NULL,
  question TEXT NOT NULL,
  sources TEXT NOT NULL,
  PRIMARY KEY (answer_id, user_hash)
);
CREATE INDEX IF NOT EXISTS votes_question ON votes (story, question);
`;

/** Options of {@link openSqliteFeedback}. */
export interface SqliteFeedbackOptions {
  /** Clock, for tests. */
  readonly now?: () => Date;
  /** Open an existing database only, without creating it (for `rift feedback`). */
  readonly readOnly?: boolean;
}

/**
 * Opens (creating when needed) the database at `file`, owner-only, and prunes answer records
 * past {@link ANSWER_RETENTION_DAYS}. Throws a {@link RiftError} naming the file when it cannot
 * be opened.
 *
 * @example
 * const feedback = openSqliteFeedback(process.env.RIFT_DB ?? DEFAULT_DB);
 */
export function openSqliteFeedback(
  file: string,
  options: SqliteFeedbackOptions = {},
): FeedbackStore {
  const now = options.now ?? (() => new Date());
  let db: Database.Database;
  try {
    if (!options.readOnly) mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    db = new Database(file, {
      readonly: options.readOnly ?? false,
      fileMustExist: options.readOnly ?? false,
    });
    if (!options.readOnly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.exec(SCHEMA);
      chmodSync(file, 0o600);
    }
  } catch (error) {
    throw new RiftError(
      'ENV_INVALID',
      `The feedback database "${file}" cannot be opened (${(error as Error).message}). Set RIFT_DB to a file in a folder rift may write to.`,
    );
  }
  const secret = options.readOnly ? Buffer.alloc(32) : storeSecret(db);
  const insertAnswer = options.readOnly
    ? null
    : db.prepare(
        'INSERT OR REPLACE INTO answers (id, at, platform, story, question, sources, command, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
  const selectAnswer = db.prepare(
    'SELECT id, at, platform, story, question, sources, command, shown FROM answers WHERE id = ?',
  );
  const upsertVote = options.readOnly
    ? null
    : db.prepare(
        `INSERT INTO votes (answer_id, user_hash, vote, at, platform, story, question, sources)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (answer_id, user_hash) DO UPDATE SET vote = excluded.vote, at = excluded.at`,
      );
  const selectVotes = db.prepare(
    'SELECT story, question, vote, at, platform, sources FROM votes ORDER BY at, rowid',
  );
  const prune = options.readOnly ? null : db.prepare('DELETE FROM answers WHERE at < ?');
  const pruneOld = () => {
    const cutoff = new Date(now().getTime() - ANSWER_RETENTION_DAYS * 86_400_000).toISOString();
    prune?.run(cutoff);
  };
  pruneOld();
  let saved = 0;

  return {
    async saveAnswer(answer) {
      if (!insertAnswer) throw new RiftError('ENV_INVALID', 'The feedback database is read-only.');
      insertAnswer.run(
        answer.id,
        answer.at,
        answer.platform,
        answer.story,
        answer.question,
        JSON.stringify(answer.sources),
        JSON.stringify(answer.command),
        answer.shown,
      );
      // Records past retention go now and then, not on every answer.
      saved += 1;
      if (saved % 1000 === 0) pruneOld();
    },
    async findAnswer(id) {
      const row = selectAnswer.get(id) as AnswerRow | undefined;
      return row ? answerFromRow(row) : null;
    },
    async vote(vote) {
      if (!upsertVote) throw new RiftError('ENV_INVALID', 'The feedback database is read-only.');
      const { answer } = vote;
      upsertVote.run(
        answer.id,
        userHash(secret, answer.platform, vote.userId),
        vote.value,
        vote.at,
        answer.platform,
        answer.story,
        answer.question,
        JSON.stringify(answer.sources),
      );
    },
    async summary() {
      return summarise(selectVotes.all() as StoredVote[]);
    },
    async close() {
      db.close();
    },
  };
}

/** The database's own secret for hashing user ids, made on first open. */
function storeSecret(db: Database.Database): Buffer {
  const row = db.prepare("SELECT value FROM meta WHERE key = 'user-hash-secret'").get() as
    | { value: Buffer }
    | undefined;
  if (row) return row.value;
  const secret = randomBytes(32);
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('user-hash-secret', ?)").run(secret);
  const stored = db.prepare("SELECT value FROM meta WHERE key = 'user-hash-secret'").get() as {
    value: Buffer;
  };
  return stored.value;
}
