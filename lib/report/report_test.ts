import { join } from "node:path";
import { assert, assertEquals } from "../testing/assert.ts";
import { report, reportNotebooks } from "./report.ts";

Deno.test("reportNotebooks lists notebooks/NN_*.ipynb sorted and skips everything else", async () => {
  const root = await Deno.makeTempDir({ prefix: "report_test_" });
  try {
    assertEquals(await reportNotebooks(root), []);
    await Deno.mkdir(join(root, "notebooks"));
    for (
      const name of [
        "10_plots.ipynb",
        "02_enrich.ipynb",
        "01_collect.ipynb",
        "scratch.ipynb",
        "3_x.ipynb",
        "04_notes.md",
      ]
    ) {
      await Deno.writeTextFile(join(root, "notebooks", name), "{}");
    }
    assertEquals(await reportNotebooks(root), [
      "notebooks/01_collect.ipynb",
      "notebooks/02_enrich.ipynb",
      "notebooks/10_plots.ipynb",
    ]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("report runs the notebooks in order with the environment passed through and writes figures/report.html", async () => {
  const root = await Deno.makeTempDir({ prefix: "report_test_" });
  const previous = Deno.env.get("OBS_TARGET");
  try {
    await Deno.writeTextFile(join(root, "deno.json"), '{ "nodeModulesDir": "auto" }\n');
    await Deno.mkdir(join(root, "notebooks"));
    const nb = (source: string) => ({
      cells: [{ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source }],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 4,
    });
    await Deno.writeTextFile(
      join(root, "notebooks", "01_env.ipynb"),
      JSON.stringify(nb('console.log("target=" + Deno.env.get("OBS_TARGET"))')),
    );
    await Deno.writeTextFile(
      join(root, "notebooks", "02_cwd.ipynb"),
      JSON.stringify(nb("console.log(Deno.cwd())")),
    );
    Deno.env.set("OBS_TARGET", "local");
    assertEquals(await report({ root, log: () => {} }), 0);
    const page = await Deno.readTextFile(join(root, "figures", "report.html"));
    const first = page.indexOf("target=local");
    const second = page.indexOf(join(root, "notebooks"));
    assert(first > 0 && second > first, "both notebooks' outputs, in order");
  } finally {
    if (previous === undefined) Deno.env.delete("OBS_TARGET");
    else Deno.env.set("OBS_TARGET", previous);
    await Deno.remove(root, { recursive: true });
  }
});
