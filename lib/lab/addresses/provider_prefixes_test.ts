import { assert, assertEquals, assertThrows } from "../../testing/assert.ts";
import { providerPrefixes } from "./provider_prefixes.ts";
import { testGeo } from "../../geo/_test_geo.ts";

Deno.test("providerPrefixes lists real announced ranges with their CIDR cover", async () => {
  const geo = await testGeo();
  const cf = providerPrefixes(13335, { geo });
  assert(cf.some((r) => r.cidrs.includes("1.1.1.0/24")), "Cloudflare announces 1.1.1.0/24");
  assertEquals(cf.find((r) => r.start === "1.1.1.0"), {
    start: "1.1.1.0",
    end: "1.1.1.255",
    cidrs: ["1.1.1.0/24"],
    addresses: 256,
  });
  const h6 = providerPrefixes(24940, { version: 6, geo });
  assert(h6.some((r) => r.cidrs.includes("2a01:4f8::/31")), "Hetzner announces 2a01:4f8::/31");
  for (const r of providerPrefixes(24940, { geo })) assert(r.addresses >= 1 && r.cidrs.length >= 1);
});

Deno.test("providerPrefixes is empty for an ASN without ranges and checks its arguments", async () => {
  const geo = await testGeo();
  assertEquals(providerPrefixes(64496, { geo }), []);
  assertThrows(() => providerPrefixes(-5, { geo }), TypeError, "-5");
  assertThrows(() => providerPrefixes(24940, { version: 5 as 4, geo }), TypeError, "version");
});
