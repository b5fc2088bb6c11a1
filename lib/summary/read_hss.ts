/**
 * The one reader of `data/hss.csv` for the executive summary (the Honeypot Suspicion Score table
 * notebook 04 writes): one row per server with its score, tier and top evidence, and its operator
 * group with the group's tier. When the file is absent the summary says the score was not
 * measured. The column names are matched loosely (`top evidence` or `top_evidence`), since the
 * file is read without its schema here.
 *
 * @module
 */
import { csvRecords, decodeText } from "../data/read_csv.ts";

/** One server's suspicion, as the summary reads it. */
export interface HssRow {
  server: string;
  /** The score, or null when the cell is empty or not a number. */
  hss: number | null;
  /** `high`, `medium`, `benign` or whatever the table holds (lower-cased). */
  tier: string;
  /** The top evidence in words (server text: escape it). */
  evidence: string;
  /** Operator group, or null. */
  group: string | null;
  /** The group's tier, or null. */
  groupTier: string | null;
}

const key = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, "_");

/**
 * Parse the text of `hss.csv`.
 *
 * @param csv The file's text.
 * @returns Its rows.
 * @throws {TypeError} If the header has no `server`, `hss` or `tier` column (naming the header).
 * @example
 * ```ts
 * parseHss("server,hss,tier\na,0.9,high\n")[0].tier; // "high"
 * ```
 */
export function parseHss(csv: string): HssRow[] {
  const [header, ...records] = csvRecords(csv);
  const names = (header ?? []).map((f) => key(f.text));
  const at = (n: string) => names.indexOf(n);
  for (const required of ["server", "hss", "tier"]) {
    if (at(required) < 0) {
      throw new TypeError(
        `hss.csv: no ${required} column in its header (${names.join(",") || "empty"})`,
      );
    }
  }
  const cell = (r: { text: string }[], n: string) => {
    const i = at(n);
    const t = i < 0 || r[i] === undefined ? "" : decodeText(r[i].text);
    return t === "" ? null : t;
  };
  return records.filter((r) => r.length > 1 || r[0]?.text).map((r) => {
    const score = Number(cell(r, "hss"));
    return {
      server: cell(r, "server") ?? "",
      hss: cell(r, "hss") !== null && Number.isFinite(score) ? score : null,
      tier: (cell(r, "tier") ?? "").toLowerCase(),
      evidence: cell(r, "top_evidence") ?? cell(r, "evidence") ?? "",
      group: cell(r, "operator_group"),
      groupTier: cell(r, "group_tier")?.toLowerCase() ?? null,
    };
  });
}

/**
 * Read `<dir>/hss.csv`, or null when it is not there.
 *
 * @param dir The data folder.
 * @throws {TypeError} From {@linkcode parseHss} for a file without its key columns.
 */
export async function readHss(dir: string): Promise<HssRow[] | null> {
  try {
    return parseHss(await Deno.readTextFile(`${dir}/hss.csv`));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}
