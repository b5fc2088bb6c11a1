import { assertEquals, assertThrows } from "../testing/assert.ts";
import { SeededRandom } from "./chain/rng.ts";
import { intIn, makeRng, sfc32, unitFloat, xorshift32 } from "./rng.ts";

// Golden values recorded from the three generators as they were before they shared this module
// (lab/rng.ts, chain/rng.ts, hostile/hostilities.ts at 43ba3ba): the lab's population, chain and
// hostile bytes depend on these streams, so they must not move.
Deno.test("makeRng: the population stream is unchanged (sfc32, golden values)", () => {
  const r = makeRng("seed-1");
  assertEquals(
    [r(), r(), r.int(1, 6), r.fork("x")(), r()],
    [0.3637057931628078, 0.7039457375649363, 1, 0.13083389354869723, 0.6704059052281082],
  );
  assertEquals(unitFloat(sfc32("seed-1")()), 0.3637057931628078);
});

Deno.test("SeededRandom: the chain stream is unchanged (xoshiro128**, golden values)", () => {
  const s = new SeededRandom("chain");
  assertEquals(
    [s.u32(), s.u32(), s.float(), s.int(0, 9), [...s.bytes(4)]],
    [3184273064, 2633178424, 0.9183817584998906, 7, [61, 122, 12, 71]],
  );
});

Deno.test("xorshift32: the hostile junk stream is unchanged (golden bytes of seed 0x7e57)", () => {
  const next = xorshift32(0x7e57);
  const bytes = Array.from({ length: 4096 }, () => next() & 255);
  assertEquals(bytes.slice(0, 8), [242, 97, 76, 128, 86, 158, 99, 110]);
  assertEquals(bytes.slice(4088), [100, 217, 107, 111, 160, 84, 113, 210]);
  assertEquals(xorshift32(0)(), xorshift32(1)());
});

Deno.test("intIn: maps [0, 1) onto [lo, hi] inclusive", () => {
  assertEquals([intIn(0, 1, 6), intIn(0.999999, 1, 6), intIn(0.5, 0, 9)], [1, 6, 5]);
  assertThrows(() => new SeededRandom("x").int(3, 2), RangeError);
});
