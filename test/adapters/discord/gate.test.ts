/**
 * Rate limits and duplicate deliveries through the real discord.js client and the stand-in.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDiscord } from '../../../src/adapters/discord/start.ts';
import type { RunningAdapter } from '../../../src/adapters/running.ts';
import { silentLogger } from '../../../src/log.ts';
import { createRequestGate } from '../../../src/ops/gate.ts';
import { TEST_APPLICATION_ID, TEST_TOKEN } from '../../support/discord-harness.ts';
import { buttonClick, chatInput } from '../../support/discord-interactions.ts';
import { fakeRift } from '../../support/discord-rift.ts';
import { type DiscordStandIn, startDiscordStandIn } from '../../support/discord-standin.ts';

let standIn: DiscordStandIn;
let adapter: RunningAdapter;
const actor = { applicationId: TEST_APPLICATION_ID };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  standIn = await startDiscordStandIn({ token: TEST_TOKEN, applicationId: TEST_APPLICATION_ID });
  const gate = createRequestGate({
    limits: { user: { max: 2, perSeconds: 60 }, channel: { max: 100, perSeconds: 60 } },
  });
  adapter = await startDiscord(
    fakeRift({ quotesCount: 16 }),
    {
      token: TEST_TOKEN,
      applicationId: TEST_APPLICATION_ID,
      guildId: null,
      apiUrl: standIn.apiUrl,
    },
    silentLogger,
    { gate },
  );
});
after(async () => {
  await adapter.stop();
  await standIn.close();
});

describe('Discord rate limits and duplicate deliveries', () => {
  it('answers a duplicate delivery of the same interaction once', async () => {
    const payload = chatInput({ ...actor, userId: '1302000000000000501' }, 'sources');
    const id = standIn.dispatch(payload);
    standIn.dispatch(payload);
    await standIn.waitFor((r) => r.interactionId === id && r.path.endsWith('/callback'));
    await sleep(300);
    const callbacks = standIn.requestsFor(id).filter((r) => r.path.endsWith('/callback'));
    assert.equal(callbacks.length, 1);
    assert.equal(callbacks[0]?.status, 204);
  });

  it('tells someone over their limit to slow down, privately, and keeps answering others', async () => {
    const asker = { ...actor, userId: '1302000000000000502' };
    const statuses: { type?: number; flags?: number; content?: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const id = standIn.dispatch(chatInput(asker, 'sources'));
      const callback = await standIn.waitFor(
        (r) => r.interactionId === id && r.path.endsWith('/callback'),
      );
      const body = callback.body as { type?: number; data?: { flags?: number; content?: string } };
      statuses.push({ type: body.type, flags: body.data?.flags, content: body.data?.content });
    }
    assert.doesNotMatch(String(statuses[1]?.content), /Slow down/);
    assert.equal(statuses[2]?.type, 4);
    assert.equal(statuses[2]?.flags, 64, 'ephemeral');
    assert.match(
      String(statuses[2]?.content),
      /Slow down a little: I answer up to 2 questions per person/,
    );

    const other = standIn.dispatch(
      chatInput({ ...actor, userId: '1302000000000000503' }, 'sources'),
    );
    const callback = await standIn.waitFor(
      (r) => r.interactionId === other && r.path.endsWith('/callback'),
    );
    assert.doesNotMatch(JSON.stringify(callback.body), /Slow down/);
  });

  it('lets someone page through a long list without using up their questions', async () => {
    const reader = { ...actor, userId: '1302000000000000504' };
    const id = standIn.dispatch(chatInput(reader, 'quotes', { speaker: 'ye' }));
    const edit = await standIn.waitFor((r) => r.interactionId === id && r.method === 'PATCH');
    let customId = nextButton(edit.body);
    // 16 quotes, 4 a page: three page turns, then a second question, all within a limit of 2.
    for (let page = 1; page <= 3; page++) {
      const click = standIn.dispatch(buttonClick(reader, customId));
      const update = await standIn.waitFor(
        (r) => r.interactionId === click && r.method === 'PATCH',
      );
      assert.match(
        String((update.body as { content?: string }).content),
        new RegExp(`page ${page + 1} of 4`),
      );
      customId = nextButton(update.body);
    }
    const again = standIn.dispatch(chatInput(reader, 'sources'));
    const callback = await standIn.waitFor(
      (r) => r.interactionId === again && r.path.endsWith('/callback'),
    );
    assert.doesNotMatch(JSON.stringify(callback.body), /Slow down/);
  });
});

function nextButton(body: unknown): string {
  const rows = (body as { components?: { components: { label: string; custom_id: string }[] }[] })
    .components;
  const next = rows?.[0]?.components.find((b) => b.label === 'Next');
  assert.ok(next, 'a Next button');
  return next.custom_id;
}
