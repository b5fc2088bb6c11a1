import { assert, assertEquals } from "../testing/assert.ts";
import type { Candidate } from "./candidates.ts";
import { ELECTRUM_4_3_4 } from "./client_profiles.ts";
import { sessionsCurve } from "./sessions_curve.ts";

Deno.test("sessionsCurve: the default client's whole-wallet servers grow with starts, the pinned one's stay at 1", () => {
  const cs: Candidate[] = Array.from({ length: 30 }, (_, i) => ({
    server: `s${i}`,
    onion: false,
    tls: true,
    tcp: false,
    bucket: `b${i}`,
    operator: i < 3 ? "spy" : `solo${i}`,
    provider: null,
    peers: [],
    hardcoded: true,
    caVerified: true,
  }));
  const pts = sessionsCurve(cs, ELECTRUM_4_3_4, {
    maxSessions: 5,
    clients: 300,
    group: "spy",
    seed: 3,
  });
  assertEquals(pts.length, 10);
  const def = pts.filter((p) => p.client.startsWith("default")).map((p) => p.wholeWalletServers);
  for (let i = 1; i < def.length; i++) assert(def[i] > def[i - 1], `${def}`);
  assert(pts.filter((p) => p.client.startsWith("pinned")).every((p) => p.wholeWalletServers === 1));
});
