/**
 * Typed danfo DataFrames from rows read by the table schemas: the tables the notebooks analyse
 * (group summaries, `describe`, the per-server feature table of the clustering work) are
 * DataFrames built here, their dtypes taken from the schema instead of danfo's guess.
 *
 * danfo 1.1.2 under Deno, as measured here: its browser build (the package's `main`) imports and
 * runs (about 0.5 s to load); it pulls `@tensorflow/tfjs`, pure JavaScript with no native
 * `tfjs-node`, which with danfo's other dependencies (mathjs, xlsx, plotly) is most of its
 * install size. Its `readCSV` is not used: it types cells by guessing (papaparse's dynamic typing),
 * the defect the schema reader fixes, and it cannot tell `""` from an empty cell. Missing
 * numbers are NaN in a frame (danfo's missing value); missing strings and booleans stay null.
 *
 * @module
 */
import { DataFrame } from "danfojs";
import type { Row } from "../data/read_csv.ts";
import type { Column, TableSchema } from "../data/schema.ts";

/** Options of {@linkcode frame}. */
export interface FrameOptions {
  /** Columns to keep, in this order. Default: every column of the schema. */
  columns?: readonly string[];
}

/** danfo dtype of a schema column: numbers are float32 (a tag only: values stay JS doubles). */
export function danfoDtype(c: Column): "float32" | "boolean" | "string" {
  return c.type === "integer" || c.type === "number"
    ? "float32"
    : c.type === "boolean"
    ? "boolean"
    : "string";
}

/**
 * A DataFrame of schema-read rows, one dtype per column from the schema: versions and other
 * strings stay strings, numbers are numbers with NaN for unknown.
 *
 * @param rows Rows read by `readCsv` / `parseCsv` with the same schema.
 * @param schema The table's schema.
 * @throws {TypeError} If `columns` names a column the schema does not have, or is empty.
 * @example
 * ```ts
 * const df = frame(await readCsv("data/servers.csv"), SERVERS_SCHEMA, { columns: ["status", "tcp_rtt_ms"] });
 * df.dtypes; // ["string", "float32"]
 * ```
 */
export function frame(
  rows: readonly Row[],
  schema: TableSchema,
  options: FrameOptions = {},
): DataFrame {
  const names = options.columns ?? schema.columns.map((c) => c.name);
  if (!names.length) throw new TypeError("frame: no columns");
  const cols = names.map((n) => {
    const c = schema.columns.find((x) => x.name === n);
    if (!c) throw new TypeError(`frame: ${schema.table} has no column ${n}`);
    return c;
  });
  const numeric = cols.map((c) => danfoDtype(c) === "float32");
  const data = rows.map((r) =>
    cols.map((c, k) => (numeric[k] ? (r[c.name] ?? NaN) : (r[c.name] ?? null)))
  );
  return new DataFrame(data, { columns: [...names], dtypes: cols.map(danfoDtype) });
}
