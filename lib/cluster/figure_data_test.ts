import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { behaviourClusters } from "./behaviour_clusters.ts";
import { clusterProfile, embeddingPoints, similarityBlocks } from "./figure_data.ts";
import { syntheticPopulation, TEST_SPECS } from "./test_population.ts";

const pop = syntheticPopulation(4, { singles: 60, multiOperators: 3, fleet: 8, copycats: 4 });
const b = behaviourClusters(pop.rows, TEST_SPECS);

Deno.test("clusterProfile: one cell per cluster and behaviour feature; family values on top", () => {
  const cells = clusterProfile(pop.rows, TEST_SPECS, b.labels);
  const behaviour = TEST_SPECS.filter((s) => s.group === "behaviour").length;
  assertEquals(cells.length, new Set(b.labels.map((l) => l ?? "noise")).size * behaviour);
  const c1 = cells.find((c) => c.cluster === "c1" && c.feature === "wording_unknown_method")!;
  assert(c1.share > 0.9, `share ${c1.share}`);
  assertEquals(c1.size, b.labels.filter((l) => l === "c1").length);
  assertThrows(() => clusterProfile(pop.rows, TEST_SPECS, []), RangeError);
});

Deno.test("similarityBlocks: blocks follow the dendrogram, clusters stay contiguous", () => {
  const s = similarityBlocks(b.distances, b.clustered.map((i) => b.labels[i]), 20);
  assertEquals(s.blocks, 20);
  assertEquals(s.cells.length, 400);
  assertEquals([...s.order].sort((x, y) => x - y), b.clustered.map((_, k) => k));
  const seq = s.order.map((k) => b.labels[b.clustered[k]]).filter((l) => l !== null);
  let changes = 0;
  for (let k = 1; k < seq.length; k++) if (seq[k] !== seq[k - 1]) changes++;
  assertEquals(changes, new Set(seq).size - 1, "each cluster is one run along the order");
  for (const c of s.cells) assert(c.similarity >= 0 && c.similarity <= 1);
});

Deno.test("embeddingPoints: noise is named, lengths are checked", () => {
  const pts = embeddingPoints(["a", "b"], [[0, 1], [2, 3]], ["c1", null]);
  assertEquals(pts[1], { server: "b", x: 2, y: 3, cluster: "noise" });
  assertThrows(() => embeddingPoints(["a"], [], ["c1"]), RangeError);
});
