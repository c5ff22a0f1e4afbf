/**
 * The Slack Home tab of a rift that follows several stories: the stories listed once, with how to
 * pick one, and the commands; no single story's answer or people (each story has its own).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inProcessLibrary } from '../../../src/runtime/in-process.ts';
import { loadLibrary } from '../../../src/runtime/stories-folder.ts';
import { type SlackHarness, startSlackHarness } from '../../support/slack-harness.ts';
import { readFixture, signSlackRequest, TEST_SIGNING_SECRET } from '../../support/slack-standin.ts';
import { makeStoriesFolder } from '../../support/stories-folder.ts';

const folder = makeStoriesFolder();
let harness: SlackHarness;

before(async () => {
  harness = await startSlackHarness(inProcessLibrary(loadLibrary(folder.dir, { cache: false })));
});
after(async () => {
  await harness?.close();
  folder.close();
});

describe('Slack Home tab with several stories', () => {
  it('lists every story once and the commands, without one story taking the tab', async () => {
    const body = readFixture<{ event: Record<string, unknown>; event_id: string }>(
      'app-home-opened.json',
    );
    body.event_id = 'EvStoriesHome1';
    body.event = { ...body.event, user: 'USTORYHOME' };
    const raw = JSON.stringify(body);
    const res = await fetch(`http://127.0.0.1:${harness.port}/slack/events`, {
      method: 'POST',
      headers: {
        ...signSlackRequest(raw, TEST_SIGNING_SECRET),
        'content-type': 'application/json',
      },
      body: raw,
    });
    assert.equal(res.status, 200);
    const publish = await harness.standin.waitFor(
      (c) => c.method === 'views.publish' && c.body.user_id === 'USTORYHOME',
    );
    const text = JSON.stringify((publish.body.view as { blocks: unknown[] }).blocks);
    for (const id of ['legend-west', 'stadium', 'water']) {
      assert.equal(text.split(`\`${id}\``).length - 1, 1, `${id} listed once`);
    }
    assert.match(text, /\/rift ask/);
    assert.doesNotMatch(text, /reported by \d+ of \d+ sources/);
  });
});
