import { assertEquals } from "../testing/assert.ts";
import { median } from "./median.ts";

Deno.test("median: odd and even counts, unsorted input left as it was, empty is null", () => {
  const xs = [5, 1, 4, 2];
  assertEquals(median(xs), 3);
  assertEquals(xs, [5, 1, 4, 2]);
  assertEquals(median([7]), 7);
  assertEquals(median([3, 1, 2]), 2);
  assertEquals(median([]), null);
});
