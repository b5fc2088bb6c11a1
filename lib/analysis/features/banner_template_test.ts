import { assert, assertEquals } from "../../testing/assert.ts";
import { bannerTemplate, isDefaultBanner } from "./banner_template.ts";

Deno.test("bannerTemplate: implementations' default banners give one template per family, and are defaults", () => {
  const cases: [string, string][] = [
    [
      "You are connected to an ElectrumX 1.19.0 server.",
      "You are connected to an ElectrumX <v> server.",
    ],
    ["Connected to a Fulcrum 2.1.1 server", "Connected to a Fulcrum <v> server"],
    [
      "Welcome to electrs 0.10.9 (Electrum Rust Server)!",
      "Welcome to electrs <v> (Electrum Rust Server)!",
    ],
    ["Welcome to electrs-esplora 0.4.1", "Welcome to electrs-esplora <v>"],
  ];
  for (const [banner, template] of cases) {
    assertEquals(bannerTemplate(banner), template);
    assertEquals(isDefaultBanner(bannerTemplate(banner)), true, banner);
  }
  assertEquals(
    bannerTemplate("You are connected to an ElectrumX 1.16.0 server."),
    bannerTemplate(cases[0][0]),
  );
  const eps = "Welcome to Electrum Personal Server 0.2.4\n\nMonitoring 1 wallets, 200 addresses\n" +
    "Connected bitcoin node: /Satoshi:27.0.0/\nUptime: 12 days\nPeers: 10\nhttps://github.com/chris-belcher/electrum-personal-server";
  assertEquals(
    bannerTemplate(eps),
    "Welcome to Electrum Personal Server <v>\n\nMonitoring <n> wallets, <n> addresses\nConnected bitcoin node: <agent>\nUptime: <n> days\nPeers: <n>\n<url>",
  );
  assertEquals(isDefaultBanner(bannerTemplate(eps)), true);
  assertEquals([bannerTemplate(""), isDefaultBanner("")], ["", true]);
  assertEquals([bannerTemplate(null), isDefaultBanner(null)], [null, null]);
});

Deno.test("bannerTemplate: one operator's banners on two hosts share the template, which is not a default", () => {
  const a = bannerTemplate(
    "Welcome to electrum3.example.org (ElectrumX 1.19.0), run by Alice. Uptime 12 days. Tips: bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy",
  );
  const b = bannerTemplate(
    "Welcome to electrum7.example.org (ElectrumX 1.20.0), run by Alice. Uptime 3 days. Tips: bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh",
  );
  assertEquals(a, "Welcome to <host> (ElectrumX <v>), run by <name>. Uptime <n> days. Tips: <btc>");
  assertEquals(a, b);
  assertEquals(isDefaultBanner(a), false);
  assertEquals(
    bannerTemplate(
      "Node at 203.0.113.9:50002 / [2001:db8::7] - contact: bob@example.com, @bobnode, Operator: Bob Smith",
    ),
    "Node at <addr> / <addr> - contact: <email>, @<name>, Operator: <name>",
  );
  assertEquals(
    bannerTemplate("Tor: abcdefghijklmnopqrstuvwxyz234567abcdefghijklmnopqrstuvwx.onion"),
    "Tor: <addr>",
  );
});

Deno.test("bannerTemplate: HTML, control characters, bidi overrides and long banners are neutralised and bounded", () => {
  assertEquals(
    bannerTemplate("<script>alert(1)</script><b>hi</b><!-- x -->"),
    "<tag>alert(<n>)<tag><tag>hi<tag><tag>",
  );
  assertEquals(
    bannerTemplate("a\u0000b\u001b[31mred\r\nline\u202etwo\u2028three"),
    "a b [<n>mred\nline two three",
  );
  const long = bannerTemplate("x".repeat(1_000_000))!;
  assertEquals(long.length, 200);
  assertEquals(bannerTemplate("y ".repeat(50), { maxLength: 5 }), "y y y");
  // A server cannot forge a placeholder.
  assertEquals(bannerTemplate("<v> <host>"), "<tag> <tag>");
  assert(
    !isDefaultBanner(
      bannerTemplate(
        "You are connected to an ElectrumX 1.19.0 server. Free coins at https://x.example",
      ),
    ),
  );
});
