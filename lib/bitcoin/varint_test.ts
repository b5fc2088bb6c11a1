import { assertEquals, assertThrows } from "../testing/assert.ts";
import { ByteReader } from "./byte_reader.ts";
import { ByteWriter } from "./byte_writer.ts";
import { bytesToHex } from "./hex.ts";
import { decodeVarint, encodeVarint } from "./varint.ts";

Deno.test("encodeVarint uses 1, 3, 5 and 9 bytes at the CompactSize boundaries", () => {
  assertEquals(bytesToHex(encodeVarint(0)), "00");
  assertEquals(bytesToHex(encodeVarint(0xfc)), "fc");
  assertEquals(bytesToHex(encodeVarint(0xfd)), "fdfd00");
  assertEquals(bytesToHex(encodeVarint(0xffff)), "fdffff");
  assertEquals(bytesToHex(encodeVarint(0x10000)), "fe00000100");
  assertEquals(bytesToHex(encodeVarint(0xffffffff)), "feffffffff");
  assertEquals(bytesToHex(encodeVarint(0x100000000)), "ff0000000001000000");
});

Deno.test("decodeVarint inverts encodeVarint and reports its size", () => {
  for (
    const n of [0, 1, 0xfc, 0xfd, 0xffff, 0x10000, 0xffffffff, 0x100000000, Number.MAX_SAFE_INTEGER]
  ) {
    const b = encodeVarint(n);
    assertEquals(decodeVarint(b, 0), { value: n, size: b.length });
  }
});

Deno.test("encodeVarint/decodeVarint reject bad values and truncated input", () => {
  assertThrows(() => encodeVarint(-1), RangeError, "-1");
  assertThrows(() => encodeVarint(1.5), RangeError, "1.5");
  assertThrows(() => decodeVarint(Uint8Array.of(0xfe, 1, 2), 0), RangeError, "overruns");
});

Deno.test("ByteWriter and ByteReader round-trip little-endian fields", () => {
  const bytes = new ByteWriter().i32(-2).u32(0xdeadbeef).u64(2_100_000_000_000_000).varBytes(
    Uint8Array.of(9, 8),
  ).u8(7).finish();
  const r = new ByteReader(bytes);
  assertEquals([r.i32(), r.u32(), r.u64(), r.varBytes(), r.u8()], [
    -2,
    0xdeadbeef,
    2_100_000_000_000_000,
    Uint8Array.of(9, 8),
    7,
  ]);
  assertEquals(r.done, true);
  assertThrows(() => r.u8(), RangeError, "offset 20");
});
