/**
 * Running the project: machine setup, the headless notebook runner behind the `report` task,
 * and the `test` task (top layer of `lib/`).
 *
 * - {@linkcode setup} (task `setup`): Debian packages, the project-local `deno-observatory`
 *   kernelspec under `.cache/jupyter/`, `deno install --frozen`; idempotent and quick.
 * - {@linkcode runNotebooks}: runs notebooks in place through `nbrun.py` (nbclient that keeps
 *   reading a cell's outputs for 0.15 s after its idle, so no late Deno output is lost; a flush
 *   request instead, `--grace 0`, is faster but stalled CI runs; independent notebooks side by
 *   side, later kernels started ahead),
 *   strips volatile metadata, renders one HTML report with `templates/observatory` (SVG figures
 *   inline, text escaped).
 * - {@linkcode report} (task `report`): {@linkcode preflight} (parameters, seeds, folders; exit 2),
 *   setup, then every `notebooks/NN_*.ipynb` (or the named ones) in order
 *   ({@linkcode reportSchedule}: 02-05 side by side) into `figures/report.html`, the crawl's
 *   progress on the terminal ({@linkcode watchProgress}); run parameters come from `OBS_*`
 *   environment variables.
 * - {@linkcode notebook} (task `notebook`): setup, then {@linkcode startNotebookServer}, Debian's
 *   Jupyter Notebook on 127.0.0.1 with the project kernel and `notebooks/` open, until Ctrl-C.
 * - {@linkcode rerunNotebook}: runs a notebook twice in one kernel, the second time cell by cell
 *   in a shuffled order (`nbrerun.py`); {@linkcode rerunDifferences} lists cells that changed.
 * - {@linkcode runTests} (task `test`): setup, then `deno test` with sanitizers over `lib/` and
 *   `tests/`, inside a loopback-only network namespace when possible.
 *
 * @module
 */
export * from "./kernelspec.ts";
export * from "./system_packages.ts";
export * from "./setup.ts";
export * from "./run_notebooks.ts";
export * from "./report.ts";
export * from "./preflight.ts";
export * from "./progress_view.ts";
export * from "./notebook_server.ts";
export * from "./notebook.ts";
export * from "./rerun_notebook.ts";
export * from "./test_runner.ts";
