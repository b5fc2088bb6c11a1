/**
 * Pairwise precision and recall of a grouping against the true groups.
 *
 * @module
 */
import { type ClusterLabel, pairCounts } from "./pair_counts.ts";

/** Result of {@link pairwisePrecisionRecall}; a ratio with a zero denominator is `null`. */
export interface PairwisePrecisionRecall {
  /** Pairs grouped together in both prediction and truth / pairs grouped in the prediction;
   * `null` when the prediction groups no pair. */
  readonly precision: number | null;
  /** Pairs grouped together in both / pairs grouped in the truth; `null` when the truth
   * groups no pair. */
  readonly recall: number | null;
  /** Harmonic mean of the two; `null` when either is null or both are 0. */
  readonly f1: number | null;
  /** Pairs together in both. */
  readonly truePositivePairs: number;
  /** Pairs together in the prediction. */
  readonly predictedPairs: number;
  /** Pairs together in the truth. */
  readonly truePairs: number;
}

/**
 * Pairwise precision and recall of a grouping (e.g. operator groups) against the truth: every
 * unordered pair of items is a positive when the labeling puts both in one group.
 *
 * precision = Σ_ij C(n_ij,2) / Σ_i C(p_i,2),  recall = Σ_ij C(n_ij,2) / Σ_j C(t_j,2)
 *
 * with n_ij the contingency table of predicted group i vs true group j, p_i and t_j its margins.
 * Singletons (a group of one, or a `null`/`undefined` label: "in no group") form no pair, so a
 * server left ungrouped never counts as grouped with another ungrouped server.
 *
 * Reference: the pair-counting measures of B. Larsen and C. Aone, "Fast and effective text
 * mining using linear-time document clustering", KDD 1999; see also Manning, Raghavan &
 * Schütze, "Introduction to Information Retrieval", 2008, §16.3.
 *
 * @param truth True group per item (`null` = independent).
 * @param predicted Predicted group per item (`null` = ungrouped), same order.
 * @throws {RangeError} when the lengths differ or a label is not a string, number or boolean.
 *
 * @example
 * ```ts
 * const r = pairwisePrecisionRecall(["op1", "op1", "op1", null], ["g", "g", null, null]);
 * r.precision; // 1 (the one predicted pair is true)
 * r.recall; // 1/3 (of the three true pairs)
 * ```
 */
export function pairwisePrecisionRecall(
  truth: readonly ClusterLabel[],
  predicted: readonly ClusterLabel[],
): PairwisePrecisionRecall {
  const c = pairCounts(truth, predicted, ["truth", "predicted"]);
  const precision = c.pairsB === 0 ? null : c.together / c.pairsB;
  const recall = c.pairsA === 0 ? null : c.together / c.pairsA;
  const f1 = precision === null || recall === null || precision + recall === 0
    ? null
    : (2 * precision * recall) / (precision + recall);
  return {
    precision,
    recall,
    f1,
    truePositivePairs: c.together,
    predictedPairs: c.pairsB,
    truePairs: c.pairsA,
  };
}
