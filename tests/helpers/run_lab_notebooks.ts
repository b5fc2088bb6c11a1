/**
 * Test helper: run notebooks of a `notebookWorkspace` copy (`./notebook_workspace.ts`) headless against a small
 * lab, with the data and figures written inside the copy.
 *
 * @module
 */
import { projectRoot } from "../../lib/data/paths.ts";
import { jupyterDir } from "../../lib/report/setup.ts";
import { runNotebooks, type RunNotebooksResult } from "../../lib/report/run_notebooks.ts";
import { reportSchedule } from "../../lib/report/report.ts";

/** Options of {@linkcode runLabNotebooks}. */
export interface LabNotebooksOptions {
  /** The lab's seed (`OBS_SEED`). */
  seed: string;
  /** Where to write the HTML report. Default: none written. */
  htmlPath?: string;
  /** Notebooks shown first in the HTML report, by file name. Default: none. */
  lead?: string[];
  /** More run parameters, added after the defaults (and over them). Default: none. */
  env?: Record<string, string>;
}

/**
 * Run `notebooks` (copies in `dir/notebooks/`) on the project's Deno kernel against a 40-server
 * lab without added latency (`OBS_TARGET=lab`, `OBS_LAB_SIZE=40`, `OBS_LATENCY=0`), each cell
 * allowed 300 s, output piped, data in `dir/data` and figures in `dir/figures`, scheduled as the
 * report schedules them (`reportSchedule`: 02-05 side by side, kernels started ahead).
 *
 * @example
 * ```ts
 * const r = await runLabNotebooks(tmp, await notebookWorkspace(tmp), { seed: "e2e" });
 * ```
 */
export function runLabNotebooks(
  dir: string,
  notebooks: readonly string[],
  options: LabNotebooksOptions,
): Promise<RunNotebooksResult> {
  return runNotebooks(notebooks, {
    ...reportSchedule(notebooks),
    jupyterDir: jupyterDir(projectRoot()),
    ...(options.htmlPath === undefined ? {} : { htmlPath: options.htmlPath }),
    ...(options.lead === undefined ? {} : { lead: options.lead }),
    cellTimeoutS: 300,
    output: "piped",
    env: {
      OBS_DATA_DIR: `${dir}/data`,
      OBS_FIGURES_DIR: `${dir}/figures`,
      OBS_TARGET: "lab",
      OBS_LAB_SIZE: "40",
      OBS_SEED: options.seed,
      OBS_LATENCY: "0",
      ...options.env,
    },
  });
}
