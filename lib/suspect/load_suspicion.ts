/**
 * Reads what the suspicion notebook (`notebooks/04_suspicion.ipynb`) needs from `data/`: the
 * tables and manifest, the scores recomputed from them with the committed weights, checked
 * against `hss.csv` when the scan wrote one. Reading only.
 *
 * @module
 */
import { dataDir as defaultDataDir } from "../data/paths.ts";
import { readCsv, type Row } from "../data/read_csv.ts";
import { type RunLabel, runLabel } from "../analysis/run_label.ts";
import { loadSuspectTables, type SuspectData } from "./load_suspect_tables.ts";
import { type DerivedHss, deriveHss } from "./derive_hss.ts";
import { vantageOf } from "./vantage_of.ts";

/** Everything the suspicion notebook reads. */
export interface SuspicionData extends SuspectData {
  readonly label: RunLabel;
  readonly derived: DerivedHss;
  /** Whether `hss.csv` was there (false: an older scan; the scores are computed here). */
  readonly hssFile: boolean;
}

/**
 * Load the suspicion notebook's inputs.
 *
 * @param dir Data directory. Default: `dataDir()`.
 * @throws {Error} When a table is missing, or `hss.csv` differs from the scores recomputed from
 *   the same tables (written by another run or with other weights).
 * @example
 * ```ts
 * const d = await loadSuspicion();
 * d.derived.rows[0]; // the most suspicious server
 * ```
 */
export async function loadSuspicion(dir: string = defaultDataDir()): Promise<SuspicionData> {
  const data = await loadSuspectTables(dir);
  const derived = deriveHss(data.tables, { behaviour: { vantage: vantageOf(data.manifest) } });
  let written: Row[] | null = null;
  try {
    written = await readCsv(`${dir}/hss.csv`);
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  if (written) {
    const key = (rows: readonly Row[]) =>
      rows.map((r) => `${r.server} ${r.hss} ${r.tier}`).join("\n");
    if (key(written) !== key(derived.rows)) {
      throw new Error(
        `${dir}/hss.csv differs from the scores recomputed from the same tables: written by another run or other weights; rerun the collecting notebook`,
      );
    }
  }
  return { ...data, label: runLabel(data.manifest), derived, hssFile: written !== null };
}
