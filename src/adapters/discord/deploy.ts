/**
 * Registers `/rift` with Discord: a bulk overwrite of the application's commands, to
 * `DISCORD_GUILD_ID` when set (instant, for development) or globally. Idempotent.
 *
 * Run: `node --import tsx src/adapters/discord/deploy.ts` (`npm run deploy:discord`).
 */
import { pathToFileURL } from 'node:url';
import { type APIApplicationCommand, REST, Routes } from 'discord.js';
import { config as loadDotenv } from 'dotenv';
import { type DiscordEnv, readEnv } from '../../config/env.ts';
import { buildCommandData, buildMessageCommandData } from './command-data.ts';

/** What a deployment did. */
export interface DeployResult {
  readonly scope: 'guild' | 'global';
  readonly guildId: string | null;
  /** `rift why`, `rift ask`, ... as registered. */
  readonly commands: readonly string[];
}

/**
 * Overwrites the application's commands with `/rift` and prints what it did.
 *
 * @example
 * await deployCommands({ token, applicationId: '1302...', guildId: null, apiUrl: null })
 * // Registered /rift (why, ask, quotes, timeline, sources, help) globally for application 1302...
 */
export async function deployCommands(
  env: DiscordEnv,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<DeployResult> {
  const rest = new REST(env.apiUrl ? { api: env.apiUrl.replace(/\/+$/, '') } : {}).setToken(
    env.token,
  );
  const route = env.guildId
    ? Routes.applicationGuildCommands(env.applicationId, env.guildId)
    : Routes.applicationCommands(env.applicationId);
  const data = buildCommandData();
  const registered = (await rest.put(route, {
    body: [data, buildMessageCommandData()],
  })) as APIApplicationCommand[];
  const subcommands = (data.options ?? []).map((o) => o.name);
  const where = env.guildId
    ? `to guild ${env.guildId} (available now)`
    : 'globally (may take up to an hour to appear)';
  const slash = registered.filter((c) => c.type !== 3).map((c) => `/${c.name}`);
  const menus = registered.filter((c) => c.type === 3).map((c) => `"${c.name}"`);
  print(
    `Registered ${slash.join(', ')} (${subcommands.join(', ')})${menus.length > 0 ? ` and the ${menus.join(', ')} message menu` : ''} ${where} for application ${env.applicationId}.`,
  );
  return {
    scope: env.guildId ? 'guild' : 'global',
    guildId: env.guildId,
    commands: subcommands.map((s) => `${data.name} ${s}`),
  };
}

async function main(): Promise<void> {
  loadDotenv({ quiet: true });
  const env = readEnv(process.env);
  if (!env.discord) {
    throw new Error(
      'DISCORD_TOKEN and DISCORD_APPLICATION_ID are required to deploy commands: set them in .env (see .env.example).',
    );
  }
  await deployCommands(env.discord);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `deploy:discord failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
