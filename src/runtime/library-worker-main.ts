/**
 * A story worker of a stories folder: holds every story in its own heap and answers each request
 * with `runLibrary` (a named story, the channel's, or routing). Stopped by the main thread past a
 * request's budget, like any story worker.
 */
import { deserialize } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { runLibrary } from '../commands/library.ts';
import { createRift } from '../commands/open.ts';
import type { CoreRift } from '../commands/rift.ts';
import { type StoryData, storyFromData } from '../core/story.ts';
import { createLexicon } from '../core/text/lexicon.ts';
import type { StoryWorkerData } from './protocol.ts';
import { serveCore } from './story-worker.ts';

const data = workerData as StoryWorkerData;
const lexicon = createLexicon(data.lexicon, data.lexiconFile);
const library = data.library ?? [];
const stories = new Map(
  library.map((s) => [
    s.id,
    storyFromData(deserialize(new Uint8Array(s.snapshot)) as StoryData, lexicon),
  ]),
);
const listings = library.map((s) => s.listing);
const cores: CoreRift[] = [...stories.values()].map(createRift);
const complete = (of: (core: CoreRift) => readonly string[], limit: number) =>
  [...new Set(cores.flatMap(of))].slice(0, limit);

serveCore({
  corpusSize: listings.reduce((n, l) => n + l.articles, 0),
  storyTitle: `${stories.size} stories`,
  run: (command) => runLibrary(stories, listings, command),
  completeSpeakers: (query, limit) => complete((c) => c.completeSpeakers(query, limit), limit),
  completePeople: (query, limit) => complete((c) => c.completePeople(query, limit), limit),
});
