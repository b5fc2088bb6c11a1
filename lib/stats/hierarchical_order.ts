/**
 * Agglomerative clustering of a precomputed distance matrix and its dendrogram leaf order,
 * through ml-hclust.
 *
 * @module
 */
import { agnes, type Cluster } from "ml-hclust";
import { type DistanceMatrix, toSquare, validateDistanceMatrix } from "./distance_matrix.ts";

/** Linkage rules accepted by {@link hierarchicalOrder} (ml-hclust's names). */
export type Linkage = "single" | "complete" | "average" | "ward";

/** Options of {@link hierarchicalOrder}. */
export interface HierarchicalOrderOptions {
  /** Linkage between clusters. Default `"average"` (UPGMA), which needs no Euclidean
   * geometry and so suits Gower distances; `"ward"` assumes Euclidean distances. */
  linkage?: Linkage;
}

/** Result of {@link hierarchicalOrder}. */
export interface HierarchicalOrder {
  /** Item indices in dendrogram leaf order (a permutation of 0..n-1): rows and columns of a
   * similarity heatmap in this order show the clusters as blocks. */
  readonly order: number[];
  /** The dendrogram's root (ml-hclust `Cluster`: `height`, `children`, `cut(height)`). */
  readonly root: Cluster;
}

/**
 * Agglomerative hierarchical clustering (AGNES; Kaufman & Rousseeuw 1990, ch. 5) of a
 * precomputed distance matrix with ml-hclust 4.0.0, and the dendrogram's leaf order
 * (`Cluster.indices()`), in which no branches cross. Average linkage merges the two clusters
 * with the smallest mean pairwise distance, d(A,B) = Σ_{a∈A,b∈B} d(a,b) / (|A||B|). The
 * package is deterministic for a given matrix. O(n²) memory, about O(n³) time in the package.
 *
 * Reference: L. Kaufman and P. J. Rousseeuw, "Finding Groups in Data", Wiley 1990, ch. 5.
 *
 * @param distances Distances between the n >= 1 items (condensed or square).
 * @param options See {@link HierarchicalOrderOptions}.
 * @throws {RangeError} on a malformed or empty matrix, or an unknown linkage.
 *
 * @example
 * ```ts
 * const d = { form: "condensed", n: 4, values: Float64Array.of(9, 1, 9, 9, 1, 9) };
 * hierarchicalOrder(d).order; // items 0 and 2 adjacent, 1 and 3 adjacent
 * ```
 */
export function hierarchicalOrder(
  distances: DistanceMatrix,
  options: HierarchicalOrderOptions = {},
): HierarchicalOrder {
  validateDistanceMatrix(distances);
  const linkage = options.linkage ?? "average";
  if (!["single", "complete", "average", "ward"].includes(linkage)) {
    throw new RangeError(`linkage must be single, complete, average or ward, got ${linkage}`);
  }
  const n = distances.n;
  if (n < 1) throw new RangeError("hierarchicalOrder needs at least 1 item, got 0");
  const sq = toSquare(distances).values;
  const rows = Array.from({ length: n }, (_, i) => Array.from(sq.subarray(i * n, (i + 1) * n)));
  const root = agnes(rows, { method: linkage, isDistanceMatrix: true });
  return { order: root.indices(), root };
}
