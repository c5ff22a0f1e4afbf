/**
 * Slack acknowledgement latency: signed HTTP slash-command requests to the real Bolt app (HTTP
 * mode, the seed story served by the worker runtime as `npm start` serves it), timed from
 * sending the request to receiving the ack response. Slack
 * gives up after 3 s; the target is p99 under 100 ms. Answers are drained before stopping.
 *
 * Run alone: `node --import tsx test/bench/slack-ack.ts [count]`.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { silentLogger } from '../../src/log.ts';
import { openServingRift } from '../../src/runtime/serving-rift.ts';
import { startSlackHarness } from '../support/slack-harness.ts';
import { postSigned, slashCommandBody } from '../support/slack-standin.ts';
import { percentiles } from './percentiles.ts';

const QUESTIONS = [
  'why',
  'how many votes did Kanye get?',
  'private ask did they fall out over Trump?',
  'sources',
  'help',
];

/**
 * Sends `count` signed `/rift` requests one after another and returns ack latency percentiles
 * in milliseconds.
 *
 * @example
 * await benchSlackAck(200) // { p50: 1.4, p99: 6.2 }
 */
export async function benchSlackAck(count: number): Promise<{ p50: number; p99: number }> {
  const rift = await openServingRift({ log: silentLogger });
  const harness = await startSlackHarness(rift);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const body = slashCommandBody({
        text: QUESTIONS[i % QUESTIONS.length] ?? 'why',
        response_url: harness.standin.responseUrl(`bench${i}`),
      });
      const start = performance.now();
      const { status } = await postSigned(harness.port, body);
      times.push(performance.now() - start);
      if (status !== 200) throw new Error(`Slack ack bench: request ${i} got HTTP ${status}`);
    }
    await harness.standin.waitFor((c) => c.id === `bench${count - 1}`, 10_000);
  } finally {
    await harness.close();
    await rift.close();
  }
  return percentiles(times);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 200);
  const { p50, p99 } = await benchSlackAck(count);
  console.log(`slack ack latency over ${count} signed HTTP requests: p50 ${p50} ms, p99 ${p99} ms`);
}
