/**
 * Group summaries over a danfo DataFrame: rows per group, their share, and the median and
 * missing count of numeric measures per group.
 *
 * Grouping is danfo's `groupby`; the per-group numbers are computed with danfo `Series`
 * reductions, not `groupby().agg()`, because in danfo 1.1.2 `agg` propagates NaN (one unknown
 * value makes the group's mean and median NaN) and has no `median` for numbers, while `Series`
 * reductions skip NaN. A null group key would become `""` in danfo's groups, so unknown keys are
 * labelled `(unknown)` first.
 *
 * @module
 */
import { DataFrame, type Series } from "danfojs";

/** Label of the group of rows whose key is unknown. */
export const UNKNOWN_GROUP = "(unknown)";

/** Options of {@linkcode groupSummary}. */
export interface GroupSummaryOptions {
  /** Numeric columns summarised per group by their median (column `<name>_median`). Default: none. */
  measures?: readonly string[];
}

/**
 * One row per value of `by`: `rows` (count), `share` (of all rows, 0-1), and per measure the
 * median over known values (null when none) and `<name>_missing`. Sorted by count, largest first,
 * then known keys before {@linkcode UNKNOWN_GROUP}, then by key.
 *
 * @throws {TypeError} If `by` or a measure is not a column of the frame.
 * @example
 * ```ts
 * groupSummary(frame(servers, SERVERS_SCHEMA), "status", { measures: ["tcp_rtt_ms"] });
 * // DataFrame: status | rows | share | tcp_rtt_ms_median | tcp_rtt_ms_missing
 * ```
 */
export function groupSummary(
  df: DataFrame,
  by: string,
  options: GroupSummaryOptions = {},
): DataFrame {
  const measures = options.measures ?? [];
  for (const c of [by, ...measures]) {
    if (!df.columns.includes(c)) {
      throw new TypeError(`groupSummary: no column ${c} (have ${df.columns.join(", ")})`);
    }
  }
  const columns = [
    by,
    "rows",
    "share",
    ...measures.flatMap((m) => [`${m}_median`, `${m}_missing`]),
  ];
  const total = df.shape[0];
  if (total === 0) return new DataFrame([], { columns });
  const keyed = df.copy();
  const keys = (keyed.column(by).values as unknown[]).map((
    v,
  ) => (v === null || v === undefined || v === "" ? UNKNOWN_GROUP : String(v)));
  keyed.addColumn(by, keys, { inplace: true });
  const groups = keyed.groupby([by]);
  const rows = [...new Set(keys)].map((key) => {
    const g = groups.getGroup([key]) as DataFrame;
    const n = g.shape[0];
    const stats = measures.flatMap((m) => {
      const s = g.column(m) as Series;
      const known = s.count();
      return [known ? s.median() : null, n - known];
    });
    return [key, n, n / total, ...stats];
  }).sort((a, b) =>
    (b[1] as number) - (a[1] as number) ||
    Number(a[0] === UNKNOWN_GROUP) - Number(b[0] === UNKNOWN_GROUP) ||
    String(a[0]).localeCompare(String(b[0]))
  );
  return new DataFrame(rows, { columns });
}
