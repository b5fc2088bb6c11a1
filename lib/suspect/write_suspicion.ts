/**
 * The pipeline's step for the suspicion score: scores the derived tables of a folder (read back
 * from it, unless the caller passes the rows it holds) and writes `hss.csv` there, and, given the
 * scan's manifest (its provenance), `risk-feed.json` and `risk-feed.schema.json`; the feed is
 * validated against its schema before it is written.
 *
 * @module
 */
import { writeFileAtomic } from "../data/atomic_write.ts";
import { tableCsv } from "../data/table_csv.ts";
import { HSS_SCHEMA } from "../data/schemas/hss.ts";
import type { SuspectTables } from "./suspect_context.ts";
import { deriveHss } from "./derive_hss.ts";
import { readSuspectTables } from "./load_suspect_tables.ts";
import { vantageOf } from "./vantage_of.ts";
import { RISK_FEED_SCHEMA, riskFeed } from "./risk_feed.ts";
import { Ajv } from "ajv";

/** Paths {@linkcode writeSuspicion} wrote (feed paths null without a manifest). */
export interface SuspicionFiles {
  readonly hss: string;
  readonly riskFeed: string | null;
  readonly riskFeedSchema: string | null;
}

/** Options of {@linkcode writeSuspicion}. */
export interface WriteSuspicionOptions {
  /** The tables as a reader of `dir` would see them, when the caller holds them in memory (the
   * pipeline has just derived them: `asRead` of its rows). Default: read from `dir` through
   * their schemas (`readSuspectTables`). */
  tables?: SuspectTables;
}

/**
 * Score the servers of the tables in `dir` and write the score's files there.
 *
 * @param dir Folder holding the derived tables.
 * @param manifestPath The scan's manifest, or null to write `hss.csv` alone.
 * @param options See {@linkcode WriteSuspicionOptions}.
 * @throws {Error} When a table is missing or does not fit its schema, or the feed does not
 *   validate against `RISK_FEED_SCHEMA` (a bug: nothing is written then but `hss.csv`).
 * @example
 * ```ts
 * await writeSuspicion(`${scanDir}/derived`, `${scanDir}/manifest.json`);
 * ```
 */
export async function writeSuspicion(
  dir: string,
  manifestPath: string | null,
  options: WriteSuspicionOptions = {},
): Promise<SuspicionFiles> {
  const tables = options.tables ?? await readSuspectTables(dir);
  const manifest = manifestPath === null ? null : JSON.parse(await Deno.readTextFile(manifestPath));
  // The vantage's coordinates, when the scan knew them, let the geolocation be judged.
  const derived = deriveHss(tables, { behaviour: { vantage: vantageOf(manifest) } });
  const hss = `${dir}/hss.csv`;
  await writeFileAtomic(hss, tableCsv(derived.rows, HSS_SCHEMA));
  if (manifest === null) return { hss, riskFeed: null, riskFeedSchema: null };
  const feed = `${dir}/risk-feed.json`, schema = `${dir}/risk-feed.schema.json`;
  const content = riskFeed(derived, manifest);
  const validate = new Ajv({ strict: true, allErrors: true }).compile(RISK_FEED_SCHEMA);
  if (!validate(content)) {
    throw new Error(
      `risk feed does not fit its schema: ${JSON.stringify(validate.errors?.slice(0, 3))}`,
    );
  }
  await writeFileAtomic(feed, JSON.stringify(content, null, 1) + "\n");
  await writeFileAtomic(schema, JSON.stringify(RISK_FEED_SCHEMA, null, 2) + "\n");
  return { hss, riskFeed: feed, riskFeedSchema: schema };
}
