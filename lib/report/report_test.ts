import { join } from "node:path";
import { assert, assertEquals, assertRejects } from "../testing/assert.ts";
import { UsageError } from "../pipeline/exit_codes.ts";
import {
  CONCURRENT_NOTEBOOKS,
  parseReportArgs,
  report,
  reportNotebooks,
  reportSchedule,
  runOrder,
} from "./report.ts";

Deno.test("runOrder sorts notebooks by file name and puts the executive summary last", () => {
  assertEquals(
    runOrder(["a/03_c.ipynb", "b/00_summary.ipynb", "a/01_a.ipynb", "c/02_b.ipynb"]),
    ["a/01_a.ipynb", "c/02_b.ipynb", "a/03_c.ipynb", "b/00_summary.ipynb"],
  );
  assertEquals(runOrder(["00_other.ipynb", "01_a.ipynb"]), ["00_other.ipynb", "01_a.ipynb"]);
  assertEquals(runOrder([]), []);
});

Deno.test("reportSchedule runs 02-05 side by side, one per core (at most 4), the collection and the summary alone, every later kernel started ahead", () => {
  const all = [
    "notebooks/01_collect.ipynb",
    "notebooks/02_network_overview.ipynb",
    "notebooks/03_clusters.ipynb",
    "notebooks/04_suspicion.ipynb",
    "notebooks/05_privacy.ipynb",
    "notebooks/00_summary.ipynb",
  ];
  assertEquals(reportSchedule(all, { cores: 2 }), {
    concurrent: [...CONCURRENT_NOTEBOOKS],
    jobs: 2,
    startAhead: 5,
  });
  assert(!CONCURRENT_NOTEBOOKS.includes("01_collect.ipynb"), "the crawl writes what all read");
  assert(!CONCURRENT_NOTEBOOKS.includes("00_summary.ipynb"), "the summary reads what 05 writes");
  assertEquals(reportSchedule(all, { cores: 1 }).jobs, 1);
  assertEquals(reportSchedule(all, { cores: 16 }).jobs, 4);
  // Named notebooks only: a notebook not in the list (a new one) runs alone.
  assertEquals(
    reportSchedule(["notebooks/03_clusters.ipynb", "notebooks/07_new.ipynb"], { cores: 2 }),
    { concurrent: ["03_clusters.ipynb"], jobs: 2, startAhead: 1 },
  );
  assertEquals(reportSchedule(["notebooks/01_collect.ipynb"], { cores: 2 }).startAhead, 0);
});

Deno.test("reportNotebooks lists notebooks/NN_*.ipynb in run order (summary last) and skips everything else", async () => {
  const root = await Deno.makeTempDir({ prefix: "report_test_" });
  try {
    assertEquals(await reportNotebooks(root), []);
    await Deno.mkdir(join(root, "notebooks"));
    for (
      const name of [
        "10_plots.ipynb",
        "00_summary.ipynb",
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
      "notebooks/00_summary.ipynb",
    ]);
    // Named notebooks run in the same order: the summary after the tables it reads.
    assertEquals(
      (await parseReportArgs(["00_summary.ipynb", "02_enrich.ipynb"], root, root)).notebooks,
      ["notebooks/02_enrich.ipynb", "notebooks/00_summary.ipynb"],
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("parseReportArgs takes report notebooks by path or name, in name order, and refuses anything else", async () => {
  const root = await Deno.makeTempDir({ prefix: "report_test_" });
  try {
    await Deno.mkdir(join(root, "notebooks"));
    for (const name of ["01_collect.ipynb", "02_overview.ipynb", "scratch.ipynb"]) {
      await Deno.writeTextFile(join(root, "notebooks", name), "{}");
    }
    assertEquals(await parseReportArgs([], root, root), { help: false, notebooks: null });
    assertEquals(await parseReportArgs(["--help"], root, root), { help: true, notebooks: null });
    assertEquals(await parseReportArgs(["-h", "--bogus"], root, root), {
      help: true,
      notebooks: null,
    });
    assertEquals(
      await parseReportArgs(["02_overview.ipynb", "notebooks/01_collect.ipynb"], root, root),
      { help: false, notebooks: ["notebooks/01_collect.ipynb", "notebooks/02_overview.ipynb"] },
    );
    assertEquals(
      (await parseReportArgs(["../notebooks/02_overview.ipynb"], root, join(root, "notebooks")))
        .notebooks,
      ["notebooks/02_overview.ipynb"],
    );
    await assertRejects(
      () => parseReportArgs(["--bogus"], root, root),
      UsageError,
      'unknown option "--bogus"',
    );
    await assertRejects(
      () => parseReportArgs(["notebooks/scratch.ipynb"], root, root),
      UsageError,
      "is not one of the report's notebooks",
    );
    await assertRejects(
      () => parseReportArgs(["03_missing.ipynb"], root, root),
      UsageError,
      "03_missing.ipynb",
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("report refuses bad run parameters before setup or any kernel, writing nothing", async () => {
  const root = await Deno.makeTempDir({ prefix: "report_test_" });
  try {
    await Deno.mkdir(join(root, "notebooks"));
    await Deno.writeTextFile(join(root, "notebooks", "01_collect.ipynb"), "{}");
    await assertRejects(
      () =>
        report({ root, env: { OBS_TARGET: "local", OBS_SEEDS: "8.8.8.8:50001:t" }, log: () => {} }),
      UsageError,
      "OBS_SEEDS",
    );
    assertEquals([...Deno.readDirSync(root)].map((e) => e.name), ["notebooks"]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("report runs the notebooks in order (summary last) with the environment passed through and writes figures/report.html summary first, with contents, no script", async () => {
  const root = await Deno.makeTempDir({ prefix: "report_test_" });
  const previous = Deno.env.get("OBS_TARGET");
  try {
    await Deno.writeTextFile(join(root, "deno.json"), '{ "nodeModulesDir": "auto" }\n');
    await Deno.mkdir(join(root, "notebooks"));
    const nb = (source: string, markdown = "# A notebook") => ({
      cells: [
        { cell_type: "markdown", metadata: {}, source: markdown },
        { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source },
      ],
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
      JSON.stringify(nb('console.log(Deno.cwd()); Deno.writeTextFileSync("ran.txt", "02 ")')),
    );
    await Deno.writeTextFile(
      join(root, "notebooks", "00_summary.ipynb"),
      JSON.stringify(
        nb(
          'console.log("summary saw " + Deno.readTextFileSync("ran.txt"))',
          "# Executive summary\n\n## Findings\n\nSee [notebook 02](../notebooks/02_cwd.ipynb).",
        ),
      ),
    );
    Deno.env.set("OBS_TARGET", "local");
    Deno.env.set("OBS_SEEDS", "127.0.0.5:50001:t");
    assertEquals(await report({ root, log: () => {} }), 0);
    const page = await Deno.readTextFile(join(root, "figures", "report.html"));
    const summary = page.indexOf("summary saw 02");
    const first = page.indexOf("target=local");
    const second = page.indexOf(join(root, "notebooks"));
    assert(summary > 0, "the summary ran after notebook 02");
    assert(first > summary && second > first, "the summary first, then the notebooks in order");
    const toc = page.slice(page.indexOf('<nav id="obs-toc"'), page.indexOf("</nav>"));
    assert(toc.includes(">Executive summary</a>") && toc.includes(">Findings</a>"), toc);
    assert(
      page.includes('href="#nb-02_cwd"'),
      "a link to a notebook of the report stays in the page",
    );
    assert(!/<script/i.test(page), "the report holds no script");
    assert(page.includes('id="obs-show-code"') && page.includes("@media print"));
  } finally {
    Deno.env.delete("OBS_SEEDS");
    if (previous === undefined) Deno.env.delete("OBS_TARGET");
    else Deno.env.set("OBS_TARGET", previous);
    await Deno.remove(root, { recursive: true });
  }
});
