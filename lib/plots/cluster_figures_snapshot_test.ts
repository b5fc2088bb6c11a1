/**
 * Snapshot tests of the cluster figures (`svg_snapshot.ts`, as `figures_snapshot_test.ts`).
 * Regenerate with `OBS_UPDATE_SNAPSHOTS=1 deno test -A lib/plots/cluster_figures_snapshot_test.ts`
 * and review the diff.
 */
import { assert, assertEquals } from "../testing/assert.ts";
import { clusterFeatureHeatmap } from "./cluster_feature_heatmap.ts";
import { embeddingScatter } from "./embedding_scatter.ts";
import { figureSvg } from "./export_figure.ts";
import { similarityHeatmap } from "./similarity_heatmap.ts";
import { assertSvgSnapshot } from "./svg_snapshot.ts";

const LAB = "LAB RUN (simulated network)";

async function snapshot(name: string, figure: Element) {
  await assertSvgSnapshot(name, figure);
}

const profile = [
  ["c1", 12, "wording_unknown_method", "unknown method <q>", 1, 0.05],
  ["c1", 12, "batch_joining", "comma-space", 0.9, 0.3],
  ["c2", 7, "wording_unknown_method", "Unknown method: '<q>'", 1, 0],
  ["c2", 7, "batch_joining", "comma", 1, 0.1],
  ["noise", 2, "wording_unknown_method", "<script>alert(1)</script>", 0.5, 0],
  ["noise", 2, "batch_joining", "comma", 0.5, 0.4],
].map(([cluster, size, feature, value, share, elsewhere]) => ({
  cluster: cluster as string,
  size: size as number,
  feature: feature as string,
  value: value as string,
  share: share as number,
  elsewhere: elsewhere as number,
}));

Deno.test("clusterFeatureHeatmap: snapshot; server text is escaped", async () => {
  const fig = clusterFeatureHeatmap(profile, { title: "Behaviour by cluster", caption: LAB });
  const svg = figureSvg(fig);
  assert(!svg.includes("<script>"), "a value is markup");
  assert(svg.includes("&lt;script"), "the value is shown escaped");
  await snapshot("cluster_feature_heatmap", fig);
});

Deno.test("similarityHeatmap: snapshot with the cluster band", async () => {
  const cells = [];
  for (let x = 0; x < 4; x++) {
    for (let y = 0; y < 4; y++) cells.push({ x, y, similarity: (x < 2) === (y < 2) ? 0.9 : 0.2 });
  }
  const fig = similarityHeatmap(cells, {
    blockCluster: ["c1", "c1", "c2", "c2"],
    servers: 8,
    title: "Similarity",
    caption: LAB,
  });
  assertEquals(fig.querySelectorAll("rect").length >= 16, true);
  await snapshot("similarity_heatmap", fig);
});

Deno.test("embeddingScatter: snapshot; noise drawn grey, legend counts", async () => {
  const rows = [
    { server: "a", x: 0, y: 0, cluster: "c1" },
    { server: "b", x: 0.1, y: 0.05, cluster: "c1" },
    { server: "c", x: 1, y: 1, cluster: "c2" },
    { server: "d", x: -1, y: 0.5, cluster: "noise" },
  ];
  const fig = embeddingScatter(rows, { title: "Embedding", caption: LAB });
  const svg = figureSvg(fig);
  assert(svg.includes("#bab0ab"), "noise is grey");
  assert(svg.includes("c1 (2 servers)"), "legend counts");
  await snapshot("embedding_scatter", fig);
});
