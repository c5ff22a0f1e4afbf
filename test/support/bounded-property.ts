/**
 * `fc.assert` for properties over large values, with a bounded time to shrink a failure.
 *
 * Shrinking a counterexample made of texts thousands of characters long can take longer than a
 * CI job has: a failure of the Discord renderer's property test was still shrinking after five
 * minutes and 630,000 runs. Here every run still happens (no time limit on finding a failure,
 * so a loaded machine never skips runs), but once a run fails, shrinking gets `shrinkMs`; the
 * test then fails with the smallest counterexample found by then, and with the seed and path to
 * replay the failure (and shrink it fully) locally.
 */
import fc from 'fast-check';

/** Time a failure gets to shrink before it is reported. */
export const SHRINK_MS = 60_000;

/** Options of {@link assertProperty}. */
export interface BoundedParameters {
  /** Runs of the property: a fixed number, so the test's time is bounded by its input sizes. */
  readonly numRuns: number;
  /** Time to shrink a failure, {@link SHRINK_MS} unless told. */
  readonly shrinkMs?: number;
}

/**
 * Checks a synchronous property `numRuns` times and throws, as `fc.assert` does, on the first
 * failure, shrunk for at most `shrinkMs`.
 *
 * @example
 * assertProperty(fc.property(replyArbitrary(), (r) => { render(r); }), { numRuns: 200 });
 */
export function assertProperty<Ts>(property: fc.IProperty<Ts>, params: BoundedParameters): void {
  const found = fc.check(property, { numRuns: params.numRuns, endOnFailure: true });
  if (!found.failed) return;
  // Replays the failing run and shrinks it, within the time given.
  fc.assert(property, {
    seed: found.seed,
    path: found.counterexamplePath ?? undefined,
    plugins: [fc.interruptAfterTimeLimit(params.shrinkMs ?? SHRINK_MS)],
  });
  // The replay passed: the property is not deterministic. Report the failure as first seen.
  throw new Error(
    `${fc.defaultReportMessage(found) ?? 'Property failed'}\n(the failure did not recur on replay)`,
  );
}
