/**
 * The Slack app: a Bolt `App` with three listeners (the `/rift` slash command, `app_mention`,
 * the Previous/Next buttons) over one `Rift`. Each listener acknowledges Slack first, then asks
 * the core and renders the reply; any failure becomes a short ephemeral apology.
 */
import {
  App,
  type BlockButtonAction,
  type RespondArguments,
  type RespondFn,
  SocketModeReceiver,
} from '@slack/bolt';
import { parseCommandText } from '../../commands/grammar.ts';
import type { Rift } from '../../commands/rift.ts';
import type { Command } from '../../commands/types.ts';
import type { SlackEnv } from '../../config/env.ts';
import { DEFAULT_OPS, type HttpLimits } from '../../config/rift-config.ts';
import { RiftError } from '../../core/errors.ts';
import type { Logger } from '../../log.ts';
import {
  type Admission,
  createRequestGate,
  type RequestGate,
  slowDownText,
} from '../../ops/gate.ts';
import { createMemoryStore, type SharedStore } from '../../ops/store.ts';
import { boltLogger } from './bolt-logger.ts';
import { SignedHttpReceiver } from './http-receiver.ts';
import { plainText } from './mrkdwn.ts';
import { decodePageState, NEXT_ACTION_ID, PREVIOUS_ACTION_ID } from './paging.ts';
import { renderApology, renderReply, type SlackMessage } from './render.ts';

/** Slash commands this app answers: `/rift`, and variants such as `/rift-dev` for a test app. */
export const SLASH_COMMAND = /^\/rift(?:[-_][\w-]+)?$/;
/** Where Slack posts events, commands and interactions in HTTP mode. */
export const EVENTS_PATH = '/slack/events';
/** Load-balancer health check in HTTP mode. */
export const HEALTH_PATH = '/healthz';
/** Web API retries for our own calls (auth.test, chat.postMessage); Slack's default is 30 min. */
export const WEB_API_RETRIES = { retries: 3, factor: 2, minTimeout: 250, maxTimeout: 4000 };

/** A Bolt app wired to a `Rift`, not yet started. */
export interface SlackApp {
  readonly app: App;
  readonly mode: 'socket' | 'http';
  /** Resolves when every reply already started has been sent (or has failed). */
  idle(): Promise<void>;
  /** HTTP mode: ends every connection still open (the end of shutdown's grace period). */
  closeConnections(): void;
}

/** Options of {@link createSlackApp}. */
export interface SlackAppOptions {
  /**
   * Rate limits and redelivery detection: a Slack retry (`x-slack-retry-num`) of an event, command
   * or click already taken is acknowledged and dropped. Default: in-memory dedupe, no limits.
   */
  readonly gate?: RequestGate;
  /** HTTP mode: remembers request signatures already seen; default a store of its own. */
  readonly store?: SharedStore;
  /** HTTP mode: body cap, timeouts and connection cap; default `config/rift.json`'s defaults. */
  readonly http?: HttpLimits;
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
export function createSlackApp(
  rift: Rift,
  env: SlackEnv,
  log: Logger,
  options: SlackAppOptions = {},
): SlackApp {
  const gate = options.gate ?? createRequestGate();
  const logger = boltLogger(log);
  const apiUrl = env.apiUrl ?? undefined;
  const mode = env.appToken ? 'socket' : 'http';
  if (!env.appToken && !env.signingSecret) {
    throw new RiftError(
      'ENV_INVALID',
      'SLACK_SIGNING_SECRET is missing: HTTP mode verifies every request with it (Basic Information > App Credentials).',
    );
  }
  const http = env.appToken
    ? null
    : new SignedHttpReceiver({
        signingSecret: env.signingSecret ?? '',
        eventsPath: EVENTS_PATH,
        healthPath: HEALTH_PATH,
        limits: options.http ?? DEFAULT_OPS.http,
        store: options.store ?? createMemoryStore(),
        log,
      });
  const receiver =
    http ??
    new SocketModeReceiver({
      appToken: env.appToken ?? '',
      logger,
      // A separate options object: the Socket Mode client adds its own retry policy to it.
      installerOptions: { clientOptions: { slackApiUrl: apiUrl } },
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
  const answer = async (command: Command, page = 0): Promise<SlackMessage> =>
    renderReply(await rift.run(command), { page });
  // An event id, a command's trigger id and a click's trigger id and action time each name one
  // delivery: a second sighting is answered never, whatever the retry headers say.
  const firstTime = async (id: string, retryNum: number | undefined) => {
    if (await gate.firstDelivery(`slack:${id}`)) return true;
    log.info('slack delivery already answered', { delivery: id, retry: retryNum ?? null });
    return false;
  };
  const admit = async (
    userId: string | null,
    channelId: string | null,
    kind: 'question' | 'click' = 'question',
  ) => {
    const admission = await gate.admit({ platform: 'slack', userId, channelId, kind });
    if (!admission.ok) log.info('slack rate limited', { scope: admission.scope });
    return admission;
  };

  app.command(SLASH_COMMAND, async ({ command, ack, respond, context }) => {
    await ack();
    await flushAck();
    await track(
      safely(log, 'slash command', respond, async () => {
        if (!(await firstTime(`command:${command.trigger_id}`, context.retryNum))) return;
        const admission = await admit(command.user_id, command.channel_id);
        if (!admission.ok) return void (await respond(slowDown(admission)));
        const parsed = parseCommandText(plainText(command.text));
        await respond({
          ...(await answer(parsed)),
          response_type: parsed.private ? 'ephemeral' : 'in_channel',
        } satisfies RespondArguments);
      }),
    );
  });

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^(${PREVIOUS_ACTION_ID}|${NEXT_ACTION_ID})$`) },
    async ({ action, ack, respond, body, context }) => {
      await ack();
      await flushAck();
      await track(
        safely(log, 'page button', respond, async () => {
          const click = `action:${body.trigger_id}:${action.action_ts}`;
          if (!(await firstTime(click, context.retryNum))) return;
          const admission = await admit(body.user.id, body.channel?.id ?? null, 'click');
          if (!admission.ok) return void (await respond(slowDown(admission)));
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
          await respond({ ...(await answer(state.command, state.page)), replace_original: true });
        }),
      );
    },
  );

  app.event('app_mention', async ({ event, body, client, context }) => {
    // Bolt has already acknowledged the event. Slack retries an event whose ack it missed.
    const eventId = typeof body.event_id === 'string' ? body.event_id : null;
    const channel = event.channel;
    const threadTs = event.thread_ts ?? event.ts;
    const user = event.user;
    await track(
      (async () => {
        try {
          if (eventId && !(await firstTime(`event:${eventId}`, context.retryNum))) return;
          const admission = await admit(user ?? null, channel);
          if (!admission.ok) {
            if (user) {
              const { text } = slowDown(admission);
              await client.chat.postEphemeral({ text, channel, user, thread_ts: threadTs });
            }
            return;
          }
          const parsed = parseCommandText(plainText(event.text, context.botUserId ?? null));
          const message = await answer(parsed);
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
    closeConnections: () => http?.closeAll(),
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

/**
 * Lets the acknowledgement's bytes leave before the answer's synchronous work starts: `ack()`
 * only queues the HTTP response, and under load the search and rendering of this and other
 * requests would otherwise sit between it and the socket.
 */
function flushAck(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The private "slow down" reply; plain text, nothing in it comes from the user. */
function slowDown(
  denied: Extract<Admission, { ok: false }>,
): RespondArguments & { readonly text: string } {
  return {
    text: `:hourglass: ${slowDownText(denied)}`,
    response_type: 'ephemeral',
    replace_original: false,
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
