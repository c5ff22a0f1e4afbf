/**
 * Slack Socket Mode's front door: a Bolt `Receiver` over the Socket Mode client that holds
 * Socket Mode to the same rules as HTTP mode. Every envelope is acknowledged: the ones a listener
 * takes by that listener, as soon as it starts; every other one (a view submission, a global
 * shortcut, a button rift does not have, a payload Bolt throws on) as soon as Bolt has looked at
 * it. A malformed message never reaches Bolt: one that is not a JSON object, names no envelope,
 * has an envelope type Slack does not send, or carries a payload of the wrong shape is logged and,
 * when it names an envelope, acknowledged so Slack does not send it again. An envelope seen
 * before (the same `envelope_id`) is acknowledged again but never answered twice.
 */
import type { App, Logger as BoltLogger, Receiver, ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { Logger } from '../../log.ts';
import type { SharedStore } from '../../ops/store.ts';

/**
 * How long an envelope id is remembered. Slack redelivers an envelope it saw no acknowledgement
 * for within seconds, and its retries of an event (new envelopes) come within minutes and are
 * caught by the event id; ten minutes covers both with room to spare.
 */
export const ENVELOPE_MEMORY_MS = 10 * 60 * 1000;
/** Slack's envelope ids are UUIDs (36 characters); a longer one is malformed, not a store key. */
export const MAX_ENVELOPE_ID_CHARS = 128;
/** Shutdown never waits longer than this for the socket to close. */
const STOP_WAIT_MS = 1000;
/** The envelope types Slack sends; anything else is not passed on (the client emits by type). */
const ENVELOPE_TYPES = new Set(['events_api', 'slash_commands', 'interactive']);
/** Messages without an envelope that the Socket Mode client itself handles. */
const CONTROL_TYPES = new Set(['hello', 'disconnect']);

/** Options of {@link GuardedSocketModeReceiver}. */
export interface GuardedSocketModeReceiverOptions {
  /** The app-level token (`xapp-…`) that opens connections. */
  readonly appToken: string;
  /** Web API base for `apps.connections.open`; Slack's when undefined. */
  readonly apiUrl: string | undefined;
  /** Bolt's view of rift's logger, for the Socket Mode client's own lines. */
  readonly logger: BoltLogger;
  /** Remembers envelope ids already taken (key kind `replay`). */
  readonly store: SharedStore;
  readonly log: Logger;
}

/** What {@link readMessage} makes of one WebSocket message. */
export type SocketMessage =
  | { readonly kind: 'control' }
  | { readonly kind: 'envelope'; readonly envelopeId: string }
  | { readonly kind: 'malformed'; readonly envelopeId: string | null; readonly reason: string };

/**
 * Sorts one Socket Mode message: a control message (`hello`, `disconnect`), a well-formed
 * envelope, or a malformed one (with its envelope id when it has a usable one, so it can still be
 * acknowledged).
 *
 * @example
 * readMessage('{"type":"events_api","envelope_id":"e1","payload":null}')
 * // { kind: 'malformed', envelopeId: 'e1', reason: 'payload is not an object' }
 */
export function readMessage(text: string): SocketMessage {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'malformed', envelopeId: null, reason: 'not JSON' };
  }
  if (!isObject(message)) return { kind: 'malformed', envelopeId: null, reason: 'not an object' };
  const { type, envelope_id: id, payload } = message;
  if (typeof type === 'string' && CONTROL_TYPES.has(type)) return { kind: 'control' };
  if (typeof id !== 'string' || id === '' || id.length > MAX_ENVELOPE_ID_CHARS)
    return { kind: 'malformed', envelopeId: null, reason: 'no usable envelope_id' };
  if (typeof type !== 'string' || !ENVELOPE_TYPES.has(type))
    return { kind: 'malformed', envelopeId: id, reason: 'unknown envelope type' };
  if (!isObject(payload))
    return { kind: 'malformed', envelopeId: id, reason: 'payload is not an object' };
  if (type === 'events_api' && !(isObject(payload.event) && typeof payload.event.type === 'string'))
    return { kind: 'malformed', envelopeId: id, reason: 'event has no type' };
  return { kind: 'envelope', envelopeId: id };
}

/**
 * The Socket Mode client with a check in front of its message handler: the stock handler reads
 * `payload.event.type` unguarded (a `null` payload is an unhandled rejection and an envelope never
 * acknowledged) and re-emits each message under its own `type`, so only well-formed envelopes and
 * Slack's control messages get through.
 */
class GuardedSocketModeClient extends SocketModeClient {
  constructor(
    options: ConstructorParameters<typeof SocketModeClient>[0],
    private readonly log: Logger,
  ) {
    super(options);
  }

  protected override async onWebSocketMessage(
    data: string | ArrayBuffer,
    isBinary: boolean,
  ): Promise<void> {
    if (isBinary) {
      this.log.warn('slack socket message is binary; ignored');
      return;
    }
    const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
    const message = readMessage(text);
    if (message.kind === 'malformed') {
      this.log.warn('slack socket message is malformed; not answered', {
        reason: message.reason,
        envelope: message.envelopeId,
      });
      if (message.envelopeId) await this.acknowledge(message.envelopeId);
      return;
    }
    try {
      await super.onWebSocketMessage(text, false);
    } catch (error) {
      this.log.error('slack socket message failed', { error: describe(error) });
    }
  }

  /** Acknowledges `envelopeId` with an empty payload; a closed socket is logged, not thrown. */
  async acknowledge(envelopeId: string): Promise<void> {
    // `send` is what the client's own `ack` calls; its type is private only because the package
    // has not yet exposed it (a TODO in Bolt's SocketModeResponseAck), so it is reached by cast.
    const client = this as unknown as { send(id: string): Promise<void> };
    try {
      await client.send(envelopeId);
    } catch (error) {
      this.log.warn('slack socket acknowledgement failed', {
        envelope: envelopeId,
        error: describe(error),
      });
    }
  }
}

/** The arguments the Socket Mode client's `slack_event` carries. */
interface SlackEventArgs {
  readonly ack: (response?: Record<string, unknown>) => Promise<void>;
  readonly envelope_id: string;
  readonly body: unknown;
  readonly retry_num?: number;
  readonly retry_reason?: string;
}

/**
 * The receiver. `start()` opens the connection (`apps.connections.open`, then the WebSocket);
 * `stop()` closes it.
 *
 * @example
 * const receiver = new GuardedSocketModeReceiver({ appToken, apiUrl, logger: boltLogger(log), store, log });
 * const app = new App({ token, receiver });
 * await app.start();
 */
export class GuardedSocketModeReceiver implements Receiver {
  readonly client: GuardedSocketModeClient;
  private app: App | null = null;

  constructor(private readonly options: GuardedSocketModeReceiverOptions) {
    this.client = new GuardedSocketModeClient(
      {
        appToken: options.appToken,
        logger: options.logger,
        // A separate options object: the Socket Mode client adds its own retry policy to it.
        clientOptions: { slackApiUrl: options.apiUrl },
      },
      options.log,
    );
    this.client.on('slack_event', (args: SlackEventArgs) => void this.dispatch(args));
  }

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<unknown> {
    return this.client.start();
  }

  /** Closes the connection; waits at most {@link STOP_WAIT_MS} for the socket to say it closed. */
  async stop(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_WAIT_MS);
      timer.unref();
    });
    await Promise.race([this.client.disconnect().catch(() => {}), waited]);
    clearTimeout(timer);
  }

  private async dispatch(args: SlackEventArgs): Promise<void> {
    const { log, store } = this.options;
    let acked = false;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      try {
        await args.ack(isObject(response) ? response : undefined);
      } catch (error) {
        log.warn('slack socket acknowledgement failed', {
          envelope: args.envelope_id,
          error: describe(error),
        });
      }
    };
    try {
      if (!(await store.claim(`replay:slack-envelope:${args.envelope_id}`, ENVELOPE_MEMORY_MS))) {
        log.info('slack envelope already taken; acknowledged again, not answered', {
          envelope: args.envelope_id,
        });
        return;
      }
      if (!isObject(args.body)) return;
      const event: ReceiverEvent = {
        body: args.body,
        ack,
        ...(typeof args.retry_num === 'number' ? { retryNum: args.retry_num } : {}),
        ...(typeof args.retry_reason === 'string' ? { retryReason: args.retry_reason } : {}),
      };
      await this.app?.processEvent(event);
    } catch (error) {
      log.error('slack request failed', { error: describe(error) });
    } finally {
      // No listener took it (a view submission, a shortcut, an unknown button) or Bolt threw:
      // acknowledge now rather than letting Slack wait and send it again.
      if (!acked) await ack();
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
