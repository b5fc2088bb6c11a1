import { assert, assertEquals } from "../../testing/assert.ts";
import { normaliseErrorWording } from "./error_wording.ts";

Deno.test("normaliseErrorWording: two builds' wordings keep their code and words, lose numbers and quoted input", () => {
  // As the lab's ElectrumX and Fulcrum answer (fingerprints.csv cells).
  assertEquals(
    normaliseErrorWording(
      '-32602 0 arguments passed to method "blockchain.block.header" but it requires 1',
    ),
    '-32602 <n> arguments passed to method "<q>" but it requires <n>',
  );
  assertEquals(
    normaliseErrorWording(
      "-32602 Expected at least 1 parameter for blockchain.block.header, got 0 instead",
    ),
    "-32602 Expected at least <n> parameter for blockchain.block.header, got <n> instead",
  );
  assertEquals(
    normaliseErrorWording('-32601 unknown method "observatory.no_such_method"'),
    '-32601 unknown method "<q>"',
  );
  // Same wording asked with another method name or height: same value.
  assertEquals(
    normaliseErrorWording('-32601 unknown method "x.y"'),
    normaliseErrorWording('-32601 unknown method "observatory.no_such_method"'),
  );
  assertEquals(
    normaliseErrorWording("-32602 height 840000 out of range"),
    normaliseErrorWording("-32602 height 12 out of range"),
  );
  // Another code is another value.
  assert(
    normaliseErrorWording("-32601 method not found") !==
      normaliseErrorWording("-32600 method not found"),
  );
});

Deno.test("normaliseErrorWording: echoed JSON clipped at different places gives one value", () => {
  const a =
    '-32700 Failed to parse Json from string: {"jsonrpc":"2.0","method":"server.ping","params":[?';
  const b =
    '-32700 Failed to parse Json from string: {"jsonrpc":"2.0","method":"server.ping","params":[';
  assertEquals(normaliseErrorWording(a), "-32700 Failed to parse Json from string: <json>");
  assertEquals(normaliseErrorWording(a), normaliseErrorWording(b));
  // A bare string error keeps its quotes (esplora 2021).
  assertEquals(
    normaliseErrorWording('"unknown method observatory.no_such_method []"'),
    '"unknown method observatory.no_such_method <json>"',
  );
});

Deno.test("normaliseErrorWording: outcomes, then-closed and raw replies (padding and ids out, keys kept)", () => {
  for (const o of ["silent", "closed", "timeout", "skipped-budget", "not-sent"]) {
    assertEquals(normaliseErrorWording(o), o);
  }
  assertEquals(
    normaliseErrorWording("then-closed: -32600 invalid request 7"),
    "then-closed: -32600 invalid request <n>",
  );
  assertEquals(
    normaliseErrorWording('{"jsonrpc":"2.0","result":null,"id":9003}'),
    '{"jsonrpc":"<n>","result":null,"id":<n>}',
  );
  // Clipped inside ElectrumX's padding (spaces before the closing brace): the brace is put
  // back, so a padded build words the reply as an unpadded one does.
  assertEquals(
    normaliseErrorWording('{"jsonrpc":"2.0","result":null,"id":9004' + " ".repeat(120)),
    '{"jsonrpc":"<n>","result":null,"id":<n>}',
  );
  assertEquals(normaliseErrorWording('[{"id":1}' + " ".repeat(40)), '[{"id":<n>}]');
  // A reply cut short with no padding run is left as it came.
  assertEquals(normaliseErrorWording('{"jsonrpc":"2.0","id":9'), '{"jsonrpc":"<n>","id":<n>');
  assertEquals(
    normaliseErrorWording('{"id":9003,"jsonrpc":"2.0","result":null}'),
    '{"id":<n>,"jsonrpc":"<n>","result":null}',
  );
  assertEquals(normaliseErrorWording(null), null);
  assertEquals(normaliseErrorWording("-32601"), "-32601");
});

Deno.test("normaliseErrorWording: addresses, URLs, hashes, Bitcoin addresses and HTML become placeholders; apostrophes stay", () => {
  assertEquals(
    normaliseErrorWording(
      "1 <h1>Update</h1> <a href='https://evil.example/dl?x=1'>now</a>, can't wait, from 203.0.113.5:50002 and [2001:db8::1]:50001",
    ),
    "1 <tag>Update<tag> <tag>now<tag>, can't wait, from <addr> and <addr>",
  );
  assertEquals(
    normaliseErrorWording(
      "-26 txn 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef to bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy via 2001:db8:0:1::5 at 12:30:45, see www.example.com/x",
    ),
    "-26 txn <hex> to <btc> via <addr> at <n>:<n>:<n>, see <url>",
  );
  assertEquals(
    normaliseErrorWording("-1 contact admin@example.com or abcdefghijklmnop.onion"),
    "-1 contact <email> or <addr>",
  );
  assertEquals(normaliseErrorWording("-1 don't send 'x' twice"), "-1 don't send '<q>' twice");
});

Deno.test("normaliseErrorWording: control characters, bidi overrides and huge input are bounded", () => {
  assertEquals(normaliseErrorWording("-32000 a\u0000b\r\n\tc\u202ed\u0085e"), "-32000 a b c d e");
  const long = normaliseErrorWording("-32000 " + "word ".repeat(100_000))!;
  assert(Array.from(long).length <= 160, `length ${long.length}`);
  assert(long.startsWith("-32000 word word"));
  const emoji = normaliseErrorWording("-1 " + "\u{1F600}".repeat(400), { maxLength: 10 })!;
  assertEquals(Array.from(emoji).length, 10);
  assert(!/[\ud800-\udbff]$/.test(emoji), "no half surrogate at the end");
  // A server cannot forge a placeholder: its own `<n>` is a tag.
  assertEquals(normaliseErrorWording("-1 <n> <q>"), "-1 <tag> <tag>");
});

Deno.test("normaliseErrorWording: input cut at 2,000 units never ends in half a surrogate pair", () => {
  const text = "-1 " + "z".repeat(1996) + "\u{1F600}" + "tail";
  const out = normaliseErrorWording(text, { maxLength: 5000 })!;
  assert(!/[\ud800-\udbff]$/.test(out), JSON.stringify(out.slice(-4)));
  assert(out.endsWith("z"));
});
