/**
 * DBSCAN on a precomputed distance matrix.
 *
 * @module
 */
import { type DistanceMatrix, validateDistanceMatrix } from "./distance_matrix.ts";

/** Parameters of {@link dbscan}. */
export interface DbscanOptions {
  /** Neighbourhood radius ε, in the matrix's distance unit (>= 0); neighbours have d <= ε. */
  eps: number;
  /** Neighbours (the point itself included) a core point needs; integer >= 1. */
  minPts: number;
}

/** Result of {@link dbscan}. */
export interface DbscanResult {
  /** Cluster per item, numbered 0.. in order of each cluster's first core point; `null` is
   * noise (a singleton for `adjustedRandIndex`). */
  readonly labels: (number | null)[];
  /** Whether each item is a core point. */
  readonly core: boolean[];
  /** Number of clusters. */
  readonly clusterCount: number;
  /** Number of noise items. */
  readonly noiseCount: number;
}

/**
 * DBSCAN (Ester, Kriegel, Sander & Xu 1996) over a precomputed distance matrix, so any
 * dissimilarity (e.g. Gower) can be used. N_ε(p) = { q : d(p,q) <= ε } includes p; p is a
 * core point when |N_ε(p)| >= minPts; clusters are the connected components of core points
 * under "within ε", plus the border points within ε of a core point; everything else is noise.
 *
 * Deterministic: points are visited in index order and a border point reachable from two
 * clusters joins the one found first (the only order dependence of DBSCAN). O(n²) time.
 *
 * Reference: M. Ester, H.-P. Kriegel, J. Sander and X. Xu, "A density-based algorithm for
 * discovering clusters in large spatial databases with noise", KDD 1996, 226-231.
 *
 * @param distances Distances between the n items (condensed or square).
 * @param options ε and minPts.
 * @throws {RangeError} on a malformed matrix, ε not finite >= 0, or minPts not an integer >= 1.
 *
 * @example
 * ```ts
 * const d = { form: "condensed", n: 4, values: Float64Array.of(0.1, 0.9, 0.9, 0.9, 0.9, 0.9) };
 * dbscan(d, { eps: 0.2, minPts: 2 }).labels; // [0, 0, null, null]
 * ```
 */
export function dbscan(distances: DistanceMatrix, options: DbscanOptions): DbscanResult {
  validateDistanceMatrix(distances);
  return distances.form === "condensed"
    ? dbscanCondensed(distances.values, distances.n, options)
    : dbscanSquare(distances.values, distances.n, options);
}

function checkOptions({ eps, minPts }: DbscanOptions): void {
  if (typeof eps !== "number" || !Number.isFinite(eps) || eps < 0) {
    throw new RangeError(`eps must be a finite number >= 0, got ${eps}`);
  }
  if (!Number.isInteger(minPts) || minPts < 1) {
    throw new RangeError(`minPts must be an integer >= 1, got ${minPts}`);
  }
}

/**
 * DBSCAN on an already validated condensed matrix (shared with the parameter search), in
 * passes over the pairs in their stored order, so no n x n copy is made: the neighbour counts
 * (each item its own neighbour), the components of core points within ε (union-find), numbered
 * by their lowest core item, and each border item's lowest-numbered adjacent cluster. The
 * labels are those of {@linkcode dbscanSquare}'s breadth-first search, which finishes each
 * cluster, in that numbering, before it starts the next: a border item joins the first,
 * i.e. the lowest-numbered, cluster with a core item within ε.
 */
export function dbscanCondensed(
  values: Float64Array,
  n: number,
  options: DbscanOptions,
): DbscanResult {
  checkOptions(options);
  const { eps, minPts } = options;
  const count = new Int32Array(n).fill(1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      if (values[k] <= eps) {
        count[i]++;
        count[j]++;
      }
    }
  }
  const core: boolean[] = Array.from(count, (c) => c >= minPts);
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  k = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i]) {
      k += n - i - 1;
      continue;
    }
    for (let j = i + 1; j < n; j++, k++) {
      if (!core[j] || !(values[k] <= eps)) continue;
      const a = find(i), b = find(j);
      if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
    }
  }
  const number = new Int32Array(n).fill(-1);
  const labels: (number | null)[] = new Array(n).fill(null);
  let clusters = 0;
  for (let i = 0; i < n; i++) {
    if (!core[i]) continue;
    const r = find(i);
    if (number[r] < 0) number[r] = clusters++;
    labels[i] = number[r];
  }
  k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, k++) {
      if (core[i] === core[j] || !(values[k] <= eps)) continue;
      const [border, from] = core[i] ? [j, i] : [i, j];
      const c = labels[from]!;
      if (labels[border] === null || c < labels[border]!) labels[border] = c;
    }
  }
  let noiseCount = 0;
  for (const l of labels) if (l === null) noiseCount++;
  return { labels, core, clusterCount: clusters, noiseCount };
}

/** DBSCAN on an already validated square matrix (shared with the parameter search). */
export function dbscanSquare(
  sq: Float64Array,
  n: number,
  options: DbscanOptions,
): DbscanResult {
  checkOptions(options);
  const { eps, minPts } = options;
  // No neighbour lists are kept (n of them, up to n entries each: n² at a wide ε): a core
  // point's row is scanned again when the cluster expands through it, once per core point.
  const core: boolean[] = [];
  for (let i = 0; i < n; i++) {
    let m = 0;
    const base = i * n;
    for (let j = 0; j < n; j++) if (sq[base + j] <= eps) m++;
    core.push(m >= minPts);
  }
  const labels: (number | null)[] = new Array(n).fill(null);
  let clusters = 0;
  const queue = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!core[i] || labels[i] !== null) continue;
    const c = clusters++;
    labels[i] = c;
    let head = 0, tail = 0;
    queue[tail++] = i;
    while (head < tail) {
      const p = queue[head++];
      if (!core[p]) continue; // border points join but do not expand
      const base = p * n;
      for (let q = 0; q < n; q++) {
        if (!(sq[base + q] <= eps) || labels[q] !== null) continue;
        labels[q] = c;
        queue[tail++] = q;
      }
    }
  }
  let noiseCount = 0;
  for (const l of labels) if (l === null) noiseCount++;
  return { labels, core, clusterCount: clusters, noiseCount };
}
