/**
 * Load, bounded and on loopback only: 500 signed slash commands through Slack HTTP mode, 20 at a
 * time, against the real seed story. Every one must be acknowledged within Slack's 3 s and
 * answered on its response_url, none lost, and the heap must be flat afterwards.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { silentLogger } from '../../src/log.ts';
import { openServingRift, type ServingRift } from '../../src/runtime/serving-rift.ts';
import { type SlackHarness, startSlackHarness } from '../support/slack-harness.ts';
import { postSigned, slashCommandBody } from '../support/slack-standin.ts';
import { heapAfterGc, percentile, sleep } from './measure.ts';

const COUNT = 500;
const CONCURRENCY = 20;
const DEADLINE_MS = 3000;
const TEXTS = [
  'why',
  'how many votes did Kanye get?',
  'quotes ye about trump',
  'sources',
  'private what did Chrissy Teigen say?',
  'help',
  '<!channel> who won?',
];

let h: SlackHarness;
let rift: ServingRift;
before(async () => {
  // The runtime npm start serves from: the core in worker threads, the event loop only talking.
  rift = await openServingRift({ log: silentLogger });
  h = await startSlackHarness(rift);
});
after(async () => {
  await h.close();
  await rift.close();
});

/** Sends commands `from`..`from + count - 1`, `CONCURRENCY` at a time; returns ack times. */
async function send(from: number, count: number): Promise<{ acks: number[]; refused: number }> {
  const acks: number[] = [];
  let refused = 0;
  let next = from;
  const worker = async () => {
    while (next < from + count) {
      const i = next++;
      const body = slashCommandBody({
        text: TEXTS[i % TEXTS.length] ?? 'why',
        user_id: `U${i % 40}`,
        trigger_id: `${i}.load.trigger`,
        response_url: h.standin.responseUrl(`load${i}`),
      });
      const started = performance.now();
      const { status } = await postSigned(h.port, body);
      acks.push(performance.now() - started);
      if (status !== 200) refused += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { acks, refused };
}

async function answered(from: number, count: number, ms = 10_000): Promise<Set<string>> {
  const end = Date.now() + ms;
  const want = new Set(Array.from({ length: count }, (_, i) => `load${from + i}`));
  const seen = () =>
    new Set(h.standin.calls.filter((c) => c.id && want.has(c.id)).map((c) => c.id ?? ''));
  while (seen().size < want.size && Date.now() < end) await sleep(20);
  return seen();
}

describe('Slack HTTP mode under load', () => {
  it(`acknowledges and answers ${COUNT} signed requests, none lost, heap flat`, async (t) => {
    await send(10_000, 50);
    await answered(10_000, 50);
    h.standin.calls.length = 0;
    const heapBefore = heapAfterGc();

    const started = performance.now();
    const { acks, refused } = await send(0, COUNT);
    const seen = await answered(0, COUNT);
    const seconds = (performance.now() - started) / 1000;

    h.standin.calls.length = 0;
    h.logs.length = 0;
    await sleep(50);
    const heapAfter = heapAfterGc();
    const p99 = percentile(acks, 0.99);
    t.diagnostic(
      `answered ${seen.size}/${COUNT} in ${seconds.toFixed(1)} s, lost ${COUNT - seen.size}, refused ${refused}, ` +
        `ack p50 ${percentile(acks, 0.5).toFixed(1)} ms p99 ${p99.toFixed(1)} ms max ${Math.max(...acks).toFixed(1)} ms, ` +
        `heap after GC ${heapBefore.toFixed(1)} -> ${heapAfter.toFixed(1)} MiB`,
    );
    assert.equal(refused, 0, 'every request acknowledged with 200');
    assert.equal(seen.size, COUNT, 'every request answered on its response_url');
    assert.ok(Math.max(...acks) < DEADLINE_MS, 'every acknowledgement within 3 s');
    assert.ok(heapAfter - heapBefore < 16, `heap grew ${(heapAfter - heapBefore).toFixed(1)} MiB`);
  });
});
