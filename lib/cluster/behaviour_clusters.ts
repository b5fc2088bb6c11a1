/**
 * Behavioural clusters: density-based clustering (DBSCAN) of servers on the behaviour features
 * only, under Gower distance, with ε and minPts chosen by the stated silhouette criterion, and
 * a 2-D embedding for the figure.
 *
 * @module
 */
import {
  type ChooseDbscanOptions,
  chooseDbscanParams,
  type DbscanCandidate,
} from "../stats/choose_dbscan_params.ts";
import type { DistanceMatrix } from "../stats/distance_matrix.ts";
import { gowerDistances } from "../stats/gower.ts";
import { principalCoordinates } from "../stats/principal_coordinates.ts";
import {
  type ClusterFeatureGroup,
  type ClusterFeatureSpec,
  comparableRows,
  type FeatureRow,
  gowerInput,
} from "./feature_input.ts";

/** Options of {@link behaviourClusters}. */
export interface BehaviourClusterOptions {
  /** Feature groups clustered on. Default `["behaviour"]` (hosting, certificates and latency
   * belong to the operator grouping). */
  groups?: readonly ClusterFeatureGroup[];
  /** Passed to `chooseDbscanParams` (grid of ε and minPts, noise cap). Default: its defaults
   * (ε over the 1st-50th percentiles of the distances, minPts 3, 4, 5, 8, noise <= 50%,
   * noise scored 0 in the mean silhouette). */
  choose?: ChooseDbscanOptions;
  /** Compute the 2-D embedding (principal coordinates of the Gower distances; O(n³)).
   * Default true. */
  embed?: boolean;
}

/** Result of {@link behaviourClusters}. */
export interface BehaviourClusters {
  /** Cluster per row, `c1`, `c2`, ... by decreasing size; null is noise. */
  readonly labels: (string | null)[];
  /** The chosen DBSCAN parameters (null when no candidate had 2 clusters: then every server
   * is labelled `c1` if all behave alike, else noise). */
  readonly chosen: DbscanCandidate | null;
  /** Every candidate tried, for the methodology's table. */
  readonly candidates: DbscanCandidate[];
  /** Rows compared (in row order): those knowing more than half of the clustered features
   * (`comparableRows`); the others are set aside as noise, with no distance or position. */
  readonly clustered: number[];
  /** Gower distances on the clustered features between the `clustered` rows (condensed; item
   * k is row `clustered[k]`). */
  readonly distances: DistanceMatrix;
  /** One [x, y] per row (principal coordinates; null for a row set aside), or null when
   * `embed` is false. */
  readonly embedding: ([number, number] | null)[] | null;
  /** Share of the positive eigenvalues shown by each axis. */
  readonly explained: [number, number] | null;
  /** Names of the features clustered on. */
  readonly features: string[];
}

/**
 * Clusters servers by behaviour. Servers knowing at most half of the features of `groups` are
 * set aside as noise (their probes mostly failed: too little to compare). Gower distance over
 * the declared features of `groups` (weights as declared; a feature unknown for either server
 * of a pair drops out of that pair);
 * DBSCAN over a grid of (ε, minPts) and the pair with the highest mean silhouette, noise scored
 * 0, at most half of the servers noise, ties to the smaller ε (`chooseDbscanParams`). Clusters
 * are renamed by decreasing size so labels do not depend on row order of equal inputs beyond
 * ties. Deterministic: no randomness is involved, so the same rows give the same clusters.
 *
 * @param rows Feature rows, one per server (at least 2).
 * @param specs The declared features.
 * @param options See {@link BehaviourClusterOptions}.
 * @throws {RangeError} on fewer than 2 rows, no usable feature, or a value outside its kind.
 *
 * @example
 * ```ts
 * const b = behaviourClusters(rows, FEATURE_SPECS);
 * b.labels; // ["c1", "c1", "c2", null, ...]
 * ```
 */
export function behaviourClusters(
  rows: readonly FeatureRow[],
  specs: readonly ClusterFeatureSpec[],
  options: BehaviourClusterOptions = {},
): BehaviourClusters {
  if (rows.length < 2) {
    throw new RangeError(`behaviourClusters needs >= 2 rows, got ${rows.length}`);
  }
  const groups = options.groups ?? ["behaviour"];
  const n = rows.length;
  const clustered = comparableRows(rows, specs, groups);
  const sub = clustered.map((i) => rows[i]);
  const input = gowerInput(sub, specs, groups);
  const distances = gowerDistances(input.rows, input.features);
  const choice = chooseDbscanParams(distances, options.choose);
  let raw: (number | null)[];
  if (choice.result) raw = choice.result.labels;
  else {
    let alike = sub.length >= 2;
    for (const d of distances.values) if (d > 0) alike = false;
    raw = new Array(sub.length).fill(alike ? 0 : null);
  }
  const size = new Map<number, number>();
  raw.forEach((l) => l !== null && size.set(l, (size.get(l) ?? 0) + 1));
  const first = new Map<number, number>();
  raw.forEach((l, i) => l !== null && !first.has(l) && first.set(l, i));
  const order = [...size.keys()].sort((a, b) =>
    size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!
  );
  const name = new Map(order.map((l, k) => [l, `c${k + 1}`]));
  const labels: (string | null)[] = new Array(n).fill(null);
  clustered.forEach((i, k) => (labels[i] = raw[k] === null ? null : name.get(raw[k]!)!));
  let embedding: ([number, number] | null)[] | null = null;
  let explained: [number, number] | null = null;
  if (options.embed ?? true) {
    embedding = new Array(n).fill(null);
    if (sub.length >= 2) {
      const pc = principalCoordinates(distances);
      clustered.forEach((i, k) => (embedding![i] = pc.coordinates[k]));
      explained = pc.explained;
    }
  }
  return {
    labels,
    clustered,
    chosen: choice.best,
    candidates: choice.candidates,
    distances,
    embedding,
    explained,
    features: Object.keys(input.features),
  };
}
