import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { escapeMrkdwn } from '../../../src/adapters/slack/mrkdwn.ts';
import { parseCommandText } from '../../../src/commands/grammar.ts';
import { openRift } from '../../../src/commands/open.ts';
import { inProcessRift } from '../../../src/runtime/in-process.ts';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { throwingOn } from '../../support/slack-rift.ts';
import {
  BOT_TOKEN,
  type Captured,
  postSigned,
  readFixture,
  signSlackRequest,
  slashCommandBody,
  TEST_SIGNING_SECRET,
} from '../../support/slack-standin.ts';

let harness: SlackHarness;
const story = openRift();

/** The start of the lead the core gives for `text`, as the reply must show it (escaped). */
function leadOf(text: string): string {
  const reply = story.run(parseCommandText(text));
  assert.equal(reply.kind, 'answer');
  return escapeMrkdwn(reply.lead.slice(0, 40));
}
let nextId = 0;

before(async () => {
  // The real story from seeds/, as `npm start` loads it, with one question that throws.
  harness = await startSlackHarness(throwingOn(inProcessRift(story), 'explode'));
});
after(async () => {
  await harness.close();
});

/** Sends `/rift <text>` signed like Slack; returns the ack status and the captured answer. */
async function slash(text: string): Promise<{ status: number; reply: Captured }> {
  const id = `cmd${++nextId}`;
  const body = slashCommandBody({ text, response_url: harness.standin.responseUrl(id) });
  const { status } = await postSigned(harness.port, body);
  const reply = await harness.standin.waitFor((c) => c.method === 'respond' && c.id === id);
  return { status, reply };
}

/** Posts an Events API body, signed, as Slack does (JSON). */
async function postEvent(event: unknown): Promise<void> {
  const body = JSON.stringify(event);
  const headers = {
    ...signSlackRequest(body, TEST_SIGNING_SECRET),
    'content-type': 'application/json',
  };
  const res = await fetch(`http://127.0.0.1:${harness.port}/slack/events`, {
    method: 'POST',
    headers,
    body,
  });
  assert.equal(res.status, 200);
}

function allText(call: Captured): string {
  return JSON.stringify(call.body.blocks) + String(call.body.text);
}

describe('Slack HTTP mode', () => {
  it('acknowledges /rift why and posts the cited answer in the channel', async () => {
    const { status, reply } = await slash('why');
    assert.equal(status, 200);
    assert.equal(reply.body.response_type, 'in_channel');
    assert.ok(allText(reply).includes(leadOf('why')), "the core's lead, escaped");
    assert.match(allText(reply), /reported by \d of 5 sources/);
    assert.equal(reply.body.unfurl_links, false);
  });

  it('answers a free-text question', async () => {
    const { reply } = await slash('how many votes did Kanye get?');
    assert.match(allText(reply), /You asked: “how many votes did Kanye get\?”/);
    assert.ok(allText(reply).includes(leadOf('how many votes did Kanye get?')));
  });

  it('abstains when the articles do not say', async () => {
    const { reply } = await slash('ask did the Lakers win?');
    assert.match(allText(reply), /The 5 articles I know don't say/);
  });

  it('replies privately when asked with private', async () => {
    const { reply } = await slash('private why');
    assert.equal(reply.body.response_type, 'ephemeral');
  });

  it('never lets mention syntax in a question notify anyone', async () => {
    const { reply } = await slash('ask did <!channel> <!here> and <@U123> fall out?');
    const text = allText(reply);
    assert.doesNotMatch(text, /<!channel>|<!here>|<@U123>/);
    assert.match(text, /You asked: “did .*fall out\?”/);
  });

  it('answers an over-long question on its start, within Slack limits', async () => {
    const { reply } = await slash(`why ${'did they really fall out '.repeat(200)}`);
    const blocks = reply.body.blocks as { text?: { text: string } }[];
    assert.ok(blocks.length <= 50);
    for (const block of blocks) assert.ok((block.text?.text.length ?? 0) <= 3000);
    assert.match(allText(reply), /longer than 500 characters/);
  });

  it('turns a failing handler into an ephemeral apology and keeps serving', async () => {
    const { status, reply } = await slash('ask explode please');
    assert.equal(status, 200);
    assert.equal(reply.body.response_type, 'ephemeral');
    assert.match(String(reply.body.text), /Sorry, something went wrong/);
    const { reply: after } = await slash('why');
    assert.equal(after.body.response_type, 'in_channel');
  });

  it('survives a response_url that fails', async () => {
    const id = `fail${++nextId}`;
    harness.standin.failResponseUrl(id, 500);
    const body = slashCommandBody({ text: 'why', response_url: harness.standin.responseUrl(id) });
    assert.equal((await postSigned(harness.port, body)).status, 200);
    await harness.standin.waitFor((c) => c.method === 'respond' && c.id === id);
    const { status } = await slash('why');
    assert.equal(status, 200);
  });

  it('rejects a wrong signature with 401 and answers nothing', async () => {
    const id = `bad${++nextId}`;
    const body = slashCommandBody({ text: 'why', response_url: harness.standin.responseUrl(id) });
    const { status } = await postSigned(harness.port, body, { secret: 'f'.repeat(32) });
    assert.equal(status, 401);
    await assert.rejects(harness.standin.waitFor((c) => c.id === id, 300));
  });

  it('rejects a request signed more than five minutes ago with 401', async () => {
    const id = `old${++nextId}`;
    const body = slashCommandBody({ text: 'why', response_url: harness.standin.responseUrl(id) });
    const timestamp = Math.floor(Date.now() / 1000) - 6 * 60;
    const { status } = await postSigned(harness.port, body, { timestamp });
    assert.equal(status, 401);
    await assert.rejects(harness.standin.waitFor((c) => c.id === id, 300));
  });

  it('answers GET /healthz for load balancers', async () => {
    const res = await fetch(`http://127.0.0.1:${harness.port}/healthz`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true });
  });

  it('answers an app mention in a thread under it, once even when Slack retries', async () => {
    const event = readFixture('app-mention.json');
    const body = JSON.stringify(event);
    const headers = {
      ...signSlackRequest(body, TEST_SIGNING_SECRET),
      'content-type': 'application/json',
    };
    const url = `http://127.0.0.1:${harness.port}/slack/events`;
    assert.equal((await fetch(url, { method: 'POST', headers, body })).status, 200);
    const post = await harness.standin.waitFor((c) => c.method === 'chat.postMessage');
    assert.equal(post.body.thread_ts, '1515449522.000016');
    assert.equal(post.body.channel, 'C0LAN2Q65');
    assert.equal(post.authorization, `Bearer ${BOT_TOKEN}`);
    assert.ok(Array.isArray(post.body.blocks));
    assert.match(allText(post), /You asked: “why did they fall out\?”/);
    assert.match(allText(post), /reported by \d of 5 sources/);

    // Slack signs a retry afresh (a new timestamp); the same bytes again would be a replay.
    const retry = {
      ...signSlackRequest(body, TEST_SIGNING_SECRET, Math.floor(Date.now() / 1000) + 1),
      'content-type': 'application/json',
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    };
    assert.equal((await fetch(url, { method: 'POST', headers: retry, body })).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(harness.standin.calls.filter((c) => c.method === 'chat.postMessage').length, 1);
  });

  it('answers a private mention with an ephemeral reply in the thread', async () => {
    const event = readFixture<{ event: Record<string, unknown>; event_id: string }>(
      'app-mention.json',
    );
    event.event_id = 'EvPrivate1';
    event.event = {
      ...event.event,
      text: '<@U0LAN0Z89> private why',
      channel: 'CPRIVATE',
      ts: '1515449600.000100',
    };
    await postEvent(event);
    const post = await harness.standin.waitFor(
      (c) => c.method === 'chat.postEphemeral' && c.body.channel === 'CPRIVATE',
    );
    assert.equal(post.body.user, 'U061F7AUR');
    assert.equal(post.body.thread_ts, '1515449600.000100');
    assert.match(allText(post), /reported by \d of 5 sources/);
  });

  it('apologises privately when the threaded reply cannot be posted', async () => {
    harness.standin.failMethod('chat.postMessage', 'CLOCKED', 'not_in_channel');
    const event = readFixture<{ event: Record<string, unknown>; event_id: string }>(
      'app-mention.json',
    );
    event.event_id = 'EvLocked1';
    event.event = { ...event.event, channel: 'CLOCKED' };
    await postEvent(event);
    const apology = await harness.standin.waitFor(
      (c) => c.method === 'chat.postEphemeral' && c.body.channel === 'CLOCKED',
    );
    assert.match(String(apology.body.text), /Sorry, something went wrong/);
    assert.ok(
      harness.logs.some((l) => l.includes('slack mention failed') && l.includes('not_in_channel')),
    );
  });

  it('never logs the bot token or the signing secret', () => {
    const logs = harness.logs.join('\n');
    assert.ok(harness.logs.length > 0);
    assert.ok(!logs.includes(BOT_TOKEN));
    assert.ok(!logs.includes(TEST_SIGNING_SECRET));
  });
});
