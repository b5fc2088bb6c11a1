/**
 * The one reader of `data/hss.csv` for the executive summary and the scan comparison (the
 * Honeypot Suspicion Score table the pipeline writes and notebook 04 shows): one row per server
 * with its score, tier, indicators and top evidence, and its operator group with the group's
 * tier, typed by the table's schema (`lib/data/schemas/hss.ts`). When the file is absent the
 * summary says the score was not measured.
 *
 * @module
 */
import { parseCsv } from "../data/read_csv.ts";
import { HSS_SCHEMA } from "../data/schemas/hss.ts";
import { pathExists } from "../records/path_exists.ts";
import type { Tier } from "../suspect/score_servers.ts";

/** One server's suspicion, as the summary reads it. */
export interface HssRow {
  server: string;
  /** The score, 0-100. */
  hss: number;
  tier: Tier;
  /** The indicators hit that carry weight, heaviest first. */
  indicators: string[];
  /** The top evidence in words (server text: escape it). */
  evidence: string;
  /** Operator group, or null. */
  group: string | null;
  /** The group's tier, or null when in no group. */
  groupTier: Tier | null;
}

/**
 * Parse the text of `hss.csv` with its schema.
 *
 * @param csv The file's text.
 * @param options.earlierSchema Written by an earlier version of the schema (an archived scan):
 *   see `parseCsv`. Default: false.
 * @returns Its rows.
 * @throws {TypeError} If the header is not the schema's or a cell does not fit its column (from
 *   `parseCsv`, naming the line and column).
 * @example
 * ```ts
 * parseHss(await Deno.readTextFile("data/hss.csv"))[0].tier; // "high"
 * ```
 */
export function parseHss(csv: string, options: { earlierSchema?: boolean } = {}): HssRow[] {
  return parseCsv(csv, HSS_SCHEMA, options).map((r) => ({
    server: String(r.server),
    hss: Number(r.hss),
    tier: r.tier as Tier,
    indicators: typeof r.indicators === "string" && r.indicators !== ""
      ? r.indicators.split(";")
      : [],
    evidence: String(r.top_evidence),
    group: typeof r.operator_group === "string" ? r.operator_group : null,
    groupTier: typeof r.group_tier === "string" ? r.group_tier as Tier : null,
  }));
}

/**
 * Read `<dir>/hss.csv`, or null when it is not there.
 *
 * @param dir The data folder.
 * @throws {TypeError} From {@linkcode parseHss} for a file that does not fit the schema.
 */
export async function readHss(dir: string): Promise<HssRow[] | null> {
  const path = `${dir}/${HSS_SCHEMA.table}`;
  return await pathExists(path) ? parseHss(await Deno.readTextFile(path)) : null;
}
