/**
 * The Slack app: a Bolt `App` over one `Rift` with listeners for the `/rift` slash command,
 * `app_mention`, messages in rift's threads and DMs (answered as a conversation, follow-ups
 * carrying context), the Home tab, the "Ask rift about this" message shortcut, and the buttons
 * (Previous/Next, 👍/👎, More sources, Share). Each listener acknowledges Slack first, then asks
 * the core and renders the reply; any failure becomes a short ephemeral apology.
 */
import {
  App,
  type BlockAction,
  type BlockButtonAction,
  type MessageShortcut,
  type RespondArguments,
  type RespondFn,
} from '@slack/bolt';
import type { Turn } from '../../commands/conversation.ts';
import { MAX_MESSAGE_CHARS } from '../../commands/definitions.ts';
import { parseCommandText } from '../../commands/grammar.ts';
import type { Rift } from '../../commands/rift.ts';
import type { Command } from '../../commands/types.ts';
import type { SlackEnv } from '../../config/env.ts';
import { DEFAULT_OPS, type HttpLimits } from '../../config/rift-config.ts';
import { RiftError } from '../../core/errors.ts';
import type { Reply } from '../../core/reply.ts';
import type { Logger } from '../../log.ts';
import { type ConversationStore, createConversationStore } from '../../ops/conversations.ts';
import { createMemoryFeedback } from '../../ops/feedback/memory.ts';
import type { FeedbackStore } from '../../ops/feedback/store.ts';
import {
  type Admission,
  createRequestGate,
  type RequestGate,
  slowDownText,
} from '../../ops/gate.ts';
import { createMemoryStore, type SharedStore } from '../../ops/store.ts';
import {
  type AnswerButtons,
  answerIdOf,
  castVote,
  EXPIRED_BUTTON,
  moreCommand,
  recordAnswer,
  sharedCommand,
} from '../answer-actions.ts';
import { type ChannelStoriesHelper, converseWith } from '../channel-story.ts';
import { boltLogger } from './bolt-logger.ts';
import { SignedHttpReceiver } from './http-receiver.ts';
import { plainText } from './mrkdwn.ts';
import { decodePageState, NEXT_ACTION_ID, PREVIOUS_ACTION_ID } from './paging.ts';
import {
  FEEDBACK_ACTION_ID,
  MORE_ACTION_ID,
  type RenderOptions,
  renderApology,
  renderHome,
  renderReply,
  SHARE_ACTION_ID,
  type SlackMessage,
} from './render.ts';
import { GuardedSocketModeReceiver } from './socket-receiver.ts';

/** Slash commands this app answers: `/rift`, and variants such as `/rift-dev` for a test app. */
export const SLASH_COMMAND = /^\/rift(?:[-_][\w-]+)?$/;
/** Where Slack posts events, commands and interactions in HTTP mode. */
export const EVENTS_PATH = '/slack/events';
/** Load-balancer health check in HTTP mode. */
export const HEALTH_PATH = '/healthz';
/** `callback_id` of the "Ask rift about this" message shortcut (config/slack-manifest.json). */
export const ASK_SHORTCUT_ID = 'rift_ask_message';
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
  /**
   * Remembers request signatures (HTTP mode) or envelope ids (Socket Mode) already seen, and
   * conversations unless `conversations` is given; default a store of its own.
   */
  readonly store?: SharedStore;
  /** HTTP mode: body cap, timeouts and connection cap; default `config/rift.json`'s defaults. */
  readonly http?: HttpLimits;
  /** With a stories folder: channels' default stories (`use`). */
  readonly channels?: ChannelStoriesHelper;
  /** Slack user ids who may `use` a story in a channel; empty or absent: anyone. */
  readonly admins?: readonly string[];
  /** Where answers and their 👍/👎 are kept; default in memory (`npm start` opens SQLite). */
  readonly feedback?: FeedbackStore;
  /** Where threads' and DMs' earlier turns are kept; default over `store`, else its own. */
  readonly conversations?: ConversationStore;
}

/**
 * Builds the Bolt app for `env`: Socket Mode when `env.appToken` is set (through
 * {@link GuardedSocketModeReceiver}), else HTTP mode with signatures verified on `/slack/events`
 * and `GET /healthz` (through {@link SignedHttpReceiver}). Either way every delivery is
 * acknowledged, handled or not, and a replayed one is never answered twice. `env.apiUrl` becomes
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
  const store = options.store ?? createMemoryStore();
  const http = env.appToken
    ? null
    : new SignedHttpReceiver({
        signingSecret: env.signingSecret ?? '',
        eventsPath: EVENTS_PATH,
        healthPath: HEALTH_PATH,
        limits: options.http ?? DEFAULT_OPS.http,
        store,
        log,
      });
  const receiver =
    http ??
    new GuardedSocketModeReceiver({ appToken: env.appToken ?? '', apiUrl, logger, store, log });
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
  const feedback = options.feedback ?? createMemoryFeedback();
  const conversations = options.conversations ?? createConversationStore(store);
  const buttonsFor = (reply: Reply): Promise<AnswerButtons | null> =>
    recordAnswer(feedback, 'slack', rift.storyTitle, reply);
  const render = async (reply: Reply, view: RenderOptions = {}): Promise<SlackMessage> =>
    renderReply(reply, { ...view, buttons: await buttonsFor(reply) });
  const admins = options.admins ?? [];
  /** Where a command was given; with a stories folder, its channel's story applies. */
  type Where = { readonly channelId: string | null; readonly userId: string | null };
  const nowhere: Where = { channelId: null, userId: null };
  const channelRef = (where: Where) =>
    where.channelId ? { platform: 'slack' as const, channelId: where.channelId } : null;
  /** Runs a command in its channel: `use` sets the channel's story, others get it as default. */
  const reply = async (command: Command, where: Where): Promise<Reply> => {
    const channels = options.channels;
    if (!channels) return rift.run(command);
    if (command.name === 'use') {
      const allowed =
        admins.length === 0 || (where.userId !== null && admins.includes(where.userId));
      return channels.use(rift, channelRef(where), command, {
        userId: where.userId,
        allowed,
        rule: 'the people named in SLACK_ADMIN_USERS',
      });
    }
    return rift.run(await channels.resolve(rift, channelRef(where), command));
  };
  const answer = async (command: Command, page = 0, where = nowhere): Promise<SlackMessage> =>
    render(await reply(command, where), { page });
  const findRecord = async (value: unknown) => {
    const id = answerIdOf(value);
    return id ? feedback.findAnswer(id) : null;
  };
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
          ...(await answer(parsed, 0, { channelId: command.channel_id, userId: command.user_id })),
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
          await respond({
            ...(await answer(state.command, state.page, {
              channelId: body.channel?.id ?? null,
              userId: body.user.id,
            })),
            replace_original: true,
          });
        }),
      );
    },
  );

  /**
   * Answers one message of a conversation (a mention, a message in rift's thread, a DM) in its
   * thread, against the turns before it, and remembers the new turn.
   */
  const converseIn = async (place: ConversationPlace, text: string): Promise<void> => {
    const key = ['slack', place.team ?? '-', place.channel, place.threadTs ?? 'dm'];
    const turns: readonly Turn[] = (await conversations.load(key)) ?? [];
    const where: Where = { channelId: place.channel, userId: place.user };
    const result = await converseWith(options.channels ?? null, rift, {
      text: text.slice(0, MAX_MESSAGE_CHARS),
      turns,
      channel: channelRef(where),
      use: (command) => reply(command, where),
    });
    const message = await render(result.reply, {
      page: result.page,
      note: result.followUp,
    });
    // A DM is private already; in a channel, `private` asks for an ephemeral reply.
    if (result.reply.command?.private && !place.direct && place.user) {
      await place.client.chat.postEphemeral({
        ...message,
        channel: place.channel,
        user: place.user,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      });
    } else {
      await place.client.chat.postMessage({
        ...message,
        channel: place.channel,
        ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
      });
    }
    if (result.turn) await conversations.append([key], turns, result.turn);
  };

  /** A mention, thread message or DM: deduplicated, rate limited, answered, failures apologised. */
  const onMessage = async (
    place: ConversationPlace,
    text: string,
    eventId: string | null,
    retryNum: number | undefined,
    what: 'mention' | 'message',
  ) => {
    const { channel, user } = place;
    try {
      if (eventId && !(await firstTime(`event:${eventId}`, retryNum))) return;
      const admission = await admit(user, channel);
      if (!admission.ok) {
        if (user) {
          const { text: notice } = slowDown(admission);
          await place.client.chat.postEphemeral({
            text: notice,
            channel,
            user,
            ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
          });
        }
        return;
      }
      await converseIn(place, text);
    } catch (error) {
      log.error(`slack ${what} failed`, { error: describe(error), channel });
      if (!user) return;
      await place.client.chat
        .postEphemeral({
          ...renderApology(),
          channel,
          user,
          ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
        })
        .catch((e: unknown) => log.error('slack apology failed', { error: describe(e) }));
    }
  };

  app.event('app_mention', async ({ event, body, client, context }) => {
    // Bolt has already acknowledged the event. Slack retries an event whose ack it missed.
    const eventId = typeof body.event_id === 'string' ? body.event_id : null;
    const place: ConversationPlace = {
      client,
      team: context.teamId ?? null,
      channel: event.channel,
      // A mention outside a thread starts one under itself: the answer and follow-ups go there.
      threadTs: event.thread_ts ?? event.ts,
      user: event.user ?? null,
      direct: false,
    };
    await track(
      onMessage(
        place,
        plainText(event.text, context.botUserId ?? null),
        eventId,
        context.retryNum,
        'mention',
      ),
    );
  });

  app.event('message', async ({ event, body, client, context }) => {
    const message = readUserMessage(event);
    if (!message) return;
    const botUserId = context.botUserId ?? null;
    const direct = message.channelType === 'im';
    if (!direct) {
      // Outside a DM only a thread rift takes part in is answered without a mention; a message
      // that mentions rift is answered once, by app_mention.
      if (!message.threadTs) return;
      if (botUserId && message.text.includes(`<@${botUserId}>`)) return;
      const key = ['slack', context.teamId ?? '-', message.channel, message.threadTs];
      if ((await conversations.load(key)) === null) return;
    }
    const eventId = typeof body.event_id === 'string' ? body.event_id : null;
    const place: ConversationPlace = {
      client,
      team: context.teamId ?? null,
      channel: message.channel,
      threadTs: message.threadTs,
      user: message.user,
      direct,
    };
    await track(
      onMessage(place, plainText(message.text, botUserId), eventId, context.retryNum, 'message'),
    );
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await track(
      (async () => {
        try {
          // Several stories: the Home tab lists them (each has its own main question and people).
          const several = rift.stories !== undefined;
          const [why, speakers, help] = await Promise.all([
            rift.run(
              several ? { name: 'stories', private: false } : { name: 'why', private: false },
            ),
            several
              ? null
              : rift.run({ name: 'quotes', speaker: null, about: null, private: false }),
            rift.run({ name: 'help', private: false, reason: null }),
          ]);
          await client.views.publish({
            user_id: event.user,
            view: renderHome({ storyTitle: rift.storyTitle, why, speakers, help }),
          });
        } catch (error) {
          log.error('slack home tab failed', { error: describe(error) });
        }
      })(),
    );
  });

  app.shortcut<MessageShortcut>(
    { type: 'message_action', callback_id: ASK_SHORTCUT_ID },
    async ({ shortcut, ack, respond, context }) => {
      await ack();
      await flushAck();
      await track(
        safely(log, 'message shortcut', respond, async () => {
          if (!(await firstTime(`shortcut:${shortcut.trigger_id}`, context.retryNum))) return;
          const admission = await admit(shortcut.user.id, shortcut.channel.id);
          if (!admission.ok) return void (await respond(slowDown(admission)));
          const question = plainText(
            String(shortcut.message.text ?? '').slice(0, MAX_MESSAGE_CHARS),
            context.botUserId ?? null,
          ).trim();
          const command: Command = question
            ? { name: 'ask', question, private: true }
            : {
                name: 'help',
                private: true,
                reason: 'That message has no text to ask about.',
              };
          await respond({
            ...(await answer(command, 0, {
              channelId: shortcut.channel.id,
              userId: shortcut.user.id,
            })),
            response_type: 'ephemeral',
            replace_original: false,
          });
        }),
      );
    },
  );

  app.action<BlockAction>(
    { type: 'block_actions', action_id: FEEDBACK_ACTION_ID },
    async ({ action, ack, respond, body, context }) => {
      await ack();
      await track(
        safely(log, 'feedback', respond, async () => {
          const actionTs = 'action_ts' in action ? String(action.action_ts) : '';
          if (!(await firstTime(`action:${body.trigger_id}:${actionTs}`, context.retryNum))) return;
          const admission = await admit(body.user.id, body.channel?.id ?? null, 'click');
          if (!admission.ok) return void (await respond(slowDown(admission)));
          const raw = 'value' in action && typeof action.value === 'string' ? action.value : '';
          const [value, id] = raw.split(':', 2);
          if (value !== 'up' && value !== 'down')
            return void (await respond(notice(EXPIRED_BUTTON)));
          await respond(notice(await castVote(feedback, answerIdOf(id), value, body.user.id)));
        }),
      );
    },
  );

  app.action<BlockButtonAction>(
    { type: 'block_actions', action_id: new RegExp(`^(${MORE_ACTION_ID}|${SHARE_ACTION_ID})$`) },
    async ({ action, ack, respond, body, client, context }) => {
      await ack();
      await flushAck();
      await track(
        safely(log, 'answer button', respond, async () => {
          const click = `action:${body.trigger_id}:${action.action_ts}`;
          if (!(await firstTime(click, context.retryNum))) return;
          const admission = await admit(body.user.id, body.channel?.id ?? null, 'click');
          if (!admission.ok) return void (await respond(slowDown(admission)));
          const record = await findRecord(action.value);
          const channel = body.channel?.id;
          if (!record || !channel) return void (await respond(notice(EXPIRED_BUTTON)));
          const container = body.container as { thread_ts?: unknown; message_ts?: unknown };
          const threadTs =
            typeof container.thread_ts === 'string'
              ? container.thread_ts
              : (body.message?.thread_ts ?? body.message?.ts ?? null);
          if (action.action_id === SHARE_ACTION_ID) {
            const command = sharedCommand(record);
            const reply = await rift.run(command);
            const posted = await client.chat.postMessage({
              ...(await render(reply, { note: `Shared by ${sharerName(body.user)}` })),
              channel,
              ...(threadTs ? { thread_ts: threadTs } : {}),
            });
            // The private copy goes: the answer is now in the channel for everyone.
            await respond({ delete_original: true });
            // Replies in the shared answer's thread are follow-ups to it.
            const thread = threadTs ?? (typeof posted.ts === 'string' ? posted.ts : null);
            if (thread) {
              const key = ['slack', context.teamId ?? '-', channel, thread];
              const turns = (await conversations.load(key)) ?? [];
              const question =
                reply.kind === 'answer' || reply.kind === 'abstention' ? reply.question : null;
              const last = reply.kind === 'answer' ? (reply.citations.at(-1)?.n ?? 0) : 0;
              await conversations.append([key], turns, { command, shown: last, page: 0, question });
            }
            return;
          }
          const message = await answer(moreCommand(record));
          if (record.command.private) {
            await respond({ ...message, response_type: 'ephemeral', replace_original: false });
          } else {
            await client.chat.postMessage({
              ...message,
              channel,
              ...(threadTs ? { thread_ts: threadTs } : {}),
            });
          }
        }),
      );
    },
  );

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

/** Where a conversation's message was posted, and where its answer goes. */
interface ConversationPlace {
  readonly client: App['client'];
  readonly team: string | null;
  readonly channel: string;
  /** The thread to answer in; null for a DM's top level. */
  readonly threadTs: string | null;
  readonly user: string | null;
  /** A direct message with rift. */
  readonly direct: boolean;
}

/** A person's plain message, as the `message` event gives it. */
interface UserMessage {
  readonly channel: string;
  readonly channelType: string;
  readonly user: string;
  readonly text: string;
  readonly threadTs: string | null;
}

/**
 * Reads a `message` event written by a person; null for edits, joins, bots (rift's own replies
 * included) and anything without text, which are never answered.
 */
function readUserMessage(event: unknown): UserMessage | null {
  if (typeof event !== 'object' || event === null) return null;
  const e = event as Record<string, unknown>;
  // A thread reply also sent to the channel (`thread_broadcast`) is still a person's message.
  if ((e.subtype !== undefined && e.subtype !== 'thread_broadcast') || e.bot_id !== undefined)
    return null;
  const { channel, channel_type: channelType, user, text, thread_ts: threadTs } = e;
  if (typeof channel !== 'string' || typeof user !== 'string' || typeof text !== 'string')
    return null;
  return {
    channel,
    channelType: typeof channelType === 'string' ? channelType : '',
    user,
    text,
    threadTs: typeof threadTs === 'string' ? threadTs : null,
  };
}

/** The name a Share is credited to: the clicker's username (block_actions `user.username`). */
function sharerName(user: { readonly name?: string; readonly username?: string }): string {
  return user.username || user.name || 'someone';
}

/** A private line beside the message clicked. */
function notice(text: string): RespondArguments {
  return { text, response_type: 'ephemeral', replace_original: false };
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
