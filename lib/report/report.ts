import { join, relative } from "node:path";
import { runNotebooks } from "./run_notebooks.ts";
import { jupyterDir, projectRoot, setup } from "./setup.ts";

/** Notebooks the report runs: `notebooks/NN_name.ipynb`, in file name order. */
export const REPORT_NOTEBOOK = /^[0-9]{2}_.*\.ipynb$/;

/** Options for {@linkcode report}. */
export interface ReportOptions {
  /** Repository root. Default: the project root. */
  root?: string;
  /** Where the HTML report goes, relative to `root`. Default: `figures/report.html`. */
  htmlPath?: string;
  /** Whole seconds one cell may run. Default: 900. */
  cellTimeoutS?: number;
  /** Where progress lines go. Default: `console.error`. */
  log?: (line: string) => void;
}

/**
 * Lists the report's notebooks, `notebooks/[0-9][0-9]_*.ipynb`, sorted by name.
 *
 * @param root Repository root.
 * @returns Paths relative to `root`; empty when there are none.
 */
export async function reportNotebooks(root: string = projectRoot()): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(join(root, "notebooks"))) {
      if (entry.isFile && REPORT_NOTEBOOK.test(entry.name)) names.push(entry.name);
    }
  } catch (e) {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  }
  return names.sort().map((n) => join("notebooks", n));
}

/**
 * The `report` task: sets the machine up (idempotent), runs every report notebook in order,
 * in place, on the project's Deno kernel, and renders them into one HTML file.
 *
 * Run parameters are not arguments: the notebooks' first cell reads them from the environment
 * (`OBS_TARGET`, `OBS_LAB_SIZE`, `OBS_SEED`, `OBS_SEEDS`, `OBS_LIVE`, ...), which passes
 * through to the kernel unchanged.
 *
 * @param options Root, report path, cell timeout, log sink.
 * @returns Exit code: 0 when every notebook ran and the report was written, else non-zero.
 * @throws {Error} When setup fails or there is no notebook to run.
 * @example
 * ```ts
 * Deno.exit(await report({ cellTimeoutS: 600 }));
 * ```
 */
export async function report(options: ReportOptions = {}): Promise<number> {
  const root = options.root ?? projectRoot();
  const log = options.log ?? console.error;
  await setup({ root, log });
  const notebooks = await reportNotebooks(root);
  if (notebooks.length === 0) {
    throw new Error(`report: no notebook matches notebooks/[0-9][0-9]_*.ipynb under ${root}`);
  }
  const htmlPath = options.htmlPath ?? join("figures", "report.html");
  log(`report: running ${notebooks.join(" ")}`);
  const { code } = await runNotebooks(notebooks.map((n) => join(root, n)), {
    jupyterDir: jupyterDir(root),
    htmlPath: join(root, htmlPath),
    cellTimeoutS: options.cellTimeoutS,
    env: { DENO_NO_UPDATE_CHECK: "1" },
  });
  log(
    code === 0
      ? `report: ok, open ${relative(Deno.cwd(), join(root, htmlPath)) || htmlPath}`
      : `report: FAILED (exit ${code})`,
  );
  return code;
}

if (import.meta.main) {
  try {
    const timeout = Deno.env.get("OBS_CELL_TIMEOUT_S");
    const cellTimeoutS = timeout === undefined || timeout === "" ? undefined : Number(timeout);
    if (cellTimeoutS !== undefined && !(Number.isInteger(cellTimeoutS) && cellTimeoutS > 0)) {
      throw new RangeError(
        `report: OBS_CELL_TIMEOUT_S must be a positive whole number of seconds, got ${
          JSON.stringify(timeout)
        }`,
      );
    }
    Deno.exit(await report({ cellTimeoutS }));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    Deno.exit(1);
  }
}
