/**
 * Behavioural clusters: density-based clustering (DBSCAN) of servers on the behaviour features
 * only, under Gower distance, with ε and minPts chosen by the stated silhouette criterion, and
 * a 2-D embedding for the figure. Two levels: the clusters are implementation families, read
 * from the features of an implementation's code base (features declared `release` are left
 * out); within each cluster the servers that agree on every release feature form a release
 * sub-cluster.
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
import { cellKey } from "./claim_groups.ts";
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
  /** Features declared `release` (protocol range, version-first, padding, `server.features`
   * keys): `"exclude"` clusters families without them and uses them for the release
   * sub-clusters only; `"include"` clusters on them too (clusters then follow release
   * generations). Default `"exclude"`. */
  releaseFeatures?: "exclude" | "include";
}

/** Result of {@link behaviourClusters}. */
export interface BehaviourClusters {
  /** Cluster per row, `c1`, `c2`, ... by decreasing size; null is noise. */
  readonly labels: (string | null)[];
  /** Release sub-cluster per row: within cluster `cK`, the servers with one combination of
   * the release features' values (unknown counted as a value), `cK.1`, `cK.2`, ... by
   * decreasing size; null for noise. Equal to the cluster when no feature is `release` or
   * `releaseFeatures` is `"include"`. */
  readonly releaseLabels: (string | null)[];
  /** Names of the release features the sub-clusters read (empty with `"include"`). */
  readonly releaseFeatures: string[];
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

/** Names `key` values `${prefix}1`, `${prefix}2`, ... by decreasing count, ties to the first
 * seen; null keys stay null. */
function nameBySize<K>(keys: readonly (K | null)[], prefix: (k: K) => string): (string | null)[] {
  const size = new Map<K, number>(), first = new Map<K, number>();
  keys.forEach((k, i) => {
    if (k === null) return;
    size.set(k, (size.get(k) ?? 0) + 1);
    if (!first.has(k)) first.set(k, i);
  });
  const order = [...size.keys()].sort((a, b) =>
    size.get(b)! - size.get(a)! || first.get(a)! - first.get(b)!
  );
  const count = new Map<string, number>();
  const name = new Map(order.map((k) => {
    const p = prefix(k);
    count.set(p, (count.get(p) ?? 0) + 1);
    return [k, `${p}${count.get(p)}`];
  }));
  return keys.map((k) => (k === null ? null : name.get(k)!));
}

/**
 * Clusters servers by behaviour. The features are those of `groups` except the ones declared
 * `release` (unless `releaseFeatures` is `"include"`): releases of one implementation differ
 * on the protocol range, what protocol 1.6 requires, the padded transport and the
 * `server.features` keys a release adds, while the code base (JSON writer, error dialect,
 * method set, histogram) stays, so the clusters are families. Servers knowing at most half of
 * the features are set aside as noise (their probes mostly failed: too little to compare).
 * Gower distance over those features (weights as declared; a feature unknown for either server
 * of a pair drops out of that pair);
 * DBSCAN over a grid of (ε, minPts) and the pair with the highest mean silhouette, noise scored
 * 0, at most half of the servers noise, ties to the smaller ε (`chooseDbscanParams`). Clusters
 * are renamed by decreasing size so labels do not depend on row order of equal inputs beyond
 * ties. Within each cluster the servers sharing every release feature's value form a release
 * sub-cluster (`releaseLabels`). Deterministic: no randomness is involved, so the same rows
 * give the same clusters.
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
  const mode = options.releaseFeatures ?? "exclude";
  if (mode !== "exclude" && mode !== "include") {
    throw new RangeError(`releaseFeatures must be "exclude" or "include", got ${String(mode)}`);
  }
  const inGroups = specs.filter((s) => groups.includes(s.group) && s.weight > 0);
  const release = mode === "exclude" ? inGroups.filter((s) => s.release === true) : [];
  const family = specs.filter((s) => !release.includes(s));
  const n = rows.length;
  const clustered = comparableRows(rows, family, groups);
  const sub = clustered.map((i) => rows[i]);
  const input = gowerInput(sub, family, groups);
  const distances = gowerDistances(input.rows, input.features);
  const choice = chooseDbscanParams(distances, options.choose);
  let raw: (number | null)[];
  if (choice.result) raw = choice.result.labels;
  else {
    let alike = sub.length >= 2;
    for (const d of distances.values) if (d > 0) alike = false;
    raw = new Array(sub.length).fill(alike ? 0 : null);
  }
  const named = nameBySize(raw, () => "c");
  const labels: (string | null)[] = new Array(n).fill(null);
  clustered.forEach((i, k) => (labels[i] = named[k]));
  const signature = rows.map((r, i) =>
    labels[i] === null ? null : JSON.stringify([
      labels[i],
      ...release.map((s) => cellKey(s, r[s.name])),
    ])
  );
  const releaseLabels = release.length
    ? nameBySize(signature, (k) => `${JSON.parse(k)[0]}.`)
    : [...labels];
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
    releaseLabels,
    releaseFeatures: release.map((s) => s.name),
    clustered,
    chosen: choice.best,
    candidates: choice.candidates,
    distances,
    embedding,
    explained,
    features: Object.keys(input.features),
  };
}
