/**
 * Slack HTTP mode's front door: a Bolt `Receiver` on node:http that bounds everything before
 * Bolt sees a request. Bodies are capped before the signature is checked; the signature, its
 * timestamp (at most five minutes old or ahead) and its novelty (each signature is remembered
 * for as long as its timestamp is acceptable, and a repeat is refused) are checked before the
 * body is parsed; the body must parse to an object; headers and whole requests have time limits,
 * connections are capped, and shutdown closes idle and slow connections at the end of the grace
 * period. A payload no listener handles is acknowledged as soon as Bolt has looked at it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { HttpLimits } from '../../config/rift-config.ts';
import type { Logger } from '../../log.ts';
import { storeHealth } from '../../ops/gate.ts';
import type { SharedStore } from '../../ops/store.ts';

/** Slack's replay window: a request signed more than this long ago, or ahead, is refused. */
export const SIGNATURE_WINDOW_SECONDS = 300;
/** A signature accepted now may carry a timestamp up to a window ahead: remember it that long. */
const REPLAY_MEMORY_MS = (2 * SIGNATURE_WINDOW_SECONDS + 1) * 1000;

/** Options of {@link SignedHttpReceiver}. */
export interface SignedHttpReceiverOptions {
  readonly signingSecret: string;
  /** Where Slack posts events, commands and interactions. */
  readonly eventsPath: string;
  /** Load-balancer health check, answered on the main thread without touching the core. */
  readonly healthPath: string;
  readonly limits: HttpLimits;
  /** Remembers signatures already seen (key kind `replay`). */
  readonly store: SharedStore;
  readonly log: Logger;
  /** Clock in milliseconds, for tests. */
  readonly now?: () => number;
}

/** Why a request was refused before Bolt saw it, for logs. */
type Refusal = 'too large' | 'unsigned' | 'stale or future timestamp' | 'bad signature' | 'replay';

/**
 * The receiver. `start(port)` resolves with the listening server; `stop()` stops accepting and
 * closes idle connections; `closeAll()` ends every connection still open.
 *
 * @example
 * const receiver = new SignedHttpReceiver({ signingSecret, eventsPath: '/slack/events', healthPath: '/healthz', limits, store, log });
 * const app = new App({ token, receiver });
 * await app.start(3000);
 */
export class SignedHttpReceiver implements Receiver {
  private app: App | null = null;
  private server: Server | null = null;
  private readonly now: () => number;
  private readonly storeHealth: ReturnType<typeof storeHealth>;

  constructor(private readonly options: SignedHttpReceiverOptions) {
    this.now = options.now ?? Date.now;
    this.storeHealth = storeHealth(options.log);
  }

  init(app: App): void {
    this.app = app;
  }

  start(port: number): Promise<Server> {
    const { limits } = this.options;
    const server = createServer(
      {
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        keepAliveTimeout: Math.min(5000, limits.requestTimeoutMs),
        // How often the timeouts above are enforced (Node's default checks every 30 s).
        connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
      },
      (req, res) => void this.handle(req, res),
    );
    server.maxConnections = limits.maxConnections;
    // A request that outlives requestTimeout gets 408 and its socket closed.
    server.on('clientError', (_error, socket) => socket.destroy());
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve(server);
      });
    });
  }

  /** Stops accepting connections and closes the idle ones; requests under way go on. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.close();
    server.closeIdleConnections();
  }

  /** Ends every connection still open (slow senders included): the end of the grace period. */
  closeAll(): void {
    this.server?.closeAllConnections();
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === this.options.healthPath) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
      return;
    }
    if (req.method !== 'POST' || path !== this.options.eventsPath) {
      finish(res, 404);
      req.resume();
      return;
    }
    const raw = await this.readBody(req);
    if (raw === null) return this.refuse(req, res, 'too large', 413);
    const text = raw.toString('utf8');
    const contentType =
      String(req.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() ?? '';
    const form = contentType === 'application/x-www-form-urlencoded' ? parseQuery(text) : null;
    // Slack's certificate check is unsigned and carries nothing to act on.
    if (form?.ssl_check === '1') return finish(res, 200);
    const refusal = await this.verify(req, text);
    if (refusal) return this.refuse(req, res, refusal, 401);
    let body: unknown;
    try {
      body = form
        ? typeof form.payload === 'string'
          ? JSON.parse(form.payload)
          : form
        : JSON.parse(text);
    } catch {
      body = null;
    }
    if (!isObject(body)) {
      this.options.log.warn('slack request body is not an object; refused', { status: 400 });
      return finish(res, 400);
    }
    if (body.type === 'url_verification') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ challenge: body.challenge }));
      return;
    }
    await this.dispatch(req, res, body);
  }

  /** Reads the body, or returns null (and stops reading) once it passes the cap. */
  private readBody(req: IncomingMessage): Promise<Buffer | null> {
    const max = this.options.limits.maxBodyBytes;
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) return Promise.resolve(null);
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      req.on('data', (chunk: Buffer) => {
        if (done) return;
        size += chunk.length;
        if (size > max) {
          done = true;
          resolve(null);
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (!done) resolve(Buffer.concat(chunks));
        done = true;
      });
      req.on('error', () => {
        if (!done) resolve(null);
        done = true;
      });
      req.on('close', () => {
        if (!done) resolve(null);
        done = true;
      });
    });
  }

  /** Checks signature, timestamp window and novelty; null when the request may go on. */
  private async verify(req: IncomingMessage, text: string): Promise<Refusal | null> {
    const signature = req.headers['x-slack-signature'];
    const stamp = req.headers['x-slack-request-timestamp'];
    if (typeof signature !== 'string' || typeof stamp !== 'string') return 'unsigned';
    const timestamp = Number(stamp);
    const nowSeconds = Math.floor(this.now() / 1000);
    if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > SIGNATURE_WINDOW_SECONDS)
      return 'stale or future timestamp';
    const expected = `v0=${createHmac('sha256', this.options.signingSecret).update(`v0:${stamp}:${text}`).digest('hex')}`;
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected)))
      return 'bad signature';
    // Remember the signature for as long as any accepted timestamp stays acceptable. The time to
    // live is one constant, not what is left of this timestamp's window: a claim is looked up
    // under its time to live, so a replay a second later (a new remainder) must ask with the same.
    try {
      const fresh = await this.options.store.claim(`replay:slack:${signature}`, REPLAY_MEMORY_MS);
      this.storeHealth.up();
      if (!fresh) return 'replay';
    } catch (error) {
      // The store is down: the signature and its five-minute window still hold; a replay within
      // that window is the most that gets through, and the gate's dedupe still catches retries.
      this.storeHealth.down(error);
    }
    return null;
  }

  private refuse(req: IncomingMessage, res: ServerResponse, why: Refusal, status: number): void {
    this.options.log.warn('slack request refused', { reason: why, status });
    // Whatever is left of the body is not read: the connection is closed after the answer.
    res.setHeader('connection', 'close');
    finish(res, status);
    if (why === 'too large') req.destroy();
  }

  private async dispatch(
    req: IncomingMessage,
    res: ServerResponse,
    body: Record<string, unknown>,
  ): Promise<void> {
    let acked = false;
    const ack = async (response?: unknown) => {
      if (acked) return;
      acked = true;
      if (response === undefined || response === '') return finish(res, 200);
      if (typeof response === 'string') {
        res.writeHead(200);
        res.end(response);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(response));
    };
    const retry = req.headers['x-slack-retry-num'];
    const reason = req.headers['x-slack-retry-reason'];
    const event: ReceiverEvent = {
      body,
      ack,
      ...(typeof retry === 'string' && /^\d+$/.test(retry) ? { retryNum: Number(retry) } : {}),
      ...(typeof reason === 'string' ? { retryReason: reason } : {}),
    };
    try {
      await this.app?.processEvent(event);
    } catch (error) {
      this.options.log.error('slack request failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
    // No listener took it (a view submission, a shortcut, an unknown button): say so at once
    // rather than letting Slack wait three seconds for nothing.
    if (!acked) await ack();
  }
}

function finish(res: ServerResponse, status: number): void {
  if (res.headersSent) return;
  res.writeHead(status);
  res.end();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
