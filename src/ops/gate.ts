/**
 * The door every request passes before rift does any work: a redelivery of something already
 * answered is dropped, and someone (or a channel) asking too fast is told to slow down. State
 * lives in a {@link SharedStore}, so replicas sharing a store share limits and seen ids.
 */
import type { RateLimit } from '../config/rift-config.ts';
import type { Logger } from '../log.ts';
import { createMemoryStore, type SharedStore } from './store.ts';

/** Who asked, where; ids are the platform's own, prefixed by the caller's platform name. */
export interface Requester {
  readonly platform: 'discord' | 'slack';
  readonly userId: string | null;
  readonly channelId: string | null;
  /**
   * A question (a command, a mention, a message; the default) counts against the question
   * limits; a click on a reply rift already gave (Previous/Next, More sources, feedback, Share)
   * counts only against the click limit, so reading a long list never uses up questions.
   */
  readonly kind?: 'question' | 'click';
}

/** Whether a request may go ahead. */
export type Admission =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly scope: 'user' | 'channel' | 'clicks';
      readonly limit: RateLimit;
    }
  /** The shared store is unreachable and rate limiting fails closed. */
  | { readonly ok: false; readonly scope: 'unavailable' };

/**
 * What the gate does while its store is unreachable (Redis down): `open` answers everyone (limits
 * are off until the store returns), `closed` answers nobody. Redeliveries are always let through
 * then: answering one twice is better than answering nothing.
 */
export type StoreFailureMode = 'open' | 'closed';

/** Rate limits and redelivery detection for the adapters. */
export interface RequestGate {
  /** True the first time `deliveryId` is seen (within the dedupe window), false after. */
  firstDelivery(deliveryId: string): Promise<boolean>;
  /** Counts one request against the requester's limits. */
  admit(requester: Requester): Promise<Admission>;
}

/** Options of {@link createRequestGate}; omitted limits are off. */
export interface GateOptions {
  readonly store?: SharedStore;
  readonly limits?: {
    readonly user?: RateLimit | null;
    readonly channel?: RateLimit | null;
    /** Clicks on buttons per person. */
    readonly clicks?: RateLimit | null;
  };
  /** How long a delivery id is remembered; default 15 minutes. */
  readonly dedupeSeconds?: number;
  /** While the store is unreachable; default `open`. */
  readonly onStoreFailure?: StoreFailureMode;
  /** Where a store outage is reported (once when it starts, once when it ends). */
  readonly log?: Logger;
}

/**
 * Creates a gate. With no options: the in-memory store, no rate limits, 15 minutes of dedupe.
 *
 * @example
 * const gate = createRequestGate({ limits: { user: { max: 10, perSeconds: 60 } } });
 * await gate.admit({ platform: 'slack', userId: 'U061F7AUR', channelId: 'C0LAN2Q65' }) // { ok: true }
 */
export function createRequestGate(options: GateOptions = {}): RequestGate {
  const store = options.store ?? createMemoryStore();
  const dedupeMs = (options.dedupeSeconds ?? 900) * 1000;
  const user = options.limits?.user ?? null;
  const channel = options.limits?.channel ?? null;
  const clicks = options.limits?.clicks ?? null;
  const failClosed = options.onStoreFailure === 'closed';
  const health = storeHealth(options.log);
  const over = async (key: string, limit: RateLimit) =>
    (await store.increment(`rate:${key}`, limit.perSeconds * 1000)) > limit.max;
  return {
    async firstDelivery(deliveryId) {
      try {
        const first = await store.claim(`seen:${deliveryId}`, dedupeMs);
        health.up();
        return first;
      } catch (error) {
        health.down(error);
        return true;
      }
    },
    async admit({ platform, userId, channelId, kind = 'question' }) {
      if (kind === 'click') {
        let tooMany = false;
        try {
          tooMany = clicks && userId ? await over(`${platform}:clicks:${userId}`, clicks) : false;
          health.up();
        } catch (error) {
          // Clicks (pages, votes) are cheap: they go ahead while the store is down either way.
          health.down(error);
        }
        return tooMany && clicks ? { ok: false, scope: 'clicks', limit: clicks } : { ok: true };
      }
      // Both counters move on every request, so a denied person still counts against the channel.
      let userOver: boolean;
      let channelOver: boolean;
      try {
        [userOver, channelOver] = await Promise.all([
          user && userId ? over(`${platform}:user:${userId}`, user) : false,
          channel && channelId ? over(`${platform}:channel:${channelId}`, channel) : false,
        ]);
        health.up();
      } catch (error) {
        health.down(error);
        return failClosed ? { ok: false, scope: 'unavailable' } : { ok: true };
      }
      if (userOver && user) return { ok: false, scope: 'user', limit: user };
      if (channelOver && channel) return { ok: false, scope: 'channel', limit: channel };
      return { ok: true };
    },
  };
}

/**
 * The friendly reply to a request over its limit. Plain text: each adapter shows it privately.
 *
 * @example
 * slowDownText({ ok: false, scope: 'user', limit: { max: 10, perSeconds: 60 } })
 * // 'Slow down a little: I answer up to 10 questions per person every minute. Try again shortly.'
 */
export function slowDownText(denied: Extract<Admission, { ok: false }>): string {
  if (denied.scope === 'unavailable')
    return "I can't check rate limits right now, so I'm not answering for a moment. Please try again shortly.";
  const every = period(denied.limit.perSeconds);
  if (denied.scope === 'clicks')
    return `Slow down a little: I take up to ${denied.limit.max} button clicks per person every ${every}. Try again shortly.`;
  const who = denied.scope === 'user' ? 'per person' : 'in one channel';
  return `Slow down a little: I answer up to ${denied.limit.max} questions ${who} every ${every}. Try again shortly.`;
}

function period(seconds: number): string {
  if (seconds === 60) return 'minute';
  if (seconds === 3600) return 'hour';
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return seconds === 1 ? 'second' : `${seconds} seconds`;
}

/**
 * Tracks whether a store answers, so an outage is logged once when it starts and once when it
 * ends, not on every request in between. `name` and `meanwhile` say which store and what rift
 * does until it returns.
 */
export function storeHealth(
  log: Logger | undefined,
  name = 'shared store',
  meanwhile = 'rate limits fail open or closed as configured',
): {
  up(): void;
  down(error: unknown): void;
} {
  let failing = false;
  return {
    up() {
      if (!failing) return;
      failing = false;
      log?.info(`${name} reachable again`);
    },
    down(error) {
      if (failing) return;
      failing = true;
      log?.warn(`${name} unreachable; ${meanwhile}`, {
        error: error instanceof Error ? error.message : String(error),
      });
    },
  };
}
