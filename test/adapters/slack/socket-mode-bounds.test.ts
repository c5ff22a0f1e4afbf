/**
 * Slack Socket Mode at its trust boundary, with the real Bolt Socket Mode client against the
 * stand-in's WebSocket server: every envelope is acknowledged at once, handled or not; malformed
 * messages are acknowledged when they name an envelope, never crash the process and never stop
 * the connection answering; a replayed envelope is acknowledged again but answered once.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { readMessage } from '../../../src/adapters/slack/socket-receiver.ts';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { createFakeRift } from '../../support/slack-rift.ts';
import { freshTriggerId, readFixture } from '../../support/slack-standin.ts';

/** What Slack allows before it counts an envelope as unacknowledged and sends it again. */
const SLACK_ACK_MS = 3000;
/** "At once": well inside Slack's budget, the bound the HTTP mode tests use too. */
const AT_ONCE_MS = 1000;

let h: SlackHarness;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
before(async () => {
  process.on('unhandledRejection', onRejection);
  h = await startSlackHarness(createFakeRift(), 'socket');
  await h.standin.socket.connected();
});
after(async () => {
  await h.close();
  process.off('unhandledRejection', onRejection);
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

/** Sends an envelope and returns how long the app took to acknowledge it. */
async function ackTime(envelope: Record<string, unknown>): Promise<number> {
  const started = performance.now();
  h.standin.socket.send(envelope);
  await h.standin.socket.ackOf(String(envelope.envelope_id), SLACK_ACK_MS);
  return performance.now() - started;
}

/** A slash command envelope asking `text`, answered at the response_url named `id`. */
function slashEnvelope(text: string, id: string, envelopeId = randomUUID()) {
  const envelope = readFixture<{ payload: Record<string, unknown> }>('socket-slash-command.json');
  return {
    ...envelope,
    envelope_id: envelopeId,
    payload: {
      ...envelope.payload,
      text,
      trigger_id: freshTriggerId(),
      response_url: h.standin.responseUrl(id),
    },
  };
}

describe('Slack Socket Mode at the trust boundary', () => {
  it('acknowledges view submissions, global shortcuts and unknown buttons at once', async () => {
    const payloads = [
      { type: 'view_submission', view: { id: 'V1', callback_id: 'x' }, user: { id: 'U1' } },
      { type: 'shortcut', callback_id: 'x', trigger_id: freshTriggerId(), user: { id: 'U1' } },
      {
        type: 'block_actions',
        actions: [{ action_id: 'someone_elses_button', block_id: 'b', type: 'button' }],
        user: { id: 'U1' },
        trigger_id: freshTriggerId(),
      },
      { type: 'view_closed', view: { id: 'V2', callback_id: 'x' }, user: { id: 'U1' } },
    ];
    for (const payload of payloads) {
      const ms = await ackTime({ type: 'interactive', envelope_id: randomUUID(), payload });
      assert.ok(ms < AT_ONCE_MS, `${payload.type} acknowledged after ${ms.toFixed(0)} ms`);
    }
  });

  it('acknowledges an event no listener takes at once', async () => {
    const payload = {
      ...readFixture('app-home-opened.json'),
      event: { type: 'reaction_added', user: 'U1', reaction: 'thumbsup' },
      event_id: `Ev${randomUUID()}`,
    };
    const ms = await ackTime({ type: 'events_api', envelope_id: randomUUID(), payload });
    assert.ok(ms < AT_ONCE_MS, `reaction_added acknowledged after ${ms.toFixed(0)} ms`);
  });

  it('acknowledges malformed envelopes without answering them, and keeps answering', async () => {
    const malformed = [
      { type: 'events_api', payload: null },
      { type: 'events_api', payload: { type: 'event_callback', event: null } },
      { type: 'events_api', payload: { type: 'event_callback', event: { user: 'U1' } } },
      { type: 'slash_commands', payload: null },
      { type: 'interactive', payload: 'payload=%7B%7D' },
      { type: 'interactive', payload: [1, 2] },
      { type: 'interactive' },
      // Types Slack never sends: the stock client would re-emit them under their own names.
      { type: 'slack_event', payload: { type: 'view_submission' } },
      { type: 'error', payload: {} },
      { type: 'connected', payload: {} },
      { payload: {} },
    ];
    for (const message of malformed) {
      const envelopeId = randomUUID();
      h.standin.socket.send({ ...message, envelope_id: envelopeId });
      const ack = await h.standin.socket.ackOf(envelopeId, SLACK_ACK_MS);
      assert.deepEqual(ack.payload, {}, JSON.stringify(message));
    }
    // Nothing to acknowledge, nothing to answer: logged and dropped.
    h.standin.socket.sendRaw('{"type":"events_api","envelope_id":');
    h.standin.socket.sendRaw('null');
    h.standin.socket.sendRaw('[]');
    h.standin.socket.sendRaw(Buffer.from([0xff, 0x00, 0x7b]));
    h.standin.socket.send({ type: 'slash_commands', payload: {} });
    h.standin.socket.send({ type: 'interactive', envelope_id: 'x'.repeat(10_000), payload: {} });
    h.standin.socket.send({ type: 'interactive', envelope_id: 42, payload: {} });

    const after = slashEnvelope('why', 'socket-after-malformed');
    h.standin.socket.send(after);
    await h.standin.socket.ackOf(after.envelope_id);
    const reply = await h.standin.waitFor((c) => c.id === 'socket-after-malformed');
    assert.match(JSON.stringify(reply.body.blocks), /publicly disagreed/);
    await settle();
    assert.deepEqual(rejections, []);
    const warnings = h.logs.filter((l) => l.includes('slack socket message'));
    assert.equal(warnings.length, malformed.length + 7);
    assert.equal(h.standin.socket.acksOf('x'.repeat(10_000)), 0);
  });

  it('acknowledges a replayed envelope again but answers it once', async () => {
    const payload = {
      ...readFixture<{ event: Record<string, unknown> }>('app-home-opened.json'),
      event_id: `Ev${randomUUID()}`,
    };
    payload.event = { ...payload.event, user: 'UREPLAY1' };
    const envelope = { type: 'events_api', envelope_id: randomUUID(), payload };
    h.standin.socket.send(envelope);
    await h.standin.socket.ackOf(envelope.envelope_id);
    await h.standin.waitFor((c) => c.method === 'views.publish' && c.body.user_id === 'UREPLAY1');
    h.standin.socket.send(envelope);
    h.standin.socket.send(envelope);
    await h.standin.socket.nthAckOf(envelope.envelope_id, 3);
    await settle();
    const published = h.standin.calls.filter(
      (c) => c.method === 'views.publish' && c.body.user_id === 'UREPLAY1',
    );
    assert.equal(published.length, 1);
  });

  it('answers a replayed slash command envelope once', async () => {
    const envelope = slashEnvelope('why', 'socket-replayed');
    h.standin.socket.send(envelope);
    h.standin.socket.send(envelope);
    await h.standin.socket.nthAckOf(envelope.envelope_id, 2);
    await h.standin.waitFor((c) => c.id === 'socket-replayed');
    await settle();
    assert.equal(h.standin.calls.filter((c) => c.id === 'socket-replayed').length, 1);
  });
});

describe('readMessage', () => {
  it('sorts control messages, envelopes and malformed messages', () => {
    assert.deepEqual(readMessage('{"type":"hello"}'), { kind: 'control' });
    assert.deepEqual(readMessage('{"type":"disconnect","reason":"refresh_requested"}'), {
      kind: 'control',
    });
    assert.deepEqual(
      readMessage('{"type":"interactive","envelope_id":"e1","payload":{"type":"shortcut"}}'),
      { kind: 'envelope', envelopeId: 'e1' },
    );
    assert.equal(readMessage('nope').kind, 'malformed');
    assert.deepEqual(readMessage('{"type":"events_api","envelope_id":"e2","payload":null}'), {
      kind: 'malformed',
      envelopeId: 'e2',
      reason: 'payload is not an object',
    });
    assert.deepEqual(readMessage('{"type":"hello2","envelope_id":"e3","payload":{}}'), {
      kind: 'malformed',
      envelopeId: 'e3',
      reason: 'unknown envelope type',
    });
  });
});
