/**
 * Hand-picked lab hosts for tests, benchmarks and the wallet integration test: one honest host per
 * requested personality, with simulated public addresses from the population builder, a distinct
 * loopback address each, TCP on 50001 and (optionally) TLS on 50002, no lag and no peers.
 *
 * @module
 */
import { segmentAddressPicker } from "./addresses/addresses.ts";
import { personality } from "./servers/personalities.ts";
import { buildPopulation, type LabHost, loopbackFor } from "./population.ts";

const FIXTURE_ISSUED = Date.UTC(2026, 0, 1);
/** 9 days, 1 hour, 11 minutes and 11 seconds between consecutive fixture certificates (earlier
 * for higher indices, so none is ever issued in the future). */
const ISSUE_STEP_MS = ((9 * 24 + 1) * 3600 + 11 * 60 + 11) * 1000;
const TEN_YEARS_MS = 3653 * 86_400_000;

/** Options of {@linkcode fixtureHosts}. */
export interface FixtureHostOptions {
  /** Also listen for TLS on 50002 with a self-signed certificate. Default: false. */
  tls?: boolean;
  /** Seed of the simulated addresses. Default: "fixture". */
  seed?: string;
  /** Index of the first host's loopback address (see `loopbackFor`). Default: 0. */
  firstIndex?: number;
}

/**
 * One honest host per personality id, in order.
 *
 * @throws {RangeError} For an unknown personality id.
 * @example
 * ```ts
 * const lab = await startLab({ hosts: fixtureHosts(["electrumx-1.20.0", "fulcrum-2.1.1"]), latency: 0, tipIntervalMs: 0 });
 * await lab.stop();
 * ```
 */
export function fixtureHosts(ids: readonly string[], options: FixtureHostOptions = {}): LabHost[] {
  ids.forEach((id) => personality(id));
  const base = buildPopulation({
    clearnet: Math.max(10, ids.length),
    onion: 0,
    seed: options.seed ?? "fixture",
    adversaries: false,
    pickAddress: segmentAddressPicker,
  });
  return ids.map((id, i) => {
    const index = (options.firstIndex ?? 0) + i;
    const b = base[i];
    const id4 = `f${String(index).padStart(4, "0")}`;
    const hostname = `${personality(id).family}${i}.fixture.lab`;
    return {
      ...b,
      id: id4,
      index,
      role: "honest",
      operator: `op-${id4}`,
      personality: id,
      claims: null,
      hostname,
      onion: null,
      loopback: loopbackFor(index),
      tcpPort: 50001,
      tlsPort: options.tls ? 50002 : null,
      cert: options.tls
        ? {
          practice: "self-signed-hostname",
          subject: { CN: hostname },
          sans: [hostname],
          // Issued on different days at different times, as independent operators do (one
          // timestamp for all would read as an issuance burst).
          notBefore: new Date(FIXTURE_ISSUED - index * ISSUE_STEP_MS).toISOString(),
          notAfter: new Date(FIXTURE_ISSUED - index * ISSUE_STEP_MS + TEN_YEARS_MS).toISOString(),
          key: "ec256",
          keyId: id4,
          certId: id4,
        }
        : null,
      lag: 0,
      reportServices: true,
      upstream: null,
      peers: [],
      bogusPeers: [],
      extraLatencyMs: 0,
      scenario: "fixture",
      modification: null,
      settings: {},
    };
  });
}
