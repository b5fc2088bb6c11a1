/**
 * Test helper: a folder in which notebooks run as in the project without touching its committed
 * notebooks, data or figures. The code (`lib/`, `deno.json`, `deno.lock`, `node_modules/`) is
 * linked, the notebooks are copied into `notebooks/`; the data and figure folders are the caller's
 * to choose (`OBS_DATA_DIR`, `OBS_FIGURES_DIR`).
 *
 * @module
 */
import { basename } from "node:path";
import { projectPath } from "../../lib/data/paths.ts";
import { reportNotebooks } from "../../lib/report/report.ts";

/**
 * Link the project's code into `dir` and copy notebooks into `dir/notebooks/`.
 *
 * @param dir An existing, empty folder (a temporary one).
 * @param names The notebooks to copy, by file name. Default: the report's notebooks
 *   (`reportNotebooks`: every numbered notebook of `notebooks/`, in run order, the executive
 *   summary last).
 * @returns The copies' paths, in the order of `names`.
 * @example
 * ```ts
 * const tmp = await Deno.makeTempDir();
 * const notebooks = await notebookWorkspace(tmp); // [`${tmp}/notebooks/01_collect.ipynb`, ...]
 * ```
 */
export async function notebookWorkspace(dir: string, names?: string[]): Promise<string[]> {
  for (const name of ["lib", "deno.json", "deno.lock", "node_modules"]) {
    await Deno.symlink(projectPath(name), `${dir}/${name}`);
  }
  await Deno.mkdir(`${dir}/notebooks`);
  const chosen = names ?? (await reportNotebooks()).map((p) => basename(p));
  const copies: string[] = [];
  for (const name of chosen) {
    await Deno.copyFile(projectPath("notebooks", name), `${dir}/notebooks/${name}`);
    copies.push(`${dir}/notebooks/${name}`);
  }
  return copies;
}
