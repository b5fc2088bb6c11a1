/**
 * Benchmark of the whole report (issue 14: under 90 s on the 2-core machine): every report
 * notebook, headless on the Deno kernel, in their run order (the executive summary last) and
 * scheduled as the report schedules them (`reportSchedule`), on a
 * default lab (350 clearnet + 45 onion servers, simulated latency, the timing phase on), then the
 * HTML report, in a temporary copy of the project so the committed notebooks, data and figures
 * stay as they are. Prints the wall time of each run and nbrun's time per notebook.
 *
 * Usage: `deno run -A bench/report_bench.ts [--runs N]` (default 1: a run takes about a minute
 * and a half of both cores).
 *
 * @module
 */
import { projectRoot } from "../lib/data/paths.ts";
import { jupyterDir, setup } from "../lib/report/setup.ts";
import { runNotebooks } from "../lib/report/run_notebooks.ts";
import { reportSchedule, SUMMARY_NOTEBOOK } from "../lib/report/report.ts";
import { notebookWorkspace } from "../tests/helpers/notebook_workspace.ts";

const runsArg = Deno.args.indexOf("--runs");
const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 1;
await setup({ log: () => {} });
for (let i = 0; i < runs; i++) {
  const tmp = await Deno.makeTempDir({ prefix: "obs-report-bench-" });
  try {
    const copies = await notebookWorkspace(tmp);
    const t0 = performance.now();
    const r = await runNotebooks(copies, {
      ...reportSchedule(copies),
      jupyterDir: jupyterDir(projectRoot()),
      htmlPath: `${tmp}/figures/report.html`,
      lead: [SUMMARY_NOTEBOOK],
      output: "piped",
      env: { OBS_DATA_DIR: `${tmp}/data`, OBS_FIGURES_DIR: `${tmp}/figures`, OBS_TARGET: "lab" },
    });
    const s = (performance.now() - t0) / 1000;
    if (r.code !== 0) throw new Error(`report failed:\n${r.stdout}\n${r.stderr}`);
    const perNotebook = [...r.stdout.matchAll(/nbrun: (\S+) ok in ([\d.]+) s/g)]
      .map((m) => `${m[1]} ${m[2]} s`).join(", ");
    console.log(`run ${i + 1}: whole report ${s.toFixed(1)} s (${perNotebook})`);
  } finally {
    await Deno.remove(tmp, { recursive: true }).catch(() => {});
  }
}
