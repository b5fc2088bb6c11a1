import { assert, assertEquals } from "../testing/assert.ts";
import { fixtureHosts } from "./fixture_hosts.ts";

Deno.test("fixtureHosts: TLS certificates issued on different days at different seconds (no shared timestamp)", () => {
  const hosts = fixtureHosts([
    "electrumx-1.19.0",
    "fulcrum-2.1.1",
    "electrs-0.11.1",
    "esplora-0.4.1-new",
    "eps-0.2.4",
  ], { tls: true });
  const issued = hosts.map((h) => Date.parse(h.cert!.notBefore)).sort((a, b) => a - b);
  assertEquals(new Set(issued).size, 5);
  // Consecutive certificates are days apart: five operators, not one script.
  for (let i = 1; i < issued.length; i++) assert(issued[i] - issued[i - 1] > 86_400_000, `${i}`);
  for (const h of hosts) assert(Date.parse(h.cert!.notAfter) > Date.parse(h.cert!.notBefore));
  assertEquals(
    fixtureHosts(["electrumx-1.19.0"], { tls: true })[0].cert!.notBefore,
    "2026-01-01T00:00:00.000Z",
  );
});
