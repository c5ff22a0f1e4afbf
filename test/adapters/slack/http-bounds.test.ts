/**
 * Slack HTTP mode at its trust boundary: every signed request is answered once, replays and
 * future timestamps are refused, bodies are capped before authentication, slow senders are cut
 * off, connections are capped, and shutdown never waits on a slow connection.
 */
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { createFakeRift } from '../../support/slack-rift.ts';
import {
  postSigned,
  signSlackRequest,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../../support/slack-standin.ts';

const LIMITS = {
  maxBodyBytes: 16_384,
  headersTimeoutMs: 1000,
  requestTimeoutMs: 1500,
  maxConnections: 20,
};

let h: SlackHarness;
before(async () => {
  h = await startSlackHarness(createFakeRift(), 'http', { http: LIMITS, graceMs: 300 });
});
after(async () => {
  await h.close();
});

const url = () => `http://127.0.0.1:${h.port}/slack/events`;
let nextId = 0;

/** Posts `body` with exactly these headers; a hung server fails the test instead of hanging it. */
async function post(body: string, headers: Record<string, string>) {
  const started = performance.now();
  const res = await fetch(url(), {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(5000),
  });
  await res.text();
  return { status: res.status, ms: performance.now() - started };
}

const responses = (id: string) =>
  h.standin.calls.filter((c) => c.method === 'respond' && c.id === id);
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** A raw connection sending `head` and then nothing: a slow sender. */
function slowSender(head: string): Promise<{ socket: Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(h.port, '127.0.0.1', () => {
      socket.write(head);
      const opened = performance.now();
      const closed = new Promise<number>((done) =>
        socket.once('close', () => done(performance.now() - opened)),
      );
      resolve({ socket, closed });
    });
    socket.on('error', () => {});
    socket.once('error', reject);
  });
}

describe('Slack HTTP mode bounds', () => {
  it('answers a signed slash command sent three times once, refusing the replays', async () => {
    const id = `replay${++nextId}`;
    const body = slashCommandBody({ text: 'why', response_url: h.standin.responseUrl(id) });
    const headers = signSlackRequest(body, TEST_SIGNING_SECRET);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(body, headers)).status);
    assert.deepEqual(statuses, [200, 401, 401]);
    await settle();
    assert.equal(responses(id).length, 1);
  });

  it('refuses a replay that arrives in a later second than the original', async () => {
    // What is left of a timestamp's window shrinks each second; the replay must still be known.
    const id = `replay${++nextId}`;
    const body = slashCommandBody({ text: 'why', response_url: h.standin.responseUrl(id) });
    const headers = signSlackRequest(body, TEST_SIGNING_SECRET);
    assert.equal((await post(body, headers)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    assert.equal((await post(body, headers)).status, 401);
    await settle();
    assert.equal(responses(id).length, 1);
  });

  it('answers a command once per trigger id, whatever the retry headers say', async () => {
    const id = `trigger${++nextId}`;
    const body = slashCommandBody({
      text: 'why',
      response_url: h.standin.responseUrl(id),
      trigger_id: `trigger-${id}`,
    });
    const now = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 3; i++) {
      // Signed afresh each time, with and without retry headers.
      const headers = signSlackRequest(body, TEST_SIGNING_SECRET, now - i);
      if (i === 2) headers['x-slack-retry-num'] = '1';
      assert.equal((await post(body, headers)).status, 200);
    }
    await settle();
    assert.equal(responses(id).length, 1);
  });

  it('refuses a request signed six minutes in the future', async () => {
    const id = `future${++nextId}`;
    const body = slashCommandBody({ text: 'why', response_url: h.standin.responseUrl(id) });
    const timestamp = Math.floor(Date.now() / 1000) + 6 * 60;
    assert.equal((await postSigned(h.port, body, { timestamp })).status, 401);
    await settle();
    assert.equal(responses(id).length, 0);
  });

  it('answers a signed null JSON body with 400 at once', async () => {
    const headers = {
      ...signSlackRequest('null', TEST_SIGNING_SECRET),
      'content-type': 'application/json',
    };
    const { status } = await post('null', headers);
    assert.equal(status, 400);
  });

  it('acknowledges signed view submissions, shortcuts and unknown buttons at once', async () => {
    const payloads = [
      { type: 'view_submission', view: { id: 'V1', callback_id: 'x' }, user: { id: 'U1' } },
      { type: 'shortcut', callback_id: 'x', trigger_id: 't1', user: { id: 'U1' } },
      {
        type: 'block_actions',
        actions: [{ action_id: 'someone_elses_button', block_id: 'b', type: 'button' }],
        user: { id: 'U1' },
        trigger_id: 't2',
      },
    ];
    for (const payload of payloads) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      const { status, ms } = await post(body, signSlackRequest(body, TEST_SIGNING_SECRET));
      assert.equal(status, 200, payload.type);
      assert.ok(ms < 1000, `${payload.type} acknowledged after ${ms.toFixed(0)} ms`);
    }
  });

  it('refuses a body over the cap with 413, before checking its signature', async () => {
    const body = `text=${'a'.repeat(LIMITS.maxBodyBytes)}`;
    const { status } = await post(body, signSlackRequest(body, TEST_SIGNING_SECRET));
    assert.equal(status, 413);
  });

  it('cuts off a slow sender once the request time limit passes', async () => {
    const { closed } = await slowSender(
      `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\ntext=`,
    );
    const ms = await Promise.race([
      closed,
      new Promise<number>((r) => setTimeout(() => r(-1), 8000)),
    ]);
    assert.ok(ms >= 0, 'the slow connection was still open after 8 s');
  });

  it('caps open connections', async () => {
    const sockets = await Promise.all(
      Array.from({ length: LIMITS.maxConnections + 10 }, () =>
        slowSender('POST /slack/events HTTP/1.1\r\nHost: x\r\n'),
      ),
    );
    const closedAtOnce = await Promise.all(
      sockets.map(({ closed }) =>
        Promise.race([
          closed.then(() => true),
          new Promise((r) => setTimeout(() => r(false), 500)),
        ]),
      ),
    );
    const refused = closedAtOnce.filter(Boolean).length;
    for (const { socket } of sockets) socket.destroy();
    assert.ok(refused >= 10, `${refused} of ${sockets.length} connections refused`);
  });
});

describe('Slack HTTP mode shutdown', () => {
  it('stops within its grace period even with a slow sender connected', async () => {
    const own = await startSlackHarness(createFakeRift(), 'http', {
      http: { ...LIMITS, requestTimeoutMs: 120_000, headersTimeoutMs: 60_000 },
      graceMs: 300,
    });
    const socket = connect(own.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.on('error', () => {});
    socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\ntext=');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const started = performance.now();
    await Promise.race([
      own.close(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('stop hung')), 5000)),
    ]);
    assert.ok(performance.now() - started < 3000, 'stopped within the grace period');
    await closed;
  });
});
