/**
 * End to end: the real discord.js client, started by `startDiscord` exactly as `npm start` does,
 * against the local Discord stand-in. Each test dispatches an interaction over the gateway and
 * checks what the bot sent back over REST.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodePageId } from '../../../src/adapters/discord/custom-id.ts';
import { createLogger } from '../../../src/log.ts';
import {
  type DiscordHarness,
  startDiscordHarness,
  TEST_TOKEN,
} from '../../support/discord-harness.ts';
import { autocomplete, buttonClick, chatInput } from '../../support/discord-interactions.ts';
import type { CapturedRequest } from '../../support/discord-standin.ts';
import { storyRift } from '../../support/discord-story.ts';

interface Body {
  type?: number;
  content?: string;
  flags?: number;
  data?: Body & { choices?: { name: string; value: string }[] };
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    author?: { name: string };
  }[];
  components?: { components: { custom_id: string; label: string; disabled?: boolean }[] }[];
  allowed_mentions?: { parse: string[] };
}

const body = (request: CapturedRequest) => request.body as Body;
const buttons = (message: Body) => message.components?.[0]?.components ?? [];

const logLines: string[] = [];
const story = storyRift();
let h: DiscordHarness;

before(async () => {
  h = await startDiscordHarness(story.rift, { log: createLogger((line) => logLines.push(line)) });
});
after(async () => {
  await h.close();
});

describe('gateway', () => {
  it('identifies with Guilds, GuildMessages and DirectMessages only, none privileged', () => {
    const identify = h.standIn.frames.find((f) => f.op === 2);
    const intents = (identify?.d as { intents?: number } | undefined)?.intents;
    // Guilds 1 << 0, GuildMessages 1 << 9, DirectMessages 1 << 12.
    assert.equal(intents, (1 << 0) | (1 << 9) | (1 << 12));
    // The privileged ones: GuildMembers 1 << 1, GuildPresences 1 << 8, MessageContent 1 << 15.
    assert.equal((intents ?? 0) & ((1 << 1) | (1 << 8) | (1 << 15)), 0);
  });

  it('reads the gateway URL from GET /gateway/bot on the configured API', () => {
    assert.ok(
      h.standIn.requests.some((r) => r.method === 'GET' && r.path === '/api/v10/gateway/bot'),
    );
  });
});

describe('heartbeats', () => {
  let beating: DiscordHarness;
  before(async () => {
    beating = await startDiscordHarness(story.rift, { heartbeatIntervalMs: 40 });
  });
  after(async () => {
    await beating.close();
  });

  it('keeps one session while heartbeats are acknowledged', async () => {
    await waitUntil(() => beating.standIn.frames.filter((f) => f.op === 1).length >= 3);
    assert.equal(beating.standIn.frames.filter((f) => f.op === 2).length, 1);
    const { final } = await beating.answer(chatInput(beating.actor, 'help'));
    assert.equal(final.status, 200);
  });
});

describe('/rift why', () => {
  it('defers, then edits the original message with a cited answer embed', async () => {
    const { callback, final } = await h.answer(chatInput(h.actor, 'why'));
    assert.deepEqual(body(callback), { type: 5, data: { flags: 0 } });
    assert.equal(final.status, 200);
    assert.equal(
      final.path,
      `/api/v10/webhooks/${h.env.applicationId}/${final.path.split('/')[5]}/messages/@original`,
    );
    const embed = body(final).embeds?.[0];
    assert.ok(embed?.title, 'the question is the title');
    assert.match(
      embed?.description ?? '',
      /^.*\n> .+\n— .+ · reported by \d+ of \d+ sources \[1\]/s,
    );
    assert.deepEqual(body(final).allowed_mentions, { parse: [] });
  });
});

describe('/rift ask', () => {
  it('answers a question the articles cover with numbered citations', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'ask', { question: story.answerable }));
    const fields = body(final).embeds?.[0]?.fields ?? [];
    assert.ok(fields.length > 0, 'more citations than the lead');
    assert.match(fields[0]?.name ?? '', /^\[2\]/);
    assert.match(fields[0]?.value ?? '', /^> .+\n— .+reported by \d+ of \d+ sources$/s);
  });

  it('abstains, citing nothing, when the articles do not say', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'ask', { question: story.unanswerable }));
    const embed = body(final).embeds?.[0];
    assert.equal(final.status, 200);
    assert.deepEqual(embed?.fields ?? [], []);
    assert.ok((embed?.description ?? '').length > 0);
  });

  it('never lets mention syntax in a question ping anyone', async () => {
    const question = '@everyone <@123> <@&456> did Kanye get votes?';
    const { final } = await h.answer(chatInput(h.actor, 'ask', { question }));
    const raw = JSON.stringify(body(final));
    assert.deepEqual(body(final).allowed_mentions, { parse: [] });
    assert.ok(!raw.includes('<@123>') && !raw.includes('<@&456>'), 'mentions are escaped');
    assert.ok(!/(^|[^\\])@everyone/.test(raw.replaceAll('\\\\', '\\')), '@everyone is escaped');
  });

  it('answers a 6000-character question within Discord limits', async () => {
    const question = `${'why did they fall out '.repeat(273)}`.slice(0, 6000);
    const { final } = await h.answer(chatInput(h.actor, 'ask', { question }));
    assert.equal(final.status, 200, JSON.stringify(final.response));
    assert.ok((body(final).embeds?.[0]?.title ?? '').length <= 256);
  });
});

describe('/rift quotes', () => {
  it('resolves the alias Ye and shows the first page of quotes as embeds', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'quotes', { speaker: 'Ye' }));
    const message = body(final);
    assert.match(message.content ?? '', /Kanye West/);
    assert.ok((message.embeds ?? []).length >= 1);
    assert.equal(message.embeds?.[0]?.author?.name, 'Kanye West');
  });

  it('autocompletes speaker "ye" with Kanye West first', async () => {
    const callback = await h.callback(
      autocomplete(h.actor, 'quotes', { speaker: 'ye' }, 'speaker'),
    );
    assert.equal(body(callback).type, 8);
    const choices = body(callback).data?.choices ?? [];
    assert.equal(choices[0]?.name, 'Kanye West');
    assert.ok(choices.length <= 25);
  });
});

describe('other commands', () => {
  it('defers /rift timeline like every command, then shows it', async () => {
    const { callback, final } = await h.answer(chatInput(h.actor, 'timeline'));
    assert.equal(body(callback).type, 5);
    assert.match(
      body(final).embeds?.[0]?.title ?? '',
      /^Timeline/,
      "the story's timeline, in one embed",
    );
  });

  it('answers an unknown subcommand with private help that names it', async () => {
    const { callback, final } = await h.answer(chatInput(h.actor, 'dance'));
    assert.deepEqual(body(callback), { type: 5, data: { flags: 64 } });
    assert.match(JSON.stringify(body(final).embeds), /Unknown command \\"\/rift dance\\"/);
  });
});

describe('pagination', () => {
  it('Next edits the message in place with the next page', async () => {
    const { final } = await h.answer(chatInput(h.actor, 'quotes', { speaker: 'Ye' }));
    const next = buttons(body(final)).find((b) => b.label === 'Next');
    assert.ok(next, 'a Next button on a long list');
    // Acknowledged at once (deferred update, type 6), then the message is edited in place.
    const turned = await h.answer(buttonClick(h.actor, next.custom_id));
    assert.equal(body(turned.callback).type, 6);
    assert.match(turned.final.path, /messages\/@original$/);
    assert.match(body(turned.final).content ?? '', /page 2 of/);
    assert.equal(buttons(body(turned.final)).find((b) => b.label === 'Previous')?.disabled, false);
  });

  it('keeps working for a button from before a restart (the id carries the state)', async () => {
    const { callback, final } = await h.answer(
      buttonClick(h.actor, 'rift:q:1:-:["Kanye West",null]'),
    );
    assert.equal(body(callback).type, 6);
    assert.match(body(final).content ?? '', /page 2 of/);
  });

  it('answers an unknown button with a private notice', async () => {
    const callback = await h.callback(buttonClick(h.actor, 'someone-else:42'));
    assert.equal(body(callback).type, 4);
    assert.equal(body(callback).data?.flags, 64);
  });
});

describe('private', () => {
  it('defers ephemerally and ties the page buttons to the requester', async () => {
    const { callback, final } = await h.answer(
      chatInput(h.actor, 'quotes', { speaker: 'Ye', private: true }),
    );
    assert.deepEqual(body(callback), { type: 5, data: { flags: 64 } });
    const next = buttons(body(final)).find((b) => b.label === 'Next');
    assert.equal(decodePageId(next?.custom_id ?? '')?.ownerId, '1302000000000000300');
  });

  it("refuses to page someone else's private reply", async () => {
    const id = 'rift:q:1:1302000000000000300:["Kanye West",null]';
    const callback = await h.callback(
      buttonClick({ ...h.actor, userId: '1302000000000000999' }, id),
    );
    assert.equal(body(callback).type, 4);
    assert.equal(body(callback).data?.flags, 64);
    assert.match(body(callback).data?.content ?? '', /Only the person who asked/);
  });

  it('defers a private help ephemerally too', async () => {
    const { callback, final } = await h.answer(chatInput(h.actor, 'help', { private: true }));
    assert.deepEqual(body(callback), { type: 5, data: { flags: 64 } });
    assert.equal(final.status, 200);
  });
});

describe('failures', () => {
  it('turns a REST 500 on the edit into an apology once Discord recovers', async () => {
    // discord.js retries a 5xx three times; fail all four tries of the edit.
    h.standIn.fail({ method: 'PATCH', path: /messages\/@original$/, status: 500, count: 4 });
    const id = h.standIn.dispatch(chatInput(h.actor, 'why'));
    const apology = await h.standIn.waitFor(
      (r) => r.interactionId === id && r.method === 'PATCH' && r.status === 200,
    );
    h.standIn.clearFailures();
    const failed = h.standIn.requestsFor(id).filter((r) => r.status === 500);
    assert.equal(failed.length, 4);
    assert.ok(
      (body(failed[0] as CapturedRequest).embeds ?? []).length > 0,
      'the failed edit carried the answer',
    );
    assert.match(body(apology).content ?? '', /^Sorry, something went wrong/);
  });

  it('keeps serving after a callback that Discord rejects with 500 every time', async () => {
    h.standIn.fail({ method: 'POST', path: /\/callback$/, status: 500 });
    const id = h.standIn.dispatch(chatInput(h.actor, 'help'));
    await h.standIn.waitFor((r) => r.interactionId === id && r.status === 500);
    // Four tries of the reply and four of the apology.
    await waitUntil(() => h.standIn.requestsFor(id).length === 8);
    h.standIn.clearFailures();
    const { final } = await h.answer(chatInput(h.actor, 'why'));
    assert.equal(final.status, 200);
  });

  it('answers a malformed payload with an apology and keeps serving', async () => {
    const malformed = chatInput(h.actor, 'why');
    malformed.data = null;
    const callback = await h.callback(malformed);
    assert.equal(body(callback).data?.flags, 64);
    assert.match(body(callback).data?.content ?? '', /^Sorry/);
    const { final } = await h.answer(chatInput(h.actor, 'why'));
    assert.equal(final.status, 200);
  });

  it('never writes the token to the log', () => {
    assert.ok(logLines.length > 0);
    assert.ok(logLines.every((line) => !line.includes(TEST_TOKEN)));
  });
});

describe('a handler that throws', () => {
  let broken: DiscordHarness;
  before(async () => {
    const rift = {
      ...story.rift,
      run: () => {
        throw new Error('core failure');
      },
    };
    broken = await startDiscordHarness(rift);
  });
  after(async () => {
    await broken.close();
  });

  it('apologises in the private deferral of a private command', async () => {
    const { callback, final } = await broken.answer(
      chatInput(broken.actor, 'help', { private: true }),
    );
    assert.deepEqual(body(callback), { type: 5, data: { flags: 64 } });
    assert.match(body(final).content ?? '', /^Sorry, something went wrong/);
    assert.deepEqual(body(final).allowed_mentions, { parse: [] });
  });

  it('replaces the deferral with the apology when the command was deferred', async () => {
    const { final } = await broken.answer(chatInput(broken.actor, 'ask', { question: 'why?' }));
    assert.match(body(final).content ?? '', /^Sorry, something went wrong/);
    assert.deepEqual(body(final).embeds, []);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
