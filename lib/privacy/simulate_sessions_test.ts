import { assert, assertEquals } from "../testing/assert.ts";
import { seededRandom } from "../stats/test_helpers.ts";
import type { Candidate } from "./candidates.ts";
import { ELECTRUM_4_3_4 } from "./client_profiles.ts";
import { simulateSessions } from "./simulate_sessions.ts";

const cs: Candidate[] = Array.from({ length: 20 }, (_, i) => ({
  server: `s${i}`,
  onion: false,
  tls: true,
  tcp: false,
  bucket: `b${i}`,
  operator: i < 5 ? "spy" : `solo${i}`,
  provider: null,
  peers: [],
  hardcoded: true,
  caVerified: true,
}));

Deno.test("simulateSessions: a default client's restarts spread the whole wallet over new servers; a pinned client keeps one", () => {
  const free = simulateSessions(cs, ELECTRUM_4_3_4, {
    sessions: 10,
    clients: 1_000,
    group: "spy",
    random: seededRandom(3),
  });
  // Expected distinct of 10 uniform draws from 20: 20 * (1 - 0.95^10) = 8.03.
  assert(Math.abs(free.wholeWalletServers - 8.03) < 0.2, `${free.wholeWalletServers}`);
  // P(spy, 5 of 20, among 10 mains) = 1 - 0.75^10 = 0.944.
  assert(Math.abs(free.groupShare - 0.944) < 0.03, `${free.groupShare}`);
  const pinned = simulateSessions(cs, ELECTRUM_4_3_4, {
    sessions: 10,
    clients: 1_000,
    pinned: true,
    group: "spy",
    random: seededRandom(3),
  });
  assertEquals(pinned.wholeWalletServers, 1);
  assert(Math.abs(pinned.groupShare - 0.25) < 0.04, `${pinned.groupShare}`);
});
