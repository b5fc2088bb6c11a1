import { assert, assertEquals } from "../testing/assert.ts";
import { binomialTail } from "./binomial_tail.ts";

const near = (a: number, b: number) => assert(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);

Deno.test("binomialTail: exact small cases and the edges", () => {
  near(binomialTail(3, 0.5, 2), 0.5);
  near(binomialTail(10, 0.1, 1), 1 - 0.9 ** 10);
  assertEquals(binomialTail(5, 0.3, 0), 1);
  assertEquals(binomialTail(5, 0.3, 6), 0);
  assertEquals(binomialTail(5, 0, 1), 0);
});
