/** The story worker as production runs it. */
import { serveStory } from './story-worker.ts';

serveStory();
