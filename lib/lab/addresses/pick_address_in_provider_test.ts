import { assert, assertEquals, assertThrows } from "../../testing/assert.ts";
import { pickAddressInProvider } from "./pick_address_in_provider.ts";
import { seededRng, testGeo } from "../../geo/_test_geo.ts";

Deno.test("pickAddressInProvider is deterministic for a seed", async () => {
  const geo = await testGeo();
  const run = (seed: number) => {
    const rng = seededRng(seed);
    return Array.from(
      { length: 30 },
      (_, k) =>
        pickAddressInProvider([24940, 16509, 14061][k % 3], rng, {
          geo,
          version: k % 2 === 0 ? 4 : 6,
        }).ip,
    );
  };
  const a = run(1), b = run(1), c = run(2);
  assertEquals(a, b);
  assert(a.join() !== c.join(), "another seed gives other addresses");
});

Deno.test("pickAddressInProvider draws exactly three numbers per pick", async () => {
  const geo = await testGeo();
  let calls = 0;
  const rng = seededRng(3);
  const counting = () => (calls++, rng());
  pickAddressInProvider(24940, counting, { geo });
  pickAddressInProvider(24940, counting, { geo, version: 6, country: "DE" });
  assertEquals(calls, 6);
});

Deno.test("pickAddressInProvider: the picked address looks up to the same ASN and requested country", async () => {
  const geo = await testGeo();
  const rng = seededRng(11);
  const cases: [number, string, 4 | 6][] = [
    [24940, "DE", 4],
    [24940, "FI", 4],
    [396982, "US", 4],
    [16509, "DE", 4],
    [14061, "SG", 4],
    [16276, "FR", 4],
    [51167, "DE", 4],
    [7922, "US", 4],
    [3320, "DE", 4],
    [1221, "AU", 4],
    [24940, "DE", 6],
    [16509, "IE", 6],
    [14061, "US", 6],
  ];
  for (const [asn, country, version] of cases) {
    for (let k = 0; k < 20; k++) {
      const p = pickAddressInProvider(asn, rng, { geo, country, version });
      const r = geo.lookup(p.ip);
      assertEquals([r.asn, r.country_code, r.ip_version, p.country_match], [
        asn,
        country,
        version,
        true,
      ], `${p.ip} (${p.segment})`);
      if (version === 4) assert(!/\.(0|255)$/.test(p.ip), `${p.ip} avoids .0 and .255`);
    }
  }
});

Deno.test("pickAddressInProvider without a country stays in the provider's space", async () => {
  const geo = await testGeo();
  const rng = seededRng(5);
  for (const asn of [13335, 20473, 8075]) {
    const p = pickAddressInProvider(asn, rng, { geo, weightBy: "ranges" });
    assertEquals(geo.lookup(p.ip).asn, asn, p.ip);
    assertEquals(p.country_match, null);
    assertEquals(p.country_code, geo.lookup(p.ip).country_code);
  }
});

Deno.test("pickAddressInProvider falls back, or throws with requireCountry, when the country is absent", async () => {
  const geo = await testGeo();
  const rng = seededRng(9);
  const p = pickAddressInProvider(51167, rng, { geo, country: "BR" });
  assertEquals([p.country_match, geo.lookup(p.ip).asn], [false, 51167]);
  assertThrows(
    () => pickAddressInProvider(51167, rng, { geo, country: "BR", requireCountry: true }),
    RangeError,
    "BR",
  );
});

Deno.test("pickAddressInProvider checks its arguments", async () => {
  const geo = await testGeo();
  const rng = seededRng(1);
  assertThrows(
    () => pickAddressInProvider(24940, rng, { country: "DE" }),
    TypeError,
    "needs option geo",
  );
  assertThrows(
    () => pickAddressInProvider(24940, rng, { geo, country: "Germany" }),
    TypeError,
    "Germany",
  );
  assertThrows(() => pickAddressInProvider(64496, rng, { geo }), RangeError, "AS64496");
  assertThrows(() => pickAddressInProvider(139070, rng, { geo, version: 6 }), RangeError, "IPv6");
  assertThrows(() => pickAddressInProvider(24940, () => 1, { geo }), RangeError, "[0, 1)");
  assertThrows(
    () => pickAddressInProvider(24940, rng, { geo, weightBy: "x" as "ranges" }),
    TypeError,
    "weightBy",
  );
});

Deno.test("pickAddressInProvider and providerPrefixes work without an enricher (shared ASN table)", () => {
  const p = pickAddressInProvider(24940, seededRng(4));
  assertEquals([p.asn, p.country_code, p.country_match], [24940, null, null]);
  assertEquals(pickAddressInProvider(24940, seededRng(4)).ip, p.ip);
});
