/**
 * The event loop only talks: while the core is busy with one question (or stuck in it), the
 * thread that acknowledges Discord and Slack and answers `/healthz` stays free, other users are
 * answered by the other worker, and a question past its time budget is really stopped.
 * The bounds here are loose (1 s where the target is 100 ms); `npm run bench` measures the
 * figures.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { after, describe, it } from 'node:test';
import { silentLogger } from '../../src/log.ts';
import { openServingRift, type ServingRift } from '../../src/runtime/serving-rift.ts';
import { startDiscordHarness } from '../support/discord-harness.ts';
import { chatInput } from '../support/discord-interactions.ts';
import { SEEDS } from '../support/seeds.ts';
import { startSlackHarness } from '../support/slack-harness.ts';
import { postSigned, slashCommandBody } from '../support/slack-standin.ts';
import { SLOW_STORY_WORKER, slowQuestion } from '../support/slow-core.ts';

/** Loose bound for what the benchmark holds to 100 ms: a loaded 2-core machine, shared. */
const LOOSE_MS = 1000;

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers.reverse()) await close();
});

async function serving(options: Parameters<typeof openServingRift>[0]): Promise<ServingRift> {
  const rift = await openServingRift(options);
  closers.push(() => rift.close());
  return rift;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

/** The seeds plus one 400 KB passage with no sentence punctuation, as in the issue. */
function corpusWithLongPassage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rift-long-'));
  cpSync(SEEDS, dir, { recursive: true });
  const words =
    'the council voted again on the stadium plan while residents argued about traffic noise parking and taxes for the new arena near the harbour'.split(
      ' ',
    );
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < 400_000; i++) {
    const word = words[(i * 7 + (i >> 3)) % words.length] ?? 'the';
    out.push(word);
    length += word.length + 1;
  }
  writeFileSync(
    join(dir, '900_unpunctuated.txt'),
    ` date 2024-01-01 Stadium notes\n${out.join(' ')}\n`,
  );
  closers.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the core runs off the event loop', () => {
  it('keeps /healthz and other users fast while a question over a 400 KB passage runs', async () => {
    const rift = await serving({
      corpus: corpusWithLongPassage(),
      cache: false,
      log: silentLogger,
      runtime: { workers: 2, requestMs: 4000 },
    });
    const slack = await startSlackHarness(rift);
    closers.push(() => slack.close());
    const slow = slashCommandBody({
      text: 'what did residents say about parking near the harbour arena',
      response_url: slack.standin.responseUrl('long'),
      user_id: 'U0SLOW',
    });
    assert.equal((await postSigned(slack.port, slow)).status, 200);
    for (let i = 0; i < 5; i++) {
      const health = await timed(() => fetch(`http://127.0.0.1:${slack.port}/healthz`));
      assert.equal(health.value.status, 200);
      assert.ok(health.ms < LOOSE_MS, `/healthz took ${health.ms.toFixed(0)} ms`);
    }
    const other = slashCommandBody({
      text: 'why',
      response_url: slack.standin.responseUrl('other'),
      user_id: 'U0OTHER',
    });
    const ack = await timed(() => postSigned(slack.port, other));
    assert.equal(ack.value.status, 200);
    assert.ok(ack.ms < LOOSE_MS, `another user's ack took ${ack.ms.toFixed(0)} ms`);
    const answer = await slack.standin.waitFor((c) => c.id === 'other', 10_000);
    assert.equal(answer.body.response_type, 'in_channel');
    // Fast once the snippet is linear, stopped at the budget until then: an answer either way.
    const long = await slack.standin.waitFor((c) => c.id === 'long', 15_000);
    assert.ok(long.body.text, 'the long question got a reply');
  });

  it('stops a question past its budget, says it took too long, and answers the next one', async () => {
    const rift = await serving({
      cache: false,
      log: silentLogger,
      storyWorker: SLOW_STORY_WORKER,
      runtime: { workers: 1, requestMs: 1500 },
    });
    const stuck = await timed(() =>
      rift.run({ name: 'ask', question: slowQuestion(120_000, 'spin'), private: false }),
    );
    assert.equal(stuck.value.kind, 'notice');
    assert.match(
      stuck.value.kind === 'notice' ? stuck.value.message : '',
      /took too long to answer \(over 1\.5 seconds\), so I stopped/,
    );
    assert.ok(stuck.ms < 1500 + LOOSE_MS, `gave up after ${stuck.ms.toFixed(0)} ms`);
    assert.equal(rift.stats().replaced, 1);
    // The replacement loads the story from the snapshot bytes (a second or so on a loaded box).
    const end = Date.now() + 20_000;
    while (rift.stats().ready < 1 && Date.now() < end)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // One worker only: had the stuck one kept running, this would wait two minutes.
    const next = await rift.run({ name: 'why', private: false });
    assert.equal(next.kind, 'answer');
  });

  it('acknowledges Discord and Slack at once and answers other users while one question runs for seconds', async () => {
    const rift = await serving({
      cache: false,
      log: silentLogger,
      storyWorker: SLOW_STORY_WORKER,
      // Both workers running from the start: this is about the acknowledgements, and a second
      // worker started on demand (elastic-pool.test.ts) takes seconds on a loaded machine.
      runtime: { workers: 2, minWorkers: 2, requestMs: 20_000 },
    });
    const slack = await startSlackHarness(rift);
    closers.push(() => slack.close());
    const discord = await startDiscordHarness(rift);
    closers.push(() => discord.close());

    const slowBody = slashCommandBody({
      text: `ask ${slowQuestion(5000)}`,
      response_url: slack.standin.responseUrl('slow'),
      user_id: 'U0SLOW',
    });
    const slowStarted = performance.now();
    assert.equal((await postSigned(slack.port, slowBody)).status, 200);

    const health = await timed(() => fetch(`http://127.0.0.1:${slack.port}/healthz`));
    assert.ok(health.ms < LOOSE_MS, `/healthz took ${health.ms.toFixed(0)} ms`);
    const ack = await timed(() =>
      postSigned(
        slack.port,
        slashCommandBody({ text: 'sources', response_url: slack.standin.responseUrl('fast') }),
      ),
    );
    assert.ok(ack.ms < LOOSE_MS, `Slack ack took ${ack.ms.toFixed(0)} ms`);
    const { callback, final } = await discord.answer(chatInput(discord.actor, 'why'));
    const dispatched = discord.standIn.dispatchedAt(callback.interactionId ?? '');
    assert.equal((callback.body as { type: number }).type, 5, 'deferred');
    assert.ok(callback.at - dispatched < LOOSE_MS, 'Discord ack');
    assert.equal(final.status, 200);
    await slack.standin.waitFor((c) => c.id === 'fast', 10_000);
    const answeredWhileSlow = performance.now() - slowStarted;
    assert.ok(answeredWhileSlow < 5000, 'the other users were answered before the slow one ended');
    const slow = await slack.standin.waitFor((c) => c.id === 'slow', 20_000);
    assert.match(JSON.stringify(slow.body), /You asked: “stuck-for-5000/, "the core's own reply");
  });

  it('defers every Discord command, so a busy core can never make one miss the deadline', async () => {
    const rift = await serving({
      cache: false,
      log: silentLogger,
      storyWorker: SLOW_STORY_WORKER,
      runtime: { workers: 1, requestMs: 20_000 },
    });
    const discord = await startDiscordHarness(rift, { interactionDeadlineMs: 1500 });
    closers.push(() => discord.close());
    // The only worker is busy for 2.5 s: longer than the stand-in's deadline.
    const busy = rift.run({ name: 'ask', question: slowQuestion(2500), private: false });
    for (const command of ['sources', 'help', 'who', 'timeline']) {
      const { callback, final } = await discord.answer(chatInput(discord.actor, command));
      assert.equal((callback.body as { type: number }).type, 5, `${command} deferred`);
      assert.equal(callback.status, 204, `${command} acknowledged in time`);
      assert.equal(final.status, 200, `${command} answered`);
    }
    await busy;
  });
});
