import { assertEquals, assertThrows } from "../testing/assert.ts";
import { euclideanDistances } from "./euclidean_distances.ts";
import { silhouette, silhouetteCondensed, silhouetteSquare } from "./silhouette.ts";
import { assertClose, seededRandom } from "./test_helpers.ts";
import { toSquare } from "./distance_matrix.ts";

Deno.test("silhouette: five points on a line, hand-computed", () => {
  // Clusters {0, 1} and {5, 6, 7}: s = 5/6, 4/5, 2/3, 9/11, 10/13 (a and b by hand).
  const d = euclideanDistances([[0], [1], [5], [6], [7]]);
  const r = silhouette(d, ["a", "a", "b", "b", "b"]);
  const expected = [5 / 6, 4 / 5, 2 / 3, 9 / 11, 10 / 13];
  assertClose(r.perItem as number[], expected);
  assertClose(r.mean!, expected.reduce((a, b) => a + b) / 5);
});

Deno.test("silhouette: noise is left out and a singleton cluster scores 0", () => {
  const d = euclideanDistances([[0], [1], [5], [6], [7], [100]]);
  const r = silhouette(d, ["a", "a", "b", "b", "b", null]);
  assertEquals(r.perItem[5], null);
  assertClose(r.mean!, (5 / 6 + 4 / 5 + 2 / 3 + 9 / 11 + 10 / 13) / 5);
  const single = silhouette(d, [0, 0, 1, 1, 1, 2]);
  assertEquals(single.perItem[5], 0);
});

Deno.test("silhouette: fewer than two clusters has no mean", () => {
  const d = euclideanDistances([[0], [1], [2]]);
  assertEquals(silhouette(d, [1, 1, null]), { mean: null, perItem: [null, null, null] });
});

Deno.test("silhouette: a bad grouping scores below a good one", () => {
  const d = euclideanDistances([[0], [1], [5], [6]]);
  const good = silhouette(d, [0, 0, 1, 1]).mean!;
  const bad = silhouette(d, [0, 1, 0, 1]).mean!;
  assertEquals(good > 0.7 && bad < 0, true);
});

Deno.test("silhouette: bad inputs throw RangeError", () => {
  const d = euclideanDistances([[0], [1]]);
  assertThrows(() => silhouette(d, [0]), RangeError, "1 entries");
  assertThrows(() => silhouette(d, [0, NaN]), RangeError, "labels[1]");
});

Deno.test("silhouette: the condensed pass gives the square rows' scores to the last bit", () => {
  for (let seed = 1; seed <= 20; seed++) {
    const random = seededRandom(seed);
    const n = 50;
    const d = euclideanDistances(Array.from({ length: n }, () => [random() * 7, random() * 3]));
    const sq = toSquare(d);
    const labels = Array.from({ length: n }, () => {
      const c = Math.floor(random() * 5);
      return c === 4 ? null : c; // some noise, some singleton-prone small clusters
    });
    assertEquals(silhouetteCondensed(d.values, n, labels), silhouetteSquare(sq.values, n, labels));
  }
});
