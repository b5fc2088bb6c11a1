/**
 * Table rows for display: shares as percentages with one decimal, the internal `key` column
 * of share tables dropped, long fingerprints shortened. Numbers stay numbers elsewhere.
 *
 * @module
 */

const SHARE_COLUMNS = new Set(["share", "cumulative_share", "largest_share"]);

/**
 * Rows ready for `showTable`: `share`, `cumulative_share` and `largest_share` become
 * percentage text (`"26.8%"`), `gini` two decimals, the `key` column of share tables is
 * dropped, arrays are joined with `, `, and `sha256` values are cut to 16 hex digits.
 *
 * @param rows Any rows.
 * @param options `limit`: most rows kept (default: all).
 * @returns New rows; the input is not changed.
 * @example
 * ```ts
 * displayRows([{ key: "A", label: "A", count: 2, share: 0.5, cumulative_share: 0.5 }]);
 * // [{ label: "A", count: 2, share: "50.0%", cumulative_share: "50.0%" }]
 * ```
 */
export function displayRows(
  rows: readonly object[],
  options: { limit?: number } = {},
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const r of rows.slice(0, options.limit ?? rows.length)) {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) {
      if (k === "key") continue;
      if (SHARE_COLUMNS.has(k) && typeof v === "number") o[k] = `${(v * 100).toFixed(1)}%`;
      else if ((k === "gini" || k === "normalized") && typeof v === "number") o[k] = v.toFixed(2);
      else if (k === "sha256" && typeof v === "string") o[k] = `${v.slice(0, 16)}…`;
      else if (Array.isArray(v)) o[k] = v.join(", ");
      else o[k] = v;
    }
    out.push(o);
  }
  return out;
}
