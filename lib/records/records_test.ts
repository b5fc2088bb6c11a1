import { assertEquals } from "../testing/assert.ts";
import { bytesField, fromBytesField } from "./records.ts";

/** The plain definition: every byte as one character of a binary string, then `btoa`. */
function plainBase64(b: Uint8Array): string {
  let bin = "";
  for (const x of b) bin += String.fromCharCode(x);
  return btoa(bin);
}

Deno.test("bytesField: the same base64 as btoa of the bytes, bounded, also for a view into a larger buffer", () => {
  const big = new Uint8Array(40_000);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7919 + (i >> 8)) & 255;
  for (const n of [0, 1, 2, 3, 4095, 4096, 4097, 16_384, 20_000]) {
    const view = big.subarray(123, 123 + n);
    const f = bytesField(view);
    assertEquals(f.b64, plainBase64(view.subarray(0, 16_384)), `length ${n}`);
    assertEquals(f.length, n);
    assertEquals(f.truncated, n > 16_384);
    assertEquals(fromBytesField(f), view.slice(0, 16_384));
  }
  assertEquals(bytesField(big, 10).b64, plainBase64(big.subarray(0, 10)));
});
