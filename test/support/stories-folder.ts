/**
 * A temporary stories folder built from the project's own corpora: the seeds (legend-west, with
 * its config), and the stadium and water fixtures. Removed by `close`.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/** The folder and a way to remove it. */
export interface TempStories {
  readonly dir: string;
  close(): void;
}

/** Copies the three stories into a fresh temporary folder. */
export function makeStoriesFolder(): TempStories {
  const dir = mkdtempSync(join(tmpdir(), 'rift-stories-'));
  cpSync(join(ROOT, 'seeds'), join(dir, 'legend-west'), { recursive: true });
  cpSync(join(ROOT, 'config/story.json'), join(dir, 'legend-west', 'story.json'));
  const fixtures = join(ROOT, 'test/fixtures/corpora');
  cpSync(join(fixtures, 'stadium'), join(dir, 'stadium'), { recursive: true });
  cpSync(join(fixtures, 'stadium.story.json'), join(dir, 'stadium', 'story.json'));
  cpSync(join(fixtures, 'water'), join(dir, 'water'), { recursive: true });
  return { dir, close: () => rmSync(dir, { recursive: true, force: true }) };
}
