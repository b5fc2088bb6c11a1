import { assertEquals } from "../testing/assert.ts";
import { isValidUtf8, jsonDepth, parseMessage } from "./message.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("parseMessage classifies responses, notifications, batches and requests", () => {
  assertEquals(parseMessage(enc('{"jsonrpc":"2.0","result":1,"id":3}\n')).kind, "response");
  assertEquals(
    parseMessage(enc('{"error":{"code":-32601},"id":3,"jsonrpc":"2.0"}\r\n')).kind,
    "response",
  );
  assertEquals(
    parseMessage(enc('{"jsonrpc":"2.0","method":"blockchain.headers.subscribe","params":[{}]}'))
      .kind,
    "notification",
  );
  assertEquals(parseMessage(enc('[{"id":1,"result":2}]')).kind, "batch");
  assertEquals(parseMessage(enc('{"id":1,"method":"server.ping","params":[]}')).kind, "request");
  assertEquals(parseMessage(enc("42")).kind, "other");
});

Deno.test("parseMessage returns invalid for garbage and for nesting past the bound, without throwing", () => {
  assertEquals(parseMessage(enc("{not json")).kind, "invalid");
  assertEquals(parseMessage(enc("[".repeat(100_000) + "]".repeat(100_000))).kind, "invalid");
  assertEquals(parseMessage(new Uint8Array([0xff, 0xfe, 0x7b])).kind, "invalid");
});

Deno.test("jsonDepth ignores brackets inside strings", () => {
  assertEquals(jsonDepth('{"a":"[[[[{{{","b":[1,[2]]}'), 3);
  assertEquals(jsonDepth('"\\"[["'), 0);
});

Deno.test("isValidUtf8 spots invalid sequences", () => {
  assertEquals(isValidUtf8(enc("héllo")), true);
  assertEquals(isValidUtf8(new Uint8Array([0xc3, 0x28])), false);
});
