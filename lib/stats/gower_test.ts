import { assertEquals, assertThrows } from "../testing/assert.ts";
import { distanceAt, toSquare } from "./distance_matrix.ts";
import { gowerDistances } from "./gower.ts";
import { assertClose, seededRandom } from "./test_helpers.ts";

Deno.test("gowerDistances: numeric range scaling and categorical mismatch, hand-computed", () => {
  const d = gowerDistances(
    [{ rtt: 10, impl: "electrumx" }, { rtt: 30, impl: "fulcrum" }, { rtt: 20, impl: null }],
    { rtt: { kind: "numeric" }, impl: { kind: "categorical" } },
  );
  assertEquals(d.form, "condensed");
  assertEquals(d.n, 3);
  // (0,1): rtt 20/20 = 1, impl 1 -> 1; (0,2): rtt 0.5, impl missing -> 0.5; (1,2): 0.5.
  assertClose(d.values, [1, 0.5, 0.5]);
});

Deno.test("gowerDistances: every kind together with weights, hand-computed", () => {
  const rows = [
    { x: 0, lvl: "low", c: "a", b: true, s: ["m1", "m2"], t: false },
    { x: 4, lvl: "high", c: "a", b: false, s: ["m2", "m3"], t: false },
    { x: 2, lvl: "mid", c: "b", b: true, s: [], t: true },
  ];
  const d = gowerDistances(rows, {
    x: { kind: "numeric", weight: 2 },
    lvl: { kind: "ordinal", levels: ["low", "mid", "high"] },
    c: { kind: "categorical" },
    b: { kind: "binary" },
    s: { kind: "set" },
    t: { kind: "binary", asymmetric: true, weight: 3 },
  });
  // (0,1): x 2*1, lvl 1, c 0, b 1, s 1-1/3, t skipped (both false) -> (2+1+0+1+2/3)/6
  // (0,2): x 2*0.5, lvl 0.5, c 1, b 0, s 1 (empty vs non-empty), t 3*1 -> (1+.5+1+0+1+3)/9
  // (1,2): x 2*0.5, lvl 0.5, c 1, b 1, s 1, t 3 -> (1+.5+1+1+1+3)/9
  assertClose(d.values, [(4 + 2 / 3) / 6, 6.5 / 9, 7.5 / 9]);
});

Deno.test("gowerDistances: missing values drop the feature and renormalise the weights", () => {
  const d = gowerDistances(
    [{ a: 0, b: "x" }, { a: undefined, b: "y" }, { a: NaN, b: "x" }, { b: "x" }],
    { a: { kind: "numeric", weight: 5 }, b: { kind: "categorical", weight: 1 } },
  );
  // Only row 0 has `a`, so every pair is judged on `b` alone.
  assertClose(d.values, [1, 0, 0, 1, 1, 0]);
});

Deno.test("gowerDistances: square form matches condensed and is symmetric", () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ v: (i * 37) % 11, k: i % 3 }));
  const f = { v: { kind: "numeric" }, k: { kind: "categorical" } } as const;
  const c = gowerDistances(rows, f);
  const s = gowerDistances(rows, f, { form: "square" });
  assertEquals(s.form, "square");
  assertEquals(Array.from(toSquare(c).values), Array.from(s.values));
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j < 7; j++) assertEquals(distanceAt(s, i, j), distanceAt(c, j, i));
  }
});

Deno.test("gowerDistances: a fixed numeric range clamps larger differences to 1", () => {
  const d = gowerDistances([{ x: 0 }, { x: 5 }, { x: 50 }], { x: { kind: "numeric", range: 10 } });
  assertClose(d.values, [0.5, 1, 1]);
});

Deno.test("gowerDistances: ordinal without levels ranks the distinct numbers", () => {
  // Ranks 0,1,2 of distinct {1, 10, 1000} -> 0, 0.5, 1 regardless of spacing.
  const d = gowerDistances([{ o: 1 }, { o: 10 }, { o: 1000 }], { o: { kind: "ordinal" } });
  assertClose(d.values, [0.5, 1, 0.5]);
});

Deno.test("gowerDistances: a constant feature contributes 0 with its weight counted", () => {
  const d = gowerDistances(
    [{ x: 3, c: "a" }, { x: 3, c: "b" }],
    { x: { kind: "numeric" }, c: { kind: "categorical" } },
  );
  assertClose(d.values, [0.5]);
});

Deno.test("gowerDistances: Set and array set values agree; two empty sets are identical", () => {
  const d = gowerDistances(
    [{ s: new Set(["a", "b"]) }, { s: ["b", "a", "a"] }, { s: [] }, { s: [] }],
    { s: { kind: "set" } },
  );
  assertClose(d.values, [0, 1, 1, 1, 1, 0]);
});

Deno.test("gowerDistances: bad inputs throw RangeError naming the value", () => {
  const num = { x: { kind: "numeric" } } as const;
  assertThrows(() => gowerDistances([{ x: "7" }], num), RangeError, "7");
  assertThrows(() => gowerDistances([{ x: Infinity }], num), RangeError, "Infinity");
  assertThrows(
    () => gowerDistances([{ x: 1 }], { x: { kind: "numeric", weight: -1 } }),
    RangeError,
    "-1",
  );
  assertThrows(
    () => gowerDistances([{ x: 1 }], { x: { kind: "numeric", range: 0 } }),
    RangeError,
    "range 0",
  );
  assertThrows(
    () => gowerDistances([{ o: "huge" }], { o: { kind: "ordinal", levels: ["low"] } }),
    RangeError,
    "huge",
  );
  assertThrows(() => gowerDistances([{ b: 1 }], { b: { kind: "binary" } }), RangeError, "1");
  assertThrows(() => gowerDistances([{ s: "ab" }], { s: { kind: "set" } }), RangeError, "ab");
  assertThrows(() => gowerDistances([{ x: 1 }], {}), RangeError, "no feature");
  assertThrows(
    () => gowerDistances([{ x: 1 }, { x: null }], num),
    RangeError,
    "rows 0 and 1",
  );
});

Deno.test("gowerDistances: the result is the same to the last bit whatever the block of weight sums", () => {
  const random = seededRandom(5);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const rows = Array.from({ length: 40 }, () => ({
    x: random() < 0.2 ? null : random() * 10,
    lvl: pick(["low", "mid", "high", null]),
    c: pick(["a", "b", "c", null]),
    b: pick([true, false, null]),
    s: pick([["m1"], ["m1", "m2"], [], null]),
    t: pick([true, false, false, null]),
  }));
  const features = {
    x: { kind: "numeric" as const, weight: 0.7 },
    lvl: { kind: "ordinal" as const, levels: ["low", "mid", "high"] },
    c: { kind: "categorical" as const, weight: 1.3 },
    b: { kind: "binary" as const },
    s: { kind: "set" as const, weight: 0.3 },
    t: { kind: "binary" as const, asymmetric: true, weight: 2.1 },
  };
  const whole = gowerDistances(rows, features, { blockPairs: 780 });
  for (const blockPairs of [1, 7, 39, 100, 500]) {
    assertEquals(
      gowerDistances(rows, features, { blockPairs }).values,
      whole.values,
      `${blockPairs}`,
    );
  }
  assertEquals(gowerDistances(rows, features).values, whole.values);
  assertThrows(() => gowerDistances(rows, features, { blockPairs: 0 }), RangeError, "blockPairs");
});
