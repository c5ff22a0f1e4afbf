/**
 * The state rift shares between requests: rate-limit counters, the ids of deliveries already
 * answered and the signatures of signed requests already seen. One process uses the in-memory
 * store; several replicas (Slack HTTP mode behind a load balancer, Discord shards) can share one
 * by implementing {@link SharedStore} over Redis or similar (`INCR` + `PEXPIRE` for `increment`,
 * `SET key 1 NX PX ttl` for `claim`).
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

/**
 * The kinds of key rift stores, named by the key's prefix up to the first `:`. Each kind has its
 * own budget, so a flood of one (autocomplete deliveries, say) can never evict another (the rate
 * counters that keep limits on).
 */
export const KEY_KINDS = ['rate', 'seen', 'replay'] as const;

/** Keys kept per kind unless {@link MemoryStoreOptions.maxKeys} says otherwise. */
export const DEFAULT_MAX_KEYS_PER_KIND = 100_000;

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The most keys kept per kind (the prefix before the first `:`): one number for every kind, or
   * a budget per kind (kinds not named get {@link DEFAULT_MAX_KEYS_PER_KIND}). Beyond it, the keys
   * of that kind closest to expiry go first, so memory stays bounded.
   */
  readonly maxKeys?: number | Readonly<Record<string, number>>;
  /** Clock, for tests. */
  readonly now?: () => number;
}

interface Entry {
  count: number;
  readonly expires: number;
}

/** The keys of one kind: one map per time-to-live, each in expiry order. */
interface Partition {
  readonly buckets: Map<number, Map<string, Entry>>;
  size: number;
  readonly max: number;
}

/**
 * The default store: Maps in this process, with per-key expiry and a bound per key kind.
 * Correct for one process; with several replicas each keeps its own counts, so limits apply per
 * replica and a duplicate reaching two replicas may be answered twice.
 *
 * Eviction is correct across time-to-lives: within a kind, keys are grouped by ttl, so each
 * group's insertion order is its expiry order; expired keys are swept from the front of every
 * group, and when the kind is still over budget the key expiring soonest, whichever group holds
 * it, goes first.
 *
 * @example
 * const store = createMemoryStore();
 * await store.claim('seen:discord:1302000000000000001', 60_000) // true
 * await store.claim('seen:discord:1302000000000000001', 60_000) // false
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): SharedStore {
  const now = options.now ?? Date.now;
  const budget = (kind: string): number => {
    const max = options.maxKeys;
    if (typeof max === 'number') return max;
    return max?.[kind] ?? DEFAULT_MAX_KEYS_PER_KIND;
  };
  const partitions = new Map<string, Partition>();
  const partitionOf = (key: string): Partition => {
    const colon = key.indexOf(':');
    const kind = colon < 0 ? '' : key.slice(0, colon);
    let partition = partitions.get(kind);
    if (!partition) {
      partition = { buckets: new Map(), size: 0, max: Math.max(1, budget(kind)) };
      partitions.set(kind, partition);
    }
    return partition;
  };
  const bucketOf = (partition: Partition, ttlMs: number) => {
    let entries = partition.buckets.get(ttlMs);
    if (!entries) {
      entries = new Map();
      partition.buckets.set(ttlMs, entries);
    }
    return entries;
  };
  const live = (key: string, ttlMs: number) => {
    const partition = partitionOf(key);
    const entries = bucketOf(partition, ttlMs);
    const entry = entries.get(key);
    if (entry && entry.expires <= now()) {
      entries.delete(key);
      partition.size -= 1;
      return undefined;
    }
    return entry;
  };
  const sweep = (partition: Partition, at: number) => {
    for (const entries of partition.buckets.values()) {
      for (const [key, entry] of entries) {
        if (entry.expires > at) break;
        entries.delete(key);
        partition.size -= 1;
      }
    }
  };
  const evictSoonest = (partition: Partition) => {
    let soonest: { entries: Map<string, Entry>; key: string; expires: number } | null = null;
    for (const entries of partition.buckets.values()) {
      const first = entries.entries().next();
      if (first.done) continue;
      const [key, entry] = first.value;
      if (!soonest || entry.expires < soonest.expires)
        soonest = { entries, key, expires: entry.expires };
    }
    if (!soonest) return false;
    soonest.entries.delete(soonest.key);
    partition.size -= 1;
    return true;
  };
  const add = (key: string, ttlMs: number) => {
    const partition = partitionOf(key);
    const entries = bucketOf(partition, ttlMs);
    const at = now();
    const entry: Entry = { count: 1, expires: at + ttlMs };
    if (entries.delete(key)) partition.size -= 1;
    if (partition.size >= partition.max) sweep(partition, at);
    while (partition.size >= partition.max && evictSoonest(partition)) {}
    entries.set(key, entry);
    partition.size += 1;
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
      partitions.clear();
    },
  };
}
