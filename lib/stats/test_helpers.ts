/**
 * Helpers for this folder's tests only: a seeded `() => number` source (pure-rand's
 * xoroshiro128+ mapped to [0, 1) with 53 bits) and a tolerance assertion. Library code never
 * draws randomness itself: callers pass `random`.
 *
 * @module
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { AssertionError } from "../testing/assert.ts";

/**
 * A deterministic uniform [0, 1) source seeded by `seed` (a 32-bit integer).
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random(); // same value on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}

/** Throws unless |actual - expected| <= tolerance (default 1e-12), elementwise for arrays. */
export function assertClose(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  tolerance = 1e-12,
): void {
  const a = typeof actual === "number" ? [actual] : Array.from(actual);
  const e = typeof expected === "number" ? [expected] : Array.from(expected);
  if (a.length !== e.length) {
    throw new AssertionError(`length ${a.length} != expected ${e.length}`);
  }
  for (let i = 0; i < a.length; i++) {
    if (!(Math.abs(a[i] - e[i]) <= tolerance)) {
      throw new AssertionError(
        `at ${i}: ${a[i]} != ${e[i]} (tolerance ${tolerance}); actual [${a}], expected [${e}]`,
      );
    }
  }
}
