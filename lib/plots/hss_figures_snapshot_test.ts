/**
 * Snapshot tests of the suspicion figures (`svg_snapshot.ts`, as `figures_snapshot_test.ts`).
 * Regenerate with `OBS_UPDATE_SNAPSHOTS=1 deno test -A lib/plots/hss_figures_snapshot_test.ts`
 * and review the diff.
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { figureSvg } from "./export_figure.ts";
import { assertSvgSnapshot } from "./svg_snapshot.ts";
import { hssDistribution } from "./hss_distribution.ts";
import { tierBars } from "./tier_bars.ts";
import { evidenceHeatmap } from "./evidence_heatmap.ts";
import { evaluationCurve } from "./evaluation_curve.ts";

const LAB = "LAB RUN (simulated network)";

Deno.test("hssDistribution: snapshot; bins stacked by tier with the cut-offs", async () => {
  const rows = [10, 10, 10, 12, 52.3, 56, 83, 96, 100, 100].map((hss) => ({
    hss,
    tier: hss >= 90 ? "high" : hss >= 50 ? "medium" : "benign",
  }));
  const fig = hssDistribution(rows, {
    thresholds: { high: 90, medium: 50 },
    title: "HSS",
    caption: LAB,
  });
  assert(figureSvg(fig).includes("(medium)"), "the cut-offs are named");
  await assertSvgSnapshot("hss_distribution", fig);
});

Deno.test("tierBars: snapshot; server text escaped, largest group first", async () => {
  const fig = tierBars([
    { group: "google", tier: "high", servers: 80 },
    { group: "google", tier: "benign", servers: 20 },
    { group: "<b>hetzner</b>", tier: "benign", servers: 30 },
  ], { groupLabel: "provider", title: "Tiers", caption: LAB });
  const svg = figureSvg(fig);
  assert(!svg.includes("<b>hetzner"), "a label is markup");
  assert(svg.indexOf("google") < svg.indexOf("hetzner"), "largest first");
  await assertSvgSnapshot("hss_tier_bars", fig);
});

Deno.test("evidenceHeatmap: snapshot; one cell per hit", async () => {
  const cells = [
    { server: "a.example", indicator: "issuance-burst", weight: 5 },
    { server: "a.example", indicator: "cert-name-template", weight: 3.2 },
    { server: "b.example", indicator: "banner-url", weight: 0.6 },
  ];
  const fig = evidenceHeatmap(cells, {
    servers: ["a.example", "b.example"],
    title: "Evidence",
    caption: LAB,
  });
  assertEquals(fig.querySelectorAll("rect").length >= 3, true);
  await assertSvgSnapshot("hss_evidence_heatmap", fig);
});

Deno.test("evaluationCurve: snapshot; ROC with diagonal and a marked point", async () => {
  const fig = evaluationCurve([
    { x: 0, y: 0, run: "lab" },
    { x: 0, y: 0.9, run: "lab" },
    { x: 0.1, y: 1, run: "lab" },
    { x: 1, y: 1, run: "lab" },
  ], {
    diagonal: true,
    marks: [{ x: 0, y: 0.9, label: "high tier" }],
    xLabel: "FPR",
    yLabel: "TPR",
    title: "ROC",
    caption: LAB,
  });
  assert(figureSvg(fig).includes("high tier"));
  await assertSvgSnapshot("hss_roc", fig);
});
