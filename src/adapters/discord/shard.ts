/**
 * Many Discord servers: discord.js's ShardingManager runs one process per shard, each a normal
 * rift Discord client (see `shard-process.ts`) that reads its shard id and count from the
 * environment the manager gives it. Interactions are routed by Discord to the shard of their
 * guild, so shards share nothing but the optional store.
 */
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import type { DiscordEnv } from '../../config/env.ts';
import type { Logger } from '../../log.ts';
import type { RunningAdapter } from '../running.ts';

/** The script each shard process runs. */
export const SHARD_PROCESS_FILE = fileURLToPath(new URL('./shard-process.ts', import.meta.url));
/** Discord allows one IDENTIFY per 5 s per bucket; the manager waits this long between shards. */
export const SHARD_SPAWN_DELAY_MS = 5500;

/** The running shard processes. */
export interface ShardedDiscord extends RunningAdapter {
  /** Passes SIGHUP on to every shard, so each reloads its story. */
  hangup(): void;
}

/** Options of {@link startDiscordShards}. */
export interface ShardOptions {
  /** Shard count, or `auto` for Discord's recommendation (`GET /gateway/bot`). */
  readonly shards: 'auto' | number;
  /** Wait between spawning shards; default {@link SHARD_SPAWN_DELAY_MS}. */
  readonly spawnDelayMs?: number;
  /** How long a shard may take to become ready; default 30 s. */
  readonly readyTimeoutMs?: number;
  /** How long `stop()` waits for a shard to finish its replies and exit; default 10 s. */
  readonly graceMs?: number;
}

/**
 * Asks Discord how many shards it recommends. discord.js's own `fetchRecommendedShardCount`
 * always asks discord.com, so this goes through `DISCORD_API_URL` when it is set.
 *
 * @example
 * await recommendedShards(env.discord) // 1 for a bot in fewer than 1,000 servers
 */
export async function recommendedShards(env: DiscordEnv): Promise<number> {
  const rest = new REST(env.apiUrl ? { api: env.apiUrl.replace(/\/+$/, '') } : {}).setToken(
    env.token,
  );
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, shards);
}

/**
 * Spawns the shard processes and resolves when every one is ready. `stop()` sends each SIGTERM
 * (each finishes its replies and closes its gateway) and waits for them to exit, with no respawn.
 * A shard that crashes while running is respawned by the manager.
 *
 * @example
 * const discord = await startDiscordShards(env.discord, log, { shards: 'auto' });
 */
export async function startDiscordShards(
  env: DiscordEnv,
  log: Logger,
  options: ShardOptions,
): Promise<ShardedDiscord> {
  const total = options.shards === 'auto' ? await recommendedShards(env) : options.shards;
  const manager = new ShardingManager(SHARD_PROCESS_FILE, {
    totalShards: total,
    token: env.token,
    mode: 'process',
    respawn: true,
    // The shard script is TypeScript, run as the main process is: through tsx (resolved here,
    // so it loads whatever the working directory is).
    execArgv: ['--import', import.meta.resolve('tsx')],
  });
  manager.on('shardCreate', (shard) => {
    log.info('discord shard spawned', { shard: shard.id, of: total });
    shard.on('death', () => {
      if (manager.respawn) log.warn('discord shard exited; respawning', { shard: shard.id });
      else log.info('discord shard exited', { shard: shard.id });
    });
  });
  const graceMs = options.graceMs ?? 10_000;
  const stop = async () => {
    manager.respawn = false;
    await Promise.all(
      manager.shards.map(async (shard) => {
        const child = shard.process;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs + 2000);
        await exited;
        clearTimeout(timer);
      }),
    );
  };
  try {
    await manager.spawn({
      amount: total,
      delay: options.spawnDelayMs ?? SHARD_SPAWN_DELAY_MS,
      timeout: options.readyTimeoutMs ?? 30_000,
    });
  } catch (error) {
    await stop();
    throw error instanceof Error ? error : new Error(String(error));
  }
  log.info('discord shards ready', { shards: total });
  return {
    name: 'discord',
    hangup() {
      for (const shard of manager.shards.values()) shard.process?.kill('SIGHUP');
    },
    async stop() {
      await stop();
      log.info('discord shards stopped');
    },
  };
}
