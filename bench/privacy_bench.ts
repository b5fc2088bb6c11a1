/**
 * Benchmark of the privacy experiment's exposure simulation (lib/privacy): 10,000 default
 * clients selecting servers (main from the hard-coded list, 10 interfaces under the /16 and onion
 * rules) over a 1,000-server lab population, clearnet and through Tor; the requirement is under
 * 10 s. Also the linker simulation (400 clients, nine behaviours).
 *
 * The candidates come straight from the lab's population (no scan): TLS when the host listens
 * for TLS, the /16 of its simulated IPv4 address, its operator and provider, its advertised peers,
 * and the 84 most-advertised TLS hosts as the hard-coded list.
 *
 * Usage: `deno run -A bench/privacy_bench.ts [--runs N]` (default 5 runs).
 *
 * @module
 */
import { buildPopulation, segmentAddressPicker } from "../lib/lab/mod.ts";
import type { Candidate } from "../lib/privacy/candidates.ts";
import { ELECTRUM_4_3_4 } from "../lib/privacy/client_profiles.ts";
import { simulateExposure } from "../lib/privacy/simulate_exposure.ts";
import { privacyRandom } from "../lib/privacy/privacy_random.ts";
import { simulateLinking } from "../lib/privacy/simulate_linking.ts";
import { median as medianOrNull } from "../lib/analysis/median.ts";

const median = (xs: number[]): number => medianOrNull(xs) ?? NaN;

function candidates(): Candidate[] {
  const hosts = buildPopulation({
    clearnet: 1_000,
    seed: "privacy-bench",
    pickAddress: segmentAddressPicker,
  });
  const index = new Map(hosts.map((h, i) => [h.id, i]));
  const cs: Candidate[] = hosts.map((h) => ({
    server: h.id,
    onion: h.onion !== null && h.ipv4 === null && h.ipv6 === null,
    tls: h.tlsPort !== null,
    tcp: h.tcpPort !== null,
    bucket: h.ipv4 ? h.ipv4.split(".").slice(0, 2).join(".") : null,
    operator: h.operator,
    provider: h.provider,
    peers: h.peers.map((p) => index.get(p)).filter((i): i is number => i !== undefined),
    hardcoded: false,
    caVerified: null,
  }));
  const indegree = cs.map(() => 0);
  for (const c of cs) for (const j of c.peers) indegree[j]++;
  cs.map((_, i) => i).filter((i) => cs[i].tls).sort((a, b) => indegree[b] - indegree[a])
    .slice(0, 84).forEach((i) => (cs[i].hardcoded = true));
  return cs;
}

function main(): void {
  const runsArg = Deno.args.indexOf("--runs");
  const runs = runsArg >= 0 ? Number(Deno.args[runsArg + 1]) : 5;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new RangeError(`--runs must be a positive integer, got ${Deno.args[runsArg + 1]}`);
  }
  const t0 = performance.now();
  const cs = candidates();
  console.log(
    `population: ${cs.length} hosts (${cs.filter((c) => c.tls).length} with TLS), ${
      Math.round(performance.now() - t0)
    } ms to build`,
  );
  for (const tor of [false, true]) {
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = performance.now();
      simulateExposure(cs, ELECTRUM_4_3_4, { clients: 10_000, tor, random: privacyRandom(r + 1) });
      times.push(performance.now() - t);
    }
    console.log(
      `exposure, 10,000 clients, ${tor ? "Tor" : "clearnet"}: median ${
        Math.round(median(times))
      } ms (requirement < 10,000 ms)`,
    );
  }
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    simulateLinking({ random: privacyRandom(r + 7) });
    times.push(performance.now() - t);
  }
  console.log(`linking, 400 clients x 9 behaviours: median ${Math.round(median(times))} ms`);
}

if (import.meta.main) main();
