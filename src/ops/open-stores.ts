/**
 * Opens the stores the environment asks for, once, at start-up: the shared counters on Redis
 * (`REDIS_URL`) or in memory, and the durable store on PostgreSQL (`DATABASE_URL`, migrated at
 * start-up) or SQLite (`RIFT_DB`, default `.rift/rift.db`). A server that cannot be reached fails
 * start-up with a message naming the variable.
 */
import type { RiftEnv } from '../config/env.ts';
import type { Logger } from '../log.ts';
import { postgresChannelStories } from './channels/postgres.ts';
import { DEFAULT_DB, openSqliteChannelStories } from './channels/sqlite.ts';
import type { ChannelStoryStore } from './channels/store.ts';
import { openPostgres } from './postgres/database.ts';
import { createRedisStore } from './redis-store.ts';
import { createMemoryStore, type SharedStore } from './store.ts';

/** The stores of one process. */
export interface Stores {
  readonly store: SharedStore;
  /** Channels' default stories; null when one story is served (nothing to choose). */
  readonly channels: ChannelStoryStore | null;
  close(): Promise<void>;
}

/**
 * Opens the stores. `durable` false (one story served) opens no database.
 *
 * @example
 * const stores = await openStores(readEnv(process.env), log, true);
 */
export async function openStores(
  env: Pick<RiftEnv, 'redisUrl' | 'databaseUrl' | 'db'>,
  log: Logger,
  durable: boolean,
): Promise<Stores> {
  const store = env.redisUrl ? await createRedisStore({ url: env.redisUrl }) : createMemoryStore();
  let channels: ChannelStoryStore | null = null;
  let closeDatabase = async () => {};
  try {
    if (durable && env.databaseUrl) {
      const pool = await openPostgres({ url: env.databaseUrl });
      channels = postgresChannelStories(pool);
      closeDatabase = () => pool.end();
    } else if (durable) {
      channels = openSqliteChannelStories(env.db ?? DEFAULT_DB);
      const sqlite = channels;
      closeDatabase = () => sqlite.close();
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  log.info('stores open', {
    shared: env.redisUrl ? 'redis' : 'memory',
    durable: channels ? (env.databaseUrl ? 'postgresql' : 'sqlite') : null,
  });
  return {
    store,
    channels,
    async close() {
      await closeDatabase();
      await store.close();
    },
  };
}
