/**
 * Two replicas behind one Slack app, in HTTP mode: two real Bolt apps on two ports, each with its
 * own Redis connection (the shared counters, conversations) and its own PostgreSQL pool (channels'
 * stories, answers and their 👍/👎), as
 * two processes behind a load balancer would have. Real redis-server and postgres on 127.0.0.1;
 * skipped, with the reason, when either binary is missing.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { channelStories } from '../../../src/adapters/channel-story.ts';
import { FEEDBACK_ACTION_ID } from '../../../src/adapters/slack/render.ts';
import { type SlackAdapter, startSlack } from '../../../src/adapters/slack/start.ts';
import { createLogger } from '../../../src/log.ts';
import { postgresChannelStories } from '../../../src/ops/channels/postgres.ts';
import { createConversationStore } from '../../../src/ops/conversations.ts';
import { guardedFeedback } from '../../../src/ops/feedback/guarded.ts';
import { postgresFeedback } from '../../../src/ops/feedback/postgres.ts';
import { createRequestGate } from '../../../src/ops/gate.ts';
import { openPostgres } from '../../../src/ops/postgres/database.ts';
import { createRedisStore } from '../../../src/ops/redis-store.ts';
import type { SharedStore } from '../../../src/ops/store.ts';
import { inProcessLibrary } from '../../../src/runtime/in-process.ts';
import { loadLibrary } from '../../../src/runtime/stories-folder.ts';
import {
  findPostgres,
  findRedis,
  startPostgres,
  startRedis,
  type TestServer,
} from '../../support/servers.ts';
import {
  BOT_TOKEN,
  freshTriggerId,
  readFixture,
  type SlackStandin,
  signSlackRequest,
  slashCommandBody,
  startSlackStandin,
  TEST_SIGNING_SECRET,
} from '../../support/slack-standin.ts';

const redisBinary = findRedis();
const postgresBinaries = findPostgres();
const skip =
  'skip' in redisBinary
    ? redisBinary.skip
    : 'skip' in postgresBinaries
      ? postgresBinaries.skip
      : false;
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/corpora');

interface Replica {
  readonly slack: SlackAdapter;
  readonly store: SharedStore;
  readonly pool: pg.Pool;
}

describe('two Slack replicas sharing Redis and PostgreSQL', { skip }, () => {
  let redis: TestServer;
  let postgres: TestServer;
  let standin: SlackStandin;
  let storiesDir: string;
  const replicas: Replica[] = [];
  const logs: string[] = [];

  before(async () => {
    if ('skip' in redisBinary || 'skip' in postgresBinaries) return;
    [redis, postgres] = await Promise.all([
      startRedis(redisBinary.binary),
      startPostgres(postgresBinaries),
    ]);
    standin = await startSlackStandin();
    storiesDir = mkdtempSync(join(tmpdir(), 'rift-stories-'));
    for (const id of ['stadium', 'water'])
      cpSync(join(FIXTURES, id), join(storiesDir, id), { recursive: true });
    cpSync(join(FIXTURES, 'stadium.story.json'), join(storiesDir, 'stadium', 'story.json'));
    const library = loadLibrary(storiesDir, { cache: false });
    for (let i = 0; i < 2; i++) {
      const log = createLogger((line) => logs.push(line));
      const store = await createRedisStore({ url: redis.url });
      const pool = await openPostgres({ url: postgres.url });
      const slack = await startSlack(
        inProcessLibrary(library),
        {
          botToken: BOT_TOKEN,
          signingSecret: TEST_SIGNING_SECRET,
          appToken: null,
          port: 0,
          apiUrl: standin.apiUrl,
        },
        log,
        {
          gate: createRequestGate({ store, limits: { user: { max: 10, perSeconds: 60 } }, log }),
          store,
          channels: channelStories({ store: postgresChannelStories(pool), log }),
          feedback: guardedFeedback(postgresFeedback(pool), log),
          conversations: createConversationStore(store, log),
        },
      );
      replicas.push({ slack, store, pool });
    }
  });
  after(async () => {
    for (const r of replicas) {
      await r.slack.stop();
      await r.store.close();
      await r.pool.end();
    }
    await standin?.close();
    await redis?.close();
    await postgres?.close();
    if (storiesDir) rmSync(storiesDir, { recursive: true, force: true });
  });

  const post = async (
    replica: number,
    body: string,
    json = false,
    extra: Record<string, string> = {},
    timestamp?: number,
  ) => {
    const headers = { ...signSlackRequest(body, TEST_SIGNING_SECRET, timestamp), ...extra };
    if (json) headers['content-type'] = 'application/json';
    const res = await fetch(`http://127.0.0.1:${replicas[replica]?.slack.port}/slack/events`, {
      method: 'POST',
      headers,
      body,
    });
    return res.status;
  };

  /**
   * Sends `/rift <text>` as `user` in `channel` to one replica and returns what rift responded
   * (its `response_url` call, named `id`).
   */
  const command = async (
    replica: number,
    text: string,
    user: string,
    channel: string,
    id: string,
  ) => {
    const body = slashCommandBody({
      text,
      user_id: user,
      channel_id: channel,
      response_url: standin.responseUrl(id),
    });
    assert.equal(await post(replica, body), 200);
    return standin.waitFor((c) => c.method === 'respond' && c.id === id, 10_000);
  };

  it("limits one person across replicas: 12 requests alternating, 10 per minute, get 10 answers and 2 'slow down' notes", async () => {
    const replies = [];
    for (let i = 0; i < 12; i++) {
      const id = `twelve${i}`;
      const body = slashCommandBody({
        text: 'story:stadium sources',
        user_id: 'UTWELVE',
        channel_id: `CTWELVE${i % 3}`,
        response_url: standin.responseUrl(id),
      });
      assert.equal(await post(i % 2, body), 200);
      replies.push(await standin.waitFor((c) => c.method === 'respond' && c.id === id));
    }
    const slowed = replies.filter((r) => /Slow down a little/.test(String(r.body.text)));
    assert.equal(slowed.length, 2);
    assert.equal(replies.length - slowed.length, 10);
    // The two over the limit are the last two, whichever replica they reached.
    assert.deepEqual(
      replies.map((r) => /Slow down/.test(String(r.body.text))),
      [...Array(10).fill(false), true, true],
    );
  });

  /** Clicks 👍 or 👎 (`value` as the button carries it) as `user`, on one replica. */
  const vote = async (replica: number, value: string, user: string, responseId: string) => {
    const payload = readFixture<Record<string, unknown>>('block-actions.json');
    const body = new URLSearchParams({
      payload: JSON.stringify({
        ...payload,
        user: { id: user, username: user, team_id: 'T9TK3CUKW' },
        trigger_id: freshTriggerId(),
        response_url: standin.responseUrl(responseId),
        actions: [
          {
            action_id: FEEDBACK_ACTION_ID,
            block_id: 'b',
            type: 'feedback_buttons',
            value,
            action_ts: `${Date.now() / 1000}`,
          },
        ],
      }),
    }).toString();
    assert.equal(await post(replica, body), 200);
    return standin.waitFor((c) => c.method === 'respond' && c.id === responseId, 10_000);
  };

  /** The 👍 and 👎 values of an answer's feedback buttons. */
  const voteValues = (blocks: unknown): { up: string; down: string } => {
    for (const block of (blocks ?? []) as { elements?: Record<string, unknown>[] }[]) {
      for (const e of block.elements ?? []) {
        if (e.action_id !== FEEDBACK_ACTION_ID) continue;
        const { positive_button: up, negative_button: down } = e as Record<
          string,
          { value: string }
        >;
        if (up && down) return { up: up.value, down: down.value };
      }
    }
    assert.fail('the answer carries feedback buttons');
  };

  it('keeps feedback clicked on either replica in the same PostgreSQL table', async () => {
    const answer = await command(
      0,
      'story:stadium why was the stadium deal rejected?',
      'UFEED',
      'CFEED',
      'feed-ask',
    );
    const { up, down } = voteValues(answer.body.blocks);
    const thanks = [
      await vote(1, down, 'UVOTER1', 'feed-v1'),
      await vote(0, up, 'UVOTER2', 'feed-v2'),
    ];
    for (const t of thanks) assert.match(String(t.body.text), /is recorded/);
    const first = replicas[0];
    assert.ok(first);
    const answerId = down.split(':')[1];
    const { rows } = await first.pool.query<{ vote: string; story: string }>(
      'SELECT vote, story FROM feedback_votes WHERE answer_id = $1 ORDER BY vote',
      [answerId],
    );
    assert.deepEqual(
      rows.map((r) => r.vote),
      ['down', 'up'],
    );
    // The record names the story that answered, so More sources and Share ask it again.
    const record = await first.pool.query<{ command: string }>(
      'SELECT command FROM feedback_answers WHERE id = $1',
      [answerId],
    );
    assert.equal(JSON.parse(record.rows[0]?.command ?? '{}').story, 'stadium');
  });

  it('answers an event once when Slack retries it to the other replica', async () => {
    const event = readFixture<{ event: Record<string, unknown>; event_id: string }>(
      'app-mention.json',
    );
    event.event_id = 'EvReplicaRetry1';
    event.event = {
      ...event.event,
      user: 'URETRY2',
      channel: 'CRETRY',
      ts: '1515449799.000100',
      text: '<@U0LAN0Z89> story:water stories',
    };
    const body = JSON.stringify(event);
    assert.equal(await post(0, body, true), 200);
    // Slack signs its retry afresh, a second later, and the load balancer sends it elsewhere.
    assert.equal(
      await post(
        1,
        body,
        true,
        { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
        Math.floor(Date.now() / 1000) + 1,
      ),
      200,
    );
    await standin.waitFor((c) => c.body.channel === 'CRETRY');
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(standin.calls.filter((c) => c.body.channel === 'CRETRY').length, 1);
  });

  it('refuses a signed request replayed to the other replica', async () => {
    const body = slashCommandBody({
      text: 'stories',
      user_id: 'UREPLAY',
      response_url: standin.responseUrl('replay'),
    });
    const stamp = Math.floor(Date.now() / 1000);
    assert.equal(await post(0, body, false, {}, stamp), 200);
    assert.equal(await post(1, body, false, {}, stamp), 401);
  });

  it("keeps a channel's story in PostgreSQL: set with use on one replica, followed by the other", async () => {
    const setReply = await command(0, 'use water', 'UADMIN', 'CUSE', 'use-set');
    assert.match(String(setReply.body.text), /This channel's story is now "water"/);
    const answer = await command(1, 'why', 'UASK', 'CUSE', 'use-ask');
    assert.match(String(answer.body.text), /^\[Millbrook residents told to boil water/);
    const first = replicas[0];
    assert.ok(first);
    const { rows } = await first.pool.query(
      "SELECT story FROM channel_stories WHERE platform = 'slack' AND channel_id = 'CUSE'",
    );
    assert.deepEqual(rows, [{ story: 'water' }]);
  });

  it('keeps answering while PostgreSQL is down (no channel default) and says a use could not be saved', async () => {
    await postgres.stop();
    try {
      const useReply = await command(1, 'use stadium', 'UADMIN', 'CDOWN', 'down-use');
      assert.match(String(useReply.body.text), /could not save this channel's story/);
      const answer = await command(0, 'story:stadium sources', 'UDOWN', 'CDOWN', 'down-ask');
      assert.match(String(answer.body.text), /^\[The Harbor Stadium standoff/);
      // A question still gets its answer, without buttons pointing at a record nobody kept.
      const answered = await command(
        1,
        'story:stadium why was the stadium deal rejected?',
        'UDOWN',
        'CDOWN',
        'down-question',
      );
      assert.doesNotMatch(String(answered.body.text), /went wrong/);
      assert.ok(!JSON.stringify(answered.body.blocks ?? []).includes(FEEDBACK_ACTION_ID));
      // A vote on an earlier answer gets a polite note.
      const noted = await vote(0, 'down:AAAAAAAAAAAA', 'UDOWN', 'down-vote');
      assert.match(String(noted.body.text), /could not save your vote/);
      for (const store of ['durable store', 'feedback store']) {
        const down = logs.filter((l) => l.includes(`${store} unreachable`)).length;
        assert.ok(down >= 1 && down <= 2, `${store}: logged once per replica at most (${down})`);
      }
    } finally {
      await postgres.start();
    }
    // Back: the next use is saved.
    let saved = false;
    for (let i = 0; i < 30 && !saved; i++) {
      const id = `back-use${i}`;
      const use = slashCommandBody({
        text: 'use stadium',
        user_id: 'UADMIN',
        channel_id: 'CDOWN',
        response_url: standin.responseUrl(id),
      });
      await post(i % 2, use);
      const reply = await standin.waitFor((c) => c.method === 'respond' && c.id === id, 10_000);
      saved = /now "stadium"/.test(String(reply.body.text));
      if (!saved) await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(saved, 'a use is saved again once PostgreSQL is back');
  });
});
