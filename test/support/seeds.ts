import { resolve } from 'node:path';
import { createRift, loadStory } from '../../src/commands/open.ts';
import type { CoreRift } from '../../src/commands/rift.ts';
import type { Story } from '../../src/core/story.ts';

/** The project root, for fixture paths. */
export const ROOT = resolve(import.meta.dirname, '../..');
/** The seed corpus folder. */
export const SEEDS = resolve(ROOT, 'seeds');
/** Our second story, written to keep the rules general. */
export const STADIUM = resolve(ROOT, 'test/fixtures/corpora/stadium');
export const STADIUM_CONFIG = resolve(ROOT, 'test/fixtures/corpora/stadium.story.json');

let seedStory: Story | undefined;
let stadiumStory: Story | undefined;

/** The seed story with its config, built once per test file. */
export function seedsStory(): Story {
  seedStory ??= loadStory({});
  return seedStory;
}

/** The stadium story with its config, built once per test file. */
export function stadium(): Story {
  stadiumStory ??= loadStory({ corpus: STADIUM, config: STADIUM_CONFIG });
  return stadiumStory;
}

/** A `Rift` over the seeds. */
export function seedsRift(): CoreRift {
  return createRift(seedsStory());
}
