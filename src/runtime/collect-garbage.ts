/**
 * One full garbage collection, on demand. A worker that has just built or loaded a story holds
 * the garbage of doing so (deserialized snapshot data, the build's intermediate objects, the
 * snapshot's serialized bytes): often as much again as the story. An idle worker allocates
 * nothing, so V8 never collects it and the process keeps that memory for as long as the worker
 * waits for questions. Collecting once when the work is done gives it back before the next
 * worker loads (at 1,000 articles: see the README's runtime figures).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * Runs a full garbage collection on this thread (tens to hundreds of milliseconds for a large
 * story); does nothing where V8 cannot expose one.
 *
 * @example
 * const rift = createRift(storyFromData(deserialize(bytes), lexicon));
 * collectGarbage(); // the deserialized data the story no longer needs is given back
 */
export function collectGarbage(): void {
  if (collect === undefined) collect = findCollector();
  collect?.();
}

/**
 * `gc` under `--expose-gc`; otherwise the flag is turned on and `gc` taken from a fresh context
 * (V8 installs it on contexts created once the flag is set), as Jest does to check for leaks.
 */
function findCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return exposed as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}
