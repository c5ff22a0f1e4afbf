import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { createFakeRift } from '../../support/slack-rift.ts';
import { APP_TOKEN, readFixture } from '../../support/slack-standin.ts';

let harness: SlackHarness;

before(async () => {
  harness = await startSlackHarness(createFakeRift(), 'socket');
});
after(async () => {
  await harness.close();
});

describe('Slack Socket Mode', () => {
  it('opens the connection through apps.connections.open at SLACK_API_URL with the app token', async () => {
    const open = await harness.standin.waitFor((c) => c.method === 'apps.connections.open');
    assert.equal(open.authorization, `Bearer ${APP_TOKEN}`);
    assert.equal(harness.slack.mode, 'socket');
    assert.equal(harness.slack.port, null);
  });

  it('acknowledges a slash command envelope by its envelope_id, then answers at response_url', async () => {
    const envelope = readFixture<{ envelope_id: string; payload: Record<string, unknown> }>(
      'socket-slash-command.json',
    );
    envelope.payload.response_url = harness.standin.responseUrl('socket-why');
    harness.standin.socket.send(envelope);
    const ack = await harness.standin.socket.ackOf(envelope.envelope_id);
    assert.equal(ack.envelope_id, envelope.envelope_id);
    const reply = await harness.standin.waitFor((c) => c.id === 'socket-why');
    assert.equal(reply.body.response_type, 'in_channel');
    assert.match(JSON.stringify(reply.body.blocks), /publicly disagreed/);
  });

  it('answers an app_mention envelope in a thread under the mention', async () => {
    const envelope = readFixture<{ envelope_id: string }>('socket-app-mention.json');
    harness.standin.socket.send(envelope);
    await harness.standin.socket.ackOf(envelope.envelope_id);
    const post = await harness.standin.waitFor((c) => c.method === 'chat.postMessage');
    assert.equal(post.body.channel, 'C0LAN2Q65');
    assert.equal(post.body.thread_ts, '1515449522.000016');
    assert.match(JSON.stringify(post.body.blocks), /You asked: “why did they fall out\?”/);
  });
});
