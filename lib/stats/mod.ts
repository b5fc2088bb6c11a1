/**
 * Numerics for behavioural clusters, operator groups and outliers (observer layer; imports no
 * other lib folder, only `testing/` from its tests; meant for `analysis/` and `classify/`).
 * Pure functions, no I/O, no randomness of their own: anything random takes
 * `random: () => number`, so a seeded source makes every result reproducible.
 *
 * Distances
 * - `distance_matrix.ts`: the condensed / square `Float64Array` shapes, `distanceAt`,
 *   `toSquare`, `validateDistanceMatrix`.
 * - `gower.ts`: Gower distance for mixed types (numeric, ordinal, categorical, symmetric or
 *   asymmetric binary, set-valued Jaccard; missing values skipped, weights renormalised).
 * - `euclidean_distances.ts`: Euclidean distances of numeric rows (embeddings).
 * - `encode_features.ts`: the same mixed-type rows as numbers (scaled, one-hot, indicator
 *   columns) for the isolation forest and PCA.
 *
 * Clustering and its parameters
 * - `dbscan.ts`: DBSCAN on a precomputed matrix (noise labelled `null`).
 * - `silhouette.ts`: silhouette coefficients on a precomputed matrix (noise left out).
 * - `choose_dbscan_params.ts`: ε and minPts over a grid by mean silhouette, noise scored 0,
 *   ties to the smaller ε.
 * - `hierarchical_order.ts`: agglomerative clustering (ml-hclust) and dendrogram leaf order.
 *
 * Embeddings
 * - `pca_2d.ts`: PCA of numeric rows to 2-D (ml-pca).
 * - `principal_coordinates.ts`: classical MDS of any distance matrix to 2-D (ml-matrix).
 *
 * Evaluation and testing
 * - `adjusted_rand_index.ts`: ARI against ground truth (null labels are singletons).
 * - `pairwise_precision_recall.ts`: pair-counting precision/recall of groupings.
 * - `benjamini_hochberg.ts`: BH false-discovery control (adjusted p-values, rejected set).
 * - `binomial_tail.ts`: P(Binomial(n, w) >= k), exact in log space.
 * - `scan_statistic.ts`: the chance of k of n uniform events within a window (certificate
 *   issuance batches and bursts).
 * - `isolation_forest.ts`: seedable isolation forest anomaly scores.
 *
 * @example
 * ```ts
 * import { chooseDbscanParams, gowerDistances } from "./mod.ts";
 * const d = gowerDistances(rows, { impl: { kind: "categorical" }, rttMs: { kind: "numeric" } });
 * const { best, result } = chooseDbscanParams(d);
 * ```
 *
 * @module
 */
export * from "./distance_matrix.ts";
export * from "./gower.ts";
export * from "./euclidean_distances.ts";
export * from "./encode_features.ts";
export * from "./dbscan.ts";
export * from "./silhouette.ts";
export * from "./choose_dbscan_params.ts";
export * from "./hierarchical_order.ts";
export * from "./pca_2d.ts";
export * from "./principal_coordinates.ts";
export * from "./pair_counts.ts";
export * from "./adjusted_rand_index.ts";
export * from "./pairwise_precision_recall.ts";
export * from "./benjamini_hochberg.ts";
export * from "./binomial_tail.ts";
export * from "./scan_statistic.ts";
export * from "./isolation_forest.ts";
