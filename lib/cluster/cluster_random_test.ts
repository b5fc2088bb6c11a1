import { assertEquals, assertNotEquals } from "../testing/assert.ts";
import { clusterRandom } from "./cluster_random.ts";

Deno.test("clusterRandom: each call restarts one sequence in [0, 1); another seed differs", () => {
  const a = clusterRandom(), b = clusterRandom();
  const xs = Array.from({ length: 100 }, () => a());
  assertEquals(Array.from({ length: 100 }, () => b()), xs);
  for (const x of xs) assertEquals(x >= 0 && x < 1, true);
  assertNotEquals(clusterRandom(7)(), xs[0]);
});
