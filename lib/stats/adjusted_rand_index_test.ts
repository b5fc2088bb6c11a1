import { assertEquals, assertThrows } from "../testing/assert.ts";
import { adjustedRandIndex } from "./adjusted_rand_index.ts";
import { pairCounts } from "./pair_counts.ts";
import { assertClose, seededRandom } from "./test_helpers.ts";

Deno.test("adjustedRandIndex: values documented by scikit-learn's adjusted_rand_score", () => {
  assertClose(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]), 4 / 7);
  assertClose(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1]), -0.5);
  assertClose(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3]), 0);
});

Deno.test("adjustedRandIndex: a 3x3 contingency table computed by hand", () => {
  // truth sizes 3,3,3 -> Σ C = 9; predicted sizes 2,4,3 -> 1+6+3 = 10; cells 2,1,3,3 -> 7;
  // C(9,2) = 36, E = 90/36 = 2.5, max = 9.5 -> (7 - 2.5)/(9.5 - 2.5) = 9/14.
  const truth = ["a", "a", "a", "b", "b", "b", "c", "c", "c"];
  const predicted = [1, 1, 2, 2, 2, 2, 3, 3, 3];
  assertClose(adjustedRandIndex(truth, predicted), 9 / 14);
});

Deno.test("adjustedRandIndex: identical partitions give 1 whatever the label names", () => {
  assertEquals(adjustedRandIndex(["x", "x", "y", "z"], [5, 5, 2, 9]), 1);
  assertEquals(adjustedRandIndex([1, 1, 1], [2, 2, 2]), 1);
  assertEquals(adjustedRandIndex([1, 2, 3], ["a", "b", "c"]), 1);
  assertEquals(adjustedRandIndex([], []), 1);
});

Deno.test("adjustedRandIndex: invariant to label permutation, symmetric in its arguments", () => {
  const random = seededRandom(7);
  const a = Array.from({ length: 60 }, () => Math.floor(random() * 4));
  const b = Array.from(
    { length: 60 },
    (_, i) => (random() < 0.7 ? a[i] : Math.floor(random() * 5)),
  );
  const perm = [3, 0, 4, 1, 2];
  const ref = adjustedRandIndex(a, b);
  assertClose(adjustedRandIndex(a, b.map((l) => perm[l])), ref);
  assertClose(adjustedRandIndex(a.map((l) => `g${perm[l]}`), b), ref);
  assertClose(adjustedRandIndex(b, a), ref);
});

Deno.test("adjustedRandIndex: null labels are singletons, not one shared cluster", () => {
  assertEquals(adjustedRandIndex(["a", "a", null, null], ["x", "x", null, undefined]), 1);
  // Truth {0,1}{2}{3} vs {0,1}{2,3}: the mirror of scikit-learn's 4/7 example. Were nulls one
  // cluster, the two labelings would be identical and give 1.
  assertClose(adjustedRandIndex(["a", "a", null, null], ["x", "x", "n", "n"]), 4 / 7);
});

Deno.test("pairCounts: contingency sums equal a brute-force count over all pairs", () => {
  const random = seededRandom(11);
  for (let trial = 0; trial < 5; trial++) {
    const n = 40;
    const a = Array.from({ length: n }, () => (random() < 0.1 ? null : Math.floor(random() * 5)));
    const b = Array.from({ length: n }, () => (random() < 0.1 ? null : Math.floor(random() * 3)));
    let together = 0, pa = 0, pb = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const sa = a[i] !== null && a[i] === a[j];
        const sb = b[i] !== null && b[i] === b[j];
        if (sa) pa++;
        if (sb) pb++;
        if (sa && sb) together++;
      }
    }
    const total = (n * (n - 1)) / 2;
    assertEquals(pairCounts(a, b), { n, together, pairsA: pa, pairsB: pb, total });
  }
});

Deno.test("adjustedRandIndex: bad inputs throw RangeError naming the value", () => {
  assertThrows(() => adjustedRandIndex([1, 2], [1]), RangeError, "2 and 1");
  assertThrows(() => adjustedRandIndex([1, NaN], [1, 1]), RangeError, "truth[1]");
  assertThrows(
    () => adjustedRandIndex([1, 1], [1, {} as unknown as number]),
    RangeError,
    "predicted[1]",
  );
});
