import 'dotenv/config';
import { channelStories } from './adapters/channel-story.ts';
import { type ShardedDiscord, startDiscordShards } from './adapters/discord/shard.ts';
import { startDiscord } from './adapters/discord/start.ts';
import type { RunningAdapter } from './adapters/running.ts';
import { startSlack } from './adapters/slack/start.ts';
import { runConsole } from './adapters/terminal/console.ts';
import type { OpenRiftOptions } from './commands/rift.ts';
import { readEnv, urlSecrets } from './config/env.ts';
import { loadOpsConfig, type OpsConfig } from './config/rift-config.ts';
import { RiftError } from './core/errors.ts';
import { createLogger, scrub } from './log.ts';
import { createConversationStore } from './ops/conversations.ts';
import { createRequestGate } from './ops/gate.ts';
import { openStores, type Stores } from './ops/open-stores.ts';
import { openServingLibrary } from './runtime/serving-library.ts';
import { openServingRift, type ServingRift } from './runtime/serving-rift.ts';

/** Options of {@link start}. */
export interface StartOptions extends OpenRiftOptions {
  /**
   * `main` (default): every platform whose credentials are set, Discord through the
   * ShardingManager when `DISCORD_SHARDS` is set. `shard`: one Discord shard only, as a process
   * spawned by the ShardingManager. `console`: the terminal console only (`rift console`).
   */
  readonly role?: 'main' | 'shard' | 'console';
  /** Console only: print one JSON object per reply. */
  readonly json?: boolean;
}

/** How long after shutdown the process may linger on a stray handle before it is ended. */
const EXIT_LINGER_MS = 2000;

/**
 * `npm start`: reads the environment and `config/rift.json` once, loads the story once, starts
 * every adapter whose credentials are present (Discord, Slack, or both), and the terminal console
 * when none is. While the bots run, new or changed articles are picked up (file watch, SIGHUP)
 * and SIGINT/SIGTERM shut down gracefully. Returns the exit status.
 */
export async function start(options: StartOptions = {}): Promise<number> {
  const role = options.role ?? 'main';
  let env: ReturnType<typeof readEnv>;
  let ops: OpsConfig;
  try {
    env = readEnv(process.env);
    ops = loadOpsConfig(env.opsConfig ?? null);
  } catch (error) {
    process.stderr.write(`rift: ${(error as Error).message}\n`);
    return 2;
  }
  const secrets = [
    env.discord?.token,
    env.slack?.botToken,
    env.slack?.signingSecret,
    env.slack?.appToken,
    ...urlSecrets(env.slack?.apiUrl ?? null),
    ...urlSecrets(env.discord?.apiUrl ?? null),
  ].filter((s): s is string => Boolean(s));
  const log = createLogger(undefined, secrets, {
    level: env.logLevel ?? 'info',
    // discord.js's ShardingManager gives each shard process its id in SHARDS.
    ...(role === 'shard' ? { fields: { shard: Number(process.env.SHARDS) } } : {}),
  });
  // Listen before building: a build can take minutes, and a signal must still stop rift then.
  const building = new AbortController();
  const stopRequested = new Promise<string>((resolve) => {
    const stop = (signal: string) => {
      building.abort();
      resolve(signal);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  // A stories folder serves several stories; an explicit corpus or config serves that one story.
  const storiesDir = options.corpus || options.config ? null : (env.stories ?? ops.stories ?? null);
  log.info(storiesDir ? 'building the stories' : 'building the story', {
    budgetMs: ops.runtime.buildMs,
    ...(storiesDir ? { stories: storiesDir } : {}),
  });
  let rift: ServingRift;
  try {
    rift = storiesDir
      ? await openServingLibrary({
          dir: storiesDir,
          cache: env.cache,
          log,
          runtime: ops.runtime,
          limits: ops.corpus,
          signal: building.signal,
        })
      : await openServingRift({
          corpus: options.corpus ?? env.corpus,
          config: options.config ?? env.config,
          cache: env.cache,
          log,
          runtime: ops.runtime,
          limits: ops.corpus,
          signal: building.signal,
        });
  } catch (error) {
    if (building.signal.aborted) {
      log.info('rift stopped during start-up');
      return 0;
    }
    if (!(error instanceof RiftError)) throw error;
    process.stderr.write(`rift: ${scrub(error.message, secrets)}\n`);
    return 2;
  }
  if (role === 'console' || (role === 'main' && !env.discord && !env.slack)) {
    await Promise.race([
      runConsole(rift, {
        input: process.stdin,
        output: process.stdout,
        json: options.json ?? false,
        prompt: process.stdin.isTTY === true,
      }),
      stopRequested,
    ]);
    await rift.close();
    // Standard input may still be open after a signal; nothing else is left to wait for.
    setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_LINGER_MS).unref();
    return 0;
  }
  if (role === 'shard' && !env.discord) {
    process.stderr.write('rift: a Discord shard needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.\n');
    await rift.close();
    return 2;
  }
  // A last line of defence: one failed reply must never take the process down.
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled rejection', { error: String(reason) }),
  );
  let stores: Stores;
  try {
    stores = await openStores(env, log, storiesDir !== null);
  } catch (error) {
    process.stderr.write(`rift: ${scrub((error as Error).message, secrets)}\n`);
    await rift.close();
    return 2;
  }
  const { store, feedback } = stores;
  // Conversations live in the shared store, so a server store shares them between replicas.
  const conversations = createConversationStore(store, log);
  const gate = createRequestGate({
    store,
    limits: ops.rateLimits,
    dedupeSeconds: ops.dedupeSeconds,
    onStoreFailure: ops.sharedStore.onFailure,
    log,
  });
  const channels = stores.channels ? channelStories({ store: stores.channels, log }) : undefined;
  const graceMs = ops.shutdownGraceMs;
  const adapters: RunningAdapter[] = [];
  let sharded: ShardedDiscord | null = null;
  try {
    const discord = env.discord;
    if (discord && role === 'main' && discord.shards) {
      sharded = await startDiscordShards(discord, log, { shards: discord.shards, graceMs });
      adapters.push(sharded);
    } else if (discord) {
      adapters.push(
        await startDiscord(rift, discord, log, {
          gate,
          graceMs,
          feedback,
          conversations,
          ...(channels ? { channels } : {}),
        }),
      );
    }
    if (env.slack && role === 'main')
      adapters.push(
        await startSlack(rift, env.slack, log, {
          gate,
          store,
          graceMs,
          http: ops.http,
          admins: env.slackAdmins ?? [],
          ...(channels ? { channels } : {}),
          feedback,
          conversations,
        }),
      );
  } catch (error) {
    process.stderr.write(`rift: could not start: ${scrub((error as Error).message, secrets)}\n`);
    await Promise.allSettled(adapters.map((a) => a.stop()));
    await rift.close();
    await stores.close();
    return error instanceof RiftError ? 2 : 1;
  }
  // The manager's shards each watch and reload their own story; the main process watches its own.
  if (ops.reload.watch) rift.watch(ops.reload.debounceMs);
  const onHangup = () => {
    void rift.reload('SIGHUP');
    sharded?.hangup();
  };
  process.on('SIGHUP', onHangup);
  log.info('rift started', {
    role,
    adapters: adapters.map((a) => a.name),
    articles: rift.corpusSize,
    rateLimits: ops.rateLimits,
    runtime: ops.runtime,
    sharedStore: env.redisUrl ? 'redis' : 'memory',
    durableStore: env.databaseUrl ? 'postgresql' : 'sqlite',
  });

  const signal = await stopRequested;
  log.info('rift stopping', { signal, inFlightGraceMs: graceMs });
  // A second signal means "now": skip the grace period. A shard ignores it: Ctrl-C reaches the
  // shards and their manager alike, and the manager's SIGTERM must not cut a shard's grace short.
  const again =
    role === 'shard'
      ? () => log.info('rift already stopping')
      : () => {
          log.warn('rift stopping at once');
          process.exit(1);
        };
  process.on('SIGINT', again);
  process.on('SIGTERM', again);
  process.off('SIGHUP', onHangup);
  await Promise.allSettled(adapters.map((a) => a.stop()));
  await rift.close();
  await stores.close();
  log.info('rift stopped');
  // Everything is closed; if a library left a handle open, do not hang on it.
  setTimeout(() => process.exit(process.exitCode ?? 0), EXIT_LINGER_MS).unref();
  return 0;
}
