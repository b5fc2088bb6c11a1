/**
 * The writer of the derived tables: rows are checked against their table's schema, then rendered
 * by `csvCell` (spreadsheet-safe, control characters escaped). An empty string in a column whose
 * schema keeps it distinct from null is written as `""`; null is an empty cell.
 *
 * @module
 */
import { type Cell, csvCell } from "./csv.ts";
import { type Column, type TableSchema, validateRow } from "./schema.ts";

/** The CSV text of one cell of a column. */
export function columnCell(c: Column, v: Cell): string {
  if (v === "") return c.emptyString ? '""' : "";
  return csvCell(v);
}

/**
 * Render rows as CSV in the schema's column order, after validating each row.
 *
 * @throws {TypeError} If a row lacks a value in a column that is never null, has a key the schema
 *   does not know, or holds a value of the wrong type (the message names the table, row, column and value).
 * @example
 * ```ts
 * await writeFileAtomic(`${dir}/servers.csv`, tableCsv(deriveServers(records, "lab"), SERVERS_SCHEMA));
 * ```
 */
export function tableCsv(
  rows: readonly Readonly<Record<string, Cell>>[],
  schema: TableSchema,
): string {
  const lines = [schema.columns.map((c) => csvCell(c.name)).join(",")];
  rows.forEach((r, i) => {
    validateRow(schema, r, i);
    lines.push(schema.columns.map((c) => columnCell(c, r[c.name])).join(","));
  });
  return lines.join("\n") + "\n";
}
