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
  /** The value stored under `key` by {@link SharedStore.set}, or null when none is live. */
  get(key: string): Promise<string | null>;
  /** Stores `value` under `key` for `ttlMs`, replacing what was there (Redis `SET key v PX ttl`). */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}

/**
 * The kinds of key rift stores, named by the key's prefix up to the first `:`. Each kind has its
 * own budget, so a flood of one (autocomplete deliveries, say) can never evict another (the rate
 * counters that keep limits on). `conv` holds conversations (a thread's earlier questions).
 */
export const KEY_KINDS = ['rate', 'seen', 'replay', 'conv'] as const;

/** Keys kept per kind unless {@link MemoryStoreOptions.maxKeys} says otherwise. */
export const DEFAULT_MAX_KEYS_PER_KIND = 100_000;

/**
 * Budgets that differ from {@link DEFAULT_MAX_KEYS_PER_KIND}: a conversation is a few KB where a
 * counter is a few bytes, so fewer are kept (10,000 threads of at most 4 KB is 40 MB).
 */
export const DEFAULT_MAX_KEYS: Readonly<Record<string, number>> = { conv: 10_000 };

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * The most keys kept per kind (the prefix before the first `:`): one number for every kind, or
   * a budget per kind (kinds not named get {@link DEFAULT_MAX_KEYS} or
   * {@link DEFAULT_MAX_KEYS_PER_KIND}). Beyond it, the keys of that kind closest to expiry go
   * first, so memory stays bounded.
   */
  readonly maxKeys?: number | Readonly<Record<string, number>>;
  /** Clock, for tests. */
  readonly now?: () => number;
}

interface Entry {
  count: number;
  value: string | null;
  readonly expires: number;
  readonly ttl: number;
}

/** The keys of one kind: every key once in `index`, and once in the bucket of its ttl. */
interface Partition {
  /** One map per time-to-live, each in insertion order, which is its expiry order. */
  readonly buckets: Map<number, Map<string, Entry>>;
  readonly index: Map<string, Entry>;
  readonly max: number;
}

/**
 * The default store: Maps in this process, with per-key expiry and a bound per key kind.
 * Correct for one process; with several replicas each keeps its own counts, so limits apply per
 * replica and a duplicate reaching two replicas may be answered twice.
 *
 * A key is found whatever time-to-live it is asked with (a replayed request signed a second
 * later asks with a shorter one). Eviction is correct across time-to-lives: within a kind, keys
 * are grouped by ttl, so each group's insertion order is its expiry order; expired keys are
 * swept from the front of every group, and when the kind is still over budget the key expiring
 * soonest, whichever group holds it, goes first.
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
    return max?.[kind] ?? DEFAULT_MAX_KEYS[kind] ?? DEFAULT_MAX_KEYS_PER_KIND;
  };
  const partitions = new Map<string, Partition>();
  const partitionOf = (key: string): Partition => {
    const colon = key.indexOf(':');
    const kind = colon < 0 ? '' : key.slice(0, colon);
    let partition = partitions.get(kind);
    if (!partition) {
      partition = { buckets: new Map(), index: new Map(), max: Math.max(1, budget(kind)) };
      partitions.set(kind, partition);
    }
    return partition;
  };
  const remove = (partition: Partition, key: string, entry: Entry) => {
    partition.index.delete(key);
    partition.buckets.get(entry.ttl)?.delete(key);
  };
  const live = (key: string): Entry | undefined => {
    const partition = partitionOf(key);
    const entry = partition.index.get(key);
    if (entry && entry.expires <= now()) {
      remove(partition, key, entry);
      return undefined;
    }
    return entry;
  };
  const sweep = (partition: Partition, at: number) => {
    for (const entries of partition.buckets.values()) {
      for (const [key, entry] of entries) {
        if (entry.expires > at) break;
        remove(partition, key, entry);
      }
    }
  };
  const evictSoonest = (partition: Partition) => {
    let soonest: { key: string; entry: Entry } | null = null;
    for (const entries of partition.buckets.values()) {
      const first = entries.entries().next();
      if (first.done) continue;
      const [key, entry] = first.value;
      if (!soonest || entry.expires < soonest.entry.expires) soonest = { key, entry };
    }
    if (!soonest) return false;
    remove(partition, soonest.key, soonest.entry);
    return true;
  };
  const add = (key: string, ttlMs: number, value: string | null) => {
    const partition = partitionOf(key);
    const existing = partition.index.get(key);
    if (existing) remove(partition, key, existing);
    const at = now();
    if (partition.index.size >= partition.max) sweep(partition, at);
    while (partition.index.size >= partition.max && evictSoonest(partition)) {}
    const entry: Entry = { count: 1, value, expires: at + ttlMs, ttl: ttlMs };
    let bucket = partition.buckets.get(ttlMs);
    if (!bucket) {
      bucket = new Map();
      partition.buckets.set(ttlMs, bucket);
    }
    bucket.set(key, entry);
    partition.index.set(key, entry);
    return entry;
  };
  return {
    async increment(key, ttlMs) {
      const entry = live(key);
      if (!entry) return add(key, ttlMs, null).count;
      entry.count += 1;
      return entry.count;
    },
    async claim(key, ttlMs) {
      if (live(key)) return false;
      add(key, ttlMs, null);
      return true;
    },
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlMs) {
      add(key, ttlMs, value);
    },
    async close() {
      partitions.clear();
    },
  };
}
