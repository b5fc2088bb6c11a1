/**
 * Adjusted Rand index between two partitions.
 *
 * @module
 */
import { type ClusterLabel, pairCounts } from "./pair_counts.ts";

/**
 * Adjusted Rand index (Hubert & Arabie 1985) of two labelings of the same items, from the
 * contingency table n_ij with row sums a_i and column sums b_j:
 *
 * ARI = (Σ_ij C(n_ij,2) - E) / (½[Σ_i C(a_i,2) + Σ_j C(b_j,2)] - E),
 * E = Σ_i C(a_i,2) · Σ_j C(b_j,2) / C(n,2).
 *
 * 1 for identical partitions (up to renaming labels), about 0 for independent ones, negative
 * when agreement is below chance. When the denominator is 0 (fewer than 2 items, or both
 * labelings all one cluster, or both all singletons) the partitions are identical and the
 * result is 1, as in scikit-learn. `null`/`undefined` labels are singletons (e.g. DBSCAN noise
 * mapped to null), never one shared cluster.
 *
 * Reference: L. Hubert and P. Arabie, "Comparing partitions", Journal of Classification
 * 2:193-218, 1985.
 *
 * @param truth Labels of the reference partition.
 * @param predicted Labels of the partition to judge (same length, same item order).
 * @returns The index, at most 1.
 * @throws {RangeError} when the lengths differ or a label is not a string, number or boolean.
 *
 * @example
 * ```ts
 * adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]); // 4/7 ≈ 0.5714
 * adjustedRandIndex(["a", "a", "b"], [7, 7, 3]); // 1
 * ```
 */
export function adjustedRandIndex(
  truth: readonly ClusterLabel[],
  predicted: readonly ClusterLabel[],
): number {
  const c = pairCounts(truth, predicted, ["truth", "predicted"]);
  if (c.total === 0) return 1;
  const expected = (c.pairsA * c.pairsB) / c.total;
  const max = (c.pairsA + c.pairsB) / 2;
  if (max === expected) return 1;
  return (c.together - expected) / (max - expected);
}
