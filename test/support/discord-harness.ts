/**
 * Runs the real Discord adapter (`startDiscord`, as `npm start` does) against the local
 * stand-in, and helps tests wait for what the bot sent back.
 */
import { startDiscord } from '../../src/adapters/discord/start.ts';
import type { RunningAdapter } from '../../src/adapters/running.ts';
import type { Rift } from '../../src/commands/rift.ts';
import type { DiscordEnv } from '../../src/config/env.ts';
import { type Logger, silentLogger } from '../../src/log.ts';
import type { Actor } from './discord-interactions.ts';
import {
  type CapturedRequest,
  type DiscordStandIn,
  startDiscordStandIn,
} from './discord-standin.ts';

/** A fake bot token of the real shape; it only ever reaches the stand-in. */
export const TEST_TOKEN =
  'MTMwMjAwMDAwMDAwMDAwMDAwMQ.GxYz12.abcdefghijklmnopqrstuvwxyz0123456789AB';
/** The application (and bot user) id the stand-in and the adapter share. */
export const TEST_APPLICATION_ID = '1302000000000000001';

/** The stand-in and the adapter running against it. */
export interface DiscordHarness {
  readonly standIn: DiscordStandIn;
  readonly adapter: RunningAdapter;
  readonly env: DiscordEnv;
  /** The fixtures' member; pass `userId` for someone else. */
  readonly actor: Actor;
  /** Dispatches an interaction and resolves with the request that answered it (callback). */
  callback(payload: Record<string, unknown>): Promise<CapturedRequest>;
  /**
   * Dispatches an interaction and resolves with its final message: the edit of a deferral (type 5,
   * or 6 for a page turn), or the reply.
   */
  answer(
    payload: Record<string, unknown>,
  ): Promise<{ callback: CapturedRequest; final: CapturedRequest }>;
  close(): Promise<void>;
}

/**
 * Starts a stand-in and the adapter.
 *
 * @example
 * const h = await startDiscordHarness(fakeRift());
 * const { final } = await h.answer(chatInput(h.actor, 'why'));
 */
export async function startDiscordHarness(
  rift: Rift,
  options: { log?: Logger; interactionDeadlineMs?: number; heartbeatIntervalMs?: number } = {},
): Promise<DiscordHarness> {
  const standIn = await startDiscordStandIn({
    token: TEST_TOKEN,
    applicationId: TEST_APPLICATION_ID,
    ...(options.heartbeatIntervalMs === undefined
      ? {}
      : { heartbeatIntervalMs: options.heartbeatIntervalMs }),
    ...(options.interactionDeadlineMs === undefined
      ? {}
      : { interactionDeadlineMs: options.interactionDeadlineMs }),
  });
  const env: DiscordEnv = {
    token: TEST_TOKEN,
    applicationId: TEST_APPLICATION_ID,
    guildId: null,
    apiUrl: standIn.apiUrl,
  };
  let adapter: RunningAdapter;
  try {
    adapter = await startDiscord(rift, env, options.log ?? silentLogger);
  } catch (error) {
    await standIn.close();
    throw error;
  }
  const isCallback = (id: string) => (r: CapturedRequest) =>
    r.interactionId === id && r.path.endsWith('/callback');
  const harness: DiscordHarness = {
    standIn,
    adapter,
    env,
    actor: { applicationId: TEST_APPLICATION_ID },
    callback(payload) {
      const id = standIn.dispatch(payload);
      return standIn.waitFor(isCallback(id));
    },
    async answer(payload) {
      const id = standIn.dispatch(payload);
      const callback = await standIn.waitFor(isCallback(id));
      const type = (callback.body as { type?: number } | null)?.type;
      if (type !== 5 && type !== 6) return { callback, final: callback };
      const final = await standIn.waitFor((r) => r.interactionId === id && r.method === 'PATCH');
      return { callback, final };
    },
    async close() {
      await adapter.stop();
      await standIn.close();
    },
  };
  return harness;
}
