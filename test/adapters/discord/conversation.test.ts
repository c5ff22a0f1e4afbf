/**
 * Conversations with the real discord.js client against the local Discord stand-in: a mention
 * answered as a reply, a reply to rift's answer read as a follow-up (the reply chain is the
 * thread), a DM, the "Ask rift" message command, and an answer's buttons (👍/👎 stored in a real
 * SQLite file, More sources, Share).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startDiscord } from '../../../src/adapters/discord/start.ts';
import type { RunningAdapter } from '../../../src/adapters/running.ts';
import { openRift } from '../../../src/commands/open.ts';
import { silentLogger } from '../../../src/log.ts';
import { openSqliteFeedback } from '../../../src/ops/feedback/sqlite.ts';
import type { FeedbackStore } from '../../../src/ops/feedback/store.ts';
import { inProcessRift } from '../../../src/runtime/in-process.ts';
import { TEST_APPLICATION_ID, TEST_TOKEN } from '../../support/discord-harness.ts';
import {
  buttonClick,
  chatInput,
  messageCommand,
  snowflake,
} from '../../support/discord-interactions.ts';
import {
  type CapturedRequest,
  type DiscordStandIn,
  startDiscordStandIn,
} from '../../support/discord-standin.ts';

type Json = Record<string, unknown>;
const actor = { applicationId: TEST_APPLICATION_ID };
const CHANNEL = '1302000000000000200';
let standIn: DiscordStandIn;
let adapter: RunningAdapter;
let feedback: FeedbackStore;
let dbFile: string;

function fixture(name: string): Json {
  const url = new URL(`../../fixtures/discord/${name}`, import.meta.url);
  const { $comment: _, ...data } = JSON.parse(readFileSync(url, 'utf8')) as Json;
  return data;
}

before(async () => {
  standIn = await startDiscordStandIn({ token: TEST_TOKEN, applicationId: TEST_APPLICATION_ID });
  dbFile = join(mkdtempSync(join(tmpdir(), 'rift-discord-')), 'rift.db');
  feedback = openSqliteFeedback(dbFile);
  adapter = await startDiscord(
    inProcessRift(openRift()),
    {
      token: TEST_TOKEN,
      applicationId: TEST_APPLICATION_ID,
      guildId: null,
      apiUrl: standIn.apiUrl,
    },
    silentLogger,
    { feedback },
  );
  standIn.dispatchEvent('GUILD_CREATE', fixture('guild-create.json'));
});
after(async () => {
  await adapter.stop();
  await standIn.close();
  await feedback.close();
});

/** Sends MESSAGE_CREATE; resolves with rift's reply to it (POST /channels/{id}/messages). */
async function say(fields: Json): Promise<CapturedRequest> {
  const id = snowflake();
  standIn.dispatchEvent('MESSAGE_CREATE', { ...fixture('message-create.json'), id, ...fields });
  return standIn.waitFor(
    (r) =>
      r.method === 'POST' &&
      r.path.endsWith('/messages') &&
      (r.body as { message_reference?: { message_id?: string } }).message_reference?.message_id ===
        id,
    10_000,
  );
}

function bodyText(request: CapturedRequest): string {
  return JSON.stringify(request.body);
}

function customIds(request: CapturedRequest): string[] {
  const rows = ((request.body as Json).components ?? []) as { components: Json[] }[];
  return rows.flatMap((row) => row.components.map((c) => String(c.custom_id)));
}

/** rift's reply as Discord stored it, to be replied to. */
function sentMessage(request: CapturedRequest): Json {
  return request.response as Json;
}

/** Clicks a button; resolves with the final answer (an edit of the deferral, or the reply). */
async function clickButton(customId: string, message: Json = {}): Promise<CapturedRequest> {
  const id = standIn.dispatch(buttonClick(actor, customId, message));
  const callback = await standIn.waitFor(
    (r) => r.interactionId === id && r.path.endsWith('/callback'),
  );
  if ((callback.body as { type?: number }).type !== 5) return callback;
  return standIn.waitFor((r) => r.interactionId === id && r.method === 'PATCH');
}

describe('Discord conversations', () => {
  it('answers a mention as a reply, and a reply to that answer as a follow-up', async () => {
    const first = await say({
      content: '<@1302000000000000001> why did Legend and West stop being friends?',
    });
    assert.match(bodyText(first), /reported by \d of 5 sources/);
    assert.deepEqual((first.body as Json).allowed_mentions, { parse: [], replied_user: false });
    const answer = sentMessage(first);
    // A reply to rift's answer, without mentioning it again (the reply pings rift by default).
    const followUp = await say({
      content: 'what else did he say?',
      mentions: [],
      message_reference: { message_id: answer.id, channel_id: CHANNEL },
      referenced_message: answer,
    });
    assert.match(
      bodyText(followUp),
      /Following up on “why did Legend and West stop being friends\?”/,
    );
    assert.match(bodyText(followUp), /John Legend/);
  });

  it('follows up on a /rift answer when someone replies to it', async () => {
    const id = standIn.dispatch(
      chatInput(actor, 'ask', { question: 'why did Legend and West stop being friends?' }),
    );
    const edit = await standIn.waitFor((r) => r.interactionId === id && r.method === 'PATCH');
    const answer = edit.response as Json;
    assert.match(bodyText(edit), /reported by \d of 5 sources/);
    const followUp = await say({
      content: 'more',
      mentions: [],
      message_reference: { message_id: answer.id, channel_id: CHANNEL },
      referenced_message: answer,
    });
    assert.match(
      bodyText(followUp),
      /Following up on “why did Legend and West stop being friends\?”/,
    );
    assert.match(bodyText(followUp), /\[6\]/);
  });

  it('ignores a message that neither mentions rift nor replies to it', async () => {
    const id = snowflake();
    standIn.dispatchEvent('MESSAGE_CREATE', {
      ...fixture('message-create.json'),
      id,
      content: 'why did Legend and West stop being friends?',
      mentions: [],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(
      standIn.requests.filter(
        (r) =>
          (r.body as { message_reference?: { message_id?: string } } | null)?.message_reference
            ?.message_id === id,
      ).length,
      0,
    );
  });

  it('answers a DM, which is one conversation', async () => {
    const dm = {
      guild_id: undefined,
      member: undefined,
      channel_id: '1302000000000000900',
      channel_type: 1,
      mentions: [],
    };
    const first = await say({ ...dm, content: 'why did Legend and West stop being friends?' });
    assert.match(bodyText(first), /reported by \d of 5 sources/);
    const more = await say({ ...dm, content: 'more' });
    assert.match(bodyText(more), /more sources/);
    // The first answer showed [1]–[5]; "more" starts at [6] and repeats none.
    assert.match(bodyText(more), /\[6\]/);
    assert.doesNotMatch(bodyText(more), /\[1\]/);
  });

  it('answers "Ask rift" on a message privately, with Share that posts it to the channel', async () => {
    const id = standIn.dispatch(
      messageCommand(actor, 'Why did John Legend and Kanye West stop being friends?'),
    );
    const deferral = await standIn.waitFor(
      (r) => r.interactionId === id && r.path.endsWith('/callback'),
    );
    assert.equal(((deferral.body as Json).data as Json | undefined)?.flags, 64);
    const answer = await standIn.waitFor((r) => r.interactionId === id && r.method === 'PATCH');
    assert.match(bodyText(answer), /reported by \d of 5 sources/);
    const share = customIds(answer).find((c) => c.startsWith('rift-answer:share:'));
    assert.ok(share, 'a private answer has Share');
    const shared = await clickButton(share);
    assert.match(bodyText(shared), /Shared by /);
    assert.match(bodyText(shared), /reported by \d of 5 sources/);
    assert.ok(!customIds(shared).some((c) => c.includes(':share:')));
  });

  it('stores a 👍 in SQLite and acknowledges it privately; More sources shows the next citations', async () => {
    const reply = await say({
      content: '<@1302000000000000001> why did Legend and West stop being friends?',
    });
    const up = customIds(reply).find((c) => c.startsWith('rift-answer:up:'));
    assert.ok(up);
    const thanks = await clickButton(up);
    const data = (thanks.body as Json).data as Json;
    assert.equal(data.flags, 64);
    assert.match(
      String(data.content),
      /Your 👍 on “why did Legend and West stop being friends\?” is recorded/,
    );
    const reopened = openSqliteFeedback(dbFile);
    const row = (await reopened.summary()).find(
      (q) => q.question === 'why did Legend and West stop being friends?',
    );
    await reopened.close();
    assert.equal(row?.up, 1);
    assert.deepEqual(row?.platforms, ['discord']);
    const more = customIds(reply).find((c) => c.startsWith('rift-answer:more:'));
    assert.ok(more, 'an answer with further citations has More sources');
    const next = await clickButton(more);
    assert.match(bodyText(next), /\[6\]/);
    assert.doesNotMatch(bodyText(next), /\[1\]/);
  });
});
