/**
 * `describe` for a danfo DataFrame with unknown values: one row per numeric column with count,
 * missing, mean, std, min, median and max over the known values.
 *
 * danfo 1.1.2's own `DataFrame.describe()` throws on null and returns NaN for mean, std and
 * median when a column has any NaN (only its count skips them); its `Series` reductions skip NaN,
 * so they compute each statistic here. Columns are rows (transposed from danfo's layout) so a
 * wide table stays readable.
 *
 * @module
 */
import { DataFrame, type Series } from "danfojs";

/** Columns of {@linkcode describeFrame}'s result. */
export const DESCRIBE_COLUMNS = [
  "column",
  "count",
  "missing",
  "mean",
  "std",
  "min",
  "median",
  "max",
] as const;

/**
 * Describe the numeric (`float32`/`int32`) columns of a frame.
 *
 * @param columns Columns to describe. Default: every numeric column.
 * @throws {TypeError} If a named column is missing or not numeric.
 * @example
 * ```ts
 * describeFrame(frame(servers, SERVERS_SCHEMA), ["tip_lag_blocks", "tcp_rtt_ms"]);
 * ```
 */
export function describeFrame(df: DataFrame, columns?: readonly string[]): DataFrame {
  const numeric = df.columns.filter((_, i) =>
    df.dtypes[i] === "float32" || df.dtypes[i] === "int32"
  );
  const names = columns ?? numeric;
  for (const c of names) {
    if (!numeric.includes(c)) {
      throw new TypeError(`describeFrame: ${c} is not a numeric column of the frame`);
    }
  }
  const rows = names.map((c) => {
    const s = df.column(c) as Series;
    const n = s.count();
    if (n === 0) return [c, 0, df.shape[0], null, null, null, null, null];
    return [c, n, df.shape[0] - n, s.mean(), n > 1 ? s.std() : null, s.min(), s.median(), s.max()];
  });
  return new DataFrame(rows, { columns: [...DESCRIBE_COLUMNS] });
}
