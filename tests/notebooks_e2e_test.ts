/**
 * End to end: the numbered notebooks run headless on the Deno kernel against a small lab, in a
 * temporary copy of the project (so the committed executed notebooks and data stay as they are),
 * and their outputs agree with the lab's ground truth.
 */
import { assert, assertEquals, assertIncludes } from "../lib/testing/assert.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { projectPath, projectRoot } from "../lib/data/paths.ts";
import { jupyterDir, setup } from "../lib/report/setup.ts";
import { runNotebooks } from "../lib/report/run_notebooks.ts";

Deno.test({
  name: "notebooks 01 and 02 run headless on a lab, find every lab server and export the figure",
  sanitizeResources: true,
  sanitizeOps: true,
  async fn() {
    await setup({ log: () => {} });
    const tmp = await Deno.makeTempDir({ prefix: "obs-e2e-" });
    try {
      for (const name of ["lib", "deno.json", "deno.lock", "node_modules"]) await Deno.symlink(projectPath(name), `${tmp}/${name}`);
      await Deno.mkdir(`${tmp}/notebooks`);
      const notebooks: string[] = [];
      for (const e of [...Deno.readDirSync(projectPath("notebooks"))].filter((e) => /^\d\d_.*\.ipynb$/.test(e.name)).sort((a, b) => a.name.localeCompare(b.name))) {
        await Deno.copyFile(projectPath("notebooks", e.name), `${tmp}/notebooks/${e.name}`);
        notebooks.push(`${tmp}/notebooks/${e.name}`);
      }
      assert(notebooks.length >= 2, "at least two numbered notebooks");
      const r = await runNotebooks(notebooks, {
        jupyterDir: jupyterDir(projectRoot()),
        htmlPath: `${tmp}/report.html`,
        cellTimeoutS: 300,
        output: "piped",
        env: { OBS_DATA_DIR: `${tmp}/data`, OBS_FIGURES_DIR: `${tmp}/figures`, OBS_TARGET: "lab", OBS_LAB_SIZE: "40", OBS_SEED: "e2e", OBS_LATENCY: "0" },
      });
      assertEquals(r.code, 0, `nbrun failed:\n${r.stdout}\n${r.stderr}`);

      // Every lab host is a row of servers.csv, and every one answered.
      const truth = JSON.parse(await Deno.readTextFile(`${tmp}/data/lab/ground_truth.json`)).hosts as { hostname: string | null; onion: string | null; ipv4: string | null; claims_software: string }[];
      const rows = await readCsv(`${tmp}/data/servers.csv`);
      const byServer = new Map(rows.map((row) => [String(row.server), row]));
      for (const h of truth) {
        const key = (h.onion ?? h.hostname ?? h.ipv4)!;
        const row = byServer.get(key);
        assert(row, `lab host ${key} missing from servers.csv`);
        assertEquals(row.status, "success", `status of ${key}`);
        assertEquals(row.software, h.claims_software, `software of ${key}`);
      }

      // Executed notebooks keep their outputs, with no error output; the figure is exported.
      for (const nb of notebooks) {
        const j = JSON.parse(await Deno.readTextFile(nb));
        const outputs = j.cells.filter((c: { cell_type: string }) => c.cell_type === "code").flatMap((c: { outputs: unknown[] }) => c.outputs) as { output_type: string }[];
        assert(outputs.length > 0, `${nb} has outputs`);
        assert(!outputs.some((o) => o.output_type === "error"), `${nb} has an error output`);
      }
      const svg = await Deno.readTextFile(`${tmp}/figures/servers_by_implementation.svg`);
      assertIncludes(svg, 'xmlns="http://www.w3.org/2000/svg"');
      assertIncludes(svg, "ElectrumX");
      const html = await Deno.readTextFile(`${tmp}/report.html`);
      assertIncludes(html, "<svg");
      assertIncludes(html, "lab run");
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
