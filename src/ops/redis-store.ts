/**
 * The {@link SharedStore} for several replicas: Redis through ioredis. Every operation is one
 * atomic server-side step, so two replicas counting the same key at once never lose a count:
 * `increment` is `INCR` then, for a new counter, `PEXPIRE`, inside one Lua script; `claim` is
 * `SET key 1 NX PX ttl`; a conversation's turns are one value, `SET key value PX ttl`.
 *
 * While Redis is unreachable a call fails fast (no offline queue, a short command timeout) instead
 * of waiting: the gate decides what a failure means (see `ops/gate.ts`), and the client keeps
 * reconnecting in the background, so rift recovers when the server returns.
 */
import { Redis } from 'ioredis';
import { withoutPassword } from './server-url.ts';
import type { SharedStore } from './store.ts';

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` (`REDIS_URL`). */
  readonly url: string;
  /** Prepended to every key, so several deployments can share one server; default `rift:`. */
  readonly prefix?: string;
  /** How long one command may take before it fails; default 1000 ms. */
  readonly commandTimeoutMs?: number;
}

/** INCR, and PEXPIRE on the first increment only: a fixed window, in one atomic step. */
const INCREMENT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** The longest wait between reconnection attempts. */
const MAX_RECONNECT_MS = 2000;

/**
 * Connects to Redis. Resolves once connected, so a wrong `REDIS_URL` fails start-up with a clear
 * message rather than the first request.
 *
 * @example
 * const store = await createRedisStore({ url: 'redis://127.0.0.1:6379' });
 * await store.increment('rate:slack:user:U061F7AUR', 60_000) // 1
 */
export async function createRedisStore(options: RedisStoreOptions): Promise<SharedStore> {
  const redis = new Redis(options.url, {
    keyPrefix: options.prefix ?? 'rift:',
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 100, MAX_RECONNECT_MS),
  });
  // Connection errors also reject the calls that meet them; the gate logs those, once.
  redis.on('error', () => {});
  redis.defineCommand('riftIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `Cannot reach Redis at REDIS_URL (${withoutPassword(options.url)}): ${(error as Error).message}. Start the server or fix REDIS_URL.`,
    );
  }
  const increment = (
    redis as unknown as { riftIncrement(key: string, ttl: number): Promise<number> }
  ).riftIncrement.bind(redis);
  return {
    async increment(key, ttlMs) {
      return Number(await increment(key, Math.max(1, Math.round(ttlMs))));
    },
    async claim(key, ttlMs) {
      return (await redis.set(key, '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
    },
    async get(key) {
      return redis.get(key);
    },
    async set(key, value, ttlMs) {
      await redis.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async close() {
      redis.disconnect();
    },
  };
}
