import { z } from 'zod';
import { RiftError } from '../core/errors.ts';
import { LOG_LEVELS, type LogLevel } from '../log.ts';

/** Discord credentials and options, validated. */
export interface DiscordEnv {
  readonly token: string;
  readonly applicationId: string;
  /** Register commands to this guild (instant) instead of globally. */
  readonly guildId: string | null;
  /** REST API base, e.g. `https://discord.com/api` (discord.js `rest.api`); null for the default. */
  readonly apiUrl: string | null;
  /**
   * `DISCORD_SHARDS`: `auto` or a shard count runs discord.js's ShardingManager, one process per
   * shard; null (unset) runs one client in this process.
   */
  readonly shards?: 'auto' | number | null;
}

/** Slack credentials and options, validated. */
export interface SlackEnv {
  readonly botToken: string;
  /** Verifies HTTP mode's requests; null in Socket Mode, which does not use it. */
  readonly signingSecret: string | null;
  /** App-level token: when set, Socket Mode; otherwise HTTP mode on `port`. */
  readonly appToken: string | null;
  readonly port: number;
  /** Web API base (Bolt `clientOptions.slackApiUrl`), e.g. `https://slack.com/api/`; null for the default. */
  readonly apiUrl: string | null;
}

/** Everything rift reads from the environment, read and validated once at start-up. */
export interface RiftEnv {
  /** `RIFT_CORPUS`: folder of articles, or null for the story config's corpus. */
  readonly corpus: string | null;
  /** `RIFT_CACHE`: folder of index snapshots, or null for `.rift-cache/`. */
  readonly cache: string | null;
  /** `RIFT_CONFIG`: story config file, or null for `config/story.json`. */
  readonly config: string | null;
  readonly discord: DiscordEnv | null;
  readonly slack: SlackEnv | null;
  /** `RIFT_OPS_CONFIG`: operations config (rate limits, reload), or null for `config/rift.json`. */
  readonly opsConfig?: string | null;
  /** `LOG_LEVEL`: lowest level logged, default `info`. */
  readonly logLevel?: LogLevel;
  /** `RIFT_STORIES`: a folder of stories (one sub-folder each), or null for one story. */
  readonly stories?: string | null;
  /** `RIFT_DB`: the embedded SQLite database (feedback, channel stories), or null for `.rift/rift.db`. */
  readonly db?: string | null;
  /** `REDIS_URL`: shared counters on Redis (several replicas), or null for in-memory. */
  readonly redisUrl?: string | null;
  /** `DATABASE_URL`: the durable store on PostgreSQL (several replicas), or null for SQLite. */
  readonly databaseUrl?: string | null;
  /** `SLACK_ADMIN_USERS`: Slack user ids who may `use` a story in a channel; empty: anyone. */
  readonly slackAdmins?: readonly string[];
}

// Every variable is an optional string; blank means unset. The checks below add the fix hints.
const VARIABLES = [
  'RIFT_CORPUS',
  'RIFT_CONFIG',
  'RIFT_CACHE',
  'RIFT_OPS_CONFIG',
  'RIFT_STORIES',
  'RIFT_DB',
  'REDIS_URL',
  'DATABASE_URL',
  'SLACK_ADMIN_USERS',
  'LOG_LEVEL',
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_GUILD_ID',
  'DISCORD_API_URL',
  'DISCORD_SHARDS',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'PORT',
  'SLACK_API_URL',
] as const;
type Variable = (typeof VARIABLES)[number];

const variable = z
  .string()
  .optional()
  .transform((value) => value?.trim() || null);

/** The environment rift reads, as a zod schema: each variable present or null, then checked. */
const ENV_SCHEMA = z
  .object(
    Object.fromEntries(VARIABLES.map((name) => [name, variable])) as Record<
      Variable,
      typeof variable
    >,
  )
  .transform((vars, ctx) => {
    const problems: string[] = [];
    const get = (name: string) => vars[name as Variable] ?? null;
    const logLevel = get('LOG_LEVEL');
    if (logLevel && !(LOG_LEVELS as readonly string[]).includes(logLevel))
      problems.push(
        `LOG_LEVEL ${shown(logLevel)} is not a level: use one of ${LOG_LEVELS.join(', ')}.`,
      );
    const result: RiftEnv = {
      corpus: get('RIFT_CORPUS'),
      config: get('RIFT_CONFIG'),
      cache: get('RIFT_CACHE'),
      opsConfig: get('RIFT_OPS_CONFIG'),
      db: get('RIFT_DB'),
      logLevel: (logLevel as LogLevel | null) ?? 'info',
      stories: get('RIFT_STORIES'),
      redisUrl: serverUrl(get('REDIS_URL'), 'REDIS_URL', ['redis:', 'rediss:'], problems),
      databaseUrl: serverUrl(
        get('DATABASE_URL'),
        'DATABASE_URL',
        ['postgres:', 'postgresql:'],
        problems,
      ),
      slackAdmins: (get('SLACK_ADMIN_USERS') ?? '').split(/[\s,]+/).filter(Boolean),
      discord: readDiscord(get, problems),
      slack: readSlack(get, problems),
    };
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
    return result;
  });

type Env = Readonly<Record<string, string | undefined>>;

/** A server URL with one of `schemes`, or a problem naming the variable (never its password). */
function serverUrl(
  value: string | null,
  name: string,
  schemes: readonly string[],
  problems: string[],
): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (schemes.includes(url.protocol)) return value;
    problems.push(
      `${name} must start with ${schemes.map((s) => `${s}//`).join(' or ')} (got ${url.protocol}//...).`,
    );
  } catch {
    problems.push(`${name} is not a URL: use e.g. ${schemes[0]}//host:port.`);
  }
  return null;
}

const SNOWFLAKE = /^\d{17,20}$/;
// Bot tokens are three dot-separated base64url parts; we check the shape, never log the value.
const DISCORD_TOKEN = /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/;

/**
 * Reads and validates rift's environment variables. A platform is enabled when its required
 * variables are set; a malformed or half-set variable is an error naming it and the fix.
 * Secret values never appear in messages.
 *
 * @example
 * readEnv({ DISCORD_TOKEN: 'x' }) // throws: DISCORD_APPLICATION_ID is missing ...
 */
export function readEnv(env: Env): RiftEnv {
  const parsed = ENV_SCHEMA.safeParse(
    Object.fromEntries(VARIABLES.map((name) => [name, env[name]])),
  );
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => issue.message);
  throw new RiftError(
    'ENV_INVALID',
    `Invalid environment (see .env.example):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}

function readDiscord(get: (name: string) => string | null, problems: string[]): DiscordEnv | null {
  const token = get('DISCORD_TOKEN');
  const applicationId = get('DISCORD_APPLICATION_ID');
  const guildId = get('DISCORD_GUILD_ID');
  const apiUrl = get('DISCORD_API_URL');
  const shardsText = get('DISCORD_SHARDS');
  if (!token && !applicationId) return null;
  if (!token)
    problems.push(
      'DISCORD_TOKEN is missing: copy the bot token from the Developer Portal (Bot > Reset Token).',
    );
  else if (!DISCORD_TOKEN.test(token))
    problems.push(
      'DISCORD_TOKEN does not look like a bot token (three dot-separated parts): copy it again from the Developer Portal (Bot > Reset Token).',
    );
  if (!applicationId)
    problems.push(
      'DISCORD_APPLICATION_ID is missing: copy the Application ID from the Developer Portal (General Information).',
    );
  else if (!SNOWFLAKE.test(applicationId))
    problems.push(
      `DISCORD_APPLICATION_ID ${shown(applicationId)} is not a Discord id (17 to 20 digits): copy the Application ID from the Developer Portal (General Information).`,
    );
  if (guildId && !SNOWFLAKE.test(guildId))
    problems.push(
      `DISCORD_GUILD_ID ${shown(guildId)} is not a Discord id (17 to 20 digits): right-click the server with Developer Mode on and Copy Server ID.`,
    );
  if (apiUrl && !isHttpUrl(apiUrl))
    problems.push(
      `DISCORD_API_URL ${shown(apiUrl)} is not an http(s) URL, e.g. https://discord.com/api.`,
    );
  const shards = readShards(shardsText, problems);
  if (!token || !applicationId) return null;
  return { token, applicationId, guildId, apiUrl, shards };
}

function readShards(text: string | null, problems: string[]): 'auto' | number | null {
  if (text === null) return null;
  if (text.toLowerCase() === 'auto') return 'auto';
  const count = Number(text);
  if (Number.isInteger(count) && count >= 1 && count <= 1024) return count;
  problems.push(
    `DISCORD_SHARDS ${shown(text)} is not a shard count: use auto (Discord recommends one) or a whole number from 1 to 1024, or leave it empty for one process.`,
  );
  return null;
}

function readSlack(get: (name: string) => string | null, problems: string[]): SlackEnv | null {
  const botToken = get('SLACK_BOT_TOKEN');
  const signingSecret = get('SLACK_SIGNING_SECRET');
  const appToken = get('SLACK_APP_TOKEN');
  const portText = get('PORT');
  const apiUrl = get('SLACK_API_URL');
  if (!botToken && !signingSecret && !appToken) return null;
  if (!botToken)
    problems.push(
      'SLACK_BOT_TOKEN is missing: copy the Bot User OAuth Token (xoxb-...) from OAuth & Permissions.',
    );
  else if (!botToken.startsWith('xoxb-'))
    problems.push(
      'SLACK_BOT_TOKEN must start with "xoxb-": use the Bot User OAuth Token from OAuth & Permissions.',
    );
  // Socket Mode needs no signing secret: Slack authenticates the socket with the app token.
  if (!signingSecret && !appToken)
    problems.push(
      'SLACK_SIGNING_SECRET is missing: copy it from Basic Information > App Credentials (HTTP mode verifies every request with it; with SLACK_APP_TOKEN set for Socket Mode it is not needed).',
    );
  else if (signingSecret && !/^[0-9a-f]{16,}$/i.test(signingSecret))
    problems.push(
      'SLACK_SIGNING_SECRET does not look like a signing secret (hex): copy it from Basic Information > App Credentials.',
    );
  if (appToken && !appToken.startsWith('xapp-'))
    problems.push(
      'SLACK_APP_TOKEN must start with "xapp-": create an app-level token with connections:write under Basic Information.',
    );
  const port = portText === null ? 3000 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    problems.push(`PORT ${shown(portText ?? '')} is not a port number (0 to 65535).`);
  if (apiUrl && !isHttpUrl(apiUrl))
    problems.push(
      `SLACK_API_URL ${shown(apiUrl)} is not an http(s) URL, e.g. https://slack.com/api/.`,
    );
  if (!botToken || (!signingSecret && !appToken)) return null;
  return { botToken, signingSecret, appToken, port, apiUrl };
}

/** Values this short and plain cannot be a token or secret, so a message may quote them. */
const QUOTABLE = /^[\w .:/-]{0,8}$/;

/**
 * A variable's value as an error message may show it: quoted when it is short and plain (`"lots"`,
 * `"70000"`), otherwise only its length, since a person may have pasted a token into the wrong
 * variable and start-up errors go to logs and terminals.
 *
 * @example
 * shown('verbose') // '"verbose"'
 * shown('xoxb-1234-5678-abcdefghijkl') // '(a value of 27 characters, not shown)'
 */
export function shown(value: string): string {
  return QUOTABLE.test(value) ? `"${value}"` : `(a value of ${value.length} characters, not shown)`;
}

/**
 * A URL as a message or log may show it: scheme, host, port and path, without the user name,
 * password, query or fragment that may carry credentials.
 *
 * @example
 * safeUrl('https://user:hunter2@proxy.example/api/?token=x') // 'https://proxy.example/api/'
 */
export function safeUrl(value: string): string {
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return shown(value);
  }
}

/**
 * The parts of URL variables that may be secret (user name, password, query values), for the
 * logger's scrub list beside the tokens.
 *
 * @example
 * urlSecrets('https://user:hunter2@proxy.example/api/') // ['user', 'hunter2']
 */
export function urlSecrets(value: string | null): string[] {
  if (!value) return [];
  try {
    const url = new URL(value);
    return [
      decodeURIComponent(url.username),
      decodeURIComponent(url.password),
      url.username,
      url.password,
      ...[...url.searchParams.values()],
    ].filter((part) => part.length >= 4);
  } catch {
    return [];
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
