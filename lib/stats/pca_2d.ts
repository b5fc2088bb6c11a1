/**
 * Principal component projection to two dimensions, through ml-pca.
 *
 * @module
 */
import { PCA } from "ml-pca";

/** Options of {@link pca2d}. */
export interface Pca2dOptions {
  /** Divide each feature by its standard deviation before the projection (correlation PCA).
   * Default `false`; constant features are then left out. */
  scale?: boolean;
}

/** Result of {@link pca2d}. */
export interface Pca2d {
  /** One [PC1, PC2] pair per input row. */
  readonly coordinates: [number, number][];
  /** Share of the total variance on PC1 and PC2. */
  readonly explainedVariance: [number, number];
}

/**
 * Projects numeric rows onto their first two principal components (ml-pca 4.1.1, SVD of the
 * centred data X - x̄: scores = (X - x̄) V₂ for the top two right singular vectors V₂).
 * Deterministic for a given input; the sign of each axis, arbitrary in an SVD, is fixed so
 * that the loading of largest magnitude is positive, so runs and platforms agree.
 *
 * Reference: I. T. Jolliffe, "Principal Component Analysis", 2nd ed., Springer 2002, ch. 1-3.
 *
 * @param rows Numeric rows (n >= 2, all the same length p >= 2), every value finite.
 * @param options See {@link Pca2dOptions}.
 * @throws {RangeError} on too few rows or features, ragged rows, or a non-finite value.
 *
 * @example
 * ```ts
 * const { coordinates } = pca2d([[0, 0, 1], [1, 1, 1], [2, 2, 0], [3, 3, 0]]);
 * coordinates.length; // 4
 * ```
 */
export function pca2d(rows: readonly (readonly number[])[], options: Pca2dOptions = {}): Pca2d {
  if (!Array.isArray(rows) || rows.length < 2) {
    throw new RangeError(`pca2d needs at least 2 rows, got ${rows?.length}`);
  }
  const p = rows[0]?.length;
  if (!Number.isInteger(p) || p < 2) {
    throw new RangeError(`pca2d needs at least 2 features, got ${p}`);
  }
  for (let i = 0; i < rows.length; i++) {
    if (!Array.isArray(rows[i]) || rows[i].length !== p) {
      throw new RangeError(`rows[${i}] has ${rows[i]?.length} values, expected ${p}`);
    }
    for (let f = 0; f < p; f++) {
      if (typeof rows[i][f] !== "number" || !Number.isFinite(rows[i][f])) {
        throw new RangeError(`rows[${i}][${f}] = ${rows[i][f]} is not a finite number`);
      }
    }
  }
  const scale = options.scale ?? false;
  const data = rows.map((r) => [...r]);
  const pca = new PCA(data, { center: true, scale, ignoreZeroVariance: scale });
  const scores = pca.predict(data, { nComponents: 2 }).to2DArray();
  const vectors = pca.getEigenvectors();
  const flip = [1, 1];
  for (let c = 0; c < 2 && c < vectors.columns; c++) {
    let best = 0;
    for (let f = 0; f < vectors.rows; f++) {
      const v = vectors.get(f, c);
      if (Math.abs(v) > Math.abs(best)) best = v;
    }
    if (best < 0) flip[c] = -1;
  }
  const coordinates = scores.map((s): [number, number] => [
    (s[0] ?? 0) * flip[0] + 0,
    (s[1] ?? 0) * flip[1] + 0,
  ]);
  const ev = pca.getExplainedVariance();
  return { coordinates, explainedVariance: [ev[0] ?? 0, ev[1] ?? 0] };
}
