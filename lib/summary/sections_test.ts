import { assert, assertEquals, assertIncludes } from "../testing/assert.ts";
import type { Row } from "../data/read_csv.ts";
import { clusterBullets } from "./section_clusters.ts";
import { suspicionBullets } from "./section_suspicion.ts";
import { PRIVACY_RISKS, privacyBullets } from "./section_privacy.ts";
import type { HssRow } from "./read_hss.ts";

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

Deno.test("suspicionBullets gives tiers with denominators, names high servers by score, and benign groups", () => {
  const h = (
    server: string,
    hss: number,
    tier: string,
    group: string | null,
    groupTier: string | null,
  ): HssRow => ({
    server,
    hss,
    tier,
    evidence: `evidence of ${server}`,
    group,
    groupTier,
  });
  const md = suspicionBullets([
    h("a", 0.8, "high", "g1", "high"),
    h("b", 0.95, "high", "g1", "high"),
    h("c", 0.5, "medium", null, null),
    h("d", 0.1, "benign", "g2", "benign"),
    h("e", 0.1, "benign", "g2", "benign"),
  ]).join("\n");
  assertIncludes(
    md,
    "high 2 of 5 scored servers (40.0%), medium 1 of 5 scored servers (20.0%), benign 2 of 5",
  );
  assert(md.indexOf("b: HSS 0.95") < md.indexOf("a: HSS 0.80"), "highest score first");
  assertIncludes(
    md,
    "1 of 2 operator groups (50.0%) have the benign group tier, holding 2 servers",
  );
  assertIncludes(suspicionBullets(null).join(""), "Not measured in this run");
});

Deno.test("privacyBullets gives one line per seed risk: the measured value, or not measured", () => {
  const md = privacyBullets({
    risks: [{
      risk: "xpub leakage",
      measure: "addresses one server learns",
      value: "100%",
      what_it_means: "all",
    }],
    recommendations: null,
  });
  assertEquals(md.length, PRIVACY_RISKS.length);
  assertIncludes(md[0], "**xpub leakage:** 100% (addresses one server learns): all");
  assertIncludes(md[0], "../notebooks/05_privacy.ipynb");
  assertIncludes(md[2], "timing leaks:** not measured");
  const absent = privacyBullets(null).join("\n");
  assertIncludes(absent, "Not measured in this run");
  for (const r of PRIVACY_RISKS) assertIncludes(absent, `${r.name}: not measured.`);
});
