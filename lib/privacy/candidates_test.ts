import { assert, assertEquals } from "../testing/assert.ts";
import { candidatesFromTables } from "./candidates.ts";

const servers = [
  { server: "1.1.1.1", network: "clearnet", status: "success", transports_reachable: "tcp;tls" },
  { server: "1.1.2.2", network: "clearnet", status: "success", transports_reachable: "tcp" },
  { server: "2.2.2.2", network: "clearnet", status: "success", transports_reachable: "tls" },
  { server: "x.onion", network: "onion", status: "success", transports_reachable: "tcp;tls" },
  { server: "9.9.9.9", network: "clearnet", status: "unreachable", transports_reachable: "" },
];
const geo = [
  { server: "1.1.1.1", bucket: "1.1.0.0/16", provider: "Cloud" },
  { server: "2.2.2.2", bucket: "2.2.0.0/16", provider: "Home" },
];
const clusters = [{ server: "1.1.1.1", operator_group: "g1" }];
const peer = (server: string, peer_host: string, transport: string, protocol_version: string) => ({
  server,
  peer_host,
  transport,
  protocol_version,
  source: "server.peers.subscribe",
});
const peers = [
  peer("1.1.1.1", "2.2.2.2", "tls", "1.4"),
  peer("1.1.1.1", "x.onion", "tls", "1.2"), // too old: not used
  peer("1.1.1.1", "1.1.2.2", "tcp", "1.4"), // TCP only: never an extra server
  peer("2.2.2.2", "1.1.1.1", "tls", "1.6"),
  peer("x.onion", "1.1.1.1", "tls", "1.6"),
];
const tls = [
  { server: "1.1.1.1", chain_position: 0, chain_verifies: true },
  { server: "2.2.2.2", chain_position: 0, chain_verifies: false },
];

Deno.test("candidatesFromTables: answering servers, their TLS peers (protocol >= 1.4), groups, buckets and a hard-coded stand-in by in-degree", () => {
  const cs = candidatesFromTables({ servers, geo, clusters, peers, tls }, {
    hardcoded: 1,
    hardcodedOnion: 1,
  });
  assertEquals(cs.map((c) => c.server), ["1.1.1.1", "1.1.2.2", "2.2.2.2", "x.onion"]);
  const by = Object.fromEntries(cs.map((c) => [c.server, c]));
  assertEquals(by["1.1.1.1"].peers, [2]);
  assertEquals(by["1.1.1.1"].operator, "g1");
  assertEquals(by["2.2.2.2"].operator, "solo:2.2.2.2");
  assertEquals(by["x.onion"].bucket, null);
  assertEquals(by["1.1.2.2"].tls, false);
  assertEquals([by["1.1.1.1"].caVerified, by["2.2.2.2"].caVerified], [true, false]);
  // 1.1.1.1 is advertised twice, 2.2.2.2 once: the one clearnet slot goes to 1.1.1.1.
  assert(by["1.1.1.1"].hardcoded && !by["2.2.2.2"].hardcoded);
  assert(by["x.onion"].hardcoded, "the onion slot");
});
