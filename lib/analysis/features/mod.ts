/**
 * The per-server feature table for the behavioural clustering, the operator grouping and the
 * suspicion score (`features.csv`; features declared with kind, group and Gower weight in
 * `lib/data/schemas/features.ts`).
 *
 * - `derive_features.ts`: `deriveFeatures(tables)`, one row per reachable server from the
 *   derived tables; `LATENCY_SOURCES`, the one mapping of timing columns.
 * - `error_wording.ts`, `banner_template.ts`, `cn_template.ts`: the normalisers (error wording,
 *   banner template and default banners, certificate CN shape), on `placeholders.ts`.
 * - `feature_set.ts`: the features of chosen groups, and a feature's value as a number.
 * - `features_frame.ts`: the table as a typed danfo DataFrame.
 *
 * @example
 * ```ts
 * import { deriveFeatures, featureSet } from "./mod.ts";
 * const behaviour = featureSet(["behaviour"]);
 * ```
 *
 * @module
 */
export * from "./derive_features.ts";
export * from "./error_wording.ts";
export * from "./banner_template.ts";
export * from "./cn_template.ts";
export * from "./feature_set.ts";
export * from "./features_frame.ts";
