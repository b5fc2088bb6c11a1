import {
  assert,
  assertEquals,
  assertLess,
  assertMatch,
  assertRejects,
  assertThrows,
} from "../testing/assert.ts";
import { openGeo } from "./open_geo.ts";
import { testGeo } from "./_test_geo.ts";
import { bundledPaths } from "./_sources.ts";

Deno.test("openGeo lookup: 8.8.8.8 is Google (AS15169) in the US, a cloud provider", async () => {
  const r = (await testGeo()).lookup("8.8.8.8");
  assertEquals(
    [
      r.ip,
      r.ip_version,
      r.asn,
      r.as_org,
      r.provider,
      r.provider_class,
      r.country_code,
      r.country,
      r.continent_code,
      r.continent,
    ],
    [
      "8.8.8.8",
      4,
      15169,
      "Google LLC",
      "Google Cloud",
      "cloud",
      "US",
      "United States",
      "NA",
      "North America",
    ],
  );
  assert(typeof r.latitude === "number" && typeof r.longitude === "number" && r.city !== null);
  assertEquals([r.geo_source, r.asn_source], ["dbip-city", "ip-location-db-asn"]);
});

Deno.test("openGeo lookup: 1.1.1.1 is Cloudflare (AS13335)", async () => {
  const r = (await testGeo()).lookup("1.1.1.1");
  assertEquals([r.asn, r.as_org, r.provider, r.provider_class], [
    13335,
    "Cloudflare, Inc.",
    "Cloudflare",
    "cloud",
  ]);
  assert(r.country_code !== null, "DB-IP places 1.1.1.1");
});

Deno.test("openGeo lookup: IPv6 addresses of Google and Hetzner", async () => {
  const geo = await testGeo();
  const g = geo.lookup("2001:4860:4860::8888");
  assertEquals([g.ip_version, g.asn, g.provider], [6, 15169, "Google Cloud"]);
  assert(g.country_code !== null && g.continent !== null);
  const h = geo.lookup("2a01:4f8:c17:1::1");
  assertEquals(
    [h.asn, h.as_org, h.provider, h.provider_class, h.country_code, h.continent_code],
    [24940, "Hetzner Online GmbH", "Hetzner", "hosting", "DE", "EU"],
  );
});

Deno.test("openGeo lookup: IPv4-mapped IPv6 is looked up as IPv4 and keeps the text given", async () => {
  const r = (await testGeo()).lookup("::ffff:8.8.8.8");
  assertEquals([r.ip, r.ip_version, r.asn, r.country_code], ["::ffff:8.8.8.8", 4, 15169, "US"]);
});

Deno.test("openGeo lookup: loopback, private and other special addresses are all-null, never 0", async () => {
  const geo = await testGeo();
  for (
    const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "192.168.1.10",
      "172.16.5.4",
      "100.64.1.1",
      "169.254.0.9",
      "0.0.0.0",
      "224.0.0.251",
      "::1",
      "::",
      "fe80::1",
      "fd12:3456::1",
      "2001:db8::1",
      "::ffff:192.168.0.1",
    ]
  ) {
    const r = geo.lookup(ip);
    const { ip: _ip, ip_version: _v, ...rest } = r;
    for (const [k, v] of Object.entries(rest)) assertEquals(v, null, `${ip} ${k}`);
  }
});

Deno.test("openGeo lookup: rejects what is not an IP literal with a TypeError naming it", async () => {
  const geo = await testGeo();
  assertThrows(() => geo.lookup("electrum.example.org"), TypeError, "electrum.example.org");
  assertThrows(() => geo.lookup("1.2.3"), TypeError, '"1.2.3"');
  assertThrows(() => geo.lookup(""), TypeError);
  assertThrows(() => geo.lookup(42 as unknown as string), TypeError, "42");
  assertThrows(
    () => geo.lookup("explorerzydxu5ecjrkwceayqybizmpjjznk5izmitf2modhcusuqlid.onion"),
    TypeError,
    "onion hosts have no address",
  );
});

Deno.test("openGeo: without DB-IP the country database answers country only, with null coordinates", async () => {
  const geo = await openGeo({ dbipCityV4Path: null, dbipCityV6Path: null });
  const r = geo.lookup("8.8.8.8");
  assertEquals([r.country_code, r.city, r.latitude, r.longitude, r.geo_source], [
    "US",
    null,
    null,
    null,
    "geo-whois-asn-country",
  ]);
  assertEquals(geo.provenance().length, 3);
});

Deno.test("openGeo provenance lists every database with a build date and licence", async () => {
  const p = (await testGeo()).provenance();
  assertEquals(p.map((x) => x.build_date_from), [
    "mmdb-metadata",
    "mmdb-metadata",
    "mmdb-metadata",
    "package-version",
    "package-version",
  ]);
  for (const x of p) {
    assertMatch(x.build_date ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert(x.license && x.attribution && x.file && x.package, JSON.stringify(x));
  }
  assertMatch(p[0].attribution, /db-ip\.com/);
});

Deno.test("openGeo locationNetwork gives the block the location answer holds for", async () => {
  const geo = await testGeo();
  const n = geo.locationNetwork("8.8.8.8");
  assertMatch(n.network, /^8\.8\.\d+\.\d+\/\d+$/);
  assertEquals([n.country_code, n.geo_source], ["US", "dbip-city"]);
  assertEquals(geo.locationNetwork("10.0.0.1").country_code, null);
});

Deno.test("openGeo rejects a MaxMind path that holds a database of another schema", async () => {
  await assertRejects(
    () => openGeo({ maxmindCityPath: bundledPaths().country }),
    TypeError,
    "not a MaxMind City or Country",
  );
  await assertRejects(
    () => openGeo({ maxmindAsnPath: "/nonexistent/GeoLite2-ASN.mmdb" }),
    Error,
    "/nonexistent/GeoLite2-ASN.mmdb",
  );
});

Deno.test("openGeo lookup enriches 10,000 addresses within 2 s", async () => {
  const geo = await testGeo();
  let s = 7;
  const ips: string[] = [];
  for (let k = 0; k < 10_000; k++) {
    s = (s * 48271) % 2147483647;
    ips.push(
      k % 5 === 0
        ? `2a01:4f8:${(s & 0xffff).toString(16)}::${k.toString(16)}`
        : `${1 + (s % 223)}.${(s >> 8) & 255}.${(s >> 16) & 255}.${k & 255}`,
    );
  }
  const t0 = performance.now();
  for (const ip of ips) geo.lookup(ip);
  assertLess(performance.now() - t0, 2000);
});
