/**
 * The one reader of the privacy experiment's tables for the executive summary (notebook 05
 * writes them): `data/privacy_risks.csv` (risk, measure, value, meaning) and, when present,
 * `data/privacy_recommendations.csv` (recommendation, effect, cost). When the risk table is
 * absent the summary says the privacy risks were not measured. Read without a schema; column
 * names are matched loosely (`what it means` or `meaning`).
 *
 * @module
 */
import { csvRecords, decodeText } from "../data/read_csv.ts";

/** The privacy tables, as rows of text (server-free: written by the experiment). */
export interface PrivacyTables {
  risks: Record<string, string>[];
  recommendations: Record<string, string>[] | null;
}

/** File names of the privacy tables in the data folder. */
export const PRIVACY_FILES = {
  risks: "privacy_risks.csv",
  recommendations: "privacy_recommendations.csv",
} as const;

/**
 * Rows of a CSV as records of decoded text, keys snake_cased (`what it means` -> `what_it_means`).
 *
 * @example
 * ```ts
 * textRows("risk,value\nxpub leakage,0.4\n"); // [{ risk: "xpub leakage", value: "0.4" }]
 * ```
 */
export function textRows(csv: string): Record<string, string>[] {
  const [header, ...records] = csvRecords(csv);
  const names = (header ?? []).map((f) => f.text.trim().toLowerCase().replace(/[\s-]+/g, "_"));
  return records.filter((r) => r.length > 1 || r[0]?.text).map((r) =>
    Object.fromEntries(names.map((n, i) => [n, r[i] ? decodeText(r[i].text) : ""]))
  );
}

async function maybeRead(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/**
 * Read the privacy tables from `dir`, or null when the risk table is not there.
 *
 * @param dir The data folder.
 */
export async function readPrivacy(dir: string): Promise<PrivacyTables | null> {
  const risks = await maybeRead(`${dir}/${PRIVACY_FILES.risks}`);
  if (risks === null) return null;
  const recs = await maybeRead(`${dir}/${PRIVACY_FILES.recommendations}`);
  return { risks: textRows(risks), recommendations: recs === null ? null : textRows(recs) };
}
