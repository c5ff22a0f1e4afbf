import 'dotenv/config';
import { startDiscord } from './adapters/discord/start.ts';
import type { RunningAdapter } from './adapters/running.ts';
import { startSlack } from './adapters/slack/start.ts';
import { runConsole } from './adapters/terminal/console.ts';
import { openRift } from './commands/open.ts';
import type { OpenRiftOptions } from './commands/rift.ts';
import { readEnv } from './config/env.ts';
import { RiftError } from './core/errors.ts';
import { createLogger } from './log.ts';

/**
 * `npm start`: reads the environment once, loads the story once, starts every adapter whose
 * credentials are present (Discord, Slack, or both), and the terminal console when none is.
 * Returns the exit status.
 */
export async function start(options: OpenRiftOptions = {}): Promise<number> {
  let env: ReturnType<typeof readEnv>;
  try {
    env = readEnv(process.env);
  } catch (error) {
    process.stderr.write(`rift: ${(error as Error).message}\n`);
    return 2;
  }
  const secrets = [
    env.discord?.token,
    env.slack?.botToken,
    env.slack?.signingSecret,
    env.slack?.appToken,
  ].filter((s): s is string => Boolean(s));
  const log = createLogger(undefined, secrets);
  let rift: ReturnType<typeof openRift>;
  try {
    rift = openRift(
      { corpus: options.corpus ?? env.corpus, config: options.config ?? env.config },
      (w) => log.warn('skipped article', { file: w.file, reason: w.message }),
    );
  } catch (error) {
    if (!(error instanceof RiftError)) throw error;
    process.stderr.write(`rift: ${error.message}\n`);
    return 2;
  }
  if (!env.discord && !env.slack) {
    await runConsole(rift, {
      input: process.stdin,
      output: process.stdout,
      json: false,
      prompt: process.stdin.isTTY === true,
    });
    return 0;
  }
  // A last line of defence: one failed reply must never take the process down.
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled rejection', { error: String(reason) }),
  );
  const adapters: RunningAdapter[] = [];
  try {
    if (env.discord) adapters.push(await startDiscord(rift, env.discord, log));
    if (env.slack) adapters.push(await startSlack(rift, env.slack, log));
  } catch (error) {
    process.stderr.write(`rift: could not start: ${(error as Error).message}\n`);
    await Promise.allSettled(adapters.map((a) => a.stop()));
    return error instanceof RiftError ? 2 : 1;
  }
  log.info('rift started', { adapters: adapters.map((a) => a.name), articles: rift.corpusSize });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  log.info('rift stopping');
  await Promise.allSettled(adapters.map((a) => a.stop()));
  return 0;
}
