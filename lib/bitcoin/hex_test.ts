import { assertEquals, assertThrows } from "../testing/assert.ts";
import { bytesToHex, fromDisplayHex, hexToBytes, reverseHex, toDisplayHex } from "./hex.ts";

Deno.test("hexToBytes/bytesToHex round-trip every byte value, either case", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  const hex = bytesToHex(all);
  assertEquals(hex.length, 512);
  assertEquals(hexToBytes(hex), all);
  assertEquals(hexToBytes(hex.toUpperCase()), all);
});

Deno.test("hexToBytes rejects odd length and non-hex, naming the value", () => {
  assertThrows(() => hexToBytes("abc"), TypeError, '"abc"');
  assertThrows(() => hexToBytes("zz"), TypeError, '"zz"');
});

Deno.test("reverseHex/toDisplayHex/fromDisplayHex convert between internal and display order", () => {
  assertEquals(reverseHex("0102ff"), "ff0201");
  assertEquals(toDisplayHex(Uint8Array.of(1, 2)), "0201");
  assertEquals(fromDisplayHex("0201"), Uint8Array.of(1, 2));
});
