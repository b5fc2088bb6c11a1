/**
 * Derived rows as a reader of their CSV file would see them, without writing and parsing the
 * file: what `parseCsv(tableCsv(rows, schema), schema)` returns, computed from the rows in memory.
 *
 * @module
 */
import type { Cell } from "./csv.ts";
import type { Row } from "./read_csv.ts";
import type { TableSchema } from "./schema.ts";

/**
 * The rows as `readCsv` reads them back once `tableCsv` has written them: every schema column
 * present, in schema order; a missing value, `undefined` or a non-finite number is null; an empty
 * string is null unless the column keeps the empty string (`emptyString`); `-0` is `0`. Strings,
 * numbers and booleans are otherwise unchanged (the writer's escapes and formula guard round-trip).
 * The rows are not validated here: `tableCsv` validates them when they are written.
 *
 * @param rows Rows as a derivation returns them.
 * @param schema Their table's schema.
 * @returns New row objects; the input is not changed.
 * @example
 * ```ts
 * asRead([{ server: "a", banner: "" }], SERVERS_SCHEMA)[0].banner; // null
 * ```
 */
export function asRead(
  rows: readonly Readonly<Record<string, Cell>>[],
  schema: TableSchema,
): Row[] {
  return rows.map((r) => {
    const out: Row = {};
    for (const c of schema.columns) {
      const v = r[c.name];
      out[c.name] = v === undefined || v === null
        ? null
        : typeof v === "number"
        ? (Number.isFinite(v) ? (v === 0 ? 0 : v) : null)
        : v === ""
        ? (c.emptyString ? "" : null)
        : v;
    }
    return out;
  });
}
