/**
 * Reads the tables the suspicion score needs from a data directory, through their schemas.
 *
 * @module
 */
import { readCsv } from "../data/read_csv.ts";
import type { SuspectTables } from "./suspect_context.ts";
import type { FeedManifest } from "./risk_feed.ts";

/** The tables and manifest of a data directory. */
export interface SuspectData {
  readonly tables: SuspectTables;
  /** `manifest.json` (its provenance fields typed; the rest as read). */
  // deno-lint-ignore no-explicit-any
  readonly manifest: FeedManifest & Record<string, any>;
}

/** The tables of {@linkcode SuspectTables}, each read from `<name>.csv`. */
const TABLES = ["servers", "fingerprints", "tls", "geo", "peers", "features", "clusters"] as const;

/**
 * Read `servers.csv`, `fingerprints.csv`, `tls.csv`, `geo.csv`, `peers.csv`, `features.csv` and
 * `clusters.csv` from `dir`, each through its schema.
 *
 * @param dir The data directory.
 * @throws {Error} When a table is missing or does not fit its schema (the reader's message).
 * @example
 * ```ts
 * const tables = await readSuspectTables("data");
 * ```
 */
export async function readSuspectTables(dir: string): Promise<SuspectTables> {
  const rows = await Promise.all(TABLES.map((n) => readCsv(`${dir}/${n}.csv`)));
  return Object.fromEntries(TABLES.map((n, i) => [n, rows[i]])) as unknown as SuspectTables;
}

/**
 * Load the tables of {@linkcode readSuspectTables} and `manifest.json` from `dir`.
 *
 * @param dir The data directory.
 * @throws {Error} When a table is missing or does not fit its schema (the reader's message).
 * @example
 * ```ts
 * const { tables, manifest } = await loadSuspectTables("data");
 * ```
 */
export async function loadSuspectTables(dir: string): Promise<SuspectData> {
  const tables = await readSuspectTables(dir);
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  return { tables, manifest };
}
