/**
 * The durable store on PostgreSQL (`DATABASE_URL`), for several replicas: one connection pool
 * and schema migrations run at start-up. Migrations are numbered, applied in order inside one
 * transaction each, recorded in `rift_migrations`, and serialised by an advisory lock, so replicas
 * starting together apply each one exactly once.
 */
import pg from 'pg';
import { withoutPassword } from '../server-url.ts';

/** One schema change. Never edit one that has shipped: add the next. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Every migration rift knows, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'channel stories',
    sql: `CREATE TABLE channel_stories (
      platform TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      story TEXT NOT NULL,
      set_by TEXT,
      at TIMESTAMPTZ NOT NULL,
      PRIMARY KEY (platform, channel_id)
    )`,
  },
  {
    version: 2,
    name: 'feedback',
    // Times are ISO 8601 text, as the SQLite store keeps them, so both sort and group alike.
    sql: `CREATE TABLE rift_meta (key TEXT PRIMARY KEY, value BYTEA NOT NULL);
    CREATE TABLE feedback_answers (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      platform TEXT NOT NULL,
      story TEXT NOT NULL,
      question TEXT NOT NULL,
      sources TEXT NOT NULL,
      command TEXT NOT NULL,
      shown INTEGER NOT NULL
    );
    CREATE INDEX feedback_answers_at ON feedback_answers (at);
    CREATE TABLE feedback_votes (
      seq BIGSERIAL,
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
    CREATE INDEX feedback_votes_question ON feedback_votes (story, question)`,
  },
];

/** Any number that is rift's own among advisory locks: "rift" in ASCII. */
const MIGRATION_LOCK = 0x72696674;

/** Options of {@link openPostgres}. */
export interface PostgresOptions {
  /** `postgres://user:password@host:port/database` (`DATABASE_URL`). */
  readonly url: string;
  /** How long a query may run, and a connection may take, before failing; default 2000 ms. */
  readonly timeoutMs?: number;
  /** Connections at most; default 5. */
  readonly max?: number;
  /** Migrations to apply; default {@link MIGRATIONS}. */
  readonly migrations?: readonly Migration[];
}

/**
 * Connects, applies pending migrations and returns the pool. Rejects with a message naming the
 * server (never the password) when it cannot.
 *
 * @example
 * const pool = await openPostgres({ url: process.env.DATABASE_URL });
 */
export async function openPostgres(options: PostgresOptions): Promise<pg.Pool> {
  const timeout = options.timeoutMs ?? 2000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 5,
    connectionTimeoutMillis: timeout,
    query_timeout: timeout,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection (the server restarting) must not crash the process;
  // the next query gets a fresh connection.
  pool.on('error', () => {});
  try {
    await migrate(pool, options.migrations ?? MIGRATIONS);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new Error(
      `Cannot use PostgreSQL at DATABASE_URL (${withoutPassword(options.url)}): ${(error as Error).message}. Start the server or fix DATABASE_URL.`,
    );
  }
  return pool;
}

/** Applies the migrations not yet recorded; returns the versions applied. */
export async function migrate(
  pool: pg.Pool,
  migrations: readonly Migration[],
): Promise<readonly number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS rift_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM rift_migrations')).rows.map(
        (r) => r.version,
      ),
    );
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO rift_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(
          `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
        );
      }
      applied.push(migration.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return applied;
}
