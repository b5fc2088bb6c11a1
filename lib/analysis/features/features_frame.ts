/**
 * The feature table as a danfo DataFrame for the notebook.
 *
 * @module
 */
import type { DataFrame } from "danfojs";
import type { Row } from "../../data/read_csv.ts";
import type { FeatureGroup } from "../../data/schemas/features.ts";
import { FEATURES_SCHEMA } from "../../data/schemas/features.ts";
import { frame } from "../frame.ts";
import { featureSet } from "./feature_set.ts";

/** Options of {@linkcode featuresFrame}. */
export interface FeaturesFrameOptions {
  /** Feature groups to keep (after `server`). Default: every group. */
  groups?: readonly FeatureGroup[];
}

/**
 * A DataFrame of `features.csv` rows: `server`, then the features of the chosen groups, dtypes
 * from the schema (unknown numbers NaN, unknown text null).
 *
 * @param rows Rows read by `readCsv("data/features.csv")`, or from `deriveFeatures`.
 * @example
 * ```ts
 * const df = featuresFrame(await readCsv("data/features.csv"), { groups: ["behaviour"] });
 * df.columns[0]; // "server"
 * ```
 */
export function featuresFrame(
  rows: readonly Row[],
  options: FeaturesFrameOptions = {},
): DataFrame {
  const columns = ["server", ...featureSet(options.groups).map((f) => f.name)];
  return frame(rows, FEATURES_SCHEMA, { columns });
}
