/**
 * Behavioural clusters, operator groups, modified implementations and explained outliers over
 * the per-server feature table (observer layer, floor 3: imports `stats/` and `data/`, never
 * `lib/lab/`; ground truth for the evaluation arrives as data). Methods and their failure modes:
 * `methodology.md` section 9.
 *
 * - `feature_input.ts`: the interface read: a list of feature declarations (name, kind, group,
 *   Gower weight; `FEATURE_SPECS` of `features.csv` fits) and rows, and its conversion for
 *   `lib/stats/`.
 * - `behaviour_clusters.ts`: implementation families by DBSCAN on Gower distances of the
 *   behaviour features but the `release` ones, parameters by the silhouette chooser, release
 *   sub-clusters within each family, principal-coordinates embedding.
 * - `operator_identifiers.ts`, `operator_groups.ts`: shared identifiers, their background rate
 *   among independent servers, Benjamini-Hochberg, groups with evidence.
 * - `claim_groups.ts`, `modified_implementations.ts`: claim vs behaviour; servers unlike every
 *   other server of their claim, with the differing features.
 * - `explain_outliers.ts`: seeded isolation-forest scores and checkable sentences.
 * - `derive_clusters.ts`: the rows of `clusters.csv`.
 * - `figure_data.ts`: rows for the cluster figures of `lib/plots/`.
 * - `evaluate_clusters.ts`: ARI, pairwise precision/recall, singles wrongly grouped, modified
 *   servers found, per scenario kind, against ground truth given as rows.
 * - `cluster_random.ts`: the seeded source of `clusters.csv` (fixed seed).
 * - `load_cluster_data.ts`, `cluster_tables.ts`: what the clusters notebook reads from `data/`
 *   (the methods recomputed and checked against `clusters.csv`), its tables and sentences.
 * - `reference_labels.ts`: the evaluation's reader of the lab's reference labels (path given by
 *   the caller), the evaluation table and sentences against the targets.
 * - `test_population.ts`: seeded lab-shaped synthetic populations, for tests.
 *
 * @example
 * ```ts
 * import { deriveClusters } from "./mod.ts";
 * const { rows } = deriveClusters({ scanId, features, specs: FEATURE_SPECS, claims }, random);
 * ```
 *
 * @module
 */
export * from "./feature_input.ts";
export * from "./behaviour_clusters.ts";
export * from "./operator_identifiers.ts";
export * from "./cert_batches.ts";
export * from "./front_relations.ts";
export * from "./operator_groups.ts";
export * from "./claim_groups.ts";
export * from "./modified_implementations.ts";
export * from "./explain_outliers.ts";
export * from "./derive_clusters.ts";
export * from "./figure_data.ts";
export * from "./evaluate_clusters.ts";
export * from "./cluster_random.ts";
export * from "./load_cluster_data.ts";
export * from "./cluster_tables.ts";
export * from "./reference_labels.ts";
