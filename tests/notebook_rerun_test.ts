/**
 * End to end: every numbered notebook can be rerun cell by cell without a restart. Each runs
 * twice in one kernel session on a small lab (in a temporary copy of the project), the second
 * time its cells after the parameters cell in a shuffled order; every cell must show the same
 * thing both times (measured times and timestamps aside), the crawl cell must not duplicate
 * records, and figure cells must re-export byte-identical files.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { projectRoot } from "../lib/data/paths.ts";
import { jupyterDir, setup } from "../lib/report/setup.ts";
import { rerunDifferences, rerunNotebook } from "../lib/report/rerun_notebook.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { notebookWorkspace } from "./helpers/notebook_workspace.ts";
import { figureName } from "./helpers/figure_name.ts";

Deno.test({
  name:
    "rerunNotebook: notebooks 01 and 02 rerun cell by cell in a shuffled order to the same outputs and files",
  sanitizeResources: true,
  sanitizeOps: true,
  async fn() {
    await setup({ log: () => {} });
    const tmp = await Deno.makeTempDir({ prefix: "obs-rerun-" });
    try {
      const paths = await notebookWorkspace(tmp);
      assert(paths.length >= 2, "at least two numbered notebooks");
      const env = {
        OBS_DATA_DIR: `${tmp}/data`,
        OBS_FIGURES_DIR: `${tmp}/figures`,
        OBS_TARGET: "lab",
        OBS_LAB_SIZE: "10",
        OBS_LATENCY: "0",
        OBS_SEED: "rerun",
      };
      // A seed per day: over time many orders get tried; a failure names the order and the seed,
      // and OBS_RERUN_SEED=N replays it.
      const seed = Number(Deno.env.get("OBS_RERUN_SEED") ?? Math.floor(Date.now() / 86_400_000));
      for (const path of paths) {
        const name = path.slice(path.lastIndexOf("/") + 1);
        const r = await rerunNotebook(path, {
          jupyterDir: jupyterDir(projectRoot()),
          seed,
          cellTimeoutS: 300,
          watchDir: `${tmp}/figures`,
          env,
        });
        const diffs = rerunDifferences(r);
        assertEquals(
          diffs.map((d) => `cell ${d.index}: ${d.source.split("\n")[0]}`),
          [],
          `${name}: cells show something else when rerun in the order ${
            r.order.join(",")
          } (replay with OBS_RERUN_SEED=${seed}):\n` +
            diffs.map((d) =>
              `${JSON.stringify(d.first).slice(0, 400)}\n!=\n${
                JSON.stringify(d.second).slice(0, 400)
              }`
            ).join("\n\n"),
        );
        assert(
          r.cells.every((c) => (c.second ?? []).length > 0 || (c.first ?? []).length === 0),
          `${name}: a cell lost its outputs`,
        );
        // Figure cells show the figure and say where its SVG and PNG went. A cell that, on this
        // run's data, may show a note instead (`cond ? await publishFigure(...) : note`...``)
        // shows either the figure with its caption or that note.
        for (const c of r.cells.filter((c) => c.source.includes("publishFigure("))) {
          const shown = JSON.stringify(c.second);
          const name = figureName(c.source);
          const instead = c.source.match(/:\s*note`([^`$]+)/)?.[1].trim();
          if (instead && !shown.includes("<svg") && !shown.includes("Saved as figures/")) {
            assert(
              shown.includes(instead),
              `${name}: neither the figure nor the note: ${shown.slice(0, 400)}`,
            );
            continue;
          }
          assert(
            shown.includes("image/svg+xml") && shown.includes("<svg"),
            `${name}: no figure shown: ${shown.slice(0, 400)}`,
          );
          assert(
            shown.includes(`Saved as figures/${name}.svg and figures/${name}.png`),
            `${name}: no caption: ${shown.slice(-400)}`,
          );
        }
        assertEquals(
          r.files.second,
          r.files.first,
          `${name}: rerunning figure cells changed ${tmp}/figures`,
        );
      }

      // Notebook 01's crawl cell ran twice: two scans, each with the same records, and the tables
      // hold one row per server, not two.
      const scans = [...Deno.readDirSync(`${tmp}/data/scans`)].map((e) => e.name).sort();
      assertEquals(scans.length, 2, `two scans: ${scans}`);
      const lines = await Promise.all(
        scans.map(async (s) =>
          (await Deno.readTextFile(`${tmp}/data/scans/${s}/records.jsonl`)).trim().split("\n")
            .length
        ),
      );
      assertEquals(lines[0], lines[1], "both scans hold as many records");
      const manifest = JSON.parse(
        await Deno.readTextFile(`${tmp}/data/scans/${scans[1]}/manifest.json`),
      );
      assertEquals(manifest.records, lines[1]);
      const servers = await readCsv(`${tmp}/data/servers.csv`);
      assertEquals(servers.length, manifest.servers);
      assertEquals(
        new Set(servers.map((s) => s.server)).size,
        servers.length,
        "no server twice in servers.csv",
      );
      const figures = [...Deno.readDirSync(`${tmp}/figures`)].map((e) => e.name);
      assert(
        figures.some((f) => f.endsWith(".svg")) && figures.some((f) => f.endsWith(".png")),
        `figures: ${figures}`,
      );
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
