/**
 * Reads the observatory's own CSV files back into rows, typed by the table's schema (not guessed
 * from the cell's text): versions and other strings stay strings (`1.10` is not `1.1`), integers
 * and numbers become numbers, booleans booleans, an empty cell null and a quoted empty cell `""`
 * (in columns whose schema keeps the empty string distinct). The formula guard `toCsv` added is
 * removed and the `\xNN` escapes it wrote are decoded, so strings round-trip exactly.
 *
 * The parser is our own small RFC 4180 reader because it must tell a quoted empty field from an
 * empty one, which papaparse (and danfo's `readCSV`, built on it) does not report.
 *
 * @module
 */
import { GUARDED } from "./csv.ts";
import type { Column, TableSchema } from "./schema.ts";
import { cellProblem } from "./schema.ts";
import { schemaForFile } from "./schemas/mod.ts";

/** A row read back: strings, numbers, booleans or null. */
export type Row = Record<string, string | number | boolean | null>;

/** One field as written: its text and whether it was quoted. */
export interface Field {
  text: string;
  quoted: boolean;
}

/**
 * Split CSV text into records of fields (RFC 4180: `,` separates, `"` quotes, `""` is a quote
 * inside quotes, records end at `\n` or `\r\n` outside quotes). A final empty line is dropped.
 *
 * @throws {SyntaxError} On a quote left open at the end of the text or text after a closing quote.
 */
export function csvRecords(text: string): Field[][] {
  const out: Field[][] = [];
  let record: Field[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return out;
  while (true) {
    let field: Field;
    if (text[i] === '"') {
      let s = "";
      let j = i + 1;
      while (true) {
        const q = text.indexOf('"', j);
        if (q < 0) throw new SyntaxError(`CSV: quote opened at offset ${i} is never closed`);
        s += text.slice(j, q);
        if (text[q + 1] === '"') {
          s += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      if (
        i < n && text[i] !== "," && text[i] !== "\n" && !(text[i] === "\r" && text[i + 1] === "\n")
      ) {
        throw new SyntaxError(`CSV: text after a closing quote at offset ${i}`);
      }
      field = { text: s, quoted: true };
    } else {
      let j = i;
      while (
        j < n && text[j] !== "," && text[j] !== "\n" && !(text[j] === "\r" && text[j + 1] === "\n")
      ) j++;
      field = { text: text.slice(i, j), quoted: false };
      i = j;
    }
    record.push(field);
    if (i >= n) {
      out.push(record);
      break;
    }
    if (text[i] === ",") {
      i++;
      continue;
    }
    i += text[i] === "\r" ? 2 : 1;
    out.push(record);
    record = [];
    if (i >= n) break;
  }
  return out;
}

const ESCAPE = /\\x([0-9a-fA-F]{2})/g;

/** The string a written string cell stood for: guard removed, `\xNN` escapes decoded. */
export function decodeText(cell: string): string {
  const unguarded = GUARDED.test(cell) ? cell.slice(1) : cell;
  return unguarded.replace(ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * The value of one field in a column.
 *
 * @throws {TypeError} If the text does not fit the column's type.
 */
export function fieldValue(c: Column, f: Field): string | number | boolean | null {
  if (f.text === "") return f.quoted && c.emptyString ? "" : null;
  let v: string | number | boolean;
  switch (c.type) {
    case "integer":
    case "number":
      v = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(f.text) ? Number(f.text) : NaN;
      break;
    case "boolean":
      v = f.text === "true" ? true : f.text === "false" ? false : f.text;
      break;
    default:
      v = decodeText(f.text);
  }
  const problem = cellProblem(c, v);
  if (problem) {
    throw new TypeError(
      `column ${c.name}: ${problem} (cell ${JSON.stringify(f.text.slice(0, 80))})`,
    );
  }
  return v;
}

/**
 * Parse the CSV text of a table into rows typed by its schema.
 *
 * @param options.earlierSchema The text was written by an earlier version of the schema (an
 *   archived scan): a column the schema has gained since (absent from the header) reads as null and
 *   a column it has lost is dropped; each remaining column is still checked. Default: false (the
 *   header must be the schema's columns in order).
 * @throws {TypeError} If the header is not the schema's columns in order, a record has the wrong
 *   number of fields, or a cell does not fit its column (the message names the line and column).
 * @example
 * ```ts
 * parseCsv("protocol\n1.10\n", SERVERS_SCHEMA)  // throws: the header is not servers.csv's
 * ```
 */
export function parseCsv(
  text: string,
  schema: TableSchema,
  options: { earlierSchema?: boolean } = {},
): Row[] {
  const [header, ...records] = csvRecords(text);
  const names = schema.columns.map((c) => c.name);
  const got = (header ?? []).map((f) => f.text);
  if (options.earlierSchema) return parseEarlier(schema, got, records);
  if (got.join(",") !== names.join(",")) {
    const missing = names.filter((n) => !got.includes(n));
    const extra = got.filter((n) => !names.includes(n));
    throw new TypeError(
      `${schema.table}: header does not match the schema (missing: ${
        missing.join(",") || "none"
      }; ` +
        `not in the schema: ${extra.join(",") || "none"}${
          missing.length + extra.length ? "" : "; order differs"
        })`,
    );
  }
  return records.map((rec, i) => {
    if (rec.length !== names.length) {
      throw new TypeError(
        `${schema.table} line ${i + 2}: ${rec.length} fields, expected ${names.length}`,
      );
    }
    const row: Row = {};
    schema.columns.forEach((c, k) => {
      try {
        row[c.name] = fieldValue(c, rec[k]);
      } catch (err) {
        throw new TypeError(`${schema.table} line ${i + 2}, ${(err as Error).message}`);
      }
    });
    return row;
  });
}

/** {@linkcode parseCsv} of a table an earlier schema wrote: columns matched by name. */
function parseEarlier(schema: TableSchema, got: string[], records: Field[][]): Row[] {
  if (new Set(got).size !== got.length) {
    throw new TypeError(`${schema.table}: a column is named twice in the header`);
  }
  const at = schema.columns.map((c) => got.indexOf(c.name));
  if (!at.some((k) => k >= 0)) {
    throw new TypeError(`${schema.table}: no column of the schema in the header`);
  }
  return records.map((rec, i) => {
    if (rec.length !== got.length) {
      throw new TypeError(
        `${schema.table} line ${i + 2}: ${rec.length} fields, expected ${got.length}`,
      );
    }
    const row: Row = {};
    schema.columns.forEach((c, k) => {
      try {
        row[c.name] = at[k] < 0 ? null : fieldValue(c, rec[at[k]]);
      } catch (err) {
        throw new TypeError(`${schema.table} line ${i + 2}, ${(err as Error).message}`);
      }
    });
    return row;
  });
}

/**
 * Read a table's CSV file into typed rows.
 *
 * @param schema The table's schema. Default: the schema of the file's name (`servers.csv`, ...).
 * @throws {TypeError} If no schema is given and the file name is not a known table.
 */
export async function readCsv(path: string, schema?: TableSchema): Promise<Row[]> {
  const s = schema ?? schemaForFile(path);
  return parseCsv(await Deno.readTextFile(path), s);
}
