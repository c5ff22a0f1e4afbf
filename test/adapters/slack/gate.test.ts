/**
 * Rate limits and Slack retries through the real Bolt app in HTTP mode.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SlackAdapter, startSlack } from '../../../src/adapters/slack/start.ts';
import { openRift } from '../../../src/commands/open.ts';
import { silentLogger } from '../../../src/log.ts';
import { createRequestGate } from '../../../src/ops/gate.ts';
import { inProcessRift } from '../../../src/runtime/in-process.ts';
import {
  BOT_TOKEN,
  readFixture,
  type SlackStandin,
  signSlackRequest,
  slashCommandBody,
  startSlackStandin,
  TEST_SIGNING_SECRET,
} from '../../support/slack-standin.ts';

let standin: SlackStandin;
let slack: SlackAdapter;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  standin = await startSlackStandin();
  slack = await startSlack(
    inProcessRift(openRift()),
    {
      botToken: BOT_TOKEN,
      signingSecret: TEST_SIGNING_SECRET,
      appToken: null,
      port: 0,
      apiUrl: standin.apiUrl,
    },
    silentLogger,
    { gate: createRequestGate({ limits: { user: { max: 2, perSeconds: 60 } } }) },
  );
});
after(async () => {
  await slack.stop();
  await standin.close();
});

async function post(
  body: string,
  extra: Record<string, string> = {},
  json = false,
  timestamp = Math.floor(Date.now() / 1000),
) {
  const headers = { ...signSlackRequest(body, TEST_SIGNING_SECRET, timestamp), ...extra };
  if (json) headers['content-type'] = 'application/json';
  const res = await fetch(`http://127.0.0.1:${slack.port}/slack/events`, {
    method: 'POST',
    headers,
    body,
  });
  return res.status;
}

describe('Slack rate limits and retries', () => {
  it('answers a retried slash command (x-slack-retry-num, same trigger_id) once', async () => {
    const body = slashCommandBody({
      text: 'sources',
      user_id: 'URETRY',
      trigger_id: '111.222.retry',
      response_url: standin.responseUrl('retry1'),
    });
    assert.equal(await post(body), 200);
    // Slack signs its retry afresh, seconds later; the same signature again would be a replay.
    const later = Math.floor(Date.now() / 1000) + 1;
    assert.equal(
      await post(
        body,
        { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        false,
        later,
      ),
      200,
    );
    await standin.waitFor((c) => c.method === 'respond' && c.id === 'retry1');
    await sleep(200);
    assert.equal(standin.calls.filter((c) => c.id === 'retry1').length, 1);
  });

  it('tells someone over their limit to slow down, privately', async () => {
    const replies = [];
    for (let i = 0; i < 3; i++) {
      const id = `limit${i}`;
      const body = slashCommandBody({
        text: 'sources',
        user_id: 'UBUSY',
        trigger_id: `333.${i}.busy`,
        response_url: standin.responseUrl(id),
      });
      assert.equal(await post(body), 200, 'acknowledged within the deadline even when limited');
      replies.push(await standin.waitFor((c) => c.method === 'respond' && c.id === id));
    }
    assert.doesNotMatch(String(replies[1]?.body.text), /Slow down/);
    assert.equal(replies[2]?.body.response_type, 'ephemeral');
    assert.match(
      String(replies[2]?.body.text),
      /Slow down a little: I answer up to 2 questions per person/,
    );
  });

  it('answers a mention over the limit with a private note in its thread', async () => {
    const event = readFixture<{ event: Record<string, unknown>; event_id: string }>(
      'app-mention.json',
    );
    const sent = [];
    for (let i = 0; i < 3; i++) {
      event.event_id = `EvBusy${i}`;
      event.event = {
        ...event.event,
        user: 'UMENTION',
        channel: 'CBUSY',
        ts: `1515449700.00010${i}`,
      };
      assert.equal(await post(JSON.stringify(event), {}, true), 200);
      sent.push(
        await standin.waitFor(
          (c) => c.body.channel === 'CBUSY' && c.body.thread_ts === `1515449700.00010${i}`,
        ),
      );
    }
    assert.equal(sent[2]?.method, 'chat.postEphemeral');
    assert.equal(sent[2]?.body.user, 'UMENTION');
    assert.match(String(sent[2]?.body.text), /Slow down/);
  });
});
