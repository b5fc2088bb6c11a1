/**
 * Row selection on a danfo DataFrame by a column's value (danfo's `query` with an `eq` mask;
 * danfo 1.1.2's types accept only numbers in `Series.eq`, though it compares strings too).
 *
 * @module
 */
import type { DataFrame } from "danfojs";

/**
 * The rows of `df` whose `column` equals `value` (a new frame; the input is not changed).
 *
 * @throws {TypeError} If `column` is not a column of the frame.
 * @example
 * ```ts
 * const answered = rowsWhere(frame(servers, SERVERS_SCHEMA), "status", "success");
 * ```
 */
export function rowsWhere(
  df: DataFrame,
  column: string,
  value: string | number | boolean,
): DataFrame {
  if (!df.columns.includes(column)) {
    throw new TypeError(`rowsWhere: no column ${column} (have ${df.columns.join(", ")})`);
  }
  return df.query(df.column(column).eq(value as number));
}
