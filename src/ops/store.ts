/**
 * The state rift shares between requests: rate-limit counters and the ids of deliveries already
 * answered. One process uses the in-memory store; several replicas (Slack HTTP mode behind a load
 * balancer, Discord shards) can share one by implementing {@link SharedStore} over Redis or
 * similar (`INCR` + `PEXPIRE` for `increment`, `SET key 1 NX PX ttl` for `claim`).
 */

/** A small key-value store with expiry. Every method may be asynchronous (a network store). */
export interface SharedStore {
  /**
   * Adds one to the counter `key` and returns the new count; a new counter expires `ttlMs`
   * after its first increment (a fixed window).
   */
  increment(key: string, ttlMs: number): Promise<number>;
  /**
   * Claims `key` for `ttlMs`: true for the first caller, false while the claim lasts. Used to
   * answer a delivery once however often it arrives.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** The most keys kept; the oldest go first beyond it, so memory stays bounded. Default 100,000. */
  readonly maxKeys?: number;
  /** Clock, for tests. */
  readonly now?: () => number;
}

/**
 * The default store: a Map in this process, with expiry checked on read and a bound on size.
 * Correct for one process; with several replicas each keeps its own counts, so limits apply per
 * replica and a duplicate reaching two replicas may be answered twice.
 *
 * @example
 * const store = createMemoryStore();
 * await store.claim('discord:1302000000000000001', 60_000) // true
 * await store.claim('discord:1302000000000000001', 60_000) // false
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SharedStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  // One map per time-to-live: in each, insertion order is expiry order, so expired keys are
  // always at the front and sweeping them is cheap. A key is always used with the same ttl.
  const buckets = new Map<number, Map<string, { count: number; expires: number }>>();
  const bucket = (ttlMs: number) => {
    let entries = buckets.get(ttlMs);
    if (!entries) {
      entries = new Map();
      buckets.set(ttlMs, entries);
    }
    return entries;
  };
  const size = () => [...buckets.values()].reduce((sum, entries) => sum + entries.size, 0);
  const live = (key: string, ttlMs: number) => {
    const entries = bucket(ttlMs);
    const entry = entries.get(key);
    if (entry && entry.expires <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const add = (key: string, ttlMs: number) => {
    const entries = bucket(ttlMs);
    const entry = { count: 1, expires: now() + ttlMs };
    entries.delete(key);
    entries.set(key, entry);
    for (const [first, value] of entries) {
      if (value.expires > now()) break;
      entries.delete(first);
    }
    // Beyond the bound, the oldest keys of this ttl go first.
    while (size() > maxKeys) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
    return entry;
  };
  return {
    async increment(key, ttlMs) {
      const entry = live(key, ttlMs);
      if (!entry) return add(key, ttlMs).count;
      entry.count += 1;
      return entry.count;
    },
    async claim(key, ttlMs) {
      if (live(key, ttlMs)) return false;
      add(key, ttlMs);
      return true;
    },
    async close() {
      buckets.clear();
    },
  };
}
