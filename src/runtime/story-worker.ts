/**
 * A story worker: holds one story in its own heap and answers core requests from the main thread,
 * one at a time. The main thread stops it (terminates the thread) when a request runs past its
 * time budget, so nothing here needs to check the time.
 */
import { deserialize } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createRift } from '../commands/open.ts';
import type { CoreRift } from '../commands/rift.ts';
import type { Command } from '../commands/types.ts';
import { type StoryData, storyFromData } from '../core/story.ts';
import { createLexicon } from '../core/text/lexicon.ts';
import { wordVectorsFromTable } from '../core/text/vectors.ts';
import { collectGarbage } from './collect-garbage.ts';
import type {
  CoreRequest,
  LoadMessage,
  RequestMessage,
  SpareWorkerData,
  StoryWorkerData,
  StoryWorkerMessage,
} from './protocol.ts';

/** Hooks for tests; production passes none. */
export interface StoryWorkerHooks {
  /** Runs before each command, on the worker thread. */
  readonly beforeRun?: (command: Command) => void;
}

/**
 * Loads the story from the snapshot bytes in `workerData` (a spare: from the `load` message that
 * follows), says `ready`, then answers each request with its result or the error's message.
 *
 * @example
 * // src/runtime/story-worker-main.ts
 * serveStory();
 */
export function serveStory(hooks: StoryWorkerHooks = {}): void {
  const data = workerData as StoryWorkerData | SpareWorkerData;
  if (!('spare' in data)) {
    serveLoaded(data, hooks);
    return;
  }
  // A spare: the code is loaded; the story comes when the pool needs another worker.
  const port = parentPort;
  if (!port) throw new Error('a story is served from a worker thread');
  port.once('message', (message: LoadMessage) => serveLoaded(message.data, hooks));
  port.postMessage({ type: 'booted' } satisfies StoryWorkerMessage);
}

function serveLoaded(data: StoryWorkerData, hooks: StoryWorkerHooks): void {
  const core = loadCore(data);
  // The deserialized data the story no longer needs is garbage now: give it back before serving.
  collectGarbage();
  serveCore(core, hooks);
}

/** The story of the snapshot bytes, ready to answer. */
function loadCore(data: StoryWorkerData): CoreRift {
  const stored = deserialize(new Uint8Array(data.snapshot)) as StoryData;
  return createRift(
    storyFromData(
      stored,
      createLexicon(
        data.lexicon,
        data.lexiconFile,
        data.vectors === null ? null : wordVectorsFromTable(data.vectors),
      ),
    ),
  );
}

/**
 * Answers requests from the main thread with `core`, after saying `ready`. The build worker
 * calls it too, to serve the story it has just built instead of stopping.
 */
export function serveCore(core: CoreRift, hooks: StoryWorkerHooks = {}): void {
  const port = parentPort;
  if (!port) throw new Error('a story is served from a worker thread');
  const send = (message: StoryWorkerMessage) => port.postMessage(message);
  port.on('message', ({ id, request }: RequestMessage) => {
    try {
      send({ type: 'result', id, value: answer(core, request, hooks) });
    } catch (error) {
      send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
    }
  });
  send({ type: 'ready' });
}

function answer(core: CoreRift, request: CoreRequest, hooks: StoryWorkerHooks) {
  switch (request.type) {
    case 'run':
      hooks.beforeRun?.(request.command);
      return core.run(request.command);
    case 'converse':
      hooks.beforeRun?.({ name: 'ask', question: request.message.text, private: false });
      return core.converse(request.message);
    case 'complete':
      return request.of === 'speakers'
        ? core.completeSpeakers(request.query, request.limit)
        : core.completePeople(request.query, request.limit);
  }
}
