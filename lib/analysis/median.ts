/**
 * The median of a list of numbers: the one definition used by the tables (latency columns), the
 * analysis and the benchmarks.
 *
 * @module
 */

/**
 * Median of numbers (the mean of the two middle values for an even count), or null for none.
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * median([4, 1, 2, 3]); // 2.5
 * median([]); // null
 * ```
 */
export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
