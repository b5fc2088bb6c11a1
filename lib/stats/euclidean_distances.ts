/**
 * Euclidean distances between numeric rows.
 *
 * @module
 */
import { type CondensedDistances } from "./distance_matrix.ts";

/**
 * Condensed Euclidean distance matrix of numeric rows, d(i,j) = sqrt(Σ_f (x_if - x_jf)²), for
 * embedded coordinates (e.g. a PCA projection) and tests.
 *
 * @param rows Rows of equal length, every value finite.
 * @throws {RangeError} on ragged rows or a non-finite value.
 *
 * @example
 * ```ts
 * euclideanDistances([[0, 0], [3, 4]]).values; // [5]
 * ```
 */
export function euclideanDistances(rows: readonly (readonly number[])[]): CondensedDistances {
  const n = rows.length;
  const p = n === 0 ? 0 : rows[0].length;
  for (let i = 0; i < n; i++) {
    if (!Array.isArray(rows[i]) || rows[i].length !== p) {
      throw new RangeError(`rows[${i}] has ${rows[i]?.length} values, expected ${p}`);
    }
    for (let f = 0; f < p; f++) {
      if (typeof rows[i][f] !== "number" || !Number.isFinite(rows[i][f])) {
        throw new RangeError(`rows[${i}][${f}] = ${rows[i][f]} is not a finite number`);
      }
    }
  }
  const values = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let f = 0; f < p; f++) s += (rows[i][f] - rows[j][f]) ** 2;
      values[k++] = Math.sqrt(s);
    }
  }
  return { form: "condensed", n, values };
}
