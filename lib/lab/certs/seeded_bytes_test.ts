import { assertEquals, assertNotEquals, assertThrows } from "../../testing/assert.ts";
import { seededBytes } from "./seeded_bytes.ts";

Deno.test("seededBytes: deterministic, any length, independent per label and seed", () => {
  assertEquals(seededBytes("a", "x", 100), seededBytes("a", "x", 100));
  assertEquals(seededBytes("a", "x", 100).subarray(0, 40), seededBytes("a", "x", 40));
  assertNotEquals(seededBytes("a", "x", 32), seededBytes("a", "y", 32));
  assertNotEquals(seededBytes("1", "x", 32), seededBytes(1, "x", 32));
  assertEquals(seededBytes(0, "x", 0).length, 0);
  // Pinned value: a change here changes every lab key and certificate.
  assertEquals(Buffer.from(seededBytes("lab", "pin", 8)).toString("hex"), "dcccf0336227bac9");
});

Deno.test("seededBytes: caller mistakes throw", () => {
  assertThrows(() => seededBytes("a", "x", -1), RangeError, "-1");
  assertThrows(() => seededBytes(Number.NaN, "x", 1), RangeError, "NaN");
});
