/**
 * Channels' default stories in the embedded SQLite database (`RIFT_DB`, default `.rift/rift.db`),
 * the file the feedback store uses too: one table of its own.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from '../../config/story-config.ts';
import { RiftError } from '../../core/errors.ts';
import { type ChannelStoryStore, checkChannel } from './store.ts';

/** Where the database lives unless `RIFT_DB` says otherwise. */
export const DEFAULT_DB = resolve(PROJECT_ROOT, '.rift/rift.db');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS channel_stories (
  platform TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  story TEXT NOT NULL,
  set_by TEXT,
  at TEXT NOT NULL,
  PRIMARY KEY (platform, channel_id)
);`;

interface Row {
  story: string;
  set_by: string | null;
  at: string;
}

/**
 * Opens (creating when needed) the database at `file`, owner-only. Throws a {@link RiftError}
 * naming the file when it cannot be opened.
 *
 * @example
 * const channels = openSqliteChannelStories(process.env.RIFT_DB ?? DEFAULT_DB);
 */
export function openSqliteChannelStories(
  file: string,
  now: () => Date = () => new Date(),
): ChannelStoryStore {
  let db: Database.Database;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    if (file !== ':memory:') chmodSync(file, 0o600);
  } catch (error) {
    throw new RiftError(
      'ENV_INVALID',
      `The database "${file}" cannot be opened (${(error as Error).message}). Set RIFT_DB to a file in a folder rift may write to.`,
    );
  }
  const select = db.prepare(
    'SELECT story, set_by, at FROM channel_stories WHERE platform = ? AND channel_id = ?',
  );
  const upsert = db.prepare(
    `INSERT INTO channel_stories (platform, channel_id, story, set_by, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform, channel_id) DO UPDATE SET story = excluded.story, set_by = excluded.set_by, at = excluded.at`,
  );
  const remove = db.prepare('DELETE FROM channel_stories WHERE platform = ? AND channel_id = ?');
  return {
    async get(channel) {
      const row = select.get(channel.platform, channel.channelId) as Row | undefined;
      return row ? { story: row.story, setBy: row.set_by, at: row.at } : null;
    },
    async set(channel, story, setBy) {
      checkChannel(channel);
      if (story === null) remove.run(channel.platform, channel.channelId);
      else upsert.run(channel.platform, channel.channelId, story, setBy, now().toISOString());
    },
    async close() {
      db.close();
    },
  };
}
