/**
 * End to end: the numbered notebooks run headless on the Deno kernel against a small lab, in a
 * temporary copy of the project (so the committed executed notebooks and data stay as they are),
 * and their outputs agree with the lab's ground truth; notebook 03 reads clusters.csv (one row
 * per feature row), exports its three cluster figures and shows the evaluation; notebook 04 reads
 * hss.csv (one row per feature row, the feed valid against its schema), exports its figures and
 * shows the evaluation.
 */
import { assert, assertEquals, assertIncludes } from "../lib/testing/assert.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { projectRoot } from "../lib/data/paths.ts";
import { jupyterDir, setup } from "../lib/report/setup.ts";
import { runNotebooks } from "../lib/report/run_notebooks.ts";
import { Ajv } from "ajv";
import { startLab } from "../lib/lab/lab.ts";
import { fixtureHosts } from "../lib/lab/fixture_hosts.ts";
import { notebookWorkspace } from "./helpers/notebook_workspace.ts";
import { runLabNotebooks } from "./helpers/run_lab_notebooks.ts";

Deno.test({
  name: "notebooks 01 to 04 run headless on a lab, find every lab server and export the figures",
  sanitizeResources: true,
  sanitizeOps: true,
  async fn() {
    await setup({ log: () => {} });
    const tmp = await Deno.makeTempDir({ prefix: "obs-e2e-" });
    try {
      const notebooks = await notebookWorkspace(tmp);
      assert(notebooks.length >= 2, "at least two numbered notebooks");
      const r = await runLabNotebooks(tmp, notebooks, {
        seed: "e2e",
        htmlPath: `${tmp}/report.html`,
      });
      assertEquals(r.code, 0, `nbrun failed:\n${r.stdout}\n${r.stderr}`);

      // Every lab host is a row of servers.csv, and every one answered.
      const truth = JSON.parse(await Deno.readTextFile(`${tmp}/data/lab/ground_truth.json`))
        .hosts as {
          hostname: string | null;
          onion: string | null;
          ipv4: string | null;
          claims_software: string;
        }[];
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
        const outputs = j.cells.filter((c: { cell_type: string }) => c.cell_type === "code")
          .flatMap((c: { outputs: unknown[] }) => c.outputs) as { output_type: string }[];
        assert(outputs.length > 0, `${nb} has outputs`);
        assert(!outputs.some((o) => o.output_type === "error"), `${nb} has an error output`);
      }
      const svg = await Deno.readTextFile(`${tmp}/figures/servers_by_implementation.svg`);
      assertIncludes(svg, 'xmlns="http://www.w3.org/2000/svg"');
      assertIncludes(svg, "ElectrumX");
      const html = await Deno.readTextFile(`${tmp}/report.html`);
      assertIncludes(html, "<svg");
      assertIncludes(html, "lab run");

      // Notebook 03: clusters.csv has one row per feature row; its figures are exported as SVG
      // and PNG; on a lab run the evaluation table and its sentences are shown.
      const features = await readCsv(`${tmp}/data/features.csv`);
      const clusters = await readCsv(`${tmp}/data/clusters.csv`);
      assertEquals(clusters.map((c) => c.server), features.map((f) => f.server));
      for (const name of ["cluster_embedding", "cluster_feature_heatmap", "cluster_similarity"]) {
        assertIncludes(
          await Deno.readTextFile(`${tmp}/figures/${name}.svg`),
          'xmlns="http://www.w3.org/2000/svg"',
        );
        assert((await Deno.stat(`${tmp}/figures/${name}.png`)).size > 1000, `${name}.png`);
      }
      const nb03 = notebooks.find((n) => n.endsWith("03_clusters.ipynb"));
      assert(nb03, "notebook 03 is numbered");
      const shown03 = shownTexts(JSON.parse(await Deno.readTextFile(nb03))).join("\n");
      assertIncludes(shown03, "Clustering vs reference labels, per scenario kind");
      assertIncludes(shown03, "Behavioural clusters vs true families: ARI");

      // Notebook 04: hss.csv has one row per feature row (it checks them against the scores it
      // recomputes); the feed validates against the schema written beside it; its figures are
      // exported; on a lab run the evaluation is shown.
      const hss = await readCsv(`${tmp}/data/hss.csv`);
      assertEquals(hss.map((h) => h.server).sort(), features.map((f) => f.server).sort());
      const feedSchema = JSON.parse(await Deno.readTextFile(`${tmp}/data/risk-feed.schema.json`));
      const validate = new Ajv({ strict: true }).compile(feedSchema);
      const feed = JSON.parse(await Deno.readTextFile(`${tmp}/data/risk-feed.json`));
      assert(validate(feed), JSON.stringify(validate.errors?.slice(0, 3)));
      for (
        const name of [
          "hss_distribution",
          "hss_tiers_by_provider",
          "hss_tiers_by_implementation",
          "hss_evidence_matrix",
          "hss_precision_recall",
          "hss_roc",
        ]
      ) {
        assert((await Deno.stat(`${tmp}/figures/${name}.png`)).size > 1000, `${name}.png`);
      }
      const nb04 = notebooks.find((n) => n.endsWith("04_suspicion.ipynb"));
      assert(nb04, "notebook 04 is numbered");
      const shown04 = shownTexts(JSON.parse(await Deno.readTextFile(nb04))).join("\n");
      assertIncludes(shown04, "Tiers by scenario kind");
      assertIncludes(shown04, "High tier over all");
      assertIncludes(shown04, "matches the scores recomputed from the tables");
    } finally {
      await Deno.remove(tmp, { recursive: true });
    }
  },
});

/** Every text an executed notebook shows (Markdown, plain text, HTML with tags removed), by cell. */
function shownTexts(
  nb: { cells: { cell_type: string; outputs?: { data?: Record<string, string | string[]> }[] }[] },
): string[] {
  return nb.cells.filter((c) => c.cell_type === "code").map((c) =>
    (c.outputs ?? []).map((o) => {
      const d = o.data ?? {};
      const pick = (
        k: string,
      ) => (Array.isArray(d[k]) ? (d[k] as string[]).join("") : (d[k] as string | undefined) ?? "");
      return pick("text/markdown") ||
        pick("text/html").replace(/<svg[\s\S]*?<\/svg>/g, "").replace(/<[^>]+>/g, " ");
    }).join(" ")
  );
}

Deno.test({
  name:
    "notebooks 01 and 02 read cleanly on a 5-server local run (nothing geolocated): no null, no ?, no bare tables",
  sanitizeResources: true,
  sanitizeOps: true,
  async fn() {
    await setup({ log: () => {} });
    const hosts = fixtureHosts([
      "electrumx-1.19.0",
      "fulcrum-2.1.1",
      "electrs-0.11.1",
      "esplora-0.4.1-new",
      "eps-0.2.4",
    ], { tls: true, seed: "local5", firstIndex: 60 });
    const lab = await startLab({ hosts, latency: 0, tipIntervalMs: 0 });
    const tmp = await Deno.makeTempDir({ prefix: "obs-e2e-local-" });
    try {
      const notebooks = await notebookWorkspace(tmp, [
        "01_collect.ipynb",
        "02_network_overview.ipynb",
      ]);
      const seeds = hosts.map((h) => `${h.loopback}:50001:t,${h.loopback}:50002:s`).join(",");
      const r = await runNotebooks(notebooks, {
        jupyterDir: jupyterDir(projectRoot()),
        htmlPath: `${tmp}/report.html`,
        cellTimeoutS: 300,
        output: "piped",
        env: {
          OBS_DATA_DIR: `${tmp}/data`,
          OBS_FIGURES_DIR: `${tmp}/figures`,
          OBS_TARGET: "local",
          OBS_SEEDS: seeds,
        },
      });
      assertEquals(r.code, 0, `nbrun failed:\n${r.stdout}\n${r.stderr}`);
      const servers = await readCsv(`${tmp}/data/servers.csv`);
      assertEquals(
        servers.filter((s) => String(s.server).startsWith("127.") && s.status === "success").length,
        5,
      );
      const overview = shownTexts(JSON.parse(await Deno.readTextFile(notebooks[1])));
      const findings = overview.at(-1)!;
      assertIncludes(findings, "Local run");
      for (const bad of ["null", "undefined", "NaN", "?", "&\\#"]) {
        assert(!findings.includes(bad), `"${bad}" in the findings: ${findings}`);
      }
      // No table is shown as a bare caption; no cell shows an issuance burst of the five unrelated servers.
      assert(
        !overview.some((t) => /\b5 certificates on 5 hosts\b/.test(t)),
        "a false issuance burst",
      );
      const j = JSON.parse(await Deno.readTextFile(notebooks[1]));
      const htmls = j.cells.flatMap((
        c: { outputs?: { data?: Record<string, string | string[]> }[] },
      ) => (c.outputs ?? []).map((o) => [o.data?.["text/html"] ?? ""].flat().join("")));
      for (const h of htmls) {
        assert(!/<tbody><\/tbody>/.test(h), `an empty table: ${h.slice(0, 200)}`);
      }
    } finally {
      await lab.stop();
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
