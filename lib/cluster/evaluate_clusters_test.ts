import { assertEquals, assertThrows } from "../testing/assert.ts";
import { evaluateClusters } from "./evaluate_clusters.ts";

const truth = [
  { server: "a", operator: "op1", cluster_truth: "x", kind: "multi" },
  { server: "b", operator: "op1", cluster_truth: "x", kind: "multi" },
  { server: "c", operator: "s1", cluster_truth: "x", kind: "single" },
  { server: "d", operator: "s2", cluster_truth: "y", kind: "single", modified: true },
  { server: "e", operator: "s3", cluster_truth: "y", kind: "single" },
];

Deno.test("evaluateClusters: figures on a hand-checked example, overall and per kind", () => {
  const e = evaluateClusters(truth, [
    { server: "a", behaviour_cluster: "c1", operator_group: "g1", modified: false },
    { server: "b", behaviour_cluster: "c1", operator_group: "g1", modified: false },
    { server: "c", behaviour_cluster: "c1", operator_group: "g1", modified: false },
    { server: "d", behaviour_cluster: "c2", operator_group: null, modified: true },
    { server: "e", behaviour_cluster: "c2", operator_group: null, modified: false },
  ]);
  // g1 = {a, b, c}: 3 predicted pairs, 1 true (a-b).
  assertEquals(e.overall.precision, 1 / 3);
  assertEquals(e.overall.recall, 1);
  assertEquals(e.overall.ari, 1);
  assertEquals([e.overall.singlesGrouped, e.overall.singlesGroupedShare], [1, 1 / 3]);
  assertEquals([e.overall.modifiedFound, e.overall.modifiedPlanted], [1, 1]);
  assertEquals(e.byKind.single.singlesGrouped, 1);
  assertEquals(e.byKind.multi.recall, 1);
  assertEquals(Object.keys(e.byKind), ["multi", "single"]);
});

Deno.test("evaluateClusters: a server without a prediction is an error", () => {
  assertThrows(() => evaluateClusters(truth, []), RangeError, "no prediction for server a");
});
