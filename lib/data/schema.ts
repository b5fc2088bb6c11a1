/**
 * The typed schema of a derived CSV table: per column its name, type, unit, nullability, whether
 * an empty string is a value distinct from null, and what it means. One schema per table
 * (`lib/data/schemas/`) is used by the writer (`tableCsv` validates every row), by the reader
 * (`parseCsv` types every cell from it instead of guessing) and by `methodology.md` §4 (generated
 * from it and checked by a test).
 *
 * @module
 */
import type { Cell } from "./csv.ts";

/**
 * Column types.
 *
 * - `string`: text (server text is bounded and neutralised by the writer).
 * - `integer`, `number`: finite numbers; `integer` has no fraction.
 * - `boolean`: `true` / `false`.
 * - `version`: a version string such as `1.4.3` or `1.10`, read as a string (never a number, so
 *   `1.10` is not `1.1`).
 * - `timestamp`: UTC ISO 8601 (`2026-11-24T10:00:00.000Z`), read as a string.
 * - `enum`: one of the column's `values`.
 * - `list`: `;`-joined strings, read as the joined string.
 */
export type ColumnType =
  | "string"
  | "integer"
  | "number"
  | "boolean"
  | "version"
  | "timestamp"
  | "enum"
  | "list";

/** One column of a table. */
export interface Column {
  /** snake_case name, with the unit as suffix where it has one (`connect_ms`). */
  readonly name: string;
  readonly type: ColumnType;
  /** Unit of a number (`ms`, `blocks`, `BTC/kvB`, ...); absent when dimensionless or text. */
  readonly unit?: string;
  /** Whether the cell may be unknown (null, written as an empty cell). */
  readonly nullable: boolean;
  /**
   * Whether an empty string is a value distinct from null (string-like columns only): it is
   * written as `""` and read back as `""`. Default: false (an empty string is written as null).
   */
  readonly emptyString?: boolean;
  /** The allowed values of an `enum` column. */
  readonly values?: readonly string[];
  /** What the cell means (Markdown, one line; goes into `methodology.md` §4). */
  readonly description: string;
  /**
   * Why a column of this name also appears in another table (a join key, a different grain...).
   * Required for every name that appears in more than one table.
   */
  readonly repeats?: string;
  /** `table.column` holding the same value under another name, when there is one. */
  readonly sameAs?: string;
  /**
   * Whether the cell measures the run rather than the server (a time, a sample count the load
   * decides, the order of discovery): a rerun with the same parameters may change it, so
   * comparisons of two runs leave it out ({@linkcode volatileColumns}). Default: false.
   */
  readonly volatile?: boolean;
}

/** The schema of one table. */
export interface TableSchema<C extends readonly Column[] = readonly Column[]> {
  /** File name in the data directory (`servers.csv`). */
  readonly table: string;
  /** What one row is. */
  readonly grain: string;
  /** The one module that writes it. */
  readonly producer: string;
  /** Columns, in file order. */
  readonly columns: C;
}

/** The column names of a schema, as a union type. */
export type ColumnName<S extends TableSchema> = S["columns"][number]["name"];

/** A row a table's producer writes: every column of the schema, unknown as null. */
export type RowOf<S extends TableSchema> = Record<ColumnName<S>, Cell>;

/**
 * Declare a table schema, keeping the column names as literal types (for {@linkcode RowOf}).
 *
 * @throws {TypeError} If a column name repeats, an `enum` has no values, or `emptyString` is set on
 *   a column that is not string-like.
 * @example
 * ```ts
 * const S = defineTable({ table: "t.csv", grain: "one row per x", producer: "lib/x.ts",
 *   columns: [{ name: "n", type: "integer", nullable: false, description: "a count" }] });
 * ```
 */
export function defineTable<const C extends readonly Column[]>(
  schema: TableSchema<C>,
): TableSchema<C> {
  const seen = new Set<string>();
  for (const c of schema.columns) {
    if (seen.has(c.name)) {
      throw new TypeError(`${schema.table}: column ${c.name} is declared twice`);
    }
    seen.add(c.name);
    if (c.type === "enum" && !c.values?.length) {
      throw new TypeError(`${schema.table}: enum column ${c.name} has no values`);
    }
    if (c.emptyString && !STRING_LIKE.has(c.type)) {
      throw new TypeError(
        `${schema.table}: column ${c.name} of type ${c.type} cannot hold an empty string`,
      );
    }
  }
  return schema;
}

/** Types whose cells are strings. */
export const STRING_LIKE: ReadonlySet<ColumnType> = new Set([
  "string",
  "version",
  "timestamp",
  "enum",
  "list",
]);

/** The column names of a schema, in file order. */
export function columnNames<C extends readonly Column[]>(
  schema: TableSchema<C>,
): C[number]["name"][] {
  return schema.columns.map((c) => c.name);
}

/**
 * The columns of a schema marked `volatile`, in file order: what a rerun with the same parameters
 * may change.
 *
 * @example
 * ```ts
 * volatileColumns(SERVERS_SCHEMA); // ["proxy_ms", "tcp_rtt_ms", ...]
 * ```
 */
export function volatileColumns(schema: TableSchema): string[] {
  return schema.columns.filter((c) => c.volatile).map((c) => c.name);
}

/** UTC ISO 8601 with optional fraction; years outside 0000-9999 carry a sign (`toISOString`). */
export const TIMESTAMP = /^(\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * Why a value does not fit a column, or null when it fits. `undefined` counts as null.
 *
 * @example
 * ```ts
 * cellProblem({ name: "n", type: "integer", nullable: true, description: "" }, 1.5); // "not an integer: 1.5"
 * ```
 */
export function cellProblem(c: Column, v: Cell): string | null {
  if (v === null || v === undefined) {
    return c.nullable ? null : "null in a column that is never null";
  }
  // Without `emptyString` an empty string is written as an empty cell, which reads back as null.
  if (v === "" && !c.nullable && !c.emptyString) {
    return "empty string in a column that is never null (it would be written as unknown)";
  }
  switch (c.type) {
    case "integer":
      return Number.isSafeInteger(v) ? null : `not an integer: ${show(v)}`;
    case "number":
      return typeof v === "number" && Number.isFinite(v) ? null : `not a finite number: ${show(v)}`;
    case "boolean":
      return typeof v === "boolean" ? null : `not a boolean: ${show(v)}`;
    case "timestamp":
      return typeof v === "string" && TIMESTAMP.test(v)
        ? null
        : `not a UTC ISO 8601 time: ${show(v)}`;
    case "enum":
      return typeof v === "string" && c.values!.includes(v)
        ? null
        : `not one of ${c.values!.join("|")}: ${show(v)}`;
    default:
      return typeof v === "string" ? null : `not a string: ${show(v)}`;
  }
}

function show(v: unknown): string {
  return typeof v === "string"
    ? JSON.stringify(v.length > 80 ? v.slice(0, 80) + "…" : v)
    : String(v);
}

/**
 * Check a row against a schema: every column present (null allowed where nullable), no other
 * keys, every value of its column's type.
 *
 * @param index The row's position, for the message.
 * @throws {TypeError} Naming the table, row, column and value.
 */
export function validateRow(
  schema: TableSchema,
  row: Readonly<Record<string, Cell>>,
  index = 0,
): void {
  for (const k of Object.keys(row)) {
    if (!schema.columns.some((c) => c.name === k)) {
      throw new TypeError(`${schema.table} row ${index}: key ${k} is not a column of the schema`);
    }
  }
  for (const c of schema.columns) {
    const p = cellProblem(c, row[c.name]);
    if (p) throw new TypeError(`${schema.table} row ${index}, column ${c.name} (${c.type}): ${p}`);
  }
}
