/**
 * A local, protocol-faithful stand-in for Discord on 127.0.0.1: REST (node:http) and the
 * gateway (a `ws` server) share one port. It speaks enough of API v10 for a real discord.js
 * client to log in and answer interactions, captures every request, and fails like Discord does:
 * 10062 for an unknown or expired interaction, 40060 for a second acknowledgement, 50035 for a
 * body over the limits.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { type WebSocket, WebSocketServer } from 'ws';

type Json = Record<string, unknown>;

/** One request the bot made, as the stand-in saw it. */
export interface CapturedRequest {
  readonly method: string;
  /** Path with percent-escapes decoded, e.g. `/api/v10/webhooks/1/abc/messages/@original`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly headers: IncomingMessage['headers'];
  /** Status the stand-in answered with. */
  status: number;
  /** Response body, for errors. */
  response: unknown;
  /** `performance.now()` when the request arrived. */
  readonly at: number;
  /** The interaction the request is about (callback or webhook), if any. */
  readonly interactionId: string | null;
}

/** A gateway frame the stand-in received. */
export interface GatewayFrame {
  readonly op: number;
  readonly d: unknown;
}

/** Options; the defaults match Discord. */
export interface StandInOptions {
  readonly token: string;
  readonly applicationId: string;
  /** How long an interaction may wait for its first response. */
  readonly interactionDeadlineMs?: number;
  readonly heartbeatIntervalMs?: number;
  /** Shard count `GET /gateway/bot` recommends; default 1. */
  readonly recommendedShards?: number;
}

/** A failure to inject: answer matching requests with `status` instead of handling them. */
export interface InjectedFailure {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  /** How many matching requests fail; Infinity until cleared. */
  remaining: number;
}

interface InteractionState {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly dispatchedAt: number;
  acknowledged: 'no' | 'deferred' | 'replied' | 'updated' | 'autocomplete';
  ephemeral: boolean;
  original: Json | null;
}

/** The running stand-in. */
export interface DiscordStandIn {
  /** REST base for discord.js `rest.api` and `DISCORD_API_URL`, e.g. `http://127.0.0.1:4567/api`. */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly requests: CapturedRequest[];
  readonly frames: GatewayFrame[];
  /** Sends INTERACTION_CREATE to the connected client; returns the interaction id. */
  dispatch(payload: Json): string;
  /** Sends any other gateway event (`GUILD_CREATE`, `MESSAGE_CREATE`, …) to every session. */
  dispatchEvent(type: string, data: Json): void;
  /** Performance timestamp of an interaction's dispatch. */
  dispatchedAt(interactionId: string): number;
  /** Resolves with the first captured request (past or future) matching `match`. */
  waitFor(
    match: (request: CapturedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<CapturedRequest>;
  /** Every captured request about one interaction, in order. */
  requestsFor(interactionId: string): CapturedRequest[];
  fail(failure: Omit<InjectedFailure, 'remaining'> & { count?: number }): void;
  clearFailures(): void;
  /** Holds the answer to matching requests for `ms` (a slow Discord), until `clearDelays`. */
  delay(delay: { readonly method: string; readonly path: RegExp; readonly ms: number }): void;
  clearDelays(): void;
  /** Resolves once a client has identified and received READY. */
  readonly identified: Promise<void>;
  /**
   * The `[shard_id, num_shards]` of every session identified so far (`[0, 1]` without sharding).
   * With several shards connected, `dispatch` sends an interaction only to the shard of its
   * guild, `(guild_id >> 22) % num_shards`, and shard 0 for DMs, as Discord does.
   */
  readonly shards: readonly (readonly [number, number])[];
  /** Resolves once `count` sessions have identified. */
  waitForIdentified(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Discord's limits, restated independently of the renderer under test. */
const LIMITS = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedsTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  label: 80,
  choices: 25,
  choice: 100,
} as const;

const WEBHOOK_TOKEN_LIFETIME_MS = 15 * 60 * 1000;

/**
 * Starts a stand-in on an ephemeral port of 127.0.0.1.
 *
 * @example
 * const discord = await startDiscordStandIn({ token, applicationId });
 * const running = await startDiscord(rift, { token, applicationId, guildId: null, apiUrl: discord.apiUrl }, log);
 */
export async function startDiscordStandIn(options: StandInOptions): Promise<DiscordStandIn> {
  const deadline = options.interactionDeadlineMs ?? 3000;
  const requests: CapturedRequest[] = [];
  const frames: GatewayFrame[] = [];
  const interactions = new Map<string, InteractionState>();
  const byToken = new Map<string, InteractionState>();
  const failures: InjectedFailure[] = [];
  const delays: { method: string; path: RegExp; ms: number }[] = [];
  const waiters = new Set<{
    match: (r: CapturedRequest) => boolean;
    resolve: (r: CapturedRequest) => void;
  }>();
  const sockets = new Set<WebSocket>();
  const shardOf = new Map<WebSocket, readonly [number, number]>();
  const shards: (readonly [number, number])[] = [];
  const identifyWaiters = new Set<() => void>();
  let sequence = 0;
  let messageIds = 0n;
  let markIdentified: () => void = () => {};
  const identified = new Promise<void>((resolve) => {
    markIdentified = resolve;
  });

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => handleRest(req, res, raw))
      .catch((error: unknown) => send(res, 500, { message: String(error), code: 0 }));
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => onGateway(ws));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}`;

  // --- gateway -------------------------------------------------------------------------------

  function onGateway(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      shardOf.delete(ws);
    });
    ws.send(
      JSON.stringify({
        op: 10,
        d: { heartbeat_interval: options.heartbeatIntervalMs ?? 41250 },
        s: null,
        t: null,
      }),
    );
    ws.on('message', (data) => {
      let frame: GatewayFrame;
      try {
        frame = JSON.parse(String(data)) as GatewayFrame;
      } catch {
        ws.close(4002, 'Error while decoding payload.');
        return;
      }
      frames.push(frame);
      if (frame.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (frame.op === 2) identify(ws, frame.d as Json);
      else if (frame.op === 6)
        ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++sequence, d: {} }));
    });
  }

  function identify(ws: WebSocket, d: Json): void {
    if (d.token !== options.token) {
      ws.close(4004, 'Authentication failed.');
      return;
    }
    const ready = {
      v: 10,
      user: {
        id: options.applicationId,
        username: 'rift',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
        flags: 0,
        verified: true,
        mfa_enabled: false,
      },
      guilds: [],
      session_id: randomBytes(16).toString('hex'),
      resume_gateway_url: gatewayUrl,
      shard: Array.isArray(d.shard) ? d.shard : [0, 1],
      application: { id: options.applicationId, flags: 0 },
      private_channels: [],
      user_settings: {},
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      _trace: ['["rift-standin",{"micros":0}]'],
    };
    ws.send(JSON.stringify({ op: 0, t: 'READY', s: ++sequence, d: ready }));
    const shard = parseShard(d.shard);
    shardOf.set(ws, shard);
    shards.push(shard);
    markIdentified();
    for (const wake of identifyWaiters) wake();
  }

  // --- REST ----------------------------------------------------------------------------------

  async function handleRest(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const path = url.pathname.split('/').map(safeDecode).join('/');
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const route = matchRoute(req.method ?? 'GET', path);
    const request: CapturedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      headers: req.headers,
      status: 0,
      response: null,
      at: performance.now(),
      interactionId: route.interactionId,
    };
    requests.push(request);
    const reply = (status: number, payload: unknown) => {
      request.status = status;
      request.response = payload;
      send(res, status, payload);
      for (const waiter of waiters) {
        if (waiter.match(request)) {
          waiters.delete(waiter);
          waiter.resolve(request);
        }
      }
    };

    const failure = failures.find(
      (f) => f.method === request.method && f.path.test(path) && f.remaining > 0,
    );
    if (failure) {
      failure.remaining -= 1;
      reply(failure.status, { message: `${failure.status}: Internal Server Error`, code: 0 });
      return;
    }
    const [status, payload] = route.handle(body, request);
    const slow = delays.find((d) => d.method === request.method && d.path.test(path));
    if (slow) await new Promise((resolve) => setTimeout(resolve, slow.ms));
    reply(status, payload);
  }

  interface Route {
    readonly interactionId: string | null;
    handle(body: unknown, request: CapturedRequest): [number, unknown];
  }

  function matchRoute(method: string, path: string): Route {
    const parts = path.split('/').filter(Boolean);
    const [api, version, resource] = parts;
    const notFound: Route = {
      interactionId: null,
      handle: () => [404, { message: '404: Not Found', code: 0 }],
    };
    if (api !== 'api' || version !== 'v10') return notFound;

    if (method === 'GET' && resource === 'gateway' && parts[3] === 'bot' && parts.length === 4) {
      return { interactionId: null, handle: (_body, request) => gatewayBot(request) };
    }
    if (
      method === 'POST' &&
      resource === 'interactions' &&
      parts.length === 6 &&
      parts[5] === 'callback'
    ) {
      const [, , , id = '', token = ''] = parts;
      return { interactionId: id, handle: (body) => callback(id, token, body) };
    }
    if (resource === 'webhooks' && parts[3] === options.applicationId) {
      const token = parts[4] ?? '';
      const state = byToken.get(token);
      if (
        method === 'PATCH' &&
        parts[5] === 'messages' &&
        parts[6] === '@original' &&
        parts.length === 7
      ) {
        return { interactionId: state?.id ?? null, handle: (body) => editOriginal(state, body) };
      }
      if (method === 'POST' && parts.length === 5) {
        return { interactionId: state?.id ?? null, handle: (body) => followUp(state, body) };
      }
    }
    if (
      method === 'POST' &&
      resource === 'channels' &&
      parts[4] === 'messages' &&
      parts.length === 5
    ) {
      const channelId = parts[3] ?? '';
      return {
        interactionId: null,
        handle: (body, request) => createMessage(channelId, body, request),
      };
    }
    if (method === 'PUT' && resource === 'applications' && parts[3] === options.applicationId) {
      const guild = parts[4] === 'guilds' ? parts[5] : null;
      const tail = guild ? parts.slice(6) : parts.slice(4);
      if (tail.length === 1 && tail[0] === 'commands') {
        return {
          interactionId: null,
          handle: (body, request) => overwriteCommands(body, request, guild ?? null),
        };
      }
    }
    return notFound;
  }

  function authorized(request: CapturedRequest): boolean {
    return request.headers.authorization === `Bot ${options.token}`;
  }

  function gatewayBot(request: CapturedRequest): [number, unknown] {
    if (!authorized(request)) return [401, { message: '401: Unauthorized', code: 0 }];
    return [
      200,
      {
        url: gatewayUrl,
        shards: options.recommendedShards ?? 1,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 14400000,
          max_concurrency: 1,
        },
      },
    ];
  }

  function overwriteCommands(
    body: unknown,
    request: CapturedRequest,
    guildId: string | null,
  ): [number, unknown] {
    if (!authorized(request)) return [401, { message: '401: Unauthorized', code: 0 }];
    if (!Array.isArray(body)) return invalidForm(['body: must be an array of commands']);
    return [
      200,
      body.map((command: Json) => ({
        ...command,
        id: String(BigInt(options.applicationId) + 1n),
        application_id: options.applicationId,
        version: '1',
        ...(guildId ? { guild_id: guildId } : {}),
      })),
    ];
  }

  function callback(id: string, token: string, body: unknown): [number, unknown] {
    const state = interactions.get(id);
    if (!state || state.token !== token || performance.now() - state.dispatchedAt > deadline) {
      return [404, { message: 'Unknown interaction', code: 10062 }];
    }
    if (state.acknowledged !== 'no') {
      return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
    }
    const { type, data } = (body ?? {}) as { type?: unknown; data?: Json };
    const problems: string[] = [];
    switch (type) {
      case 4:
        problems.push(...validateMessage(data ?? {}, true));
        break;
      case 5:
        break;
      case 6:
      case 7:
        if (state.type !== 3) problems.push('type: only component interactions can be updated');
        if (type === 7) problems.push(...validateMessage(data ?? {}, false));
        break;
      case 8:
        if (state.type !== 4) problems.push('type: only autocomplete interactions take choices');
        problems.push(...validateChoices(data));
        break;
      default:
        problems.push(`type: ${String(type)} is not a valid interaction callback type`);
    }
    if (problems.length > 0) return invalidForm(problems);
    const flags = Number(data?.flags ?? 0);
    state.ephemeral = (flags & 64) === 64;
    state.acknowledged =
      type === 4 ? 'replied' : type === 5 ? 'deferred' : type === 8 ? 'autocomplete' : 'updated';
    if (type === 4) state.original = messageObject(data ?? {}, flags);
    return [204, null];
  }

  function editOriginal(state: InteractionState | undefined, body: unknown): [number, unknown] {
    if (!state || performance.now() - state.dispatchedAt > WEBHOOK_TOKEN_LIFETIME_MS) {
      return [404, { message: 'Unknown Webhook', code: 10015 }];
    }
    if (state.acknowledged === 'no' || state.acknowledged === 'autocomplete') {
      return [404, { message: 'Unknown Message', code: 10008 }];
    }
    const problems = validateMessage((body ?? {}) as Json, false);
    if (problems.length > 0) return invalidForm(problems);
    const flags = state.ephemeral ? 64 : 0;
    state.original = {
      ...(state.original ?? messageObject({}, flags)),
      ...(body as Json),
      edited_timestamp: new Date().toISOString(),
    };
    return [200, state.original];
  }

  function followUp(state: InteractionState | undefined, body: unknown): [number, unknown] {
    if (!state) return [404, { message: 'Unknown Webhook', code: 10015 }];
    if (state.acknowledged === 'no') return [404, { message: 'Unknown Message', code: 10008 }];
    const problems = validateMessage((body ?? {}) as Json, true);
    if (problems.length > 0) return invalidForm(problems);
    return [200, messageObject(body as Json, Number((body as Json).flags ?? 0))];
  }

  /** `POST /channels/{id}/messages`: a bot's own message, e.g. a reply to a user's message. */
  function createMessage(
    channelId: string,
    body: unknown,
    request: CapturedRequest,
  ): [number, unknown] {
    if (!authorized(request)) return [401, { message: '401: Unauthorized', code: 0 }];
    const problems = validateMessage((body ?? {}) as Json, true);
    if (problems.length > 0) return invalidForm(problems);
    const message = messageObject(body as Json, Number((body as Json).flags ?? 0));
    return [
      200,
      {
        ...message,
        type: (body as Json).message_reference ? 19 : 0,
        channel_id: channelId,
        webhook_id: undefined,
      },
    ];
  }

  function messageObject(data: Json, flags: number): Json {
    messageIds += 1n;
    return {
      id: String(BigInt(options.applicationId) * 2n + messageIds),
      type: 20,
      channel_id: '1302000000000000200',
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      webhook_id: options.applicationId,
      application_id: options.applicationId,
      author: {
        id: options.applicationId,
        username: 'rift',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
      ...data,
      flags,
    };
  }

  function invalidForm(problems: readonly string[]): [number, unknown] {
    return [400, { message: 'Invalid Form Body', code: 50035, errors: { _problems: problems } }];
  }

  // --- control -------------------------------------------------------------------------------

  function dispatch(payload: Json): string {
    const id = String(payload.id);
    const state: InteractionState = {
      id,
      token: String(payload.token),
      type: Number(payload.type),
      dispatchedAt: performance.now(),
      acknowledged: 'no',
      ephemeral: false,
      original: null,
    };
    interactions.set(id, state);
    byToken.set(state.token, state);
    const frame = JSON.stringify({ op: 0, t: 'INTERACTION_CREATE', s: ++sequence, d: payload });
    for (const ws of sockets) {
      const shard = shardOf.get(ws);
      if (!shard || shard[1] <= 1 || shard[0] === shardFor(payload.guild_id, shard[1]))
        ws.send(frame);
    }
    return id;
  }

  return {
    apiUrl: `${origin}/api`,
    gatewayUrl,
    requests,
    frames,
    identified,
    shards,
    waitForIdentified(count, timeoutMs = 10_000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (shards.length < count) return;
          identifyWaiters.delete(check);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          identifyWaiters.delete(check);
          reject(new Error(`Stand-in: ${shards.length} of ${count} sessions identified`));
        }, timeoutMs);
        identifyWaiters.add(check);
        check();
      });
    },
    dispatch,
    dispatchEvent(type, data) {
      const frame = JSON.stringify({ op: 0, t: type, s: ++sequence, d: data });
      for (const ws of sockets) ws.send(frame);
    },
    dispatchedAt(id) {
      const state = interactions.get(id);
      if (!state) throw new Error(`Stand-in: no interaction ${id} was dispatched`);
      return state.dispatchedAt;
    },
    waitFor(match, timeoutMs = 5000) {
      const seen = requests.find((r) => r.status !== 0 && match(r));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (r: CapturedRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`Stand-in: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    requestsFor(id) {
      return requests.filter((r) => r.interactionId === id);
    },
    fail({ count = Number.POSITIVE_INFINITY, ...failure }) {
      failures.push({ ...failure, remaining: count });
    },
    clearFailures() {
      failures.length = 0;
    },
    delay(delay) {
      delays.push({ ...delay });
    },
    clearDelays() {
      delays.length = 0;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// --- validation ------------------------------------------------------------------------------

type Embed = {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  author?: { name: string };
};

/** Discord's checks on a message body, as `Invalid Form Body` problems. */
export function validateMessage(data: Json, requireContent: boolean): string[] {
  const problems: string[] = [];
  const content = typeof data.content === 'string' ? data.content : '';
  const embeds = Array.isArray(data.embeds) ? (data.embeds as Embed[]) : [];
  const rows = Array.isArray(data.components) ? (data.components as Json[]) : [];
  if (content.length > LIMITS.content)
    problems.push(`content: must be ${LIMITS.content} or fewer in length`);
  if (requireContent && !content.trim() && embeds.length === 0 && rows.length === 0) {
    problems.push('message: cannot send an empty message');
  }
  if (embeds.length > LIMITS.embeds) problems.push(`embeds: must be ${LIMITS.embeds} or fewer`);
  let total = 0;
  embeds.forEach((embed, i) => {
    const check = (name: string, value: string | undefined, max: number) => {
      if (value !== undefined && value.length > max)
        problems.push(`embeds.${i}.${name}: must be ${max} or fewer in length`);
      if (value !== undefined && value.trim().length === 0 && name.startsWith('fields'))
        problems.push(`embeds.${i}.${name}: must not be empty`);
      total += value?.length ?? 0;
    };
    check('title', embed.title, LIMITS.title);
    check('description', embed.description, LIMITS.description);
    check('footer.text', embed.footer?.text, LIMITS.footer);
    check('author.name', embed.author?.name, LIMITS.author);
    if (embed.author && !embed.author.name.trim())
      problems.push(`embeds.${i}.author.name: must not be empty`);
    const fields = embed.fields ?? [];
    if (fields.length > LIMITS.fields)
      problems.push(`embeds.${i}.fields: must be ${LIMITS.fields} or fewer`);
    fields.forEach((field, j) => {
      check(`fields.${j}.name`, field.name, LIMITS.fieldName);
      check(`fields.${j}.value`, field.value, LIMITS.fieldValue);
    });
  });
  if (total > LIMITS.embedsTotal)
    problems.push(`embeds: total length must be ${LIMITS.embedsTotal} or fewer`);
  if (rows.length > LIMITS.rows) problems.push(`components: must be ${LIMITS.rows} or fewer`);
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const buttons = Array.isArray(row.components) ? (row.components as Json[]) : [];
    if (row.type !== 1) problems.push(`components.${i}.type: must be an action row`);
    if (buttons.length === 0 || buttons.length > LIMITS.buttonsPerRow) {
      problems.push(`components.${i}.components: must be 1 to ${LIMITS.buttonsPerRow}`);
    }
    buttons.forEach((button, j) => {
      const id = String(button.custom_id ?? '');
      if (!id || id.length > LIMITS.customId)
        problems.push(
          `components.${i}.components.${j}.custom_id: must be 1 to ${LIMITS.customId} in length`,
        );
      if (ids.has(id)) problems.push(`components.${i}.components.${j}.custom_id: duplicate`);
      ids.add(id);
      if (String(button.label ?? '').length > LIMITS.label)
        problems.push(
          `components.${i}.components.${j}.label: must be ${LIMITS.label} or fewer in length`,
        );
    });
  });
  return problems;
}

function validateChoices(data: Json | undefined): string[] {
  const choices = Array.isArray(data?.choices)
    ? (data.choices as { name?: unknown; value?: unknown }[])
    : null;
  if (!choices) return ['data.choices: required'];
  const problems: string[] = [];
  if (choices.length > LIMITS.choices)
    problems.push(`data.choices: must be ${LIMITS.choices} or fewer`);
  choices.forEach((choice, i) => {
    const name = String(choice.name ?? '');
    const value = String(choice.value ?? '');
    if (name.length < 1 || name.length > LIMITS.choice)
      problems.push(`data.choices.${i}.name: must be 1 to ${LIMITS.choice} in length`);
    if (value.length < 1 || value.length > LIMITS.choice)
      problems.push(`data.choices.${i}.value: must be 1 to ${LIMITS.choice} in length`);
  });
  return problems;
}

/** `[shard_id, num_shards]` from IDENTIFY's `shard`, `[0, 1]` when absent or malformed. */
function parseShard(value: unknown): readonly [number, number] {
  if (Array.isArray(value) && value.length === 2) {
    const [id, count] = value.map(Number) as [number, number];
    if (Number.isInteger(id) && Number.isInteger(count) && count >= 1 && id >= 0 && id < count)
      return [id, count];
  }
  return [0, 1];
}

/** Discord's routing: `(guild_id >> 22) % num_shards`; DMs (no guild) go to shard 0. */
export function shardFor(guildId: unknown, count: number): number {
  if (typeof guildId !== 'string' || !/^\d+$/.test(guildId)) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  const text = JSON.stringify(payload);
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
