/**
 * Starts the real Slack adapter (`startSlack`, as `npm start` does) against the local stand-in,
 * with a logger that keeps every line so tests can check what was logged.
 */

import {
  type SlackAdapter,
  type SlackStartOptions,
  startSlack,
} from '../../src/adapters/slack/start.ts';
import type { Rift } from '../../src/commands/rift.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import {
  APP_TOKEN,
  BOT_TOKEN,
  type SlackStandin,
  startSlackStandin,
  TEST_SIGNING_SECRET,
} from './slack-standin.ts';

/** A started adapter, its stand-in Slack and its log lines. */
export interface SlackHarness {
  readonly slack: SlackAdapter;
  readonly standin: SlackStandin;
  /** HTTP mode: the bound port. */
  readonly port: number;
  readonly logs: string[];
  readonly log: Logger;
  close(): Promise<void>;
}

/** Starts the stand-in, then the adapter in HTTP mode (port 0) or Socket Mode. */
export async function startSlackHarness(
  rift: Rift,
  mode: 'http' | 'socket' = 'http',
  options: SlackStartOptions = {},
): Promise<SlackHarness> {
  const standin = await startSlackStandin();
  const logs: string[] = [];
  const log = createLogger((line) => logs.push(line));
  const slack = await startSlack(
    rift,
    {
      botToken: BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      appToken: mode === 'socket' ? APP_TOKEN : null,
      port: 0,
      apiUrl: standin.apiUrl,
    },
    log,
    options,
  );
  return {
    slack,
    standin,
    port: slack.port ?? 0,
    logs,
    log,
    async close() {
      await slack.stop();
      await standin.close();
    },
  };
}
