/**
 * The privacy simulations' seeded randomness: pure-rand's xoroshiro128+ mapped to [0, 1) with
 * 53 bits, so a notebook run and its rerun draw the same clients.
 *
 * @module
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";

/** The seed notebook 05 uses. */
export const PRIVACY_SEED = 0x5eed05;

/**
 * A deterministic uniform [0, 1) source.
 *
 * @param seed A 32-bit integer. Default: {@linkcode PRIVACY_SEED}.
 * @example
 * ```ts
 * const random = privacyRandom();
 * simulateExposure(candidates, ELECTRUM_4_3_4, { random });
 * ```
 */
export function privacyRandom(seed: number = PRIVACY_SEED): () => number {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}
