/**
 * Starts the Discord adapter: one discord.js client, no privileged intents, answering `/rift`
 * interactions, the "Ask rift" message menu, and mentions, replies and DMs from the shared core.
 */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Rift } from '../../commands/rift.ts';
import type { DiscordEnv } from '../../config/env.ts';
import type { Logger } from '../../log.ts';
import { type ConversationStore, createConversationStore } from '../../ops/conversations.ts';
import { createMemoryFeedback } from '../../ops/feedback/memory.ts';
import type { FeedbackStore } from '../../ops/feedback/store.ts';
import { createRequestGate, type RequestGate } from '../../ops/gate.ts';
import { createMemoryStore } from '../../ops/store.ts';
import type { ChannelStoriesHelper } from '../channel-story.ts';
import type { RunningAdapter } from '../running.ts';
import { guardInteractions } from './guard.ts';
import { answerRenderer, createInteractionHandler } from './interactions.ts';
import { createMessageHandler } from './messages.ts';
import { NO_MENTIONS } from './render.ts';

/**
 * The gateway intents rift uses, none privileged: Guilds (the channels messages arrive in),
 * GuildMessages (mentions of rift and replies to it) and DirectMessages (DMs). Without
 * MessageContent, Discord still gives rift the text of DMs and of messages that mention it.
 */
export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
] as const;

/**
 * Builds the discord.js client for rift: the intents above, the partial channel a first DM
 * arrives in, and mentions off by default on every message. `apiUrl` points REST (and so the gateway URL, which
 * discord.js reads from `GET /gateway/bot`) at a proxy or a local stand-in.
 */
export function createDiscordClient(env: DiscordEnv): Client {
  return new Client({
    intents: [...DISCORD_INTENTS],
    partials: [Partials.Channel],
    allowedMentions: NO_MENTIONS,
    rest: env.apiUrl ? { api: env.apiUrl.replace(/\/+$/, '') } : {},
  });
}

/** Options of {@link startDiscord}. */
export interface DiscordStartOptions {
  /** Rate limits and redelivery detection; default: in-memory dedupe, no rate limits. */
  readonly gate?: RequestGate;
  /** How long `stop()` waits for replies under way; default 10 s. */
  readonly graceMs?: number;
  /** Where answers and their 👍/👎 are kept; default in memory (`npm start` opens SQLite). */
  readonly feedback?: FeedbackStore;
  /** Where reply chains' and DMs' earlier turns are kept; default in memory. */
  readonly conversations?: ConversationStore;
  /** With a stories folder: channels' default stories (`use`). */
  readonly channels?: ChannelStoriesHelper;
}

/**
 * Logs in, waits until the gateway session is ready and answers interactions until stopped.
 * Rejects when login fails (bad token, unreachable API). When started by discord.js's
 * ShardingManager, the client reads its shard from the environment (`SHARDS`, `SHARD_COUNT`).
 *
 * @example
 * const discord = await startDiscord(openRift(), env.discord, createLogger());
 * // later: await discord.stop();
 */
export async function startDiscord(
  rift: Rift,
  env: DiscordEnv,
  log: Logger,
  options: DiscordStartOptions = {},
): Promise<RunningAdapter> {
  const client = createDiscordClient(env);
  const gate = options.gate ?? createRequestGate();
  const feedback = options.feedback ?? createMemoryFeedback();
  const conversations = options.conversations ?? createConversationStore(createMemoryStore());
  const handle = createInteractionHandler(
    rift,
    log,
    gate,
    feedback,
    conversations,
    options.channels ?? null,
  );
  const onMessage = createMessageHandler({
    rift,
    log,
    gate,
    answers: answerRenderer(rift, feedback),
    conversations,
    channels: options.channels ?? null,
  });
  const graceMs = options.graceMs ?? 10_000;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;

  guardInteractions(client, log);
  client.on(Events.InteractionCreate, (interaction) => {
    if (stopping) return;
    const work = handle(interaction).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  client.on(Events.MessageCreate, (message) => {
    if (stopping) return;
    const work = onMessage(message).finally(() => inFlight.delete(work));
    inFlight.add(work);
  });
  // Without a listener an 'error' event would throw; log it and keep serving.
  client.on(Events.Error, (error) => log.error('discord client error', { error: error.message }));
  client.on(Events.Warn, (message) => log.warn('discord warning', { message }));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(env.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  log.info('discord ready', { user: client.user?.tag ?? null, application: env.applicationId });

  return {
    name: 'discord',
    async stop() {
      // New interactions are ignored from here; the ones under way get `graceMs` to finish.
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
      await client.destroy();
      log.info('discord stopped');
    },
  };
}
