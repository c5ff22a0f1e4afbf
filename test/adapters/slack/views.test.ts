/**
 * Story views end to end on Slack: `/rift timeline`, `/rift who`, `/rift sources` and the
 * "Another view" of `/rift why`, through the real Bolt app (HTTP mode) against the stand-in, on
 * the seeds and on the stadium story. Paging buttons re-run the command they carry.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { renderReply } from '../../../src/adapters/slack/render.ts';
import { parseCommandText } from '../../../src/commands/grammar.ts';
import { createRift } from '../../../src/commands/open.ts';
import { inProcessRift } from '../../../src/runtime/in-process.ts';
import { seedsRift, stadium } from '../../support/seeds.ts';
import { assertSlackSafe } from '../../support/slack-blocks.ts';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import {
  blockActionsBody,
  type Captured,
  postSigned,
  slashCommandBody,
} from '../../support/slack-standin.ts';

let harness: SlackHarness;
let nextId = 0;

before(async () => {
  harness = await startSlackHarness(inProcessRift(seedsRift()));
});
after(async () => {
  await harness.close();
});

async function slash(text: string): Promise<Captured> {
  const id = `views${++nextId}`;
  const body = slashCommandBody({ text, response_url: harness.standin.responseUrl(id) });
  const { status } = await postSigned(harness.port, body);
  assert.equal(status, 200);
  return harness.standin.waitFor((c) => c.method === 'respond' && c.id === id);
}

function allText(call: Captured): string {
  return JSON.stringify(call.body.blocks) + String(call.body.text);
}

describe('Slack story views (seeds)', () => {
  it('shows the timeline oldest first, with its Next button re-running timeline', async () => {
    const reply = await slash('timeline');
    const text = allText(reply);
    assert.match(text, /Timeline/);
    assert.ok(text.indexOf('early 2000s') < text.indexOf('2004 debut'), 'oldest first');
    const blocks = reply.body.blocks as { type: string; elements?: { value: string }[] }[];
    const next = blocks.find((b) => b.type === 'actions')?.elements?.at(-1);
    assert.ok(next, 'the timeline has more than one page');
    const id = `views${++nextId}`;
    const { status } = await postSigned(
      harness.port,
      blockActionsBody('rift_page_next', next.value, harness.standin.responseUrl(id)),
    );
    assert.equal(status, 200);
    const page = await harness.standin.waitFor((c) => c.method === 'respond' && c.id === id);
    assert.match(allText(page), /Page 2 of/);
    assert.match(allText(page), /2022-08-05/);
  });

  it('lists who is who, and gives a card for "who is Ye?"', async () => {
    assert.match(allText(await slash('who')), /Kanye West.*rapper.*the Yeezy mogul/);
    const card = allText(await slash('who is Ye?'));
    assert.match(card, /Kanye West/);
    assert.match(card, /I love you John/);
  });

  it('shows coverage: what each article carries and what it alone reports', async () => {
    const text = allText(await slash('sources'));
    assert.match(text, /statements \(quote clusters and key facts\)/);
    assert.match(text, /only here/);
  });

  it('shows "Another view" under why: Legend is not less friends because of Trump', async () => {
    const text = allText(await slash('why'));
    assert.match(text, /publicly disagreed on his running for office/);
    assert.match(text, /Another view/);
    assert.match(text, /less friends because of the Trump thing/);
  });
});

describe('Slack story views render (stadium)', () => {
  const rift = createRift(stadium());
  for (const text of ['timeline', 'who', 'who okafor', 'sources', 'why']) {
    it(`renders "${text}" within Slack's limits`, () => {
      const message = renderReply(rift.run(parseCommandText(text)));
      assertSlackSafe(message);
      assert.ok(message.text.length > 0);
    });
  }

  it('shows the coach answering the mayor under "Another view"', () => {
    const message = renderReply(
      rift.run(parseCommandText('ask What did Okafor say about an ATM?')),
    );
    const text = JSON.stringify(message.blocks);
    assert.match(text, /Another view/);
    assert.match(text, /Nobody is asking for an ATM/);
  });
});
