import { assertEquals } from "../testing/assert.ts";
import type { Row } from "../data/read_csv.ts";
import { deriveHss } from "./derive_hss.ts";
import { findIndicators } from "./find_indicators.ts";
import type { SuspectTables } from "./suspect_context.ts";

/** Two servers in Berlin, one of them placed in Sydney yet answering in 20 ms; both grouped. */
function tables(): SuspectTables {
  const servers = ["near.example", "far.example"];
  const rows = (f: (s: string, i: number) => Row) => servers.map(f);
  return {
    servers: rows((server) => ({ server, tcp_rtt_ms: 20 })),
    fingerprints: [],
    tls: [],
    geo: rows((server, i) => ({
      server,
      main: true,
      latitude: i ? -33.87 : 52.52,
      longitude: i ? 151.21 : 13.4,
    })),
    peers: [],
    features: rows((server) => ({ server })),
    clusters: rows((server) => ({ server, operator_group: "g1" })),
  };
}

Deno.test("deriveHss: keeps the hits found with the run's options and the operator groups", () => {
  const options = { behaviour: { vantage: { latitude: 50.11, longitude: 8.68 } } };
  const d = deriveHss(tables(), options);
  assertEquals(d.hits, findIndicators(tables(), options));
  assertEquals(d.hits.get("far.example")!.map((h) => h.indicator), ["geo-beyond-rtt"]);
  assertEquals([...d.groupOf], [["near.example", "g1"], ["far.example", "g1"]]);
});

Deno.test("deriveHss: scores in the order of the rows, highest first", () => {
  const d = deriveHss(tables(), {
    behaviour: { vantage: { latitude: 50.11, longitude: 8.68 } },
  });
  assertEquals(d.scores.map((s) => s.server), ["far.example", "near.example"]);
  assertEquals(d.rows.map((r) => r.server), d.scores.map((s) => s.server));
});
