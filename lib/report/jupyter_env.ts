/**
 * The environment of a Python process that runs notebooks with the project's Jupyter folder
 * (kernelspec under `<jupyterDir>/kernels/`, connection files under `<jupyterDir>/runtime/`).
 *
 * @module
 */
import { join } from "node:path";

/**
 * Environment variables for a notebook-running Python process.
 *
 * @param jupyterDir The project's Jupyter folder (`jupyterDir()` of setup.ts).
 * @param env More variables; they win over the two set here. Default: none.
 * @returns `JUPYTER_PATH` = `jupyterDir`, `JUPYTER_RUNTIME_DIR` = `<jupyterDir>/runtime`, then `env`.
 * @example
 * ```ts
 * new Deno.Command(SYSTEM_PYTHON, { args, env: jupyterEnv(dir, { OBS_SEED: "7" }) });
 * ```
 */
export function jupyterEnv(
  jupyterDir: string,
  env: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return { JUPYTER_PATH: jupyterDir, JUPYTER_RUNTIME_DIR: join(jupyterDir, "runtime"), ...env };
}
