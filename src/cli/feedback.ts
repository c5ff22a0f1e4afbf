/**
 * `rift feedback`: what people thought of rift's answers, from the database the bots write:
 * PostgreSQL when `DATABASE_URL` is set (as the bots' `.env` would set it), else SQLite
 * (`RIFT_DB`, default `.rift/rift.db`). Prints one line per question, worst first; `--export`
 * writes the disliked questions as JSON lines in the shape of the gold question files, so a
 * person can fill in `expect` and add them to the evaluation.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { postgresFeedback } from '../ops/feedback/postgres.ts';
import { DEFAULT_DB, openSqliteFeedback } from '../ops/feedback/sqlite.ts';
import { disliked, evaluationCase, type QuestionFeedback } from '../ops/feedback/store.ts';
import { openPostgres } from '../ops/postgres/database.ts';
import { withoutPassword } from '../ops/server-url.ts';

/** Options of {@link runFeedback}. */
export interface FeedbackOptions {
  /** The SQLite database; default `RIFT_DB`, else `.rift/rift.db`. */
  readonly db?: string | null;
  /** A PostgreSQL URL, read instead of SQLite; default `DATABASE_URL`. */
  readonly databaseUrl?: string | null;
  /** Write the disliked questions as JSON lines instead of the summary. */
  readonly export: boolean;
  /** With `export`: the file to write; standard output when null. */
  readonly file: string | null;
  /** The summary as one JSON object per question. */
  readonly json: boolean;
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
}

/**
 * Runs `rift feedback [--export [FILE]] [--json]`; returns the exit status.
 *
 * @example
 * await runFeedback({ export: true, file: 'disliked.jsonl', json: false })
 */
export async function runFeedback(options: FeedbackOptions): Promise<number> {
  const out = options.out ?? ((text) => process.stdout.write(text));
  const err = options.err ?? ((text) => process.stderr.write(text));
  const url = options.databaseUrl ?? (process.env.DATABASE_URL?.trim() || null);
  let read: FeedbackRead | null;
  try {
    read = url ? await readPostgres(url) : await readSqlite(options.db, err);
  } catch (error) {
    err(`rift: ${(error as Error).message}\n`);
    return 2;
  }
  if (!read) return 0;
  const { where: file, summary } = read;
  if (options.export) {
    const lines = disliked(summary).map((q) => `${JSON.stringify(evaluationCase(q))}\n`);
    if (options.file) {
      writeFileSync(options.file, lines.join(''));
      err(
        `rift: wrote ${lines.length} disliked ${lines.length === 1 ? 'question' : 'questions'} to ${options.file}; fill in "expect" with what a good answer must cite.\n`,
      );
    } else out(lines.join(''));
    return 0;
  }
  if (options.json) {
    out(summary.map((q) => `${JSON.stringify(q)}\n`).join(''));
    return 0;
  }
  out(formatSummary(file, summary));
  return 0;
}

/** The votes read, and where from (a file, or a server URL without its password). */
interface FeedbackRead {
  readonly where: string;
  readonly summary: readonly QuestionFeedback[];
}

/** The summary from SQLite, or null (after saying so) when the file does not exist yet. */
async function readSqlite(
  db: string | null | undefined,
  err: (text: string) => void,
): Promise<FeedbackRead | null> {
  const file = db || process.env.RIFT_DB || DEFAULT_DB;
  if (!existsSync(file)) {
    err(
      `rift: no feedback yet: ${file} does not exist. It is created when the bots send their first answer (set RIFT_DB to read another file, or DATABASE_URL for PostgreSQL).\n`,
    );
    return null;
  }
  const store = openSqliteFeedback(file, { readOnly: true });
  try {
    return { where: file, summary: await store.summary() };
  } finally {
    await store.close();
  }
}

/** The summary from PostgreSQL; named by its URL without the password. */
async function readPostgres(url: string): Promise<FeedbackRead> {
  // Opening migrates, as a bot starting would: an empty database reads as "no votes yet".
  const pool = await openPostgres({ url, max: 1 });
  try {
    return { where: withoutPassword(url), summary: await postgresFeedback(pool).summary() };
  } finally {
    await pool.end();
  }
}

/**
 * The summary as a person reads it: totals, then one line per question, worst first.
 *
 * @example
 * formatSummary('.rift/rift.db', summary)
 * // 'Feedback in .rift/rift.db: 2 questions, 1 👍, 2 👎 (worst first)\n👎 2 👍 0  Why did the pier close?  …'
 */
export function formatSummary(file: string, summary: readonly QuestionFeedback[]): string {
  if (summary.length === 0) return `No votes yet in ${file}.\n`;
  const up = summary.reduce((n, q) => n + q.up, 0);
  const down = summary.reduce((n, q) => n + q.down, 0);
  const head = `Feedback in ${file}: ${summary.length} ${summary.length === 1 ? 'question' : 'questions'}, ${up} 👍, ${down} 👎 (worst first)\n`;
  const lines = summary.map(
    (q) =>
      `👎 ${String(q.down).padStart(3)}  👍 ${String(q.up).padStart(3)}  ${q.question}\n` +
      `          ${q.story} · ${q.platforms.join(', ')} · last ${q.last}${q.sources.length > 0 ? ` · cited ${q.sources.join(', ')}` : ''}\n`,
  );
  return head + lines.join('');
}
