/**
 * The Slack app: a Bolt `App` with three listeners (the `/rift` slash command, `app_mention`,
 * the Previous/Next buttons) over one `Rift`. Each listener acknowledges Slack first, then asks
 * the core and renders the reply; any failure becomes a short ephemeral apology.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  App,
  type BlockButtonAction,
  HTTPReceiver,
  type Receiver,
  type RespondArguments,
  type RespondFn,
  SocketModeReceiver,
} from '@slack/bolt';
import { parseCommandText } from '../../commands/grammar.ts';
import type { Rift } from '../../commands/rift.ts';
import type { Command } from '../../commands/types.ts';
import type { SlackEnv } from '../../config/env.ts';
import type { Logger } from '../../log.ts';
import { boltLogger } from './bolt-logger.ts';
import { plainText } from './mrkdwn.ts';
import { decodePageState, NEXT_ACTION_ID, PREVIOUS_ACTION_ID } from './paging.ts';
import { renderApology, renderReply, type SlackMessage } from './render.ts';

/** Slash commands this app answers: `/rift`, and variants such as `/rift-dev` for a test app. */
export const SLASH_COMMAND = /^\/rift(?:[-_][\w-]+)?$/;
/** Where Slack posts events, commands and interactions in HTTP mode. */
export const EVENTS_PATH = '/slack/events';
/** Load-balancer health check in HTTP mode. */
export const HEALTH_PATH = '/healthz';
/** How many recent event ids to remember, to answer a mention once when Slack retries it. */
export const SEEN_EVENTS_MAX = 1000;
/** Web API retries for our own calls (auth.test, chat.postMessage); Slack's default is 30 min. */
export const WEB_API_RETRIES = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 4000 };

/** A Bolt app wired to a `Rift`, not yet started. */
export interface SlackApp {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  /** Resolves when every reply already started has been sent (or has failed). */
  idle(): Promise<void>;
}

/**
 * Builds the Bolt app for `env`: Socket Mode when `env.appToken` is set, else HTTP mode with
 * Bolt's signature verification on `/slack/events` and `GET /healthz`. `env.apiUrl` becomes
 * the Web API base for every client, including the Socket Mode client's `apps.connections.open`.
 *
 * @example
 * const { app } = createSlackApp(openRift(), env.slack, log);
 * await app.init(); // auth.test
 * await app.start(env.slack.port);
 */
export function createSlackApp(rift: Rift, env: SlackEnv, log: Logger): SlackApp {
  const logger = boltLogger(log);
  const apiUrl = env.apiUrl ?? undefined;
  const mode = env.appToken ? 'socket' : 'http';
  const receiver: Receiver = env.appToken
    ? new SocketModeReceiver({
        appToken: env.appToken,
        logger,
        // A separate options object: the Socket Mode client adds its own retry policy to it.
        installerOptions: { clientOptions: { slackApiUrl: apiUrl } },
      })
    : new HTTPReceiver({
        signingSecret: env.signingSecret,
        endpoints: EVENTS_PATH,
        port: env.port,
        logger,
        customRoutes: [{ path: HEALTH_PATH, method: ['GET'], handler: health }],
      });
  const app = new App({
    token: env.botToken,
    receiver,
    logger,
    clientOptions: { slackApiUrl: apiUrl, retryConfig: WEB_API_RETRIES },
    convoStore: false,
    // `app.init()` calls auth.test, so start-up can fail with a clear message.
    deferInitialization: true,
  });

  const inflight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inflight.add(work);
    return work.finally(() => inflight.delete(work));
  };
  const answer = (command: Command, page = 0): SlackMessage =>
    renderReply(rift.run(command), { page });

  app.command(SLASH_COMMAND, async ({ command, ack, respond }) => {
    await ack();
    await track(
      safely(log, 'slash command', respond, async () => {
        const parsed = parseCommandText(plainText(command.text));
        await respond({
          ...answer(parsed),
          response_type: parsed.private ? 'ephemeral' : 'in_channel',
        } satisfies RespondArguments);
      }),
    );
  });

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^(${PREVIOUS_ACTION_ID}|${NEXT_ACTION_ID})$`) },
    async ({ action, ack, respond }) => {
      await ack();
      await track(
        safely(log, 'page button', respond, async () => {
          const state = decodePageState(action.value);
          if (!state) {
            log.warn('slack page button with an unreadable value', { actionId: action.action_id });
            await respond({
              ...renderApology(),
              response_type: 'ephemeral',
              replace_original: false,
            });
            return;
          }
          await respond({ ...answer(state.command, state.page), replace_original: true });
        }),
      );
    },
  );

  const seen = new Set<string>();
  app.event('app_mention', async ({ event, body, client, context }) => {
    // Bolt has already acknowledged the event. Slack retries an event whose ack it missed.
    const eventId = typeof body.event_id === 'string' ? body.event_id : null;
    if (eventId && remember(seen, eventId)) {
      log.info('slack mention already answered', { eventId, retry: context.retryNum ?? null });
      return;
    }
    const channel = event.channel;
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user;
    await track(
      (async () => {
        try {
          const parsed = parseCommandText(plainText(event.text, context.botUserId ?? null));
          const message = answer(parsed);
          if (parsed.private && user) {
            await client.chat.postEphemeral({ ...message, channel, user, thread_ts: threadTs });
          } else {
            await client.chat.postMessage({ ...message, channel, thread_ts: threadTs });
          }
        } catch (error) {
          log.error('slack mention failed', { error: describe(error), channel });
          if (!user) return;
          await client.chat
            .postEphemeral({ ...renderApology(), channel, user, thread_ts: threadTs })
            .catch((e: unknown) => log.error('slack apology failed', { error: describe(e) }));
        }
      })(),
    );
  });

  app.error(async (error) => {
    log.error('slack request failed', { error: describe(error) });
  });

  return {
    app,
    mode,
    idle: async () => {
      await Promise.allSettled([...inflight]);
    },
  };
}

/** Runs `work`; on failure logs it and tells the user, privately, that something went wrong. */
async function safely(
  log: Logger,
  what: string,
  respond: RespondFn,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.error(`slack ${what} failed`, { error: describe(error) });
    await respond({
      ...renderApology(),
      response_type: 'ephemeral',
      replace_original: false,
    }).catch((e: unknown) => log.error('slack apology failed', { error: describe(e) }));
  }
}

/** Adds `id`; true when it was already there. Forgets the oldest beyond `SEEN_EVENTS_MAX`. */
function remember(seen: Set<string>, id: string): boolean {
  if (seen.has(id)) return true;
  seen.add(id);
  if (seen.size > SEEN_EVENTS_MAX) {
    const oldest = seen.values().next();
    if (!oldest.done) seen.delete(oldest.value);
  }
  return false;
}

function health(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
