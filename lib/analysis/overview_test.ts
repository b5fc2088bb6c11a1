import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import type { Row } from "../data/read_csv.ts";
import { serverPopulation } from "./server_population.ts";
import { overviewTables, tipLagBin } from "./overview.ts";
import { bucketShares, concentrationSummary, lorenzSeries } from "./concentration.ts";
import { labelled, runLabel } from "./run_label.ts";
import { displayRows } from "./display_rows.ts";
import { overviewFindings } from "./overview_findings.ts";

const servers: Row[] = [
  {
    server: "a.lab",
    network: "clearnet",
    status: "success",
    transports_reachable: "tcp;tls",
    software: "ElectrumX 1.19.0",
    protocol: "1.4",
    protocol_max: "1.4.3",
    tip_lag_blocks: 0,
    ipv6: null,
    target: "lab",
  },
  {
    server: "b.lab",
    network: "clearnet",
    status: "success",
    transports_reachable: "tls",
    software: "Fulcrum 2.1.1",
    protocol: "1.4",
    protocol_max: "1.5.0",
    tip_lag_blocks: 1,
    ipv6: "2a01:4f8::1",
    target: "lab",
  },
  {
    server: "c.lab",
    network: "clearnet",
    status: "success",
    transports_reachable: "tcp",
    software: "ElectrumX 1.16.0",
    protocol: "1.4",
    protocol_max: "1.4.3",
    tip_lag_blocks: 40,
    ipv6: null,
    target: "lab",
  },
  {
    server: "x.onion",
    network: "onion",
    status: "success",
    transports_reachable: "tcp",
    software: "electrs/0.10.9",
    protocol: "1.4",
    tip_lag_blocks: 0,
    ipv6: null,
    target: "lab",
  },
  {
    server: "dead",
    network: "clearnet",
    status: "unreachable",
    transports_reachable: null,
    software: null,
    protocol: null,
    tip_lag_blocks: null,
    ipv6: null,
    target: "lab",
  },
];
const g = (server: string, ip: string | null, extra: Row = {}): Row => ({
  server,
  ip,
  main: true,
  simulated: true,
  ip_version: ip?.includes(":") ? 6 : 4,
  reachable_transports: "tcp",
  ...extra,
});
const geo: Row[] = [
  g("a.lab", "34.1.1.1", {
    bucket: "34.1.0.0/16",
    asn: 396982,
    provider: "Google Cloud",
    provider_class: "cloud",
    country_code: "US",
    continent: "North America",
    latitude: 39,
    longitude: -77,
  }),
  g("b.lab", "34.1.2.2", {
    bucket: "34.1.0.0/16",
    asn: 396982,
    provider: "Google Cloud",
    provider_class: "cloud",
    country_code: "US",
    continent: "North America",
    latitude: 39,
    longitude: -77,
  }),
  g("b.lab", "2a01:4f8::1", {
    main: false,
    bucket: "2a01:4f8::/48",
    asn: 24940,
    provider: "Hetzner",
    provider_class: "hosting",
    country_code: "DE",
  }),
  g("c.lab", "88.99.1.1", {
    bucket: "88.99.0.0/16",
    asn: 24940,
    provider: "Hetzner",
    provider_class: "hosting",
    country_code: "DE",
    continent: "Europe",
    latitude: 50,
    longitude: 12,
  }),
  g("x.onion", null, { bucket: "onion", provider: "Tor onion service", provider_class: "tor" }),
  g("dead", "34.90.1.1", {
    bucket: "34.90.0.0/16",
    asn: 396982,
    provider: "Google Cloud",
    provider_class: "cloud",
    reachable_transports: null,
  }),
];

Deno.test("serverPopulation joins each server with its main address", () => {
  const pop = serverPopulation(servers, geo);
  assertEquals(pop.map((s) => [s.server, s.provider, s.family, s.ipv6_reachable, s.simulated]), [
    ["a.lab", "Google Cloud", "ElectrumX", false, true],
    ["b.lab", "Google Cloud", "Fulcrum", true, true],
    ["c.lab", "Hetzner", "ElectrumX", false, true],
    ["x.onion", "Tor onion service", "electrs", false, true],
    ["dead", "Google Cloud", null, false, true],
  ]);
});

Deno.test("overviewTables counts reachable servers only", () => {
  const t = overviewTables(serverPopulation(servers, geo));
  assertEquals([t.discovered, t.reachable], [5, 4]);
  assertEquals(t.transports.slice(0, 5).map((r) => [r.transport, r.servers]), [
    ["TCP", 3],
    ["TLS", 2],
    ["TCP only", 2],
    ["TLS only", 1],
    ["onion", 1],
  ]);
  assertEquals(t.providers.map((r) => [r.label, r.count]), [["Google Cloud", 2], ["Hetzner", 1], [
    "Tor onion service",
    1,
  ]]);
  assertEquals(t.countries.map((r) => [r.label, r.count]), [
    ["US", 2],
    ["(onion, not located)", 1],
    ["DE", 1],
  ]);
  assertEquals(t.tipLag.map((r) => [r.label, r.count]), [["at tip", 2], ["1 block", 1], [
    "6-100 blocks",
    1,
  ]]);
  assertEquals(t.tls[0], { transport: "clearnet servers offering TLS", servers: 2, share: 2 / 3 });
  // The protocol table counts the highest protocol spoken (negotiated with a range), not the 1.4
  // every server negotiates when asked for 1.4 alone; the onion's is unknown.
  assertEquals(t.protocols.map((r) => [r.label, r.count]), [["1.4.3", 2], ["1.5.0", 1], [
    "unknown",
    1,
  ]]);
  assertEquals([tipLagBin(null), tipLagBin(-1), tipLagBin(101)], [
    null,
    "ahead of tip",
    "> 100 blocks",
  ]);
});

Deno.test("concentrationSummary gives HHI, largest share and fewest groups for half per dimension", () => {
  const pop = serverPopulation(servers, geo);
  const rows = concentrationSummary(pop, geo);
  const asn = rows.find((r) => r.dimension === "ASN")!;
  assertEquals([asn.servers, asn.groups, asn.largest, asn.groups_for_half, asn.hhi], [
    3,
    2,
    "AS396982",
    1,
    5556,
  ]);
  const v4 = rows.find((r) => r.dimension.startsWith("IPv4"))!;
  assertEquals([v4.servers, v4.groups, v4.largest], [3, 2, "34.1.0.0/16"]);
  assertEquals(bucketShares(pop, geo, 6).map((r) => [r.label, r.count]), [["2a01:4f8::/48", 1]]);
  const l = lorenzSeries(pop);
  assertEquals(l.rows.filter((p) => p.dimension === "ASN"), [{ dimension: "ASN", x: 0, y: 0 }, {
    dimension: "ASN",
    x: 0.5,
    y: 1 / 3,
  }, { dimension: "ASN", x: 1, y: 1 }]);
});

Deno.test("runLabel marks lab runs in every title", () => {
  const lab = runLabel({ target: "lab", scan_id: "lab-1" });
  assert(lab.isLab && /not the real network/.test(lab.sentence));
  assertEquals(labelled("Servers", lab), "Servers — LAB RUN (simulated network)");
  assertEquals(
    runLabel({ target: "live", started_at: "2026-11-24T09:00:00Z" }).tag,
    "live scan 2026-11-24",
  );
  assertThrows(() => runLabel({}), TypeError);
});

Deno.test("displayRows formats shares as percentages and drops share-table keys", () => {
  assertEquals(
    displayRows([{
      key: 1,
      label: "A",
      count: 2,
      share: 0.5,
      cumulative_share: 1,
      gini: 0.123,
      examples: ["a", "b"],
    }]),
    [
      {
        label: "A",
        count: 2,
        share: "50.0%",
        cumulative_share: "100.0%",
        gini: "0.12",
        examples: "a, b",
      },
    ],
  );
});

Deno.test("overviewFindings states the lab label first and the headline numbers", () => {
  const pop = serverPopulation(servers, geo);
  const f = overviewFindings(
    overviewTables(pop),
    concentrationSummary(pop, geo),
    null,
    runLabel({ target: "lab" }),
  );
  assert(/^Lab run/.test(f[0]));
  assert(f.some((s) => s.startsWith("4 of 5 discovered servers answered")));
  assert(f.some((s) => s.includes("the largest provider, Google Cloud, holds 66.7%")));
  assertEquals(f.at(-1), "No certificate rows: certificate reuse was not analysed.");
});

Deno.test("overviewFindings reads well on a 5-server local run where nothing is geolocated", () => {
  const local: Row[] = [
    "ElectrumX 1.19.0",
    "Fulcrum 2.1.1",
    "electrs/0.11.1",
    "electrs-esplora 0.4.1",
    "ElectrumPersonalServer 0.2.4",
  ]
    .map((software, i) => ({
      server: `127.116.0.${i + 1}`,
      network: "clearnet",
      status: "success",
      transports_reachable: "tcp;tls",
      software,
      protocol: "1.4",
      protocol_max: i < 2 ? "1.4" : null,
      tip_lag_blocks: 0,
      ipv4: `127.116.0.${i + 1}`,
      ipv6: null,
      target: "local",
    }));
  const localGeo = local.map((s) =>
    g(String(s.server), String(s.server), {
      simulated: false,
      bucket: null,
      reachable_transports: "tcp;tls",
    })
  );
  const pop = serverPopulation(local, localGeo);
  const f = overviewFindings(
    overviewTables(pop),
    concentrationSummary(pop, localGeo),
    null,
    runLabel({ target: "local", started_at: "2026-12-03T08:00:00Z" }),
  );
  const text = f.join(" ");
  for (const bad of ["null", "undefined", "NaN", "?"]) {
    assert(!text.includes(bad), `"${bad}" in: ${text}`);
  }
  assert(/^Local run/.test(f[0]), f[0]);
  assert(
    f.some((s) => s.startsWith("None of the 5 reachable clearnet servers could be placed")),
    text,
  );
  // Five implementations, one server each: none is called the largest.
  assert(
    f.some((s) =>
      s === "The 5 servers that named their software claim 5 implementations, each equally often."
    ),
    text,
  );
  assert(!text.includes("'"), "no apostrophe (the note escapes it as an entity)");
});
