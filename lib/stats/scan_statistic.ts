/**
 * The scan statistic of a tight run among events spread uniformly over a span: how unlikely it
 * is that some window of a given length holds k of n independent events.
 *
 * @module
 */
import { binomialTail } from "./binomial_tail.ts";

/**
 * An upper bound on the chance that some window of length `window` holds `k` of `n` events
 * placed independently and uniformly over `span`: a union bound over the run's first event (the
 * other k - 1 fall within `window` after it),
 *
 * p = n · P(Binomial(n - 1, window / span) >= k - 1), at most 1,
 *
 * with window / span taken as 1 when `span` is 0 or shorter than the window.
 *
 * @param n Events in all.
 * @param k Events in the run.
 * @param window The run's length (plus the resolution of the times), in the unit of `span`.
 * @param span The length the events are spread over.
 * @returns The bound, 0..1.
 *
 * @example
 * ```ts
 * // 12 of 100 certificates within an hour (plus 1 s), issued over 700 days
 * scanStatistic(100, 12, 3_601_000, 700 * 86_400_000); // about 4e-31
 * ```
 */
export function scanStatistic(n: number, k: number, window: number, span: number): number {
  const w = span > 0 ? Math.min(1, window / span) : 1;
  return Math.min(1, n * binomialTail(n - 1, w, k - 1));
}
