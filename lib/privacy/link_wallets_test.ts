import { assertEquals } from "../testing/assert.ts";
import { linkWallets } from "./link_wallets.ts";
import { checkTranscript } from "./transcript.ts";

Deno.test("linkWallets splits a connection's subscriptions at gaps longer than gapMs and never joins connections", () => {
  const subs = [
    { client: "a", conn: 1, tMs: 0, scripthash: "x" },
    { client: "a", conn: 2, tMs: 5, scripthash: "q" },
    { client: "a", conn: 1, tMs: 1_500, scripthash: "y" },
    { client: "a", conn: 1, tMs: 9_000, scripthash: "z" },
  ];
  assertEquals(linkWallets(subs), ["a/1#0", "a/2#0", "a/1#0", "a/1#1"]);
  assertEquals(linkWallets(subs, { gapMs: 1_000 }), ["a/1#0", "a/2#0", "a/1#1", "a/1#2"]);
});

Deno.test("linkWallets on the real two-wallet daemon puts both wallets in one group (loaded in one burst)", () => {
  const t = checkTranscript(JSON.parse(Deno.readTextFileSync(
    new URL("./testdata/wallet/two-wallets.json", import.meta.url),
  )));
  const main = t.servers.find((s) => s.role === "main")!.id;
  const subs = t.events.filter((e) =>
    e.server === main && e.method === "blockchain.scripthash.subscribe"
  ).map((e) => ({ ...e, scripthash: (e.params as string[])[0] }));
  assertEquals(new Set(linkWallets(subs)).size, 1);
  assertEquals(new Set(subs.map((s) => s.scripthash)).size, 30 + 44);
});
