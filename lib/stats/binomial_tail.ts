/**
 * The upper tail of the binomial distribution, summed exactly in log space.
 *
 * @module
 */

/** log(i!) for i = 0..length-1, grown on demand (the sums are the same whatever its length). */
let logFactorials = new Float64Array([0, 0]);

function logFactorialsUpTo(n: number): Float64Array {
  if (n < logFactorials.length) return logFactorials;
  const grown = new Float64Array(n + 1);
  grown.set(logFactorials);
  for (let i = logFactorials.length; i <= n; i++) grown[i] = grown[i - 1] + Math.log(i);
  return logFactorials = grown;
}

/**
 * P(X >= k) for X ~ Binomial(n, w), summed term by term in log space (exact for the sizes of a
 * scan: thousands of trials).
 *
 * @param n Trials.
 * @param w Success probability, 0..1.
 * @param k Least number of successes.
 * @returns The tail probability, 0..1 (1 for k <= 0, 0 for k > n or w <= 0).
 *
 * @example
 * ```ts
 * binomialTail(3, 0.5, 2); // 0.5
 * ```
 */
export function binomialTail(n: number, w: number, k: number): number {
  if (k <= 0) return 1;
  if (k > n || w <= 0) return 0;
  if (w >= 1) return 1;
  const lf = logFactorialsUpTo(n);
  const lw = Math.log(w), l1w = Math.log1p(-w);
  let sum = 0;
  for (let j = k; j <= n; j++) {
    sum += Math.exp(lf[n] - lf[j] - lf[n - j] + j * lw + (n - j) * l1w);
  }
  return Math.min(1, sum);
}
