import { assertEquals, assertThrows } from "../testing/assert.ts";
import { benjaminiHochberg } from "./benjamini_hochberg.ts";
import { assertClose, seededRandom } from "./test_helpers.ts";

Deno.test("benjaminiHochberg: small unsorted example, hand-computed", () => {
  // Sorted 0.005, 0.01, 0.03, 0.04 -> m p/i = 0.02, 0.02, 0.04, 0.04; running minimum from top.
  const r = benjaminiHochberg([0.01, 0.04, 0.03, 0.005], 0.03);
  assertClose(r.adjusted, [0.02, 0.04, 0.04, 0.02]);
  assertEquals(r.rejected, [true, false, false, true]);
  assertEquals([r.count, r.threshold], [2, 0.01]);
});

Deno.test("benjaminiHochberg: 25 p-values, step-up past a non-rejected rank, hand-computed", () => {
  // At q = 0.22 the critical values are 0.0088 i: ranks 3 and 4 fail (0.039 > 0.0264,
  // 0.041 > 0.0352) but rank 5 passes (0.042 <= 0.044) and no later rank does (0.06 > 0.0528,
  // 0.074 > 0.0616, ...), so the step-up rule rejects ranks 1-5.
  const p = [
    0.001,
    0.008,
    0.039,
    0.041,
    0.042,
    0.06,
    0.074,
    0.205,
    0.212,
    0.216,
    0.222,
    0.251,
    0.269,
    0.275,
    0.34,
    0.341,
    0.384,
    0.569,
    0.594,
    0.696,
    0.762,
    0.94,
    0.942,
    0.975,
    0.986,
  ];
  const r = benjaminiHochberg(p, 0.22);
  assertEquals(r.count, 5);
  assertEquals(r.threshold, 0.042);
  assertEquals(r.rejected.slice(0, 6), [true, true, true, true, true, false]);
  // 25p/i: 0.025, 0.1, 0.325, 0.25625, 0.21, 0.25, 0.2643, ...; minimum over ranks >= i.
  assertClose(r.adjusted.slice(0, 6), [0.025, 0.1, 0.21, 0.21, 0.21, 0.25]);
  assertClose(r.adjusted[24], 0.986);
});

Deno.test("benjaminiHochberg: equal p-values all adjust to m p / m", () => {
  const r = benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05], 0.05);
  assertClose(r.adjusted, [0.05, 0.05, 0.05, 0.05, 0.05]);
  assertEquals(r.count, 5);
});

Deno.test("benjaminiHochberg: adjusted <= q agrees with the step-up rule on random inputs", () => {
  const random = seededRandom(3);
  for (let t = 0; t < 20; t++) {
    const m = 1 + Math.floor(random() * 40);
    const p = Array.from({ length: m }, () => (random() < 0.3 ? random() * 0.01 : random()));
    const q = 0.1;
    const sorted = [...p].sort((a, b) => a - b);
    let k = 0;
    for (let i = 1; i <= m; i++) if (sorted[i - 1] <= (i * q) / m) k = i;
    const r = benjaminiHochberg(p, q);
    assertEquals(r.count, k);
    for (let i = 0; i < m; i++) assertEquals(r.rejected[i], k > 0 && p[i] <= sorted[k - 1]);
    for (const a of r.adjusted) assertEquals(a >= 0 && a <= 1, true);
  }
});

Deno.test("benjaminiHochberg: no p-values and nothing rejected", () => {
  assertEquals(benjaminiHochberg([], 0.05).count, 0);
  const r = benjaminiHochberg([0.9, 0.5], 0.05);
  assertEquals([r.count, r.threshold], [0, null]);
});

Deno.test("benjaminiHochberg: bad inputs throw RangeError naming the value", () => {
  assertThrows(() => benjaminiHochberg([0.1, 1.5], 0.05), RangeError, "pValues[1] = 1.5");
  assertThrows(() => benjaminiHochberg([NaN], 0.05), RangeError, "NaN");
  assertThrows(() => benjaminiHochberg([0.1], 0), RangeError, "got 0");
});
