/**
 * Conversations with the real Bolt app against the local Slack stand-in (HTTP mode, signed
 * requests): follow-ups in rift's threads without a mention, DMs, the Home tab, the message
 * shortcut, and an answer's buttons (👍/👎 stored in a real SQLite file, More sources, Share).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  FEEDBACK_ACTION_ID,
  MORE_ACTION_ID,
  SHARE_ACTION_ID,
} from '../../../src/adapters/slack/render.ts';
import { runFeedback } from '../../../src/cli/feedback.ts';
import { openRift } from '../../../src/commands/open.ts';
import { openSqliteFeedback } from '../../../src/ops/feedback/sqlite.ts';
import type { FeedbackStore } from '../../../src/ops/feedback/store.ts';
import { inProcessRift } from '../../../src/runtime/in-process.ts';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import {
  type Captured,
  freshTriggerId,
  postSigned,
  readFixture,
  signSlackRequest,
  TEST_SIGNING_SECRET,
} from '../../support/slack-standin.ts';

let harness: SlackHarness;
let feedback: FeedbackStore;
let dbFile: string;
const story = openRift();
let events = 0;

before(async () => {
  dbFile = join(mkdtempSync(join(tmpdir(), 'rift-slack-')), 'rift.db');
  feedback = openSqliteFeedback(dbFile);
  harness = await startSlackHarness(inProcessRift(story), 'http', { feedback });
});
after(async () => {
  await harness.close();
  await feedback.close();
});

type EventBody = { event: Record<string, unknown>; event_id: string };

/** Posts an Events API callback built from `fixture`, with a fresh event id and `event` fields. */
async function postEvent(fixture: string, fields: Record<string, unknown>): Promise<void> {
  const body = readFixture<EventBody>(fixture);
  body.event_id = `EvConv${++events}`;
  body.event = { ...body.event, ...fields };
  const raw = JSON.stringify(body);
  const res = await fetch(`http://127.0.0.1:${harness.port}/slack/events`, {
    method: 'POST',
    headers: { ...signSlackRequest(raw, TEST_SIGNING_SECRET), 'content-type': 'application/json' },
    body: raw,
  });
  assert.equal(res.status, 200);
}

/** Posts an interaction payload (`payload=<JSON>`), as Slack does for clicks and shortcuts. */
async function postPayload(payload: Record<string, unknown>): Promise<void> {
  const { status } = await postSigned(
    harness.port,
    new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
  );
  assert.equal(status, 200);
}

/** Clicks a button (or a feedback button) of a message rift posted. */
async function click(
  action: Record<string, unknown>,
  responseId: string,
  container: Record<string, unknown> = {},
  channel = 'CBR2V3XEX',
): Promise<void> {
  const payload = readFixture<Record<string, unknown>>('block-actions.json');
  await postPayload({
    ...payload,
    channel: { id: channel, name: 'rift' },
    trigger_id: freshTriggerId(),
    response_url: harness.standin.responseUrl(responseId),
    container: { ...(payload.container as object), ...container },
    actions: [{ block_id: 'b', action_ts: `${Date.now() / 1000}`, ...action }],
  });
}

function textOf(call: Captured): string {
  return JSON.stringify(call.body);
}

type Block = { type: string; elements?: Record<string, unknown>[] };
function blocksOf(call: Captured): Block[] {
  return (call.body.blocks ?? []) as Block[];
}

/** The 👍/👎 element of a posted answer. */
function feedbackButtons(call: Captured): Record<string, { value: string }> {
  const block = blocksOf(call).find((b) => b.type === 'context_actions');
  const element = block?.elements?.find((e) => e.type === 'feedback_buttons');
  assert.ok(element, 'every answer carries feedback buttons');
  assert.equal(element.action_id, FEEDBACK_ACTION_ID);
  return element as unknown as Record<string, { value: string }>;
}

function buttonValue(call: Captured, actionId: string): string | null {
  for (const block of blocksOf(call)) {
    for (const e of block.elements ?? []) if (e.action_id === actionId) return String(e.value);
  }
  return null;
}

describe('Slack conversations', () => {
  it('answers a follow-up in its thread without a mention, carrying the person over', async () => {
    const thread = '1700000100.000100';
    await postEvent('app-mention.json', {
      text: '<@U0LAN0Z89> why did Legend and West stop being friends?',
      ts: thread,
      channel: 'CTHREAD',
    });
    const first = await harness.standin.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'CTHREAD',
    );
    assert.equal(first.body.thread_ts, thread);
    // The lead quotes John Legend, so "he" is Legend: the follow-up lists his quotes.
    await postEvent('message-thread.json', {
      text: 'what else did he say?',
      channel: 'CTHREAD',
      thread_ts: thread,
      ts: '1700000200.000200',
    });
    const followUp = await harness.standin.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'CTHREAD' && c !== first,
    );
    assert.equal(followUp.body.thread_ts, thread);
    assert.match(
      textOf(followUp),
      /Following up on “why did Legend and West stop being friends\?”/,
    );
    assert.match(textOf(followUp), /quotes by John Legend/);
    // "more" after a list turns its page.
    await postEvent('message-thread.json', {
      text: 'more',
      channel: 'CTHREAD',
      thread_ts: thread,
      ts: '1700000300.000300',
    });
    const more = await harness.standin.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.channel === 'CTHREAD' &&
        c !== first &&
        c !== followUp,
    );
    assert.equal(more.body.thread_ts, thread);
    assert.match(textOf(more), /the next page/);
    assert.match(textOf(more), /Page 2 of/);
    // A reply also sent to the channel is still a follow-up in the thread.
    await postEvent('message-thread.json', {
      text: 'who said that?',
      subtype: 'thread_broadcast',
      channel: 'CTHREAD',
      thread_ts: thread,
      ts: '1700000350.000300',
    });
    const broadcast = await harness.standin.waitFor(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.channel === 'CTHREAD' &&
        ![first, followUp, more].includes(c),
    );
    assert.equal(broadcast.body.thread_ts, thread);
  });

  it('leaves alone a thread rift takes no part in, and its own messages', async () => {
    await postEvent('message-thread.json', {
      text: 'why did Legend and West stop being friends?',
      channel: 'CNOTOURS',
      thread_ts: '1700000400.000100',
    });
    await postEvent('message-thread.json', {
      text: 'why did Legend and West stop being friends?',
      channel: 'CNOTOURS',
      bot_id: 'B0001',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(harness.standin.calls.filter((c) => c.body.channel === 'CNOTOURS').length, 0);
  });

  it('answers a direct message in the DM', async () => {
    await postEvent('message-im.json', {
      text: 'why did Legend and West stop being friends?',
      channel: 'DCONV1',
    });
    const reply = await harness.standin.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'DCONV1',
    );
    assert.equal(reply.body.thread_ts, undefined);
    assert.match(textOf(reply), /reported by \d of 5 sources/);
    feedbackButtons(reply);
    // The DM is one conversation: "more" gives the next citations of the question.
    await postEvent('message-im.json', {
      text: 'more',
      channel: 'DCONV1',
      ts: '1355517600.000001',
    });
    const more = await harness.standin.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'DCONV1' && c !== reply,
    );
    assert.match(textOf(more), /\[6\] /);
    assert.doesNotMatch(textOf(more), /\[1\] /);
  });

  it('publishes the Home tab: title, the main question answered, people with counts, commands', async () => {
    await postEvent('app-home-opened.json', { user: 'UHOME1' });
    const publish = await harness.standin.waitFor(
      (c) => c.method === 'views.publish' && c.body.user_id === 'UHOME1',
    );
    const view = publish.body.view as { type: string; blocks: Block[] };
    assert.equal(view.type, 'home');
    const text = JSON.stringify(view.blocks);
    assert.equal(view.blocks[0]?.type, 'header');
    assert.ok(text.includes(story.storyTitle.slice(0, 40)));
    assert.match(text, /reported by \d of 5 sources/);
    assert.match(text, /John Legend.{0,40}\d+ quotes/);
    assert.match(text, /\/rift ask/);
  });

  it('answers a message through the shortcut privately, and Share posts it to the channel', async () => {
    const shortcut = readFixture<Record<string, unknown>>('message-shortcut.json');
    await postPayload({
      ...shortcut,
      trigger_id: freshTriggerId(),
      response_url: harness.standin.responseUrl('shortcut1'),
    });
    const privately = await harness.standin.waitFor(
      (c) => c.method === 'respond' && c.id === 'shortcut1',
    );
    assert.equal(privately.body.response_type, 'ephemeral');
    assert.match(textOf(privately), /reported by \d of 5 sources/);
    const shareId = buttonValue(privately, SHARE_ACTION_ID);
    assert.ok(shareId, 'a private answer has a Share button');
    await click({ action_id: SHARE_ACTION_ID, type: 'button', value: shareId }, 'share1', {
      is_ephemeral: true,
    });
    const shared = await harness.standin.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'CBR2V3XEX',
    );
    assert.match(textOf(shared), /Shared by jtorrance/);
    assert.match(textOf(shared), /reported by \d of 5 sources/);
    assert.equal(buttonValue(shared, SHARE_ACTION_ID), null, 'a public answer needs no Share');
    const removed = await harness.standin.waitFor(
      (c) => c.method === 'respond' && c.id === 'share1',
    );
    assert.equal(removed.body.delete_original, true);
  });

  it('stores a 👎 with the question and sources in SQLite and says so', async () => {
    await postEvent('message-im.json', {
      text: 'why did Legend and West stop being friends?',
      channel: 'DVOTE',
    });
    const answer = await harness.standin.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'DVOTE',
    );
    const { negative_button: down } = feedbackButtons(answer);
    assert.ok(down);
    await click(
      { action_id: FEEDBACK_ACTION_ID, type: 'feedback_buttons', value: down.value },
      'vote1',
    );
    const thanks = await harness.standin.waitFor((c) => c.method === 'respond' && c.id === 'vote1');
    assert.equal(thanks.body.response_type, 'ephemeral');
    assert.match(
      String(thanks.body.text),
      /your 👎 on “why did Legend and West stop being friends\?” is recorded/,
    );
    const reopened = openSqliteFeedback(dbFile);
    const row = (await reopened.summary()).find(
      (q) => q.question === 'why did Legend and West stop being friends?',
    );
    await reopened.close();
    assert.equal(row?.down, 1);
    assert.deepEqual(row?.platforms, ['slack']);
    assert.ok((row?.sources.length ?? 0) > 0);
    // `rift feedback` shows it, worst first.
    let printed = '';
    await runFeedback({
      db: dbFile,
      export: false,
      file: null,
      json: false,
      out: (text) => {
        printed += text;
      },
    });
    assert.match(printed, /👎 +1 +👍 +0 +why did Legend and West stop being friends\?/);
  });

  it('shows the next citations on More sources', async () => {
    await postEvent('message-im.json', {
      text: 'why did Legend and West stop being friends?',
      channel: 'DMORE',
    });
    const answer = await harness.standin.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'DMORE',
    );
    const moreId = buttonValue(answer, MORE_ACTION_ID);
    assert.ok(moreId, 'an answer with further citations has More sources');
    await click({ action_id: MORE_ACTION_ID, type: 'button', value: moreId }, 'more1', {}, 'DMORE');
    const more = await harness.standin.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'DMORE' && c !== answer,
    );
    // The answer showed citations [1]–[5]; More sources starts at [6] and repeats none.
    assert.match(textOf(more), /\[6\] /);
    assert.doesNotMatch(textOf(more), /\[1\] /);
  });
});
