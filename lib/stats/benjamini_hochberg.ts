/**
 * Benjamini-Hochberg control of the false discovery rate.
 *
 * @module
 */

/** Result of {@link benjaminiHochberg}, in the input order. */
export interface BenjaminiHochbergResult {
  /** BH-adjusted p-values ("q-values" in R's `p.adjust(method = "BH")` sense), each in [0, 1]. */
  readonly adjusted: Float64Array;
  /** `rejected[i]`: hypothesis i is a discovery at level q (adjusted[i] <= q). */
  readonly rejected: boolean[];
  /** Number of discoveries k. */
  readonly count: number;
  /** The largest rejected raw p-value, or `null` when nothing is rejected. */
  readonly threshold: number | null;
}

/**
 * Benjamini-Hochberg step-up procedure. With the m p-values sorted p_(1) <= ... <= p_(m), reject
 * the hypotheses of p_(1..k) where k = max{ i : p_(i) <= i q / m }. The adjusted p-values are
 *
 * p̃_(i) = min_{j >= i} min(1, m p_(j) / j),
 *
 * so hypothesis i is rejected exactly when p̃_i <= q. Controls the FDR at q for independent or
 * positively dependent (PRDS) tests. Ties are ordered by input position, which does not change
 * the result.
 *
 * Reference: Y. Benjamini and Y. Hochberg, "Controlling the false discovery rate: a practical
 * and powerful approach to multiple testing", J. R. Stat. Soc. B 57(1):289-300, 1995.
 *
 * @param pValues Raw p-values, each a number in [0, 1].
 * @param q FDR level in (0, 1].
 * @throws {RangeError} naming a p-value outside [0, 1] (or NaN) or a q outside (0, 1].
 *
 * @example
 * ```ts
 * const r = benjaminiHochberg([0.01, 0.04, 0.03, 0.005], 0.03);
 * r.adjusted; // [0.02, 0.04, 0.04, 0.02]
 * r.rejected; // [true, false, false, true]
 * ```
 */
export function benjaminiHochberg(
  pValues: readonly number[],
  q: number,
): BenjaminiHochbergResult {
  if (typeof q !== "number" || !(q > 0 && q <= 1)) {
    throw new RangeError(`q must be in (0, 1], got ${q}`);
  }
  const m = pValues.length;
  for (let i = 0; i < m; i++) {
    const p = pValues[i];
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new RangeError(`pValues[${i}] = ${p} is not a p-value in [0, 1]`);
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) =>
    pValues[a] - pValues[b] || a - b
  );
  const adjusted = new Float64Array(m);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r];
    const v = (pValues[i] * m) / (r + 1);
    if (v < running) running = v;
    adjusted[i] = running;
  }
  const rejected = new Array<boolean>(m);
  let count = 0;
  let threshold: number | null = null;
  for (let i = 0; i < m; i++) {
    rejected[i] = adjusted[i] <= q;
    if (rejected[i]) {
      count++;
      if (threshold === null || pValues[i] > threshold) threshold = pValues[i];
    }
  }
  return { adjusted, rejected, count, threshold };
}
