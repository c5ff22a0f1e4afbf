/**
 * A local Slack for tests, on 127.0.0.1: a Web API (`auth.test`, `apps.connections.open`,
 * `chat.postMessage`, `chat.postEphemeral`), `response_url` endpoints that capture replies, and
 * a Socket Mode WebSocket server. Also signs requests the way Slack does.
 */
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** Bot user id the stand-in's `auth.test` returns; fixtures mention `<@U0LAN0Z89>`. */
export const BOT_USER_ID = 'U0LAN0Z89';
/** A signing secret and tokens in the shapes `readEnv` accepts; never real. */
export const TEST_SIGNING_SECRET = 'abcdef0123456789abcdef0123456789';
export const BOT_TOKEN = 'xoxb-0000-test-token';
export const APP_TOKEN = 'xapp-1-A0000-test-token';

/** One call captured by the stand-in. */
export interface Captured {
  /** `chat.postMessage`, `auth.test`, … or `respond` for a `response_url` post. */
  readonly method: string;
  /** Form or JSON body; `blocks` (a JSON string in form bodies) parsed back into an array. */
  readonly body: Record<string, unknown>;
  readonly authorization: string | null;
  /** For `respond`: the id in `/respond/<id>`. */
  readonly id: string | null;
}

/** The running stand-in. */
export interface SlackStandin {
  /** `http://127.0.0.1:<port>/api/`, for `SLACK_API_URL`. */
  readonly apiUrl: string;
  readonly calls: Captured[];
  /** A fresh `response_url` whose posts are captured with `id`. */
  responseUrl(id: string): string;
  /** Make `auth.test` answer `{ ok: false, error }`, as Slack does for a bad token. */
  failAuth(error: string): void;
  /** Make a Web API `method` answer `{ ok: false, error }` for calls to `channel`. */
  failMethod(method: string, channel: string, error: string): void;
  /** Make `response_url` posts with this id fail with HTTP `status`. */
  failResponseUrl(id: string, status: number): void;
  /** Resolves with the first call (past or future) matching `match`; rejects after `ms`. */
  waitFor(match: (call: Captured) => boolean, ms?: number): Promise<Captured>;
  /** Socket Mode: the URL `apps.connections.open` returns. */
  readonly socket: SocketStandin;
  close(): Promise<void>;
}

/** The Socket Mode side: a WebSocket server the app connects to. */
export interface SocketStandin {
  readonly url: string;
  /** Messages the app sent over the socket (acknowledgements), parsed. */
  readonly received: Record<string, unknown>[];
  /** Resolves once the app has connected and been sent `hello`. */
  connected(ms?: number): Promise<void>;
  send(message: unknown): void;
  /** Sends `data` as it is: a text frame, or a binary frame for a Buffer (malformed input). */
  sendRaw(data: string | Buffer): void;
  /** Resolves with the app's acknowledgement of `envelopeId`. */
  ackOf(envelopeId: string, ms?: number): Promise<Record<string, unknown>>;
  /** Resolves with the app's `count`-th acknowledgement of `envelopeId` (1 is the first). */
  nthAckOf(envelopeId: string, count: number, ms?: number): Promise<Record<string, unknown>>;
  /** How many times the app has acknowledged `envelopeId` so far. */
  acksOf(envelopeId: string): number;
}

/** Starts the stand-in on ephemeral ports. */
export async function startSlackStandin(): Promise<SlackStandin> {
  const calls: Captured[] = [];
  const waiters: { match: (c: Captured) => boolean; resolve: (c: Captured) => void }[] = [];
  const failures = new Map<string, number>();
  let authError: string | null = null;
  const methodErrors = new Map<string, string>();
  let ts = 1700000000;
  const record = (call: Captured) => {
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.match(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  };

  const socket = await startSocketStandin();
  const server = createServer(async (req, res) => {
    const body = parseBody(req, await readBody(req));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const respondMatch = /^\/respond\/([\w-]+)$/.exec(url.pathname);
    if (respondMatch) {
      const id = respondMatch[1] ?? '';
      record({ method: 'respond', body, authorization: null, id });
      const status = failures.get(id) ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : 'failed');
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    record({ method, body, authorization: req.headers.authorization ?? null, id: null });
    const reply = (data: Record<string, unknown>) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const methodError = methodErrors.get(`${method} ${String(body.channel)}`);
    if (methodError) return reply({ ok: false, error: methodError });
    switch (method) {
      case 'auth.test':
        if (authError) return reply({ ok: false, error: authError });
        return reply({
          ok: true,
          url: 'https://example.slack.com/',
          team: 'Example',
          user: 'rift',
          team_id: 'T0001',
          user_id: BOT_USER_ID,
          bot_id: 'B0001',
        });
      case 'views.publish':
        return reply({ ok: true, view: { id: 'V0001', ...(body.view as object) } });
      case 'apps.connections.open':
        return reply({ ok: true, url: socket.url });
      case 'chat.postMessage':
      case 'chat.postEphemeral':
        ts += 1;
        return reply({
          ok: true,
          channel: body.channel,
          ts: `${ts}.000100`,
          message_ts: `${ts}.000100`,
        });
      default:
        return reply({ ok: false, error: 'unknown_method' });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/`,
    calls,
    socket,
    responseUrl: (id) => `${base}/respond/${id}`,
    failResponseUrl: (id, status) => failures.set(id, status),
    failAuth: (error) => {
      authError = error;
    },
    failMethod: (method, channel, error) => methodErrors.set(`${method} ${channel}`, error),
    waitFor(match, ms = 5000) {
      const found = calls.find(match);
      if (found) return Promise.resolve(found);
      return withTimeout(
        new Promise<Captured>((resolve) => waiters.push({ match, resolve })),
        ms,
        'no matching Slack call',
      );
    },
    async close() {
      await socket.close();
      await closeServer(server);
    },
  };
}

async function startSocketStandin(): Promise<SocketStandin & { close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const { port } = wss.address() as AddressInfo;
  const received: Record<string, unknown>[] = [];
  const listeners: ((m: Record<string, unknown>) => void)[] = [];
  let client: WebSocket | null = null;
  let onConnect: (() => void) | null = null;
  const hello = readFixture('socket-hello.json');
  const nthAck = (envelopeId: string, count: number, ms: number) => {
    const acks = received.filter((m) => m.envelope_id === envelopeId);
    const found = acks[count - 1];
    if (found) return Promise.resolve(found);
    let seen = acks.length;
    return withTimeout(
      new Promise<Record<string, unknown>>((resolve) => {
        const listener = (m: Record<string, unknown>) => {
          if (m.envelope_id !== envelopeId) return;
          seen += 1;
          if (seen < count) return;
          listeners.splice(listeners.indexOf(listener), 1);
          resolve(m);
        };
        listeners.push(listener);
      }),
      ms,
      `no ack number ${count} for envelope ${envelopeId}`,
    );
  };
  wss.on('connection', (ws) => {
    client = ws;
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      received.push(message);
      for (const listener of [...listeners]) listener(message);
    });
    ws.send(JSON.stringify(hello));
    onConnect?.();
  });
  return {
    url: `ws://127.0.0.1:${port}/link`,
    received,
    connected(ms = 5000) {
      if (client) return Promise.resolve();
      return withTimeout(new Promise<void>((resolve) => (onConnect = resolve)), ms, 'no socket');
    },
    send(message) {
      if (!client) throw new Error('Socket Mode stand-in: nobody is connected');
      client.send(JSON.stringify(message));
    },
    sendRaw(data) {
      if (!client) throw new Error('Socket Mode stand-in: nobody is connected');
      client.send(data, { binary: typeof data !== 'string' });
    },
    ackOf(envelopeId, ms = 5000) {
      return nthAck(envelopeId, 1, ms);
    },
    nthAckOf(envelopeId, count, ms = 5000) {
      return nthAck(envelopeId, count, ms);
    },
    acksOf: (envelopeId) => received.filter((m) => m.envelope_id === envelopeId).length,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Reads `test/fixtures/slack/<name>` without its `$comment`. */
export function readFixture<T = Record<string, unknown>>(name: string): T {
  const url = new URL(`../fixtures/slack/${name}`, import.meta.url);
  const { $comment: _, ...data } = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  return data as T;
}

/**
 * Slack's request signature: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`.
 *
 * @example
 * signSlackRequest('text=why', SIGNING_SECRET, 1531420618)
 */
export function signSlackRequest(
  rawBody: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${signature}`,
  };
}

let triggers = 0;
/** A fresh trigger id, as Slack gives every command invocation and click. */
export function freshTriggerId(): string {
  triggers += 1;
  return `13345224609.738474920.${String(triggers).padStart(8, '0')}`;
}

/** A slash-command form body from the captured fixture with a fresh trigger id, and `overrides`. */
export function slashCommandBody(overrides: Record<string, string>): string {
  const fields = {
    ...readFixture<Record<string, string>>('slash-command.json'),
    trigger_id: freshTriggerId(),
    ...overrides,
  };
  return new URLSearchParams(fields).toString();
}

/** A `block_actions` form body (`payload=<JSON>`) clicking `actionId` with `value`. */
export function blockActionsBody(actionId: string, value: string, responseUrl: string): string {
  const payload = readFixture<{ actions: Record<string, unknown>[] }>('block-actions.json');
  payload.actions = payload.actions.map((a) => ({ ...a, action_id: actionId, value }));
  return new URLSearchParams({
    payload: JSON.stringify({
      ...payload,
      trigger_id: freshTriggerId(),
      response_url: responseUrl,
    }),
  }).toString();
}

/** Posts a signed body to the app's `/slack/events`; returns status and response time. */
export async function postSigned(
  port: number,
  rawBody: string,
  options: { secret?: string; timestamp?: number; contentType?: string } = {},
): Promise<{ status: number; body: string }> {
  const headers = signSlackRequest(
    rawBody,
    options.secret ?? TEST_SIGNING_SECRET,
    options.timestamp,
  );
  if (options.contentType) headers['content-type'] = options.contentType;
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers,
    body: rawBody,
  });
  return { status: res.status, body: await res.text() };
}

function parseBody(req: IncomingMessage, raw: string): Record<string, unknown> {
  if (raw === '') return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    return JSON.parse(raw) as Record<string, unknown>;
  }
  const body: Record<string, unknown> = Object.fromEntries(new URLSearchParams(raw));
  // The Web API client sends arrays and objects as JSON strings inside the form body.
  for (const key of ['blocks', 'attachments', 'view']) {
    if (typeof body[key] === 'string') body[key] = JSON.parse(body[key] as string);
  }
  return body;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Slack stand-in: ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
