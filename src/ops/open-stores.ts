/**
 * Opens the stores the environment asks for, once, at start-up: the shared counters on Redis
 * (`REDIS_URL`) or in memory, and the durable store on PostgreSQL (`DATABASE_URL`, migrated at
 * start-up) or SQLite (`RIFT_DB`, default `.rift/rift.db`): feedback always, channels' stories
 * when a stories folder is served. A server that cannot be reached fails start-up with a message
 * naming the variable.
 */
import type { RiftEnv } from '../config/env.ts';
import type { Logger } from '../log.ts';
import { postgresChannelStories } from './channels/postgres.ts';
import { DEFAULT_DB, openSqliteChannelStories } from './channels/sqlite.ts';
import type { ChannelStoryStore } from './channels/store.ts';
import { guardedFeedback } from './feedback/guarded.ts';
import { postgresFeedback } from './feedback/postgres.ts';
import { openSqliteFeedback } from './feedback/sqlite.ts';
import type { FeedbackStore } from './feedback/store.ts';
import { openPostgres } from './postgres/database.ts';
import { createRedisStore } from './redis-store.ts';
import { createMemoryStore, type SharedStore } from './store.ts';

/** The stores of one process. */
export interface Stores {
  readonly store: SharedStore;
  /** Channels' default stories; null when one story is served (nothing to choose). */
  readonly channels: ChannelStoryStore | null;
  /** Answers sent and the votes on them. */
  readonly feedback: FeedbackStore;
  close(): Promise<void>;
}

/**
 * Opens the stores. `stories` false (one story served) opens no channel store: there is no story
 * to choose.
 *
 * @example
 * const stores = await openStores(readEnv(process.env), log, true);
 */
export async function openStores(
  env: Pick<RiftEnv, 'redisUrl' | 'databaseUrl' | 'db'>,
  log: Logger,
  stories: boolean,
): Promise<Stores> {
  const store = env.redisUrl ? await createRedisStore({ url: env.redisUrl }) : createMemoryStore();
  let channels: ChannelStoryStore | null = null;
  let feedback: FeedbackStore;
  let closeDatabase = async () => {};
  try {
    if (env.databaseUrl) {
      const pool = await openPostgres({ url: env.databaseUrl });
      if (stories) channels = postgresChannelStories(pool);
      feedback = guardedFeedback(postgresFeedback(pool), log);
      closeDatabase = () => pool.end();
    } else {
      const file = env.db ?? DEFAULT_DB;
      feedback = openSqliteFeedback(file);
      const sqliteFeedback = feedback;
      try {
        if (stories) channels = openSqliteChannelStories(file);
      } catch (error) {
        await sqliteFeedback.close();
        throw error;
      }
      const sqliteChannels = channels;
      closeDatabase = async () => {
        await sqliteChannels?.close();
        await sqliteFeedback.close();
      };
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  log.info('stores open', {
    shared: env.redisUrl ? 'redis' : 'memory',
    durable: env.databaseUrl ? 'postgresql' : 'sqlite',
  });
  return {
    store,
    channels,
    feedback,
    async close() {
      await closeDatabase();
      await store.close();
    },
  };
}
