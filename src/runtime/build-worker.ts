/**
 * The build worker: loads config, lexicon and corpus and builds the story (or reads its
 * snapshot), off the main thread, then hands the story over as snapshot bytes in a
 * SharedArrayBuffer. It first says how many bytes of articles it will read, which sizes the build
 * budget; the main thread stops it when it runs past that budget, so a corpus or config that
 * makes the build hang can never freeze replies, health checks or shutdown.
 */
import { serialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { corpusSignature, createRift, loadStoryFrom, storySources } from '../commands/open.ts';
import type { OpenRiftOptions } from '../commands/rift.ts';
import { DEFAULT_LEXICON } from '../config/story-config.ts';
import { RiftError } from '../core/errors.ts';
import { type Story, storyData } from '../core/story.ts';
import { corpusBytes } from './build-budget.ts';
import { collectGarbage } from './collect-garbage.ts';
import type { BuildWorkerMessage } from './protocol.ts';
import { serveCore } from './story-worker.ts';

/** What a build worker starts from. */
export interface BuildWorkerData {
  readonly module: string;
  readonly options: OpenRiftOptions;
  /** The signature of the corpus being served: when unchanged, the worker says so and stops. */
  readonly unlessSignature: string | null;
}

const port = parentPort;
const data = workerData as BuildWorkerData;
const send = (message: BuildWorkerMessage, transfer: never[] = []) =>
  port?.postMessage(message, transfer);

try {
  const sources = storySources(data.options);
  const signature = corpusSignature(sources.corpusDir);
  if (data.unlessSignature !== null && signature === data.unlessSignature) {
    send({ type: 'unchanged' });
  } else {
    send({ type: 'sized', bytes: corpusBytes(sources.corpusDir, data.options.limits) });
    const story = loadStoryFrom(sources, data.options);
    // Building leaves more garbage than story behind (at 1,000 articles about 150 MB of heap
    // for a 70 MB story). Collected now, before the snapshot bytes are made, it is not live
    // beside them: serializing adds the bytes twice over (V8's buffer and its shared copy),
    // and that sum was the process's peak with one worker.
    collectGarbage();
    const snapshot = snapshotOf(story);
    // The main thread may keep this thread as the generation's first story worker: it has the
    // story in memory already, which saves starting a thread and loading the bytes.
    port?.once('message', (message: { type?: string }) => {
      if (message.type === 'serve') serveCore(createRift(story));
    });
    send({
      type: 'built',
      snapshot,
      lexicon: sources.lexiconData,
      lexiconFile: DEFAULT_LEXICON,
      // The table this thread read, in shared memory: the story workers open it in place.
      vectors: story.index.lexicon.vectors?.table ?? null,
      info: {
        corpusSize: story.sources.length,
        storyTitle: story.title,
        corpusDir: story.corpus.dir,
        signature,
      },
      warnings: story.corpus.warnings,
    });
    // The serialized bytes, copied to shared memory, are garbage now: give them back before
    // serving (the pool starts the other workers once this one is ready).
    collectGarbage();
  }
} catch (error) {
  send({
    type: 'failed',
    code: error instanceof RiftError ? error.code : null,
    message: error instanceof Error ? error.message : String(error),
  });
}

/** The story's snapshot bytes, in shared memory for every story worker. */
function snapshotOf(story: Story): SharedArrayBuffer {
  const bytes = serialize(storyData(story));
  const snapshot = new SharedArrayBuffer(bytes.length);
  new Uint8Array(snapshot).set(bytes);
  return snapshot;
}
