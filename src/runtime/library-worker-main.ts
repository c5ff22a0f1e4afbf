/**
 * A story worker of a stories folder: holds every story in its own heap and answers each request
 * with `runLibrary` (a named story, the channel's, or routing). Stopped by the main thread past a
 * request's budget, like any story worker.
 */
import { deserialize } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { createLibraryCore } from '../commands/library.ts';
import { type StoryData, storyFromData } from '../core/story.ts';
import { createLexicon } from '../core/text/lexicon.ts';
import { wordVectorsFromTable } from '../core/text/vectors.ts';
import { collectGarbage } from './collect-garbage.ts';
import type { StoryWorkerData } from './protocol.ts';
import { serveCore } from './story-worker.ts';

const data = workerData as StoryWorkerData;
const lexicon = createLexicon(
  data.lexicon,
  data.lexiconFile,
  data.vectors === null ? null : wordVectorsFromTable(data.vectors),
);
const library = data.library ?? [];
const stories = new Map(
  library.map((s) => [
    s.id,
    storyFromData(deserialize(new Uint8Array(s.snapshot)) as StoryData, lexicon),
  ]),
);
const listings = library.map((s) => s.listing);
// The deserialized data the stories no longer need is garbage now: give it back before serving.
collectGarbage();
serveCore(createLibraryCore(stories, listings));
