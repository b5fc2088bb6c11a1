/**
 * Reads what the executive summary needs from `data/` (and the list of figures in `figures/`):
 * the overview's tables, `clusters.csv`, `hss.csv` and the privacy tables when they are there,
 * and the row count of every deliverable. Reading only.
 *
 * @module
 */
import { dataDir as defaultDataDir, figuresDir as defaultFiguresDir } from "../data/paths.ts";
import { csvRecords, readCsv, type Row } from "../data/read_csv.ts";
import {
  type CertificateReuse,
  certificateReuse,
  type ConcentrationRow,
  concentrationSummary,
  loadOverviewData,
  type OverviewTables,
  overviewTables,
  type RunLabel,
} from "../analysis/mod.ts";
import {
  CLUSTERS_SCHEMA,
  GEO_SCHEMA,
  HSS_SCHEMA,
  SERVERS_SCHEMA,
  TABLE_SCHEMAS,
  TLS_SCHEMA,
} from "../data/schemas/mod.ts";
import { pathExists } from "../records/path_exists.ts";
import { type HssRow, readHss } from "./read_hss.ts";
import { type PrivacyTables, readPrivacy } from "./read_privacy.ts";

/** Everything the executive summary reads. */
export interface SummaryData {
  label: RunLabel;
  /** The scan's id and start, from the manifest. */
  scanId: string;
  startedAt: string | null;
  overview: OverviewTables;
  concentration: ConcentrationRow[];
  /** Null when the scan wrote no `tls.csv`. */
  reuse: CertificateReuse | null;
  /** Rows of `clusters.csv`, or null when absent. */
  clusters: Row[] | null;
  hss: HssRow[] | null;
  privacy: PrivacyTables | null;
  /** Each table of `data/` ({@linkcode TABLE_SCHEMAS}, in its order) and its data rows (null: not
   * there). */
  tables: { file: string; rows: number | null }[];
  /** Names of the figures published in the figures folder (`server_map`, ...). */
  figures: string[];
}

/** Options of {@linkcode loadSummaryData}. */
export interface LoadSummaryOptions {
  /** Data folder. Default: `dataDir()` (`OBS_DATA_DIR` or `<project>/data`). */
  dir?: string;
  /** Figures folder. Default: `figuresDir()` (`OBS_FIGURES_DIR` or `<project>/figures`). */
  figures?: string;
}

/** Data rows of a table file, or null when it is not there (counted, not parsed). */
async function rowCount(path: string): Promise<number | null> {
  if (!(await pathExists(path))) return null;
  return Math.max(0, csvRecords(await Deno.readTextFile(path)).length - 1);
}

/**
 * Load the summary's inputs. Each table is read once: the tables the summary reads anyway give
 * their row counts; the others are only counted.
 *
 * @throws {Error} When `manifest.json`, `servers.csv` or `geo.csv` is missing (from
 *   `loadOverviewData`, naming the notebook to run first).
 * @example
 * ```ts
 * const s = await loadSummaryData();
 * s.overview.reachable; // servers that answered
 * ```
 */
export async function loadSummaryData(options: LoadSummaryOptions = {}): Promise<SummaryData> {
  const dir = options.dir ?? defaultDataDir();
  const figDir = options.figures ?? defaultFiguresDir();
  const d = await loadOverviewData(dir);
  const clustersPath = `${dir}/${CLUSTERS_SCHEMA.table}`;
  const clusters = await pathExists(clustersPath) ? await readCsv(clustersPath) : null;
  const hss = await readHss(dir);
  const read = new Map<string, number | null>([
    [SERVERS_SCHEMA.table, d.servers.length],
    [GEO_SCHEMA.table, d.geo.length],
    [TLS_SCHEMA.table, d.tls?.length ?? null],
    [CLUSTERS_SCHEMA.table, clusters?.length ?? null],
    [HSS_SCHEMA.table, hss?.length ?? null],
  ]);
  const figures: string[] = [];
  if (await pathExists(figDir)) {
    for await (const e of Deno.readDir(figDir)) {
      if (e.isFile && e.name.endsWith(".svg")) figures.push(e.name.slice(0, -4));
    }
  }
  return {
    label: d.label,
    scanId: String(d.manifest.scan_id ?? ""),
    startedAt: typeof d.manifest.started_at === "string" ? d.manifest.started_at : null,
    overview: overviewTables(d.population),
    concentration: concentrationSummary(d.population, d.geo),
    reuse: d.tls ? certificateReuse(d.tls, { geo: d.geo, now: d.scanTime }) : null,
    clusters,
    hss,
    privacy: await readPrivacy(dir),
    tables: await Promise.all(
      TABLE_SCHEMAS.map(async ({ table: file }) => ({
        file,
        rows: read.has(file) ? read.get(file)! : await rowCount(`${dir}/${file}`),
      })),
    ),
    figures: figures.sort(),
  };
}
