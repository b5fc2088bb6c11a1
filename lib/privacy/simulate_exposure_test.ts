import { assert, assertEquals } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import type { Candidate } from "./candidates.ts";
import { ELECTRUM_4_3_4 } from "./client_profiles.ts";
import { simulateExposure } from "./simulate_exposure.ts";

function population(): Candidate[] {
  // 40 servers: operator "big" runs 10 of them in one /16 (only one can join a client beyond the
  // main), 30 independents each in its own /16; 8 hard-coded servers, 4 of them big's.
  return Array.from({ length: 40 }, (_, i) => ({
    server: `s${i}`,
    onion: false,
    tls: true,
    tcp: true,
    bucket: i < 10 ? "big/16" : `b${i}/16`,
    operator: i < 10 ? "big" : `solo${i}`,
    provider: i < 10 ? "cloud" : "home",
    peers: Array.from({ length: 40 }, (_, j) => j).filter((j) => j !== i),
    hardcoded: i < 4 || (i >= 10 && i < 14),
    caVerified: i >= 10,
  }));
}

Deno.test("simulateExposure: the main share follows the hard-coded list, the /16 rule caps one bucket, Tor hides the address", () => {
  const cs = population();
  const e = simulateExposure(cs, ELECTRUM_4_3_4, { clients: 4_000, random: seededRandom(9) });
  const big = e.rows.find((r) => r.group === "big")!;
  assert(Math.abs(big.mainShare - 0.5) < 0.03, `main share ${big.mainShare}`);
  assert(big.anyShare > big.mainShare + 0.3, `any connection ${big.anyShare}`);
  assertEquals(e.meanConnected, 10);
  assert(e.meanContacted > 10, "servers dropped by the /16 rule still saw the client");
  const tor = simulateExposure(cs, ELECTRUM_4_3_4, {
    clients: 500,
    tor: true,
    random: seededRandom(9),
  });
  assert(tor.rows.every((r) => r.ipShare === 0));
  const strict = simulateExposure(cs, ELECTRUM_4_3_4, {
    clients: 500,
    random: seededRandom(9),
    refuse: (c) => c.caVerified !== true,
  });
  assertEquals(
    strict.rows.find((r) => r.group === "big"),
    undefined,
    "a strict client never uses big",
  );
  const byProvider = simulateExposure(cs, ELECTRUM_4_3_4, {
    clients: 500,
    groupBy: "provider",
    random: seededRandom(9),
  });
  assertEquals(byProvider.rows.map((r) => r.group).sort(), ["cloud", "home"]);
});

Deno.test("simulateExposure: nested groups are tallied from the same clients, a server in none is left out", () => {
  const cs = population();
  // "big" inside "hard-coded or big"; independents that are not hard-coded are in no group.
  const e = simulateExposure(cs, ELECTRUM_4_3_4, {
    clients: 1_000,
    groupBy: (c) =>
      c.operator === "big"
        ? ["big", "hard-coded or big"]
        : c.hardcoded
        ? ["hard-coded or big"]
        : [],
    random: seededRandom(9),
  });
  const [big, wide] = ["big", "hard-coded or big"].map((g) => e.rows.find((r) => r.group === g)!);
  assertEquals(e.rows.length, 2);
  assertEquals([big.servers, wide.servers], [10, 14]);
  // Every main comes from the hard-coded list, so the wider group is every client's main.
  assertEquals(wide.mainShare, 1);
  assert(big.mainShare < 1 && big.anyShare <= wide.anyShare && big.ipShare <= wide.ipShare);
});
