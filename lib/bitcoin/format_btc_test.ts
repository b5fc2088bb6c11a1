import { assertEquals, assertThrows } from "../testing/assert.ts";
import { formatBtc } from "./format_btc.ts";

Deno.test("formatBtc prints like Python's str(Decimal(sat) / COIN)", () => {
  // Expected strings from CPython 3: str(Decimal(s) / Decimal(100000000)).
  const cases: [number, string][] = [
    [0, "0"],
    [1, "1E-8"],
    [12, "1.2E-7"],
    [100, "0.000001"],
    [1000, "0.00001"],
    [150_000_000, "1.5"],
    [10_000_000_000, "100"],
    [12_345_678_901, "123.45678901"],
    [2_500_000, "0.025"],
    [3_330_000, "0.0333"],
    [-5, "-5E-8"],
    [-150_000_000, "-1.5"],
  ];
  for (const [sat, s] of cases) assertEquals(formatBtc(sat), s, String(sat));
});

Deno.test("formatBtc rejects fractional satoshis", () => {
  assertThrows(() => formatBtc(0.5), RangeError, "0.5");
});
