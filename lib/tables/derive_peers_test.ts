import { assertEquals } from "../testing/assert.ts";
import type { ProbeRecord } from "../records/records.ts";
import { recordMaker } from "../records/record_maker.ts";
import { parseCsv } from "../data/read_csv.ts";
import { tableCsv } from "../data/table_csv.ts";
import { PEERS_SCHEMA } from "../data/schemas/peers.ts";
import { derivePeers } from "./derive_peers.ts";
import { deriveServers } from "./derive_servers.ts";

const make = recordMaker();
const rec = (
  server: string,
  probe: string,
  status: ProbeRecord["status"],
  data: Record<string, unknown>,
  over: Partial<ProbeRecord> = {},
): ProbeRecord => make(probe, data, { server, status, ...over });
const none = { ip: null, port: null, transport: null } as const;

/** A server's records: resolve, reach on TLS 50002, and (when given) its peer list and features hosts. */
function server(
  name: string,
  opts: {
    peers?: unknown[];
    hosts?: Record<string, unknown>;
    reach?: ProbeRecord["status"];
    resolve?: ProbeRecord["status"];
  } = {},
): ProbeRecord[] {
  const out = [
    rec(
      name,
      "discover",
      "success",
      { found_via: ["seed"], tcp_port: null, tls_port: 50002 },
      none,
    ),
    rec(name, "resolve", opts.resolve ?? "success", {
      addresses: opts.resolve ? [] : ["203.0.113.5"],
    }, none),
  ];
  if (!opts.resolve) out.push(rec(name, "reach", opts.reach ?? "success", {}));
  if (opts.hosts) out.push(rec(name, "features", "success", { features: { hosts: opts.hosts } }));
  if (opts.peers) {
    out.push(
      rec(name, "peers", "success", {
        peer_count: opts.peers.length,
        peers: opts.peers,
        feature_hosts: [],
      }),
    );
  }
  out.push(rec(name, "done", "success", {}, none));
  return out;
}
const peer = (host: string, feats = ["v1.4.2", "s50002"]) => ({
  host,
  address: null,
  tcpPort: feats.includes("t") ? 50001 : null,
  tlsPort: feats.some((f) => f.startsWith("s")) ? 50002 : null,
  version: "1.4.2",
  pruning: null,
  features: feats,
});

function scan(): ProbeRecord[] {
  make.reset();
  return [
    // The seed advertises two honest servers and names itself in its features.
    ...server("seed.example", {
      peers: [peer("a.example"), peer("b.example"), peer("hub.example")],
      hosts: { "seed.example": { ssl_port: 50002, tcp_port: null } },
    }),
    // hub.example is advertised by three servers; dead.example's name does not resolve; private.example is never dialled.
    ...server("a.example", {
      peers: [peer("hub.example"), peer("dead.example"), peer("private.example")],
    }),
    ...server("b.example", {
      peers: [{
        ...peer("hub.example", ["v1.4", "p10000", "s50002", "t"]),
        tcpPort: 50001,
        pruning: 10000,
      }, peer("f1.example")],
    }),
    ...server("hub.example"),
    ...server("dead.example", { resolve: "dns-error" }),
    ...server("private.example", { reach: "blocklisted" }),
    // A fleet that lists only itself: each advertises the other two, and nothing else.
    ...server("f1.example", { peers: [peer("f2.example"), peer("f3.example")] }),
    ...server("f2.example", { peers: [peer("f1.example"), peer("f3.example")] }),
    ...server("f3.example", {
      peers: [peer("f1.example"), peer("f2.example"), peer("f3.example")],
    }),
  ];
}

Deno.test("derivePeers: one row per advertised edge, endpoint outcome from the scan, self-advertisement marked", () => {
  const rows = derivePeers(scan(), "lab");
  const edge = (s: string, p: string) => rows.filter((r) => r.server === s && r.peer_host === p);
  // A peer advertised with TLS and TCP ports gives two edges; its version, pruning and features are kept.
  const bHub = edge("b.example", "hub.example");
  assertEquals(
    bHub.map((r) => [r.transport, r.port, r.protocol_version, r.pruning_blocks, r.features]),
    [
      ["tcp", 50001, "1.4.2", 10000, "v1.4;p10000;s50002;t"],
      ["tls", 50002, "1.4.2", 10000, "v1.4;p10000;s50002;t"],
    ],
  );
  // hub answered on TLS; nothing tried its TCP port (the records hold no reach there).
  assertEquals(bHub.map((r) => [r.endpoint_status, r.answered]), [[null, null], ["success", true]]);
  assertEquals(edge("a.example", "dead.example").map((r) => [r.endpoint_status, r.answered]), [[
    "dns-error",
    false,
  ]]);
  assertEquals(edge("a.example", "private.example").map((r) => [r.endpoint_status, r.answered]), [[
    "blocklisted",
    null,
  ]]);
  const self = edge("seed.example", "seed.example");
  assertEquals(self.map((r) => [r.source, r.self_advertised, r.protocol_version, r.answered]), [[
    "server.features",
    true,
    null,
    true,
  ]]);
  assertEquals(rows.every((r) => r.target === "lab"), true);
  // Every column is written, and the CSV reads back with the same number of rows.
  assertEquals(parseCsv(tableCsv(rows, PEERS_SCHEMA), PEERS_SCHEMA).length, rows.length);
});

Deno.test("derivePeers: deterministic whatever the order of the records", () => {
  const records = scan();
  const shuffled = [...records].reverse();
  assertEquals(
    tableCsv(derivePeers(shuffled, "lab"), PEERS_SCHEMA),
    tableCsv(derivePeers(records, "lab"), PEERS_SCHEMA),
  );
});

Deno.test("deriveServers: in-degree, out-degree and answered share from the discovery graph", () => {
  const rows = new Map(deriveServers(scan(), "lab").map((r) => [r.server, r]));
  const g = (s: string) => {
    const r = rows.get(s)!;
    return [r.peers_in_degree, r.peers_out_degree, r.peers_answered_share];
  };
  // Advertised by three servers.
  assertEquals(g("hub.example"), [3, null, null]);
  // The seed lists three others (all answered); its own host in features counts in neither degree.
  assertEquals(g("seed.example"), [0, 3, 1]);
  // a.example: hub answered, dead did not, private was never dialled (not in the share).
  assertEquals(g("a.example"), [1, 3, 0.5]);
  // The fleet: each member is advertised by the other two and by one outsider at most; what it
  // advertises is only the fleet, all of which answered.
  assertEquals(g("f1.example"), [3, 2, 1]);
  assertEquals(g("f2.example"), [2, 2, 1]);
  assertEquals(g("f3.example"), [2, 2, 1]);
  const fleet = new Set(["f1.example", "f2.example", "f3.example"]);
  const fromFleet = derivePeers(scan(), "lab").filter((r) => fleet.has(r.server as string));
  assertEquals(fromFleet.every((r) => fleet.has(r.peer_host as string)), true);
});

Deno.test("deriveServers: a server that lists only itself has out-degree 0, not unknown", () => {
  make.reset();
  const records = server("solo.example", {
    peers: [peer("solo.example")],
    hosts: { "solo.example": { ssl_port: 50002 } },
  });
  const [row] = deriveServers(records, "local");
  assertEquals([row.peers_in_degree, row.peers_out_degree, row.peers_answered_share], [0, 0, null]);
  const edges = derivePeers(records, "local");
  assertEquals(edges.map((r) => [r.source, r.self_advertised, r.answered]), [
    ["server.features", true, true],
    ["server.peers.subscribe", true, true],
  ]);
});
