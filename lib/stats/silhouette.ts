/**
 * Silhouette coefficients on a precomputed distance matrix.
 *
 * @module
 */
import { type DistanceMatrix, validateDistanceMatrix } from "./distance_matrix.ts";
import { type ClusterLabel } from "./pair_counts.ts";

/** Result of {@link silhouette}. */
export interface SilhouetteResult {
  /** Mean of s(i) over the clustered (non-null) items; `null` with fewer than 2 clusters. */
  readonly mean: number | null;
  /** s(i) per item in [-1, 1]; `null` for noise (null label) or when `mean` is null. */
  readonly perItem: (number | null)[];
}

/**
 * Silhouette (Rousseeuw 1987) of a labeling over precomputed distances. For item i in cluster
 * A: a(i) = mean d(i, j) over j in A, j ≠ i; b(i) = min over other clusters C of the mean
 * d(i, j), j in C; s(i) = (b(i) - a(i)) / max(a(i), b(i)), and s(i) = 0 when A = {i}
 * (Rousseeuw's convention). Items labelled `null` (noise) are left out entirely: they get no
 * s(i) and do not count as a cluster in b(i). O(n²) time.
 *
 * Reference: P. J. Rousseeuw, "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20:53-65, 1987.
 *
 * @param distances Distances between the n items (condensed or square).
 * @param labels Cluster per item (same order); `null`/`undefined` is noise.
 * @throws {RangeError} on a malformed matrix, a length mismatch, or a bad label.
 *
 * @example
 * ```ts
 * const d = { form: "condensed", n: 4, values: Float64Array.of(1, 4, 5, 5, 4, 1) };
 * silhouette(d, [0, 0, 1, 1]).mean; // 7/9: a(i) = 1, b(i) = 4.5 for every item
 * ```
 */
export function silhouette(
  distances: DistanceMatrix,
  labels: readonly ClusterLabel[],
): SilhouetteResult {
  validateDistanceMatrix(distances);
  if (!Array.isArray(labels) || labels.length !== distances.n) {
    throw new RangeError(
      `labels has ${labels?.length} entries, the matrix ${distances.n} items`,
    );
  }
  return distances.form === "condensed"
    ? silhouetteCondensed(distances.values, distances.n, labels)
    : silhouetteSquare(distances.values, distances.n, labels);
}

/** Each clustered item's score (noise null) and their mean, items in order. */
function scoreItems(
  code: Int32Array,
  scoreOf: (i: number, ci: number) => number,
): SilhouetteResult {
  const perItem: (number | null)[] = new Array(code.length).fill(null);
  let total = 0, counted = 0;
  for (let i = 0; i < code.length; i++) {
    if (code[i] < 0) continue;
    const s = scoreOf(i, code[i]);
    perItem[i] = s;
    total += s;
    counted++;
  }
  return { mean: total / counted, perItem };
}

/** Each item's cluster as a code 0..k-1 (-1 for noise), k, and each cluster's size. */
function clusterCodes(
  n: number,
  labels: readonly ClusterLabel[],
): { code: Int32Array; k: number; size: Float64Array } {
  const map = new Map<string | number | boolean, number>();
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l === null || l === undefined) {
      code[i] = -1;
      continue;
    }
    if (
      (typeof l !== "string" && typeof l !== "number" && typeof l !== "boolean") ||
      (typeof l === "number" && Number.isNaN(l))
    ) {
      throw new RangeError(`labels[${i}]: ${String(l)} is not a string, number or boolean`);
    }
    let c = map.get(l);
    if (c === undefined) map.set(l, c = map.size);
    code[i] = c;
  }
  const size = new Float64Array(map.size);
  for (let i = 0; i < n; i++) if (code[i] >= 0) size[code[i]]++;
  return { code, k: map.size, size };
}

/** s(i) from item i's distance sums per cluster (`sums[c]`, c = 0..k-1), as defined above. */
function itemScore(sums: Float64Array, at: number, ci: number, size: Float64Array, k: number) {
  if (!(size[ci] > 1)) return 0;
  const a = sums[at + ci] / (size[ci] - 1);
  let b = Infinity;
  for (let c = 0; c < k; c++) {
    if (c !== ci && sums[at + c] / size[c] < b) b = sums[at + c] / size[c];
  }
  const m = a > b ? a : b;
  return m === 0 ? 0 : (b - a) / m;
}

/**
 * Silhouette on an already validated condensed matrix (shared with the parameter search), in
 * one pass over the pairs in their stored order, so no n x n copy is made (n x k sums instead,
 * k the number of clusters). Each item's sums take their terms in the order of
 * {@linkcode silhouetteSquare}'s row (j ascending; its own zero distance adds nothing), so the
 * results are the same to the last bit.
 */
export function silhouetteCondensed(
  values: Float64Array,
  n: number,
  labels: readonly ClusterLabel[],
): SilhouetteResult {
  const { code, k, size } = clusterCodes(n, labels);
  if (k < 2) return { mean: null, perItem: new Array(n).fill(null) };
  const sums = new Float64Array(n * k);
  let idx = 0;
  for (let i = 0; i < n; i++) {
    const ci = code[i];
    if (ci < 0) {
      idx += n - i - 1;
      continue;
    }
    for (let j = i + 1; j < n; j++, idx++) {
      const cj = code[j];
      if (cj < 0) continue;
      const d = values[idx];
      sums[i * k + cj] += d;
      sums[j * k + ci] += d;
    }
  }
  return scoreItems(code, (i, ci) => itemScore(sums, i * k, ci, size, k));
}

/** Silhouette on an already validated square matrix (shared with the parameter search). */
export function silhouetteSquare(
  sq: Float64Array,
  n: number,
  labels: readonly ClusterLabel[],
): SilhouetteResult {
  const { code, k, size } = clusterCodes(n, labels);
  if (k < 2) return { mean: null, perItem: new Array(n).fill(null) };
  const sums = new Float64Array(k);
  return scoreItems(code, (i, ci) => {
    sums.fill(0);
    const base = i * n;
    for (let j = 0; j < n; j++) if (code[j] >= 0) sums[code[j]] += sq[base + j];
    return itemScore(sums, 0, ci, size, k);
  });
}
