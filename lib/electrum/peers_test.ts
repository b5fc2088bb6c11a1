import { assertEquals } from "../testing/assert.ts";
import { parsePeers } from "./peers.ts";

Deno.test("parsePeers: keeps the advertised version, pruning limit and feature strings of each entry", () => {
  const { candidates, malformed } = parsePeers([
    ["203.0.113.7", "a.example", ["v1.4.2", "p10000", "s", "t50001"]],
    ["", "b.example", ["v1.4", "s50002", "p-1", "x".repeat(40)]],
    ["", "c.example", ["v1.4"]],
  ]);
  assertEquals(malformed, 1); // c.example names no port
  assertEquals(
    candidates.map((
      c,
    ) => [c.host, c.address, c.tcpPort, c.tlsPort, c.version, c.pruning, c.features]),
    [
      ["a.example", "203.0.113.7", 50001, 50002, "1.4.2", 10000, [
        "v1.4.2",
        "p10000",
        "s",
        "t50001",
      ]],
      ["b.example", null, null, 50002, "1.4", null, ["v1.4", "s50002", "p-1", "x".repeat(32)]],
    ],
  );
});
