/**
 * Test helper (run in its own network namespace by tests/report_xss_test.ts): run the numbered
 * notebooks headless in a temporary copy of the project against a lab with the hostile hosts
 * planted (`OBS_LAB_HOSTILE=1`), writing `<dir>/report.html` and `<dir>/data/`.
 *
 * Usage: deno run -A tests/helpers/xss_report.ts <dir>
 */
import { projectRoot } from "../../lib/data/paths.ts";
import { jupyterDir, setup } from "../../lib/report/setup.ts";
import { runNotebooks } from "../../lib/report/run_notebooks.ts";
import { notebookWorkspace } from "./notebook_workspace.ts";

const tmp = Deno.args[0];
await setup({ log: () => {} });
const notebooks = await notebookWorkspace(tmp);
const r = await runNotebooks(notebooks, {
  jupyterDir: jupyterDir(projectRoot()),
  htmlPath: `${tmp}/report.html`,
  cellTimeoutS: 300,
  output: "piped",
  env: {
    OBS_DATA_DIR: `${tmp}/data`,
    OBS_FIGURES_DIR: `${tmp}/figures`,
    OBS_TARGET: "lab",
    OBS_LAB_SIZE: "40",
    OBS_SEED: "xss",
    OBS_LATENCY: "0",
    OBS_LAB_HOSTILE: "1",
  },
});
console.log(JSON.stringify({ code: r.code, log: `${r.stdout}\n${r.stderr}`.slice(-4000) }));
