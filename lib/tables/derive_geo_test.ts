import { assert, assertEquals } from "../testing/assert.ts";
import type { ProbeRecord } from "../records/records.ts";
import { recordMaker } from "../records/record_maker.ts";
import { testGeo } from "../geo/_test_geo.ts";
import { deriveGeo, GEO_COLUMNS, geoAddresses, ONION_PROVIDER } from "./derive_geo.ts";
import { lookupAddresses } from "../geo/lookup_addresses.ts";
import { toCsv } from "../data/csv.ts";

const make = recordMaker({
  scan_id: "lab-test",
  t: "2026-11-24T00:00:00.000Z",
  ip: null,
  port: null,
  transport: null,
  duration_ms: 0,
});
const rec = (server: string, probe: string, extra: Partial<ProbeRecord> = {}): ProbeRecord =>
  make(probe, {}, { server, ...extra });

function records(): ProbeRecord[] {
  make.reset();
  return [
    rec("a.lab", "resolve", { data: { addresses: ["2a01:4f8:10a:1::2", "88.99.1.2"] } }),
    rec("a.lab", "reach", { ip: "88.99.1.2", port: 50002, transport: "tls" }),
    rec("a.lab", "reach", { ip: "2a01:4f8:10a:1::2", port: 50001, transport: "tcp" }),
    rec("a.lab", "done"),
    rec("xyz.onion", "reach", { network: "onion", port: 50001, transport: "tcp" }),
    rec("xyz.onion", "done", { network: "onion" }),
    rec("34.90.1.1", "resolve", { data: { addresses: ["34.90.1.1"] } }),
    rec("34.90.1.1", "reach", {
      ip: "34.90.1.1",
      port: 50001,
      transport: "tcp",
      status: "unreachable",
    }),
    rec("34.90.1.1", "done"),
  ];
}

Deno.test("deriveGeo gives one row per server address, onions as tor and never located", async () => {
  const geo = await testGeo();
  const rows = deriveGeo(records(), geo, "lab");
  assertEquals(rows.map((r) => [r.server, r.ip, r.main]), [
    ["34.90.1.1", "34.90.1.1", true],
    ["a.lab", "2a01:4f8:10a:1::2", false],
    ["a.lab", "88.99.1.2", true],
    ["xyz.onion", null, true],
  ]);
  const [gcp, v6, v4, onion] = rows;
  assertEquals([gcp.provider, gcp.provider_class, gcp.reachable_transports, gcp.bucket], [
    "Google Cloud",
    "cloud",
    null,
    "34.90.0.0/16",
  ]);
  assertEquals([v4.asn, v4.provider, v4.country_code, v4.reachable_transports, v4.ip_version], [
    24940,
    "Hetzner",
    "DE",
    "tls",
    4,
  ]);
  assertEquals([v6.asn, v6.provider, v6.bucket, v6.reachable_transports, v6.ip_version], [
    24940,
    "Hetzner",
    "2a01:4f8:10a::/48",
    "tcp",
    6,
  ]);
  assert(typeof v4.latitude === "number" && typeof v4.longitude === "number");
  assertEquals([
    onion.provider,
    onion.provider_class,
    onion.bucket,
    onion.country_code,
    onion.latitude,
    onion.asn,
  ], [ONION_PROVIDER, "tor", "onion", null, null, null]);
  assert(rows.every((r) => r.simulated === true && r.target === "lab"));
});

Deno.test("deriveGeo is deterministic and marks only lab rows simulated", async () => {
  const geo = await testGeo();
  const a = toCsv(deriveGeo(records(), geo, "live"), GEO_COLUMNS);
  const b = toCsv(deriveGeo(records().reverse(), geo, "live"), GEO_COLUMNS);
  assertEquals(a, b);
  assert(deriveGeo(records(), geo, "live").every((r) => r.simulated === false));
});

Deno.test("geoAddresses lists each clearnet address once; deriveGeo over its batch look-up gives the same rows", async () => {
  const addresses = geoAddresses(records());
  assertEquals(addresses.sort(), ["2a01:4f8:10a:1::2", "34.90.1.1", "88.99.1.2"]);
  const batch = await lookupAddresses(addresses);
  assertEquals(deriveGeo(records(), batch, "lab"), deriveGeo(records(), await testGeo(), "lab"));
});
