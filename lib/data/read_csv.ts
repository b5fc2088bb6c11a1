/**
 * Reads the observatory's own CSV files back into rows (papaparse; danfo's `readCSV` does not work
 * under Deno): empty cells become null, numbers become numbers, and the formula guard that
 * `toCsv` added is removed again, so strings round-trip exactly.
 *
 * @module
 */
import Papa from "papaparse";
import { GUARDED } from "./csv.ts";

/** A row read back: strings, numbers, booleans or null. */
export type Row = Record<string, string | number | boolean | null>;

/** Parse CSV text into rows. */
export function parseCsv(text: string): Row[] {
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, dynamicTyping: false });
  return parsed.data.map((r) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(r)) out[k] = cellValue(v);
    return out;
  });
}

function cellValue(v: string | undefined): string | number | boolean | null {
  if (v === undefined || v === "") return null;
  if (GUARDED.test(v)) return v.slice(1);
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v)) return Number(v);
  if (v === "true") return true;
  if (v === "false") return false;
  return v;
}

/** Read a CSV file into rows. */
export async function readCsv(path: string): Promise<Row[]> {
  return parseCsv(await Deno.readTextFile(path));
}
