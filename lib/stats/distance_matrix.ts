/**
 * The distance-matrix shapes shared by this folder: a condensed upper triangle (the layout of
 * SciPy's `pdist`) or a full square, both backed by a `Float64Array`.
 *
 * Condensed index of the pair (i, j), i < j, among n items:
 * `k = n*i - i*(i+1)/2 + (j - i - 1)`, so the array holds n(n-1)/2 values.
 *
 * @module
 */

/** Upper triangle without the diagonal, row by row: (0,1), (0,2), ..., (1,2), ... */
export interface CondensedDistances {
  readonly form: "condensed";
  /** Number of items. */
  readonly n: number;
  /** n(n-1)/2 distances. */
  readonly values: Float64Array;
}

/** Row-major n x n matrix, symmetric with a zero diagonal. */
export interface SquareDistances {
  readonly form: "square";
  /** Number of items. */
  readonly n: number;
  /** n*n distances; `values[i*n + j]`. */
  readonly values: Float64Array;
}

/** Either shape; read it with {@link distanceAt}. */
export type DistanceMatrix = CondensedDistances | SquareDistances;

/** Position of the pair (i, j), i < j, in a condensed array over n items. */
export function condensedIndex(n: number, i: number, j: number): number {
  return n * i - (i * (i + 1)) / 2 + (j - i - 1);
}

/**
 * The distance between items i and j (0 when i === j).
 *
 * @example
 * ```ts
 * const m: DistanceMatrix = { form: "condensed", n: 3, values: Float64Array.of(1, 2, 3) };
 * distanceAt(m, 2, 1); // 3
 * ```
 */
export function distanceAt(m: DistanceMatrix, i: number, j: number): number {
  if (i === j) return 0;
  if (m.form === "square") return m.values[i * m.n + j];
  return i < j ? m.values[condensedIndex(m.n, i, j)] : m.values[condensedIndex(m.n, j, i)];
}

/**
 * The same distances as a square matrix (the input itself when already square).
 *
 * @example
 * ```ts
 * toSquare({ form: "condensed", n: 2, values: Float64Array.of(5) }).values; // [0, 5, 5, 0]
 * ```
 */
export function toSquare(m: DistanceMatrix): SquareDistances {
  if (m.form === "square") return m;
  const n = m.n;
  const out = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = m.values[k++];
      out[i * n + j] = d;
      out[j * n + i] = d;
    }
  }
  return { form: "square", n, values: out };
}

/**
 * Checks that `m` is a well-formed distance matrix: n a non-negative integer, the array of the
 * right length, every value finite and >= 0, and (square form) symmetric with a zero diagonal.
 *
 * @throws {RangeError} naming the first bad value and its position.
 */
export function validateDistanceMatrix(m: DistanceMatrix, what = "distance matrix"): void {
  if (!Number.isInteger(m.n) || m.n < 0) {
    throw new RangeError(`${what}: n must be a non-negative integer, got ${m.n}`);
  }
  const expected = m.form === "square" ? m.n * m.n : (m.n * (m.n - 1)) / 2;
  if (!(m.values instanceof Float64Array) || m.values.length !== expected) {
    throw new RangeError(
      `${what}: ${m.form} form over ${m.n} items needs a Float64Array of ${expected} values, ` +
        `got ${m.values?.length}`,
    );
  }
  for (let k = 0; k < m.values.length; k++) {
    const d = m.values[k];
    if (!Number.isFinite(d) || d < 0) {
      throw new RangeError(`${what}: value ${d} at index ${k} is not a finite distance >= 0`);
    }
  }
  if (m.form === "square") {
    const n = m.n;
    for (let i = 0; i < n; i++) {
      if (m.values[i * n + i] !== 0) {
        throw new RangeError(`${what}: diagonal (${i},${i}) is ${m.values[i * n + i]}, not 0`);
      }
      for (let j = i + 1; j < n; j++) {
        if (m.values[i * n + j] !== m.values[j * n + i]) {
          throw new RangeError(
            `${what}: not symmetric at (${i},${j}): ${m.values[i * n + j]} vs ` +
              `${m.values[j * n + i]}`,
          );
        }
      }
    }
  }
}
