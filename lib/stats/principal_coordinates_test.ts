import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { euclideanDistances } from "./euclidean_distances.ts";
import { gowerDistances } from "./gower.ts";
import { principalCoordinates } from "./principal_coordinates.ts";
import { assertClose, seededRandom } from "./test_helpers.ts";

Deno.test("principalCoordinates: planar points come back up to rotation (distances kept)", () => {
  const random = seededRandom(30);
  const pts = Array.from({ length: 25 }, () => [random() * 10, random() * 3]);
  const d = euclideanDistances(pts);
  const r = principalCoordinates(d);
  assertClose(euclideanDistances(r.coordinates).values, d.values, 1e-8);
  assertClose(r.explained[0] + r.explained[1], 1, 1e-9);
  assert(r.eigenvalues[0] >= r.eigenvalues[1], "eigenvalues in decreasing order");
});

Deno.test("principalCoordinates: a 3-4-5 triangle by hand", () => {
  const r = principalCoordinates(euclideanDistances([[0, 0], [3, 0], [0, 4]]));
  // Centred coordinates have Σ|x|² = (9 + 16 + 25)/3 = 50/3 = λ₁ + λ₂.
  assertClose(r.eigenvalues[0] + r.eigenvalues[1], 50 / 3, 1e-9);
  assertClose(euclideanDistances(r.coordinates).values, [3, 4, 5], 1e-9);
});

Deno.test("principalCoordinates: deterministic, with each axis's sign fixed", () => {
  const rows = Array.from({ length: 12 }, (_, i) => ({ a: i % 3, b: i % 2 === 0, c: i * i }));
  const d = gowerDistances(rows, {
    a: { kind: "categorical" },
    b: { kind: "binary" },
    c: { kind: "numeric" },
  });
  const r = principalCoordinates(d);
  assertEquals(principalCoordinates(d), r);
  for (const axis of [0, 1]) {
    const col = r.coordinates.map((c) => c[axis]);
    const big = col.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
    assert(big > 0, `axis ${axis} largest coordinate ${big} positive`);
  }
});

Deno.test("principalCoordinates: bad inputs throw RangeError", () => {
  assertThrows(() => principalCoordinates(euclideanDistances([[1]])), RangeError, "got 1");
  assertThrows(
    () => principalCoordinates({ form: "square", n: 2, values: Float64Array.of(0, 1, 2, 0) }),
    RangeError,
    "not symmetric",
  );
});
