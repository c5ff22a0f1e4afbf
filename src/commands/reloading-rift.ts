/**
 * A `Rift` that can be rebuilt while it serves: the new story is built aside and swapped in with
 * one assignment, so every command runs against one whole story, old or new, never a mix. A
 * rebuild that fails (the corpus became unusable, a config turned invalid) logs a warning and
 * keeps the old story serving; a bad new file is skipped by the loader with a warning as at
 * start-up.
 */
import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import type { CorpusWarning } from '../core/corpus/types.ts';
import type { Story } from '../core/story.ts';
import type { Logger } from '../log.ts';
import { createRift, loadStory } from './open.ts';
import type { OpenRiftOptions, Rift } from './rift.ts';

/** A `Rift` over whichever story is current, with a way to rebuild it. */
export interface ReloadingRift extends Rift {
  /** How many stories have been swapped in since start-up (0 = the first one). */
  readonly generation: number;
  /** The corpus folder being served. */
  readonly corpusDir: string;
  /**
   * Rebuilds from disk and swaps the new story in; false (old story kept) when the build fails,
   * or when `onlyIfChanged` and no article file changed.
   */
  reload(reason: string, options?: { readonly onlyIfChanged?: boolean }): boolean;
  /** Watches the corpus folder and reloads, debounced, when an article file changes. */
  watch(debounceMs: number): void;
  /** Stops watching. */
  close(): void;
}

/** Options of {@link openReloadingRift}. */
export interface ReloadingOptions extends OpenRiftOptions {
  readonly log: Logger;
  /** Builds a story; defaults to `loadStory` (config, lexicon, corpus). Tests inject failures. */
  readonly load?: (options: OpenRiftOptions) => Story;
}

/**
 * Loads the story once (throwing as `openRift` does when it is unusable) and returns a `Rift`
 * that can reload it.
 *
 * @example
 * const rift = openReloadingRift({ log });
 * rift.watch(500);                       // new or changed seeds/*.txt are picked up
 * process.on('SIGHUP', () => rift.reload('SIGHUP'));
 */
export function openReloadingRift(options: ReloadingOptions): ReloadingRift {
  const { log } = options;
  const load = options.load ?? loadStory;
  const warn = (w: CorpusWarning) =>
    log.warn('skipped article', { file: w.file, reason: w.message });
  const first = load(options);
  first.corpus.warnings.forEach(warn);
  let current = { story: first, rift: createRift(first), signature: signatureOf(first.corpus.dir) };
  let generation = 0;
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;

  const reload = (reason: string, { onlyIfChanged = false } = {}): boolean => {
    const signature = signatureOf(current.story.corpus.dir);
    if (onlyIfChanged && signature === current.signature) return false;
    const started = performance.now();
    let story: Story;
    try {
      story = load(options);
    } catch (error) {
      log.warn('reload failed; still serving the previous story', {
        reason,
        error: error instanceof Error ? error.message : String(error),
        articles: current.rift.corpusSize,
      });
      return false;
    }
    story.corpus.warnings.forEach(warn);
    current = { story, rift: createRift(story), signature };
    generation += 1;
    log.info('story reloaded', {
      reason,
      generation,
      articles: story.sources.length,
      ms: Math.round(performance.now() - started),
    });
    return true;
  };

  return {
    get corpusSize() {
      return current.rift.corpusSize;
    },
    get storyTitle() {
      return current.rift.storyTitle;
    },
    get generation() {
      return generation;
    },
    get corpusDir() {
      return current.story.corpus.dir;
    },
    run: (command) => current.rift.run(command),
    completeSpeakers: (query, limit) => current.rift.completeSpeakers(query, limit),
    completePeople: (query, limit) => current.rift.completePeople(query, limit),
    reload,
    watch(debounceMs) {
      if (watcher) return;
      const dir = current.story.corpus.dir;
      try {
        watcher = watch(dir, { persistent: false }, (_event, file) => {
          if (file !== null && !String(file).endsWith('.txt')) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => {
            timer = null;
            reload('corpus changed', { onlyIfChanged: true });
          }, debounceMs);
        });
        watcher.on('error', (error) =>
          log.warn('corpus watch failed; reload with SIGHUP', { dir, error: error.message }),
        );
      } catch (error) {
        log.warn('cannot watch the corpus; reload with SIGHUP', {
          dir,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
    close() {
      watcher?.close();
      watcher = null;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

/** Names, sizes and modification times of the folder's articles: changes when any article does. */
function signatureOf(dir: string): string {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => {
        const stat = statSync(join(dir, name));
        return `${name}:${stat.size}:${stat.mtimeMs}`;
      })
      .join('\n');
  } catch {
    return '';
  }
}
