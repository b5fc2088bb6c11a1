import { assertEquals, assertThrows } from "../testing/assert.ts";
import { LineFramer } from "./framing.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

Deno.test("LineFramer splits lines across chunks and keeps terminators", () => {
  const f = new LineFramer();
  assertEquals(f.push(enc('{"a":1}\r\n{"b"')).lines.map(dec), ['{"a":1}\r\n']);
  assertEquals(f.pendingBytes, 4);
  assertEquals(f.push(enc(":2}\n\n")).lines.map(dec), ['{"b":2}\n', "\n"]);
  assertEquals(f.pendingBytes, 0);
});

Deno.test("LineFramer reports overflow once an unfinished line passes the bound, and stays stopped", () => {
  const f = new LineFramer({ maxLineBytes: 32 });
  assertEquals(f.push(enc("x".repeat(20))).overflow, false);
  const out = f.push(enc("y".repeat(20)));
  assertEquals(out.overflow, true);
  assertEquals(f.pendingBytes, 0);
  assertEquals(f.push(enc("ok\n")).overflow, true);
});

Deno.test("LineFramer accepts a line exactly at the bound", () => {
  const f = new LineFramer({ maxLineBytes: 16 });
  const out = f.push(enc("a".repeat(15) + "\n"));
  assertEquals(out.overflow, false);
  assertEquals(out.lines.length, 1);
});

Deno.test("LineFramer rejects a nonsensical bound", () => {
  assertThrows(() => new LineFramer({ maxLineBytes: 3 }), RangeError, "3");
});
