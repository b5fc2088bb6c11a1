/**
 * Test helper (run in its own network namespace by tests/report_xss_test.ts): run the numbered
 * notebooks headless in a temporary copy of the project against a lab with the hostile hosts
 * planted (`OBS_LAB_HOSTILE=1`), writing `<dir>/report.html` and `<dir>/data/`.
 *
 * Usage: deno run -A tests/helpers/xss_report.ts <dir>
 */
import { setup } from "../../lib/report/setup.ts";
import { notebookWorkspace } from "./notebook_workspace.ts";
import { runLabNotebooks } from "./run_lab_notebooks.ts";

const tmp = Deno.args[0];
await setup({ log: () => {} });
const notebooks = await notebookWorkspace(tmp);
const r = await runLabNotebooks(tmp, notebooks, {
  seed: "xss",
  htmlPath: `${tmp}/report.html`,
  env: { OBS_LAB_HOSTILE: "1" },
});
console.log(JSON.stringify({ code: r.code, log: `${r.stdout}\n${r.stderr}`.slice(-4000) }));
