/** Channels' default stories in PostgreSQL (`DATABASE_URL`), shared by every replica. */
import type pg from 'pg';
import { type ChannelStoryStore, checkChannel } from './store.ts';

/**
 * The store over a pool opened (and migrated) by `openPostgres`. Closing it leaves the pool to
 * its owner, who may share it with other stores.
 *
 * @example
 * const channels = postgresChannelStories(await openPostgres({ url }));
 */
export function postgresChannelStories(pool: pg.Pool): ChannelStoryStore {
  return {
    async get(channel) {
      const { rows } = await pool.query<{ story: string; set_by: string | null; at: Date }>(
        'SELECT story, set_by, at FROM channel_stories WHERE platform = $1 AND channel_id = $2',
        [channel.platform, channel.channelId],
      );
      const row = rows[0];
      return row ? { story: row.story, setBy: row.set_by, at: row.at.toISOString() } : null;
    },
    async set(channel, story, setBy) {
      checkChannel(channel);
      if (story === null) {
        await pool.query('DELETE FROM channel_stories WHERE platform = $1 AND channel_id = $2', [
          channel.platform,
          channel.channelId,
        ]);
        return;
      }
      await pool.query(
        `INSERT INTO channel_stories (platform, channel_id, story, set_by, at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (platform, channel_id) DO UPDATE SET story = excluded.story, set_by = excluded.set_by, at = excluded.at`,
        [channel.platform, channel.channelId, story, setBy],
      );
    },
    async close() {},
  };
}
