/**
 * Checks made before any kernel starts: the run parameters (the same `runParams` the notebooks
 * call), local seeds on this machine, the cell timeout, the output folders writable, and, when
 * only later notebooks are named, the data they read. A failure is one line naming the parameter
 * and the bad value; nothing has been written.
 *
 * @module
 */
import { join } from "node:path";
import { writableFolderProblem } from "../data/writable_folder.ts";
import { type RunParams, runParams } from "../crawl/params.ts";
import { UsageError } from "../pipeline/exit_codes.ts";

/** The notebook that crawls; every later one reads `data/` only. */
export const COLLECT_NOTEBOOK = "01_collect.ipynb";

/** Options of {@linkcode preflight}. */
export interface PreflightOptions {
  /** The run's environment (`OBS_*`). Default: the process environment. */
  env?: Record<string, string | undefined>;
  /** The notebooks about to run (paths); used to see whether the crawl runs. Default: none. */
  notebooks?: readonly string[];
}

/** What preflight found good. */
export interface PreflightResult {
  params: RunParams;
  /** Whole seconds a cell may run (`OBS_CELL_TIMEOUT_S`), or undefined for the default. */
  cellTimeoutS: number | undefined;
  dataDir: string;
  figuresDir: string;
}

/** Throws a {@linkcode UsageError} unless `path` is, or can be created as, a writable folder. */
function checkWritable(name: string, path: string): void {
  const problem = writableFolderProblem(path);
  if (problem) throw new UsageError(`${name}: ${problem}`);
}

/**
 * Validate a report run before anything starts. Reads no network and writes nothing.
 *
 * @param root Project root (default data and figure folders are under it).
 * @param options Environment and the notebooks about to run.
 * @returns The parsed parameters and folders.
 * @throws {UsageError} One line naming the bad parameter and value.
 * @example
 * ```ts
 * preflight(".", { env: { OBS_TARGET: "local", OBS_SEEDS: "8.8.8.8:50001:t" } });
 * // throws UsageError: OBS_SEEDS: the local target dials only 127.0.0.0/8 and ::1, not "8.8.8.8"
 * ```
 */
export function preflight(root: string, options: PreflightOptions = {}): PreflightResult {
  const env = options.env ?? Deno.env.toObject();
  let params: RunParams;
  try {
    params = runParams(env);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const timeout = env.OBS_CELL_TIMEOUT_S;
  const cellTimeoutS = timeout === undefined || timeout === "" ? undefined : Number(timeout);
  if (cellTimeoutS !== undefined && !(Number.isInteger(cellTimeoutS) && cellTimeoutS > 0)) {
    throw new UsageError(
      `OBS_CELL_TIMEOUT_S must be a positive whole number of seconds, got ${
        JSON.stringify(timeout)
      }`,
    );
  }
  const dataDir = env.OBS_DATA_DIR || join(root, "data");
  const figuresDir = env.OBS_FIGURES_DIR || join(root, "figures");
  checkWritable(env.OBS_DATA_DIR ? "OBS_DATA_DIR" : "data folder", dataDir);
  checkWritable(env.OBS_FIGURES_DIR ? "OBS_FIGURES_DIR" : "figures folder", figuresDir);
  const notebooks = options.notebooks ?? [];
  if (notebooks.length && !notebooks.some((n) => n.endsWith(COLLECT_NOTEBOOK))) {
    for (const file of ["manifest.json", "servers.csv"]) {
      try {
        Deno.statSync(join(dataDir, file));
      } catch {
        throw new UsageError(
          `the named notebooks read ${
            join(dataDir, file)
          }, which does not exist: run notebooks/${COLLECT_NOTEBOOK} first`,
        );
      }
    }
  }
  return { params, cellTimeoutS, dataDir, figuresDir };
}
