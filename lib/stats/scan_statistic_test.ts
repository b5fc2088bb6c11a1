import { assert, assertEquals } from "../testing/assert.ts";
import { binomialTail } from "./binomial_tail.ts";
import { scanStatistic } from "./scan_statistic.ts";

Deno.test("scanStatistic: n times the binomial tail of the others within the window; whole span and empty span give certainty", () => {
  const p = scanStatistic(100, 12, 3_601_000, 700 * 86_400_000);
  assertEquals(p, 100 * binomialTail(99, 3_601_000 / (700 * 86_400_000), 11));
  assert(p > 0 && p < 1e-30, `${p}`);
  assertEquals(scanStatistic(5, 3, 10, 10), 1);
  assertEquals(scanStatistic(5, 3, 10, 0), 1);
  assertEquals(scanStatistic(5, 1, 0, 100), 1);
});
