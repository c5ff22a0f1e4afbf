/**
 * Discord acknowledgement latency: INTERACTION_CREATE dispatched over the stand-in's gateway to
 * the real discord.js client (`startDiscord`, the seed story served by the worker runtime as
 * `npm start` serves it), timed from the dispatch to the
 * arrival of the interaction callback (a deferral or a reply) at the stand-in's REST API.
 * Discord gives up after 3 s; the target is p99 under 100 ms. Edits are drained before stopping.
 *
 * Run alone: `node --import tsx test/bench/discord-ack.ts [count]`.
 */
import { pathToFileURL } from 'node:url';
import { silentLogger } from '../../src/log.ts';
import { openServingRift } from '../../src/runtime/serving-rift.ts';
import { startDiscordHarness } from '../support/discord-harness.ts';
import { autocomplete, chatInput } from '../support/discord-interactions.ts';
import { percentiles } from './percentiles.ts';

type Build = (actor: { applicationId: string }) => Record<string, unknown>;

/** A mix of what users send: searches (deferred), instant replies and autocomplete. */
const INTERACTIONS: readonly Build[] = [
  (a) => chatInput(a, 'why'),
  (a) => chatInput(a, 'ask', { question: 'How many votes did Kanye get?' }),
  (a) => chatInput(a, 'ask', { question: 'Did they fall out over Trump?', private: true }),
  (a) => chatInput(a, 'sources'),
  (a) => chatInput(a, 'help'),
  (a) => autocomplete(a, 'quotes', { speaker: 'ye' }, 'speaker'),
];

/**
 * Dispatches `count` interactions one after another and returns the dispatch-to-callback
 * latency percentiles in milliseconds.
 *
 * @example
 * await benchDiscordAck(200) // { p50: 1.9, p99: 7.5 }
 */
export async function benchDiscordAck(count: number): Promise<{ p50: number; p99: number }> {
  const rift = await openServingRift({ log: silentLogger });
  const harness = await startDiscordHarness(rift);
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const build = INTERACTIONS[i % INTERACTIONS.length] ?? INTERACTIONS[0];
      if (!build) break;
      const { callback, final } = await harness.answer(build(harness.actor));
      if (callback.status !== 204 || final.status >= 300) {
        throw new Error(
          `Discord ack bench: interaction ${i} got HTTP ${callback.status}/${final.status}`,
        );
      }
      times.push(callback.at - harness.standIn.dispatchedAt(callback.interactionId ?? ''));
    }
  } finally {
    await harness.close();
    await rift.close();
  }
  return percentiles(times);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 200);
  const { p50, p99 } = await benchDiscordAck(count);
  console.log(
    `discord ack latency over ${count} gateway interactions: p50 ${p50} ms, p99 ${p99} ms`,
  );
}
