import { assert, assertEquals, assertIncludes, assertRejects } from "../testing/assert.ts";
import { readCsv } from "../data/read_csv.ts";
import { tableCsv } from "../data/table_csv.ts";
import { HSS_SCHEMA } from "../data/schemas/hss.ts";
import { PRIVACY_RISKS_SCHEMA } from "../data/schemas/privacy_risks.ts";
import { PRIVACY_RECOMMENDATIONS_SCHEMA } from "../data/schemas/privacy_recommendations.ts";
import { text } from "./markdown.ts";
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

Deno.test("executiveSummary renders suspicion and privacy from hss.csv and the privacy tables, read with their schemas", async () => {
  const dir = await dataCopy();
  try {
    const clusters = await readCsv(`${dir}/clusters.csv`);
    const benignGroup = clusters.find((r) =>
      r.operator_group !== null && r.operator_group !== "g1"
    )!;
    const h = (
      server: string,
      hss: number,
      tier: string,
      group: string | null,
      groupTier: string | null,
    ) => ({
      server,
      hss,
      tier,
      indicators: tier === "benign" ? "" : "shared-key",
      top_evidence: tier === "benign" ? "no indicator" : `shared key of ${server}`,
      operator_group: group,
      group_tier: groupTier,
    });
    await Deno.writeTextFile(
      `${dir}/hss.csv`,
      tableCsv([
        h("x.lab", 97.5, "high", "g1", "high"),
        h("w.lab", 96, "high", "g1", "high"),
        h("z.lab", 99, "high", null, null),
        h("m.lab", 60, "medium", null, null),
        h("b1.lab", 10, "benign", String(benignGroup.operator_group), "benign"),
        h("b2.lab", 12, "benign", String(benignGroup.operator_group), "benign"),
        h("y.lab", 1, "benign", null, null),
      ], HSS_SCHEMA),
    );
    await Deno.writeTextFile(
      `${dir}/privacy_risks.csv`,
      tableCsv([{
        risk: "timing leaks",
        measure: "broadcasts on the wallet's connection",
        value: 0.92,
        unit: "share",
        denominator: "25 broadcasts",
        measured_on: "real wallet",
        meaning: "most are tied to the wallet",
      }, {
        risk: "timing leaks",
        measure: "from the payment to the server",
        value: 5,
        unit: "ms",
        denominator: "1 payment",
        measured_on: "real wallet",
        meaning: "first seen is when the user paid",
      }], PRIVACY_RISKS_SCHEMA),
    );
    await Deno.writeTextFile(
      `${dir}/privacy_recommendations.csv`,
      tableCsv([{
        recommendation: "Use Tor",
        audience: "users",
        measure: "clients whose address reaches g1",
        before: 1,
        after: 0,
        unit: "share",
        denominator: "10000 simulated clients",
        cost: "circuit latency",
        verdict: "helps",
      }, {
        recommendation: "Rotate servers",
        audience: "users",
        measure: "servers that learn the whole wallet",
        before: 1,
        after: 9.411,
        unit: "servers",
        denominator: "2,000 simulated clients (mean per client)",
        cost: "-",
        verdict: "backfires",
      }], PRIVACY_RECOMMENDATIONS_SCHEMA),
    );
    const sections = executiveSummary(await loadSummaryData({ dir, figures: dir }));
    assertEquals(sections.filter((x) => !x.measured), []);
    const [, , suspicion, privacy, recs, deliverables] = sections.map((x) => x.markdown);
    assertIncludes(suspicion, "high 3 of 7 scored servers (42.9%), medium 1 of 7 scored servers");
    // High: the group in one line with its top evidence, then the server in no group.
    assertIncludes(
      suspicion,
      "operator group g1: 2 servers, HSS 96-97.5 (x\\.lab, w\\.lab); top evidence: shared key of x\\.lab",
    );
    assertIncludes(suspicion, "z\\.lab (in no group): HSS 99; shared key of z\\.lab");
    assertIncludes(suspicion, "m\\.lab (in no group): HSS 60");
    // Tiers per group, and the benign cluster named with what links it.
    assertIncludes(suspicion, "| g1 | 2 | high | 2 | 0 | 0 | 97.5 |");
    assertIncludes(
      suspicion,
      `${text(String(benignGroup.operator_group))} (2 servers, highest HSS 12): linked by ${
        text(String(benignGroup.operator_evidence))
      }`,
    );
    assertIncludes(
      privacy,
      "broadcasts on the wallet&#39;s connection: **92.0% of 25 broadcasts**",
    );
    assertIncludes(privacy, "from the payment to the server: **5 ms, over 1 payment**");
    assertIncludes(privacy, "**xpub leakage:** not measured");
    assertIncludes(privacy, "[notebook 05 · The six risks](../notebooks/05_privacy.ipynb)");
    assertIncludes(
      recs,
      "Use Tor: clients whose address reaches g1, 100.0% → 0.0% of 10000 simulated clients: **helps** (cost: circuit latency)",
    );
    assertIncludes(
      recs,
      "1 → 9.411 servers, over 2,000 simulated clients \\(mean per client\\): **backfires**",
    );
    assertIncludes(
      recs,
      "Avoid xpub-style queries** (handing a server the whole wallet). Its effect is not measured",
    );
    assertIncludes(deliverables, "`data/hss.csv`: 7 rows");
    assertIncludes(deliverables, "`data/privacy_recommendations.csv`: 2 rows");
    assertIncludes(deliverables, "Global server map: not drawn by this run");
    // A privacy table that does not fit its schema is an error, not a silent "not measured".
    await Deno.writeTextFile(`${dir}/privacy_risks.csv`, "risk,value\ntiming leaks,3 s\n");
    await assertRejects(
      () => loadSummaryData({ dir, figures: dir }),
      TypeError,
      "privacy_risks.csv",
    );
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
