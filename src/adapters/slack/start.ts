import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Rift } from '../../commands/rift.ts';
import { type SlackEnv, safeUrl } from '../../config/env.ts';
import { RiftError } from '../../core/errors.ts';
import type { Logger } from '../../log.ts';
import type { RunningAdapter } from '../running.ts';
import { createSlackApp, EVENTS_PATH, HEALTH_PATH, type SlackAppOptions } from './app.ts';

/** How long `stop()` waits for replies already under way, unless `graceMs` says otherwise. */
export const STOP_GRACE_MS = 5000;

/** Options of {@link startSlack}. */
export interface SlackStartOptions extends SlackAppOptions {
  /** How long `stop()` waits for replies under way; default {@link STOP_GRACE_MS}. */
  readonly graceMs?: number;
}

/** The running Slack adapter. */
export interface SlackAdapter extends RunningAdapter {
  readonly mode: 'socket' | 'http';
  /** The port actually bound in HTTP mode (useful with `PORT=0`); null in Socket Mode. */
  readonly port: number | null;
}

// Web API errors that mean the token itself is wrong, not that Slack is unreachable.
const BAD_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

/**
 * Starts Slack for `rift`: checks the bot token with `auth.test`, then connects in Socket Mode
 * (when `env.appToken` is set) or listens for HTTP on `env.port`. Used by `npm start` and tests.
 *
 * @example
 * const slack = await startSlack(openRift(), { ...env.slack, port: 0 }, log);
 * console.log(slack.port); // the port the OS chose
 * await slack.stop();
 */
export async function startSlack(
  rift: Rift,
  env: SlackEnv,
  log: Logger,
  options: SlackStartOptions = {},
): Promise<SlackAdapter> {
  const slack = createSlackApp(rift, env, log, options);
  try {
    await slack.app.init();
  } catch (error) {
    throw startError(
      error,
      'SLACK_BOT_TOKEN',
      'the Bot User OAuth Token (xoxb-...) from OAuth & Permissions',
      env,
    );
  }
  let started: unknown;
  try {
    started = await slack.app.start(env.port);
  } catch (error) {
    throw startError(
      error,
      'SLACK_APP_TOKEN',
      'an app-level token with connections:write (Basic Information > App-Level Tokens)',
      env,
    );
  }
  const port =
    started instanceof Server ? ((started.address() as AddressInfo | null)?.port ?? null) : null;
  if (slack.mode === 'http') {
    log.info('slack listening (HTTP mode)', { port, events: EVENTS_PATH, health: HEALTH_PATH });
  } else {
    log.info('slack connected (Socket Mode)');
  }
  return {
    name: 'slack',
    mode: slack.mode,
    port,
    async stop() {
      // Stops accepting (HTTP: closes the port and idle connections, never waiting on a slow one).
      await slack.app.stop();
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, options.graceMs ?? STOP_GRACE_MS);
        timer.unref();
      });
      await Promise.race([slack.idle(), grace]);
      clearTimeout(timer);
      // The grace period is over: whoever is still connected (a slow sender) is cut off.
      slack.closeConnections();
      log.info('slack stopped');
    },
  };
}

function startError(error: unknown, variable: string, fix: string, env: SlackEnv): Error {
  const code = (error as { data?: { error?: unknown } } | null)?.data?.error;
  if (typeof code === 'string' && BAD_TOKEN.has(code)) {
    return new RiftError('ENV_INVALID', `Slack rejected ${variable} (${code}): copy ${fix} again.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (variable === 'SLACK_APP_TOKEN' && !env.appToken) {
    return new Error(
      `Slack HTTP mode could not listen on PORT ${env.port}: ${message}. Choose a free port.`,
    );
  }
  return new Error(
    `Slack did not start: ${message}. Check the network and SLACK_API_URL (${env.apiUrl ? safeUrl(env.apiUrl) : 'https://slack.com/api/'}).`,
  );
}
