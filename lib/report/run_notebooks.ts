import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { jupyterEnv } from "./jupyter_env.ts";
import { KERNEL_NAME } from "./kernelspec.ts";
import { SYSTEM_PYTHON } from "./system_packages.ts";

const NBRUN = join(dirname(fileURLToPath(import.meta.url)), "nbrun.py");

/** Options for {@linkcode runNotebooks}. */
export interface RunNotebooksOptions {
  /** Jupyter data folder holding `kernels/<kernel>/` (goes first on `JUPYTER_PATH`). Required. */
  jupyterDir: string;
  /** Write one HTML report of all notebooks here. Default: none. */
  htmlPath?: string;
  /**
   * Notebook file names placed first in the HTML report although they run where `notebooks`
   * puts them (the executive summary runs last and is read first). Names not run are ignored.
   * Default: none (the HTML follows the run order).
   */
  lead?: readonly string[];
  /**
   * File names of notebooks that may run at the same time as each other because none reads what
   * another writes: consecutive notebooks of the run order that are all named here form one
   * stage, whose notebooks run up to `jobs` at once; every other notebook runs alone, and stages
   * run in order. Default: none (one notebook at a time, in order).
   */
  concurrent?: readonly string[];
  /** The most notebooks of one `concurrent` stage running at once. Default: 1. */
  jobs?: number;
  /**
   * Start the kernels of later notebooks, one after another once the first notebook's kernel is
   * up, and load each notebook's imports into its kernel, while earlier notebooks run; at most
   * this many kernels wait for their turn at once (each holds its loaded modules in memory).
   * Default: 0 (each kernel starts at its notebook's turn).
   */
  startAhead?: number;
  /** Whole seconds one cell may run before the run fails. Default: 900. */
  cellTimeoutS?: number;
  /** Kernel name. Default: {@linkcode KERNEL_NAME}. */
  kernel?: string;
  /**
   * Where the executed copy of a failing notebook goes (the notebook itself is left as it was).
   * Default: `NAME.failed.ipynb` beside the notebook.
   */
  failedDir?: string;
  /** Write what failed (notebook, cell, error name and value, failed copy) here as JSON. Default: none. */
  statusPath?: string;
  /**
   * Send the kernel's own output (first-run npm set-up lines, warnings) to this file; nbrun prints
   * one line summing it up. Default: the kernel writes to this process's output.
   */
  kernelLogPath?: string;
  /**
   * Error names (a cell's `ename`) the caller reports itself: nbrun prints one line for them
   * instead of the cell's source and traceback. Default: none.
   */
  expectedErrors?: readonly string[];
  /** Only strip volatile metadata in place; execute nothing. Default: false. */
  stripOnly?: boolean;
  /**
   * Extra environment for nbrun.py and the kernel, on top of this process's environment
   * (which passes through whole: the notebooks read their run parameters, `OBS_*`, from it).
   * Default: none.
   */
  env?: Record<string, string>;
  /** `inherit` streams nbrun's output to this process's; `piped` returns it. Default: `inherit`. */
  output?: "inherit" | "piped";
}

/** Exit code of nbrun.py (0 ok, 1 a cell failed, 2 usage) and its output when piped. */
export interface RunNotebooksResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs notebooks in order, in place, on the project's Deno kernel through `nbrun.py` (with
 * Debian's `/usr/bin/python3`), then optionally renders them into one HTML report. Notebooks
 * named in `concurrent` may run side by side (`jobs` at once), and later kernels may start
 * ahead of their turn (`startAhead`). A failing cell stops the run (no notebook starts after it;
 * those already running finish): the notebook on disk is left as it was, its executed copy (with
 * the outputs it got) goes to `failedDir`, and nbrun prints the notebook, the cell index, the
 * head of the cell's source, the error and the copy's path.
 *
 * @param notebooks Notebook paths, run in this order.
 * @param options Jupyter folder (required), report path, cell timeout, extra environment.
 * @returns nbrun's exit code, and its output when `output` is `piped`.
 * @throws {RangeError} If `notebooks` is empty, `cellTimeoutS` or `jobs` is not a positive
 *   integer, or `startAhead` is not a non-negative integer.
 * @example
 * ```ts
 * const { code } = await runNotebooks(["notebooks/01_collect.ipynb"], {
 *   jupyterDir: ".cache/jupyter",
 *   htmlPath: "figures/report.html",
 * });
 * ```
 */
export async function runNotebooks(
  notebooks: readonly string[],
  options: RunNotebooksOptions,
): Promise<RunNotebooksResult> {
  if (notebooks.length === 0) throw new RangeError("runNotebooks: no notebooks given");
  const timeout = options.cellTimeoutS ?? 900;
  if (!Number.isInteger(timeout) || timeout <= 0) {
    throw new RangeError(
      `runNotebooks: cellTimeoutS must be a positive whole number of seconds, got ${timeout}`,
    );
  }
  const jobs = options.jobs ?? 1;
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new RangeError(`runNotebooks: jobs must be a positive whole number, got ${jobs}`);
  }
  const startAhead = options.startAhead ?? 0;
  if (!Number.isInteger(startAhead) || startAhead < 0) {
    throw new RangeError(
      `runNotebooks: startAhead must be a whole number, 0 or more, got ${startAhead}`,
    );
  }
  const args = [
    "-I",
    NBRUN,
    "--timeout",
    String(timeout),
    "--kernel",
    options.kernel ?? KERNEL_NAME,
  ];
  args.push("--jobs", String(jobs), "--start-ahead", String(startAhead));
  for (const name of options.concurrent ?? []) args.push("--concurrent", name);
  if (options.htmlPath) args.push("--html", options.htmlPath);
  for (const name of options.lead ?? []) args.push("--lead", name);
  if (options.stripOnly) args.push("--strip-only");
  if (options.failedDir) args.push("--failed-dir", options.failedDir);
  if (options.statusPath) args.push("--status", options.statusPath);
  if (options.kernelLogPath) args.push("--kernel-log", options.kernelLogPath);
  for (const name of options.expectedErrors ?? []) args.push("--expected-error", name);
  args.push("--", ...notebooks);
  const command = new Deno.Command(SYSTEM_PYTHON, {
    args,
    env: jupyterEnv(options.jupyterDir, options.env),
    stdin: "null",
    stdout: options.output === "piped" ? "piped" : "inherit",
    stderr: options.output === "piped" ? "piped" : "inherit",
  });
  if (options.output !== "piped") {
    return { code: (await command.spawn().status).code, stdout: "", stderr: "" };
  }
  const out = await command.output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}
