import { assertEquals } from "../testing/assert.ts";
import { ReplyMatcher } from "./reply_matcher.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);
const err = (id: unknown, code: number) =>
  enc(JSON.stringify({ jsonrpc: "2.0", error: { code, message: "m" }, id }));
const ok = (id: number) => enc(JSON.stringify({ jsonrpc: "2.0", result: null, id }));

Deno.test("ReplyMatcher: matches by id whatever the order, and an id-less line to the only request outstanding", () => {
  const m = new ReplyMatcher();
  m.sent("a", 1);
  m.sent("b", 2);
  m.line(ok(2));
  m.line(ok(1));
  assertEquals([text(m.reply("a")), text(m.reply("b"))], [text(ok(1)), text(ok(2))]);
  m.sent("x", null);
  m.line(err(null, -32600));
  assertEquals(text(m.reply("x")), text(err(null, -32600)));
});

Deno.test("ReplyMatcher: an id-less line that arrives first is held until the other candidates are answered by id", () => {
  const m = new ReplyMatcher();
  m.sent("version", 0);
  m.sent("not_object", null);
  m.sent("ping", 1);
  m.line(err(null, -32600)); // three candidates
  assertEquals(m.answered("not_object"), false);
  assertEquals(m.ambiguous("not_object"), true);
  m.line(ok(0));
  m.line(ok(1));
  assertEquals(text(m.reply("not_object")), text(err(null, -32600)));
  assertEquals(m.heldLines, 0);
});

Deno.test("ReplyMatcher: two id-less cases outstanding together stay ambiguous; a line with nothing outstanding is nobody's", () => {
  const m = new ReplyMatcher();
  m.line(err(null, -32700));
  assertEquals(m.unattributed.length, 1);
  m.sent("not_object", null);
  m.sent("empty_batch", null);
  m.line(err(null, -32600));
  m.line(err(null, -32600));
  assertEquals([m.ambiguous("not_object"), m.ambiguous("empty_batch"), m.heldLines], [
    true,
    true,
    2,
  ]);
  // Notifications are nobody's reply; a repeated id is a duplicate.
  m.line(enc('{"jsonrpc":"2.0","method":"blockchain.headers.subscribe","params":[]}'));
  m.sent("p", 7);
  m.line(ok(7));
  m.line(ok(7));
  assertEquals([m.heldLines, m.duplicates], [2, 1]);
});
