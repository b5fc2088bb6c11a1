import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { pca2d } from "./pca_2d.ts";
import { assertClose, seededRandom } from "./test_helpers.ts";

Deno.test("pca2d: ml-pca loads; points on a line in 3-D project onto PC1 by hand", () => {
  // x = t * (1, 2, 2)/3 for t = -3, 0, 3: PC1 is the line, the scores are ±t, PC2 is 0.
  const u = [1 / 3, 2 / 3, 2 / 3];
  const rows = [-3, 0, 3].map((t) => u.map((c) => t * c));
  const r = pca2d(rows);
  assertClose(r.coordinates.map((c) => c[0]), [-3, 0, 3], 1e-9);
  assertClose(r.coordinates.map((c) => c[1]), [0, 0, 0], 1e-9);
  assertClose(r.explainedVariance[0], 1, 1e-9);
});

Deno.test("pca2d: the axis sign is fixed whatever the row order", () => {
  const random = seededRandom(12);
  const rows = Array.from({ length: 30 }, () => {
    const t = random() * 10;
    return [t, 2 * t + random(), -t + random(), random()];
  });
  const a = pca2d(rows);
  const b = pca2d([...rows].reverse());
  const bBack = [...b.coordinates].reverse();
  assertClose(a.coordinates.flat(), bBack.flat(), 1e-9);
  assert(a.explainedVariance[0] > 0.9, `PC1 share ${a.explainedVariance[0]}`);
  assertEquals(pca2d(rows), a);
});

Deno.test("pca2d: scale option standardises features first", () => {
  // Feature 0 varies by 1000, feature 1 by 1 and independently: unscaled PC1 is feature 0;
  // scaled, both features have unit variance and share the variance equally.
  const rows = [[0, 0], [1000, 0], [0, 1], [1000, 1]];
  assertClose(pca2d(rows).explainedVariance[0], 1 - 1 / 1000001, 1e-9);
  assertClose(pca2d(rows, { scale: true }).explainedVariance, [0.5, 0.5], 1e-9);
});

Deno.test("pca2d: bad inputs throw RangeError", () => {
  assertThrows(() => pca2d([[1, 2]]), RangeError, "got 1");
  assertThrows(() => pca2d([[1], [2]]), RangeError, "2 features, got 1");
  assertThrows(() => pca2d([[1, 2], [3]]), RangeError, "rows[1]");
  assertThrows(() => pca2d([[1, 2], [3, NaN]]), RangeError, "rows[1][1] = NaN");
});
