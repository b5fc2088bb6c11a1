import { assertEquals, assertThrows } from "../testing/assert.ts";
import { encodeFeatures } from "./encode_features.ts";

Deno.test("encodeFeatures: every kind, hand-computed", () => {
  const e = encodeFeatures(
    [
      { impl: "x", rtt: 10, lvl: "low", tls: true, m: ["a", "b"] },
      { impl: "y", rtt: 30, lvl: "high", tls: false, m: ["b"] },
      { impl: "x", rtt: 20, lvl: "mid", tls: true, m: [] },
    ],
    {
      impl: { kind: "categorical" },
      rtt: { kind: "numeric", weight: 2 },
      lvl: { kind: "ordinal", levels: ["low", "mid", "high"] },
      tls: { kind: "binary" },
      m: { kind: "set" },
    },
  );
  assertEquals(e.columns, ["impl=x", "impl=y", "rtt", "lvl", "tls", "m∋a", "m∋b"]);
  assertEquals(e.rows, [
    [1, 0, 0, 0, 1, 1, 1],
    [0, 1, 2, 1, 0, 0, 1],
    [1, 0, 1, 0.5, 1, 0, 0],
  ]);
});

Deno.test("encodeFeatures: missing values take the column median or zeros", () => {
  const e = encodeFeatures(
    [{ v: 0, c: "a", b: true }, { v: 10, c: null, b: true }, { v: null, b: null }, { v: 4 }],
    { v: { kind: "numeric" }, c: { kind: "categorical" }, b: { kind: "binary" } },
  );
  // v: observed 0, 10, 4 -> median 4 -> scaled 0.4; b: observed 1, 1 -> median 1.
  assertEquals(e.rows.map((r) => r[0]), [0, 1, 0.4, 0.4]);
  assertEquals(e.rows.map((r) => r[1]), [1, 0, 0, 0]);
  assertEquals(e.rows.map((r) => r[2]), [1, 1, 1, 1]);
});

Deno.test("encodeFeatures: zero-weight features are dropped; ordinal without levels ranks", () => {
  const e = encodeFeatures([{ o: 5, z: 1 }, { o: 50, z: 2 }, { o: 500, z: 3 }], {
    o: { kind: "ordinal" },
    z: { kind: "numeric", weight: 0 },
  });
  assertEquals(e, { columns: ["o"], rows: [[0], [0.5], [1]] });
});

Deno.test("encodeFeatures: bad inputs throw RangeError naming the value", () => {
  assertThrows(() => encodeFeatures([{ x: "1" }], { x: { kind: "numeric" } }), RangeError, "1");
  assertThrows(
    () => encodeFeatures([{ x: 1 }, { x: "q" }], { x: { kind: "ordinal" } }),
    RangeError,
    "row 1: value q",
  );
  assertThrows(() => encodeFeatures([{ s: 3 }], { s: { kind: "set" } }), RangeError, "value 3");
  assertThrows(
    () => encodeFeatures([{ x: 1 }], { x: { kind: "numeric", weight: NaN } }),
    RangeError,
    "NaN",
  );
});
