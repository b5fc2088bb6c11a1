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
 * @param rows Any rows, or a danfo DataFrame (its numbers rounded to 3 decimals, NaN as
 *   unknown).
 * @param options `limit`: most rows kept (default: all).
 * @returns New rows; the input is not changed.
 * @example
 * ```ts
 * displayRows([{ key: "A", label: "A", count: 2, share: 0.5, cumulative_share: 0.5 }]);
 * // [{ label: "A", count: 2, share: "50.0%", cumulative_share: "50.0%" }]
 * ```
 */
export function displayRows(
  rows: readonly object[] | FrameLike,
  options: { limit?: number } = {},
): Record<string, unknown>[] {
  const list = Array.isArray(rows) ? rows : frameRows(rows as FrameLike);
  const out: Record<string, unknown>[] = [];
  for (const r of list.slice(0, options.limit ?? list.length)) {
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

/** The part of a danfo DataFrame that {@linkcode displayRows} reads. */
export interface FrameLike {
  columns: string[];
  values: unknown;
}

function frameRows(df: FrameLike): Record<string, unknown>[] {
  return (df.values as unknown[][]).map((r) =>
    Object.fromEntries(df.columns.map((c, i) => {
      const v = r[i];
      if (typeof v !== "number") return [c, v ?? null];
      return [c, Number.isNaN(v) ? null : Number.isInteger(v) ? v : Math.round(v * 1000) / 1000];
    }))
  );
}
