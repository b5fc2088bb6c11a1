import { assert, assertEquals, assertIncludes } from "../testing/assert.ts";
import type { Row } from "../data/read_csv.ts";
import { clusterBullets } from "./section_clusters.ts";
import { suspicionBullets } from "./section_suspicion.ts";
import { changeText, measuredText, PRIVACY_RISKS, privacyBullets } from "./section_privacy.ts";
import type { HssRow } from "./read_hss.ts";
import type { Tier } from "../suspect/score_servers.ts";

const row = (
  server: string,
  c: string | null,
  g: string | null,
  extra: Partial<Row> = {},
): Row => ({
  server,
  behaviour_cluster: c,
  operator_group: g,
  operator_evidence: g ? "certificate (2, p=0.001)" : null,
  modified: false,
  modified_reasons: null,
  outlier_score: 0.5,
  outlier_rank: 9,
  explanation: "typical",
  ...extra,
});

Deno.test("clusterBullets counts clusters, noise, groups, modified and quotes the top outliers escaped", () => {
  const rows = [
    row("a", "c1", "g1"),
    row("b", "c1", "g1"),
    row("c", "c1", null),
    row("d", "c2", null, {
      modified: true,
      modified_reasons: "claim-family;claim-version",
      outlier_rank: 2,
      outlier_score: 0.7,
    }),
    row("<script>x</script>", null, null, {
      outlier_rank: 1,
      outlier_score: 0.81,
      explanation: 'claims "<b>"',
    }),
  ];
  const md = clusterBullets(rows).join("\n");
  assertIncludes(md, "4 of 5 servers that answered (80.0%) fall into 2 behavioural clusters");
  assertIncludes(md, "(the largest, c1, holds 3); 1 are left as noise");
  assertIncludes(md, "1 groups link 2 of 5 servers (40.0%)");
  assertIncludes(md, "1 of 5 servers (20.0%) are flagged (claim\\-family: 1; claim\\-version: 1)");
  assertIncludes(md, "&lt;script&gt;x&lt;/script&gt;, score 0.810: claims &quot;&lt;b&gt;&quot;");
  assert(md.indexOf("score 0.810") < md.indexOf("score 0.700"), "outliers by rank");
  assert(!md.includes("<script>"), "server text is escaped");
  assertIncludes(clusterBullets(null).join(""), "Not measured in this run");
});

Deno.test("suspicionBullets gives tiers with denominators, groups a tier's servers by operator group, and names benign clusters with their reason", () => {
  const h = (
    server: string,
    hss: number,
    tier: Tier,
    group: string | null,
    groupTier: Tier | null,
  ): HssRow => ({
    server,
    hss,
    tier,
    indicators: [],
    evidence: `evidence of ${server}`,
    group,
    groupTier,
  });
  const rows = [
    h("a", 92, "high", "g1", "high"),
    h("b", 95, "high", "g1", "high"),
    h("c", 50.5, "medium", null, null),
    h("<i>e</i>", 99, "high", null, null),
    h("d", 10, "benign", "g2", "benign"),
    h("f", 10, "benign", "g2", "benign"),
  ];
  const md = suspicionBullets(rows, {
    clusters: [row("d", "c1", "g2", { operator_evidence: "banner (2, p=0.01)" })],
    figures: ["hss_distribution"],
  }).join("\n");
  assertIncludes(
    md,
    "high 3 of 6 scored servers (50.0%), medium 1 of 6 scored servers (16.7%), benign 2 of 6",
  );
  assertIncludes(md, "operator group g1: 2 servers, HSS 92-95 (a, b); top evidence: evidence of a");
  assertIncludes(md, "&lt;i&gt;e&lt;/i&gt; (in no group): HSS 99");
  assertIncludes(md, "c (in no group): HSS 50.5; evidence of c");
  assertIncludes(md, "| g1 | 2 | high | 2 | 0 | 0 | 95 |");
  assertIncludes(md, "| g2 | 2 | benign | 0 | 0 | 2 | 10 |");
  assertIncludes(md, "1 of 2 operator groups (50.0%), holding 2 servers");
  assertIncludes(md, "g2 (2 servers, highest HSS 10): linked by banner \\(2, p=0\\.01\\)");
  // Only published figures are linked.
  assertIncludes(md, "[figure hss_distribution]");
  assert(!md.includes("hss_evidence_matrix"), "an unpublished figure is not linked");
  assert(!md.includes("<i>"), "server text is escaped");
  assertIncludes(suspicionBullets(null).join(""), "Not measured in this run");
});

Deno.test("privacyBullets gives each seed risk with its measures, units and denominators, or not measured", () => {
  const md = privacyBullets({
    risks: [{
      risk: "xpub leakage",
      measure: "share of the wallet's addresses one server learns",
      value: 1,
      unit: "share",
      denominator: "44 addresses",
      measuredOn: "real wallet",
      meaning: "all",
    }, {
      risk: "address correlation",
      measure: "linker precision",
      value: 0.51129,
      unit: "precision",
      denominator: "2701 address pairs",
      measuredOn: "real wallet",
      meaning: "",
    }],
    recommendations: null,
  }, ["privacy_failover_timeline"]).join("\n");
  assertIncludes(
    md,
    "- **xpub leakage** (1 measures) ([notebook 05 · The real wallet: what each server learned](../notebooks/05_privacy.ipynb), [figure privacy_failover_timeline](../figures/privacy_failover_timeline.svg)):",
  );
  assertIncludes(md, "one server learns: **100.0% of 44 addresses** (real wallet): all");
  assertIncludes(
    md,
    "linker precision: **precision 0.5113 over 2701 address pairs** (real wallet)",
  );
  assertIncludes(md, "**timing leaks:** not measured");
  assert(!md.includes("privacy_exposure_operators"), "an unpublished figure is not linked");
  assertEquals(measuredText(1476, "ms", "1 opening"), "1476 ms, over 1 opening");
  assertEquals(measuredText(NaN, "ms", "1 opening"), "unknown ms, over 1 opening");
  assertEquals(changeText(1, 0, "share", "400 servers"), "100.0% → 0.0% of 400 servers");
  assertEquals(changeText(1, 0.25, "recall", "9 pairs"), "recall 1 → 0.25 over 9 pairs");
  const absent = privacyBullets(null).join("\n");
  assertIncludes(absent, "Not measured in this run");
  for (const r of PRIVACY_RISKS) assertIncludes(absent, `${r.name}: not measured.`);
});
