/**
 * Reproducible choice of DBSCAN's ε and minPts by mean silhouette.
 *
 * @module
 */
import { dbscanCondensed, type DbscanResult, dbscanSquare } from "./dbscan.ts";
import { type DistanceMatrix, validateDistanceMatrix } from "./distance_matrix.ts";
import { silhouetteCondensed, silhouetteSquare } from "./silhouette.ts";

/** Options of {@link chooseDbscanParams}. */
export interface ChooseDbscanOptions {
  /** ε values to try, in distance units. Default: the distinct 1st, 2nd, ..., 50th percentiles
   * (nearest rank) of all pairwise distances that are > 0. */
  epsValues?: readonly number[];
  /** minPts values to try (integers >= 1). Default [3, 4, 5, 8]. */
  minPtsValues?: readonly number[];
  /** A candidate labelling more than this share of items as noise is not eligible.
   * Default 0.5. */
  maxNoiseShare?: number;
  /** How noise enters the criterion. `"zero"` (default): the mean of s(i) over all items with
   * s(i) = 0 for noise, i.e. the non-noise mean times the non-noise share. `"excluded"`: the
   * mean over non-noise items only; it rewards calling the loosest members of a cluster noise
   * (in this folder's end-to-end test it drops a true group member to gain 0.0002 of
   * silhouette, and on three blobs it calls half the points noise unless `maxNoiseShare` is
   * capped near 0.1), so use it only with a tight cap. */
  noise?: "excluded" | "zero";
}

/** One evaluated (ε, minPts) pair. */
export interface DbscanCandidate {
  readonly eps: number;
  readonly minPts: number;
  readonly clusterCount: number;
  readonly noiseCount: number;
  /** Mean silhouette over non-noise items; `null` with fewer than 2 clusters. */
  readonly silhouette: number | null;
  /** The criterion maximised: silhouette times the non-noise share (`noise: "zero"`) or
   * silhouette itself (`"excluded"`); `null` with fewer than 2 clusters. */
  readonly score: number | null;
  /** Has >= 2 clusters and at most `maxNoiseShare` noise. */
  readonly eligible: boolean;
}

/** Result of {@link chooseDbscanParams}. */
export interface ChosenDbscan {
  /** The winning candidate, or `null` when none is eligible. */
  readonly best: DbscanCandidate | null;
  /** DBSCAN's result for the winner, or `null`. */
  readonly result: DbscanResult | null;
  /** Every candidate, ordered by ε then minPts (for the methodology's table). */
  readonly candidates: DbscanCandidate[];
}

function defaultEps(distances: DistanceMatrix): number[] {
  // A typed array of the positive distances over the pairs i < j (counted first): half of n²
  // numbers at most, which as a growing JS array cost about twice as much while filled and sorted.
  const { n, values } = distances;
  const each = (f: (d: number) => void) => {
    if (distances.form === "condensed") { for (const d of values) f(d); }
    else {
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) f(values[i * n + j]);
    }
  };
  let count = 0;
  each((d) => {
    if (d > 0) count++;
  });
  if (count === 0) return [];
  const d = new Float64Array(count);
  let k = 0;
  each((x) => {
    if (x > 0) d[k++] = x;
  });
  d.sort();
  const out = new Set<number>();
  for (let p = 1; p <= 50; p++) out.add(d[Math.max(0, Math.ceil((p / 100) * count) - 1)]);
  return [...out];
}

/**
 * Tries DBSCAN on every (ε, minPts) of a grid and keeps the pair with the highest mean
 * silhouette (Rousseeuw 1987) over all items with noise scored 0 (equivalently: the mean over
 * non-noise items times their share; `noise: "excluded"` drops the factor), among candidates
 * with at least 2 clusters and at most `maxNoiseShare` noise. Ties (equal scores) go to the
 * smaller ε, then the smaller minPts. Deterministic: no randomness, a fixed grid order, one
 * result per input.
 *
 * @param distances Distances between the items (condensed or square).
 * @param options See {@link ChooseDbscanOptions}.
 * @throws {RangeError} on a malformed matrix, an ε < 0 or non-finite, a minPts not an
 *   integer >= 1, or maxNoiseShare outside [0, 1].
 *
 * @example
 * ```ts
 * const { best, result } = chooseDbscanParams(gowerDistances(rows, features));
 * best?.eps; // the chosen radius; result?.labels the clusters
 * ```
 */
export function chooseDbscanParams(
  distances: DistanceMatrix,
  options: ChooseDbscanOptions = {},
): ChosenDbscan {
  validateDistanceMatrix(distances);
  const n = distances.n;
  // A condensed matrix is searched as it is (no n x n copy: half the memory).
  const condensed = distances.form === "condensed";
  const values = distances.values;
  const maxNoise = options.maxNoiseShare ?? 0.5;
  if (typeof maxNoise !== "number" || !(maxNoise >= 0 && maxNoise <= 1)) {
    throw new RangeError(`maxNoiseShare must be in [0, 1], got ${maxNoise}`);
  }
  const noiseMode = options.noise ?? "zero";
  if (noiseMode !== "excluded" && noiseMode !== "zero") {
    throw new RangeError(`noise must be "excluded" or "zero", got ${String(noiseMode)}`);
  }
  for (const e of options.epsValues ?? []) {
    if (typeof e !== "number" || !Number.isFinite(e) || e < 0) {
      throw new RangeError(`epsValues: ${e} is not a finite number >= 0`);
    }
  }
  for (const m of options.minPtsValues ?? []) {
    if (!Number.isInteger(m) || m < 1) {
      throw new RangeError(`minPtsValues: ${m} is not an integer >= 1`);
    }
  }
  const epsValues = [...new Set(options.epsValues ?? defaultEps(distances))].sort((a, b) => a - b);
  const minPtsValues = [...new Set(options.minPtsValues ?? [3, 4, 5, 8])].sort((a, b) => a - b);

  const candidates: DbscanCandidate[] = [];
  let best: DbscanCandidate | null = null;
  let bestResult: DbscanResult | null = null;
  for (const eps of epsValues) {
    for (const minPts of minPtsValues) {
      const r = condensed
        ? dbscanCondensed(values, n, { eps, minPts })
        : dbscanSquare(values, n, { eps, minPts });
      const s = r.clusterCount < 2
        ? null
        : (condensed ? silhouetteCondensed : silhouetteSquare)(values, n, r.labels).mean;
      const score = s === null ? null : noiseMode === "zero" ? (s * (n - r.noiseCount)) / n : s;
      const eligible = score !== null && r.noiseCount <= maxNoise * n;
      const c: DbscanCandidate = {
        eps,
        minPts,
        clusterCount: r.clusterCount,
        noiseCount: r.noiseCount,
        silhouette: s,
        score,
        eligible,
      };
      candidates.push(c);
      // Grid order is ascending (ε, minPts), so strict > keeps the earlier of equal scores.
      if (eligible && (best === null || score! > best.score!)) {
        best = c;
        bestResult = r;
      }
    }
  }
  return { best, result: bestResult, candidates };
}
