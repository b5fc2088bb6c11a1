import { assertEquals } from "../../testing/assert.ts";
import { cnTemplate } from "./cn_template.ts";

Deno.test("cnTemplate: a numbered scheme keeps its domain and numbers its labels", () => {
  assertEquals(cnTemplate("Electrum12.Example.org"), "electrum<n>.example.org");
  assertEquals(cnTemplate("electrum3.example.org"), cnTemplate("electrum12.example.org"));
  assertEquals(
    cnTemplate("electrumx-us-east4-node-7.example.com"),
    "electrumx-us-east<n>-node-<n>.example.com",
  );
  assertEquals(cnTemplate("electrum.blockstream.info"), "electrum.blockstream.info");
  assertEquals(cnTemplate("*.example.com"), "*.example.com");
});

Deno.test("cnTemplate: random per-node names share one shape; addresses and onions are placeholders", () => {
  assertEquals(cnTemplate("k3j9x8q2.fleet.net"), "<rand>.fleet.net");
  assertEquals(cnTemplate("xkcdqrtz.fleet.net"), "<rand>.fleet.net");
  assertEquals(cnTemplate("0123456789abcdef0123.fleet.net"), "<rand>.fleet.net");
  assertEquals(cnTemplate("203.0.113.5"), "<ip>");
  assertEquals(cnTemplate("2001:db8::1"), "<ip>");
  assertEquals(cnTemplate("[2001:db8::1]"), "<ip>");
  assertEquals(cnTemplate("abcdefghijklmnop.onion"), "<onion>");
  // Words stay words (vowels, at most one digit run).
  assertEquals(cnTemplate("strongbox.example.net"), "strongbox.example.net");
  assertEquals(cnTemplate("electrumx2.example.net"), "electrumx<n>.example.net");
});

Deno.test("cnTemplate: control characters, spaces, HTML and long names are neutralised and bounded", () => {
  assertEquals(cnTemplate("\u0000evil\n.com"), "evil.com");
  assertEquals(cnTemplate("a b\u202e.example.org"), "ab.example.org");
  assertEquals(cnTemplate(""), null);
  assertEquals(cnTemplate(null), null);
  assertEquals(cnTemplate("<script>x</script>.example.org"), "<script>x</script>.example.org");
  assertEquals(cnTemplate("a.".repeat(10_000) + "com")!.length, 120);
  assertEquals(cnTemplate("node1.example.org", { maxLength: 8 }), "node<n>.");
});
