/**
 * Reads what the network overview needs from `data/`: the manifest, `servers.csv`,
 * `geo.csv`, and `tls.csv` when the collector has written it. Reading only; the notebook
 * never touches the network.
 *
 * @module
 */
import { dataDir as defaultDataDir } from "../data/paths.ts";
import { readCsv, type Row } from "../data/read_csv.ts";
import { type RunLabel, runLabel } from "./run_label.ts";
import { serverPopulation, type ServerView } from "./server_population.ts";
import { pathExists } from "../records/path_exists.ts";

/** Everything the overview reads. */
export interface OverviewData {
  // deno-lint-ignore no-explicit-any
  manifest: Record<string, any>;
  label: RunLabel;
  servers: Row[];
  geo: Row[];
  population: ServerView[];
  /** The servers that answered (a subset of `population`). */
  reachable: ServerView[];
  /** Rows of `tls.csv`, or null when the file is absent. */
  tls: Row[] | null;
  /** Why `tls` is null (a sentence for the notebook), else null. */
  tlsMessage: string | null;
  /** The scan's time, for judging certificate expiry. */
  scanTime: Date;
}

/**
 * Load the overview's inputs.
 *
 * @param dir Data directory. Default: `dataDir()` (`OBS_DATA_DIR` or `<project>/data`).
 * @returns The tables, the run label and the joined population.
 * @throws {Error} If `manifest.json`, `servers.csv` or `geo.csv` is missing (the message says
 *   to run the collecting notebook first).
 * @example
 * ```ts
 * const d = await loadOverviewData();
 * d.label.isLab; // true for a lab run
 * ```
 */
export async function loadOverviewData(dir: string = defaultDataDir()): Promise<OverviewData> {
  for (const f of ["manifest.json", "servers.csv", "geo.csv"]) {
    if (!(await pathExists(`${dir}/${f}`))) {
      throw new Error(
        `${dir}/${f} is missing: run notebooks/01_collect.ipynb (or deno task collect) first`,
      );
    }
  }
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  const [servers, geo] = await Promise.all([
    readCsv(`${dir}/servers.csv`),
    readCsv(`${dir}/geo.csv`),
  ]);
  const tlsPath = `${dir}/tls.csv`;
  const hasTls = await pathExists(tlsPath);
  const tls = hasTls ? await readCsv(tlsPath) : null;
  const t = Date.parse(manifest.started_at ?? "");
  const population = serverPopulation(servers, geo);
  return {
    manifest,
    label: runLabel(manifest),
    servers,
    geo,
    population,
    reachable: population.filter((s) => s.reachable),
    tls,
    tlsMessage: hasTls
      ? null
      : `${tlsPath} is not there: this scan's collector did not write certificate rows, so the certificate-reuse analysis is skipped.`,
    scanTime: Number.isFinite(t) ? new Date(t) : new Date(),
  };
}

/**
 * The enrichment databases recorded in a manifest, as table rows (database, package, build
 * date, licence, attribution); empty when the manifest predates enrichment.
 *
 * @param manifest The scan manifest.
 * @returns One row per database.
 */
// deno-lint-ignore no-explicit-any
export function enrichmentRows(manifest: Record<string, any>): Record<string, string | null>[] {
  const dbs = manifest?.enrichment?.databases;
  if (!Array.isArray(dbs)) return [];
  return dbs.map((d) => ({
    database: d.database ?? null,
    package: d.package ?? null,
    build_date: d.build_date ?? null,
    license: d.license ?? null,
    attribution: d.attribution ?? null,
  }));
}
