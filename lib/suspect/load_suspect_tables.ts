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

/**
 * Load `servers.csv`, `fingerprints.csv`, `tls.csv`, `geo.csv`, `peers.csv`, `features.csv`,
 * `clusters.csv` and `manifest.json` from `dir`.
 *
 * @param dir The data directory.
 * @param options `manifest`: the manifest's path. Default: `<dir>/manifest.json`.
 * @throws {Error} When a table is missing or does not fit its schema (the reader's message).
 * @example
 * ```ts
 * const { tables, manifest } = await loadSuspectTables("data");
 * ```
 */
export async function loadSuspectTables(
  dir: string,
  options: { manifest?: string } = {},
): Promise<SuspectData> {
  const names = ["servers", "fingerprints", "tls", "geo", "peers", "features", "clusters"] as const;
  const rows = await Promise.all(names.map((n) => readCsv(`${dir}/${n}.csv`)));
  const tables = Object.fromEntries(names.map((n, i) => [n, rows[i]])) as unknown as SuspectTables;
  const manifest = JSON.parse(await Deno.readTextFile(options.manifest ?? `${dir}/manifest.json`));
  return { tables, manifest };
}
