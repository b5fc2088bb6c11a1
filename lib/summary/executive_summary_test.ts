import { assert, assertEquals, assertIncludes } from "../testing/assert.ts";
import { projectPath } from "../data/paths.ts";
import { executiveSummary, SUMMARY_SECTIONS, summaryIntro } from "./executive_summary.ts";
import { loadSummaryData } from "./load_summary.ts";

/** A copy of the committed lab scan's tables (the numbers are whatever that scan holds). */
async function dataCopy(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "summary_test_" });
  for (const f of ["manifest.json", "servers.csv", "geo.csv", "tls.csv", "clusters.csv"]) {
    await Deno.copyFile(projectPath("data", f), `${dir}/${f}`);
  }
  return dir;
}

Deno.test("executiveSummary on a lab scan: seed sections in order, numbers with denominators and links, LAB RUN in every heading with numbers", async () => {
  const dir = await dataCopy();
  try {
    const s = await loadSummaryData({ dir, figures: projectPath("figures") });
    const sections = executiveSummary(s);
    assertEquals(sections.map((x) => x.id), [...SUMMARY_SECTIONS]);
    assert(s.label.isLab, "the committed data is a lab scan");
    assertIncludes(summaryIntro(s), "LAB RUN (simulated network)");
    for (const x of sections) {
      const heading = x.markdown.split("\n")[0];
      if (x.measured) assertIncludes(heading, "— LAB RUN (simulated network)");
      else assertIncludes(heading, "not measured in this run");
      // Every statement "n of N ..." is linked to the notebook section (or figure) showing it.
      for (const line of x.markdown.split("\n").filter((l) => /^- /.test(l))) {
        if (/\d+ of \d+ /.test(line) && x.id !== "deliverables") {
          assert(/\]\(\.\.\/(notebooks|figures)\//.test(line), `no link in: ${line}`);
        }
      }
    }
    // The numbers are the tables' own.
    const overview = sections[0].markdown;
    assertIncludes(
      overview,
      `${s.overview.reachable} of ${s.overview.discovered} discovered servers`,
    );
    assertIncludes(sections[1].markdown, `of ${s.clusters!.length} servers that answered`);
    // Tables absent in this copy: suspicion and privacy say so; deliverables list them as absent.
    assertEquals(sections.filter((x) => !x.measured).map((x) => x.id), ["suspicion", "privacy"]);
    assertIncludes(sections[5].markdown, "`data/hss.csv`: not written by this run");
    assertIncludes(sections[5].markdown, "`data/fingerprints.csv`: not written by this run");
    assertIncludes(sections[5].markdown, `\`data/servers.csv\`: ${s.overview.discovered} rows`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("executiveSummary renders suspicion and privacy from hss.csv and the privacy tables when present", async () => {
  const dir = await dataCopy();
  try {
    await Deno.writeTextFile(
      `${dir}/hss.csv`,
      "server,hss,tier,top_evidence,operator_group,group_tier\nx.lab,0.97,high,shared key,g1,high\ny.lab,0.1,benign,,,\n",
    );
    await Deno.writeTextFile(
      `${dir}/privacy_risks.csv`,
      "risk,measure,value,what_it_means\ntiming leaks,wallet open time revealed,92%,most opens\n",
    );
    await Deno.writeTextFile(
      `${dir}/privacy_recommendations.csv`,
      "recommendation,effect_measured,cost\nuse Tor,IP hidden from 100% of servers,2 s per request\n",
    );
    const sections = executiveSummary(await loadSummaryData({ dir, figures: dir }));
    assertEquals(sections.filter((x) => !x.measured), []);
    const [, , suspicion, privacy, recs, deliverables] = sections.map((x) => x.markdown);
    assertIncludes(suspicion, "high 1 of 2 scored servers (50.0%)");
    assertIncludes(suspicion, "x\\.lab: HSS 0.97, operator group g1; shared key");
    assertIncludes(privacy, "**timing leaks:** 92% (wallet open time revealed): most opens");
    assertIncludes(privacy, "**xpub leakage:** not measured");
    assertIncludes(
      recs,
      "Tor: measured effect: IP hidden from 100% of servers, at a cost of 2 s per request",
    );
    assertIncludes(deliverables, "`data/hss.csv`: 2 rows");
    assertIncludes(deliverables, "Global server map: not drawn by this run");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("executiveSummary of a live scan tags its headings with the scan's date, never LAB RUN", async () => {
  const dir = await dataCopy();
  try {
    const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
    await Deno.writeTextFile(
      `${dir}/manifest.json`,
      JSON.stringify({ ...manifest, target: "live", started_at: "2026-12-01T10:00:00Z" }),
    );
    const s = await loadSummaryData({ dir, figures: dir });
    const text = [summaryIntro(s), ...executiveSummary(s).map((x) => x.markdown)].join("\n");
    assert(!text.includes("LAB RUN"), "a live scan is not called a lab run");
    assertIncludes(executiveSummary(s)[0].markdown.split("\n")[0], "— live scan 2026-12-01");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
