/**
 * `config/rift.json`: how rift runs, as opposed to what story it tells. Rate limits, how long a
 * delivery id is remembered, file watching and the shutdown grace period. Every field is optional;
 * a missing file means the defaults. Validated once at start-up with a zod schema.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { type CorpusLimits, DEFAULT_CORPUS_LIMITS } from '../core/corpus/load.ts';
import { RiftError } from '../core/errors.ts';
import { PROJECT_ROOT } from './story-config.ts';

/** The operations config used when `RIFT_OPS_CONFIG` names none. */
export const DEFAULT_OPS_CONFIG = resolve(PROJECT_ROOT, 'config/rift.json');

/** At most `max` requests per `perSeconds` seconds. */
export interface RateLimit {
  readonly max: number;
  readonly perSeconds: number;
}

/** How the core runs off the event loop: see README, Operations. */
export interface RuntimeConfig {
  /** Most story worker threads at once, each with its own copy of the story. */
  readonly workers: number;
  /**
   * Story workers started with the story and always kept (at most {@link workers}). The others
   * start only when a request finds every worker busy, and stop after {@link workerIdleMs} idle.
   */
  readonly minWorkers: number;
  /** How long a story worker beyond {@link minWorkers} may wait for a request before it stops. */
  readonly workerIdleMs: number;
  /** How long a request waits for busy story workers before another one is started for it. */
  readonly workerStartAfterMs: number;
  /**
   * Keep a spare thread with the code loaded (and no story) while there is room for another
   * story worker: a worker started on demand then only loads the story.
   */
  readonly spareWorker: boolean;
  /** Time budget of one request (a question, a view, an autocomplete); past it the work is stopped. */
  readonly requestMs: number;
  /**
   * Time budget of building or reloading the story: this much, plus {@link buildMsPerMB} for
   * each megabyte of articles (see `buildBudgetMs` in src/runtime/build-budget.ts).
   */
  readonly buildMs: number;
  /** What each megabyte of article text adds to the build budget. */
  readonly buildMsPerMB: number;
  /** Requests waiting for a free worker beyond this many are answered "busy" at once. */
  readonly queueMax: number;
}

/** Bounds on Slack HTTP mode's server, applied before any request is authenticated. */
export interface HttpLimits {
  /** Largest request body read; a larger one gets 413 before its signature is checked. */
  readonly maxBodyBytes: number;
  /** Time allowed to receive a request's headers. */
  readonly headersTimeoutMs: number;
  /** Time allowed to receive a whole request (a slow sender is cut off). */
  readonly requestTimeoutMs: number;
  /** Open connections at most; more are refused. */
  readonly maxConnections: number;
}

/** Operations config with every default resolved. */
export interface OpsConfig {
  /** The file it was read from, or null for the built-in defaults. */
  readonly file: string | null;
  /**
   * Questions per person and per channel; button clicks per person, counted apart so paging a
   * long list never uses up questions. null turns a limit off.
   */
  readonly rateLimits: {
    readonly user: RateLimit | null;
    readonly channel: RateLimit | null;
    readonly clicks: RateLimit | null;
  };
  /** How long an interaction or event id is remembered, to answer a redelivery once. */
  readonly dedupeSeconds: number;
  /** Corpus watching: reload when article files change, after `debounceMs` of quiet. */
  readonly reload: { readonly watch: boolean; readonly debounceMs: number };
  /** How long shutdown waits for replies under way before closing anyway. */
  readonly shutdownGraceMs: number;
  readonly runtime: RuntimeConfig;
  readonly http: HttpLimits;
  readonly corpus: CorpusLimits;
  /**
   * A stories folder (one sub-folder per story), resolved against the config file's folder; null
   * for one story. `RIFT_STORIES` takes precedence.
   */
  readonly stories: string | null;
  /** While the shared store (Redis) is unreachable, rate limits fail `open` or `closed`. */
  readonly sharedStore: { readonly onFailure: 'open' | 'closed' };
}

const rateLimit = z.strictObject({
  max: z.int().min(1).max(10_000),
  perSeconds: z.number().min(1).max(86_400),
});

const schema = z.strictObject({
  $comment: z.string().optional(),
  stories: z.string().min(1).max(4096).optional(),
  sharedStore: z.strictObject({ onFailure: z.enum(['open', 'closed']).optional() }).optional(),
  rateLimits: z
    .strictObject({
      user: rateLimit.nullable().optional(),
      channel: rateLimit.nullable().optional(),
      clicks: rateLimit.nullable().optional(),
    })
    .optional(),
  dedupeSeconds: z.number().min(1).max(86_400).optional(),
  reload: z
    .strictObject({
      watch: z.boolean().optional(),
      debounceMs: z.int().min(0).max(60_000).optional(),
    })
    .optional(),
  shutdownGraceMs: z.int().min(0).max(120_000).optional(),
  runtime: z
    .strictObject({
      workers: z.int().min(1).max(16).optional(),
      minWorkers: z.int().min(1).max(16).optional(),
      workerIdleMs: z.int().min(1000).max(86_400_000).optional(),
      workerStartAfterMs: z.int().min(0).max(60_000).optional(),
      spareWorker: z.boolean().optional(),
      requestMs: z.int().min(100).max(600_000).optional(),
      buildMs: z.int().min(1000).max(3_600_000).optional(),
      buildMsPerMB: z.int().min(0).max(3_600_000).optional(),
      queueMax: z.int().min(0).max(100_000).optional(),
    })
    .optional(),
  corpus: z
    .strictObject({
      maxArticleBytes: z.int().min(1024).max(1_073_741_824).optional(),
      maxArticles: z.int().min(1).max(10_000_000).optional(),
    })
    .optional(),
  http: z
    .strictObject({
      maxBodyBytes: z.int().min(1024).max(10_485_760).optional(),
      headersTimeoutMs: z.int().min(100).max(120_000).optional(),
      requestTimeoutMs: z.int().min(100).max(300_000).optional(),
      maxConnections: z.int().min(1).max(100_000).optional(),
    })
    .optional(),
});

/** Defaults: generous enough that nobody asking by hand meets them. */
export const DEFAULT_OPS: Omit<OpsConfig, 'file'> = {
  rateLimits: {
    user: { max: 10, perSeconds: 60 },
    channel: { max: 60, perSeconds: 60 },
    clicks: { max: 60, perSeconds: 60 },
  },
  dedupeSeconds: 900,
  reload: { watch: true, debounceMs: 500 },
  shutdownGraceMs: 10_000,
  // A seeds-sized story builds in about a second, 1,000 articles (4 MB) in 8-20 s on two busy
  // cores (npm run bench): 60 s plus 10 s per MB leaves room for a cold start (word vectors
  // converted) and a loaded machine, while a pattern that backtracks stalls start-up for a
  // minute or so, not five.
  // One story worker, and a second only while a question has waited a second for a busy one:
  // each is a whole copy of the story (about 80 MB at 1,000 articles), which a second worker kept
  // for life would add to the process's peak whether two questions ever overlap or not (see
  // README, Operations). A second, not less: at 1,000 articles a question's p99 is about 100 ms
  // (300 ms for the later of two asked at once on a busy machine), so a wait of a second means
  // the worker is stuck, not merely busy; at 250 ms ordinary overlaps started a second copy
  // (two at a time 1.15x the in-process peak, against 1.02x with none started).
  runtime: {
    workers: 2,
    minWorkers: 1,
    workerIdleMs: 60_000,
    workerStartAfterMs: 1000,
    // Off: at 1,000 articles it halved a worker's start (about 3 s -> 1.2 to 2.3 s) but added
    // 25 to 40 MB to the process at all times, most of the margin to the memory target.
    spareWorker: false,
    requestMs: 5000,
    buildMs: 60_000,
    buildMsPerMB: 10_000,
    queueMax: 200,
  },
  http: {
    maxBodyBytes: 65_536,
    headersTimeoutMs: 5000,
    requestTimeoutMs: 10_000,
    maxConnections: 128,
  },
  corpus: DEFAULT_CORPUS_LIMITS,
  stories: null,
  sharedStore: { onFailure: 'open' },
};

// A hint per field, so a message says how to fix the value, not only that it is wrong.
const HINTS: Readonly<Record<string, string>> = {
  max: 'a whole number of requests from 1 to 10000, e.g. 10',
  perSeconds: 'a window in seconds from 1 to 86400, e.g. 60',
  dedupeSeconds: 'seconds from 1 to 86400, e.g. 900',
  debounceMs: 'milliseconds from 0 to 60000, e.g. 500',
  watch: 'true or false',
  shutdownGraceMs: 'milliseconds from 0 to 120000, e.g. 10000',
  workers: 'a whole number of worker threads from 1 to 16, e.g. 2',
  minWorkers: 'a whole number of worker threads from 1 to 16, at most runtime.workers, e.g. 1',
  workerIdleMs: 'milliseconds from 1000 to 86400000, e.g. 60000',
  workerStartAfterMs: 'milliseconds from 0 to 60000, e.g. 1000',
  spareWorker: 'true or false',
  requestMs: 'milliseconds from 100 to 600000, e.g. 5000',
  buildMs: 'milliseconds from 1000 to 3600000, e.g. 60000',
  buildMsPerMB: 'milliseconds per megabyte of articles from 0 to 3600000, e.g. 10000',
  queueMax: 'a whole number from 0 to 100000, e.g. 200',
  maxBodyBytes: 'bytes from 1024 to 10485760, e.g. 65536',
  headersTimeoutMs: 'milliseconds from 100 to 120000, e.g. 5000',
  requestTimeoutMs: 'milliseconds from 100 to 300000, e.g. 10000',
  maxConnections: 'a whole number from 1 to 100000, e.g. 128',
  maxArticleBytes: 'bytes from 1024 to 1073741824, e.g. 2097152',
  maxArticles: 'a whole number from 1 to 10000000, e.g. 20000',
  stories: 'a folder path, e.g. "stories"',
  onFailure: '"open" (answer everyone while Redis is down) or "closed" (answer nobody)',
};

/**
 * Reads and validates the operations config. `file` null reads `config/rift.json` when it exists
 * and uses the defaults when it does not; a named file must exist.
 *
 * @example
 * loadOpsConfig(null).rateLimits.user // { max: 10, perSeconds: 60 }
 */
export function loadOpsConfig(file: string | null): OpsConfig {
  const path = file ?? DEFAULT_OPS_CONFIG;
  if (!file && !existsSync(path)) return { file: null, ...DEFAULT_OPS };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new RiftError(
      'CONFIG_MISSING',
      `Operations config "${path}" cannot be read. Check the path given in RIFT_OPS_CONFIG.`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new RiftError('CONFIG_INVALID', `${path}: not valid JSON (${(error as Error).message}).`);
  }
  return parseOpsConfig(data, path);
}

/** Validates parsed operations config JSON; errors name the file, the field and the fix. */
export function parseOpsConfig(data: unknown, file: string): OpsConfig {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const field = issue.path.map(String).join('.') || '(root)';
      const last = String(issue.path.at(-1) ?? '');
      const hint = issue.path.length === 0 ? 'a JSON object' : HINTS[last];
      if (issue.code === 'unrecognized_keys')
        return `${field === '(root)' ? '' : `${field}: `}unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; see README, Operations`;
      return `"${field}" must be ${hint ?? issue.message}`;
    });
    throw new RiftError('CONFIG_INVALID', `${file}: ${problems.join('; ')}.`);
  }
  const d = parsed.data;
  const runtime: RuntimeConfig = { ...DEFAULT_OPS.runtime, ...stripUndefined(d.runtime ?? {}) };
  if (runtime.minWorkers > runtime.workers)
    throw new RiftError(
      'CONFIG_INVALID',
      `${file}: "runtime.minWorkers" must be ${HINTS.minWorkers} (it is ${runtime.minWorkers}, runtime.workers is ${runtime.workers}).`,
    );
  const limit = (value: RateLimit | null | undefined, fallback: RateLimit | null) =>
    value === undefined ? fallback : value;
  return {
    file,
    rateLimits: {
      user: limit(d.rateLimits?.user, DEFAULT_OPS.rateLimits.user),
      channel: limit(d.rateLimits?.channel, DEFAULT_OPS.rateLimits.channel),
      clicks: limit(d.rateLimits?.clicks, DEFAULT_OPS.rateLimits.clicks),
    },
    dedupeSeconds: d.dedupeSeconds ?? DEFAULT_OPS.dedupeSeconds,
    reload: {
      watch: d.reload?.watch ?? DEFAULT_OPS.reload.watch,
      debounceMs: d.reload?.debounceMs ?? DEFAULT_OPS.reload.debounceMs,
    },
    shutdownGraceMs: d.shutdownGraceMs ?? DEFAULT_OPS.shutdownGraceMs,
    runtime,
    http: { ...DEFAULT_OPS.http, ...stripUndefined(d.http ?? {}) },
    corpus: { ...DEFAULT_OPS.corpus, ...stripUndefined(d.corpus ?? {}) },
    stories: d.stories ? resolve(dirname(file), d.stories) : null,
    sharedStore: { onFailure: d.sharedStore?.onFailure ?? DEFAULT_OPS.sharedStore.onFailure },
  };
}

function stripUndefined<T extends object>(
  value: T,
): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as never;
}
