import { assertEquals, assertThrows } from "../testing/assert.ts";
import type { FeatureRow } from "./feature_input.ts";
import { frontRelations } from "./front_relations.ts";

const row = (server: string, cert: string | null, lat: number | null = null): FeatureRow => ({
  server,
  cert_fingerprint: cert,
  lat_app_over_tcp_ms: lat,
});

Deno.test("frontRelations: a server announcing another's hosts with its certificate fronts it", () => {
  const rows = [row("up.example", "c1"), row("203.0.113.7", "c1"), row("other", "c2")];
  const announced = [
    { server: "up.example", peer: "up.example" },
    { server: "203.0.113.7", peer: "UP.example" },
  ];
  assertEquals(frontRelations(rows, { announced }), [
    { server: "203.0.113.7", fronts: "up.example", evidence: ["announces-its-hosts"] },
  ]);
  // Announcing itself too: not a front (an operator's second name for its own server).
  const both = [...announced, { server: "203.0.113.7", peer: "203.0.113.7" }];
  assertEquals(frontRelations(rows, { announced: both }), []);
  // Without a shared certificate there is nothing to explain.
  assertEquals(
    frontRelations([row("up.example", "c1"), row("203.0.113.7", "c3")], { announced }),
    [],
  );
});

Deno.test("frontRelations: timing alone, for a certificate held by exactly two servers", () => {
  const pair = [row("a", "c1", 4), row("b", "c1", 120)];
  assertEquals(frontRelations(pair), [{
    server: "b",
    fronts: "a",
    evidence: ["slower-application"],
  }]);
  assertEquals(frontRelations(pair, { slowerByMs: 200 }), []);
  // Three holders (a fleet's certificate): timing noise must not split it.
  assertEquals(frontRelations([...pair, row("c", "c1", 3)]), []);
  assertThrows(() => frontRelations(pair, { slowerByMs: -1 }), RangeError, "slowerByMs");
});

Deno.test("frontRelations: two servers naming each other with equal evidence: neither", () => {
  const rows = [row("a", "c1"), row("b", "c1")];
  const announced = [{ server: "a", peer: "b" }, { server: "b", peer: "a" }];
  assertEquals(frontRelations(rows, { announced }), []);
});
