import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { euclideanDistances } from "./euclidean_distances.ts";
import { hierarchicalOrder } from "./hierarchical_order.ts";
import { seededRandom } from "./test_helpers.ts";

/** Items interleaved from three groups (item i in group i % 3), shuffled positions. */
function interleaved(): { pts: number[][]; group: number[] } {
  const random = seededRandom(4);
  const pts: number[][] = [], group: number[] = [];
  for (let i = 0; i < 24; i++) {
    const g = i % 3;
    pts.push([g * 20 + random(), (g % 2) * 20 + random()]);
    group.push(g);
  }
  return { pts, group };
}

Deno.test("hierarchicalOrder: ml-hclust loads and leaf order makes each group contiguous", () => {
  const { pts, group } = interleaved();
  for (const linkage of ["average", "single", "complete", "ward"] as const) {
    const { order } = hierarchicalOrder(euclideanDistances(pts), { linkage });
    assertEquals([...order].sort((a, b) => a - b), [...Array(24).keys()]);
    const seq = order.map((i) => group[i]);
    let changes = 0;
    for (let k = 1; k < seq.length; k++) if (seq[k] !== seq[k - 1]) changes++;
    assertEquals(changes, 2, `${linkage}: groups in order ${seq.join("")}`);
  }
});

Deno.test("hierarchicalOrder: merge heights follow the linkage on a line, by hand", () => {
  // Points 0, 1, 5: single linkage joins {0,1} at 1 then 5 at 4; complete at 5; average 4.5.
  const d = euclideanDistances([[0], [1], [5]]);
  assertEquals(hierarchicalOrder(d, { linkage: "single" }).root.height, 4);
  assertEquals(hierarchicalOrder(d, { linkage: "complete" }).root.height, 5);
  assertEquals(hierarchicalOrder(d, { linkage: "average" }).root.height, 4.5);
});

Deno.test("hierarchicalOrder: the same matrix gives the same order", () => {
  const { pts } = interleaved();
  const d = euclideanDistances(pts);
  assertEquals(hierarchicalOrder(d).order, hierarchicalOrder(d).order);
  const cut = hierarchicalOrder(d).root.cut(10);
  assert(cut.length === 3, `cut at 10 gives ${cut.length} clusters`);
});

Deno.test("hierarchicalOrder: bad inputs throw RangeError", () => {
  const d = euclideanDistances([[0], [1]]);
  assertThrows(
    () => hierarchicalOrder(d, { linkage: "centroid" as "ward" }),
    RangeError,
    "centroid",
  );
  assertThrows(
    () => hierarchicalOrder({ form: "condensed", n: 0, values: new Float64Array(0) }),
    RangeError,
    "got 0",
  );
});
