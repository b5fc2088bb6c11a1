/**
 * CSV output (RFC 4180) that is safe to open in a spreadsheet. Every cell is untrusted text:
 *
 * - A string cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
 *   a single quote `'` and quoted, following OWASP's CSV-injection guidance, so no spreadsheet
 *   evaluates it as a formula. Numbers are written as numbers and never prefixed.
 * - Other control characters (C0 except tab and newline, and DEL) are written as `\xNN` text, so an
 *   ANSI escape cannot act on a terminal that prints the file. A backslash that would read as such
 *   an escape (followed by `x` and two hex digits) is itself written as `\x5c`, so `readCsv`
 *   decodes every `\xNN` and strings round-trip.
 * - Fields with a comma, quote, newline or a leading/trailing space are quoted; quotes doubled.
 *
 * The raw records keep the exact bytes; only the derived CSVs are neutralised.
 *
 * @module
 */

/** A cell value: unknown is null or undefined (an empty cell), never 0. */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell that carries the guard quote (or started with quotes before a formula character). */
export const GUARDED = /^'+[=+\-@\t\r]/;
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\\(?=x[0-9a-fA-F]{2})/g;

/**
 * Render one cell.
 *
 * @example
 * ```ts
 * csvCell("=HYPERLINK(\"x\")"); // "\"'=HYPERLINK(\"\"x\"\")\""
 * csvCell(-1); // "-1"
 * ```
 */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  let s = v.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  let quote = /[",\n\r]|^ | $/.test(s);
  // A string already starting with quote(s) before a formula character gets one more, so that
  // readCsv can remove exactly one and round-trip every string.
  if (FORMULA_START.test(s) || GUARDED.test(s)) {
    s = "'" + s;
    quote = true;
  }
  return quote ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Render rows as CSV with a header, in the given column order.
 *
 * @throws {TypeError} If `columns` is empty or has duplicates.
 */
export function toCsv(rows: readonly Record<string, Cell>[], columns: readonly string[]): string {
  if (!columns.length || new Set(columns).size !== columns.length) {
    throw new TypeError(`CSV columns must be non-empty and unique: ${columns.join(",")}`);
  }
  const lines = [columns.map(csvCell).join(",")];
  for (const r of rows) lines.push(columns.map((c) => csvCell(r[c])).join(","));
  return lines.join("\n") + "\n";
}
