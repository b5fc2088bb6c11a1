/**
 * The one seeded source of randomness behind `clusters.csv` (the isolation forest of the
 * outlier scores): pure-rand's xoroshiro128+ mapped to [0, 1) with 53 bits, seeded by a fixed
 * constant so the same feature table always gives the same table, whoever derives it (the
 * pipeline writing `clusters.csv`, a notebook recomputing the figures).
 *
 * @module
 */
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";

/** Seed of {@link clusterRandom}: a fixed constant (not the run's seed), so `clusters.csv` is a
 * function of the feature table alone. */
export const CLUSTER_RANDOM_SEED = 0x0b5e7;

/**
 * A fresh uniform [0, 1) source seeded by `seed`; each call starts the same sequence.
 *
 * @param seed A 32-bit integer. Default {@link CLUSTER_RANDOM_SEED}.
 *
 * @example
 * ```ts
 * deriveClusters(inputs, clusterRandom()); // the rows of clusters.csv
 * ```
 */
export function clusterRandom(seed: number = CLUSTER_RANDOM_SEED): () => number {
  const rng = xoroshiro128plus(seed);
  return () => uniformFloat64(rng);
}
