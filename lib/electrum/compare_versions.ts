/**
 * Numeric comparison of dotted version strings, for protocol versions (`1.4.2`, `1.6`) and
 * software versions (`1.16.0`): missing parts count as 0.
 *
 * @module
 */

/**
 * Compare two dotted version strings numerically.
 *
 * @returns Negative when `a` is older, positive when newer, 0 when equal.
 * @example
 * ```ts
 * compareVersions("1.4.2", "1.6") < 0; // true
 * compareVersions("1.4", "1.4.0"); // 0
 * ```
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number), pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}
