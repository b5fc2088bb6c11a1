import { assertEquals, assertNotEquals, assertThrows } from "../../testing/assert.ts";
import { SeededRandom } from "./rng.ts";

Deno.test("SeededRandom gives the same sequence for the same seed and another for another seed", () => {
  const seq = (seed: string) => {
    const r = new SeededRandom(seed);
    return Array.from({ length: 8 }, () => r.u32());
  };
  assertEquals(seq("a"), seq("a"));
  assertNotEquals(seq("a"), seq("b"));
});

Deno.test("SeededRandom.int stays within inclusive bounds and hits both ends", () => {
  const r = new SeededRandom("bounds");
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = r.int(3, 7);
    if (v < 3 || v > 7) throw new Error(`out of range: ${v}`);
    seen.add(v);
  }
  assertEquals([...seen].sort(), [3, 4, 5, 6, 7]);
  assertThrows(() => r.int(5, 4), RangeError, "[5, 4]");
  assertThrows(() => r.pick([]), RangeError, "empty");
});
