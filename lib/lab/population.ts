/**
 * Builds the lab's hosts from the scenario tables (`population/`) for a given size and seed, in
 * named steps: plant the scenarios, draw the honest clearnet and onion hosts, wire the relays to
 * their upstreams, build the peer graph. Deterministic: the same options give the same hosts.
 *
 * Each step draws from a random stream of its own (`rng.fork(label)`), so adding a step or a
 * scenario leaves the other steps' draws as they were.
 *
 * @module
 */
import { makeRng } from "./rng.ts";
import type { AddressPicker, BuildContext } from "./population/context.ts";
import { startOfUtcDay } from "./population/dates.ts";
import { addHonestHost, addOnionHost } from "./population/honest.ts";
import type { LabHost } from "./population/host.ts";
import { buildPeerGraph } from "./population/peer_graph.ts";
import { plantScenarios } from "./population/planted.ts";
import { connectRelays } from "./population/relays.ts";
import { DEFAULT_CLEARNET, DEFAULT_ONION } from "./population/scenarios.ts";

export type { AddressPicker } from "./population/context.ts";
export { blankHost, type CertSpec, type LabHost, loopbackFor } from "./population/host.ts";
export { discovers, peerRoot } from "./population/peer_graph.ts";
export { rtt } from "./population/placement.ts";
export { startOfUtcDay } from "./population/dates.ts";

/** Options of {@linkcode buildPopulation}. */
export interface PopulationOptions {
  /** Reachable clearnet hosts. Default: 350. Range 10-5,000 (with onion). */
  clearnet?: number;
  /** Onion-only hosts. Default: 45 scaled with clearnet. */
  onion?: number;
  /** Seed. Default: "electrum-observatory". */
  seed?: string | number;
  /** Vantage point for latency. Default: Frankfurt. */
  vantage?: { latitude: number; longitude: number };
  /** Plant the adversaries and look-alikes. Default: true when clearnet >= 40. */
  adversaries?: boolean;
  /** Picks simulated addresses (lib/geo's provider prefixes). */
  pickAddress: AddressPicker;
  /**
   * The lab's clock: certificate validity windows are placed relative to it, as real operators
   * renew against the real calendar. Default: the start of the current UTC day (so a lab scanned
   * today presents the validity mix it was built with, and a seed gives the same certificates all
   * day); pass a date to pin it.
   */
  now?: Date;
}

/**
 * Build the hosts of a lab.
 *
 * @throws {RangeError} If the size is outside 10..5,000.
 * @example
 * ```ts
 * const hosts = buildPopulation({ seed: 7, pickAddress: segmentAddressPicker });
 * ```
 */
export function buildPopulation(options: PopulationOptions): LabHost[] {
  const { clearnet, onion } = populationSize(options);
  const rng = makeRng(options.seed ?? "electrum-observatory");
  const ctx: BuildContext = {
    rng,
    now: options.now ?? startOfUtcDay(new Date()),
    vantage: options.vantage ?? { latitude: 50.11, longitude: 8.68 },
    pickAddress: options.pickAddress,
    hosts: [],
    names: new Set(),
    usedAddresses: new Set(),
  };
  if (options.adversaries ?? clearnet >= 40) plantScenarios(ctx, clearnet, rng);
  const honest = Math.max(0, clearnet - ctx.hosts.length);
  const hr = rng.fork("honest");
  for (let i = 0; i < honest; i++) addHonestHost(ctx, hr);
  const or = rng.fork("onion");
  for (let i = 0; i < onion; i++) addOnionHost(ctx, or);
  connectRelays(ctx.hosts, rng);
  buildPeerGraph(ctx.hosts, rng.fork("peers"));
  return ctx.hosts;
}

/** The clearnet and onion counts of a build, checked. */
function populationSize(options: PopulationOptions): { clearnet: number; onion: number } {
  const clearnet = options.clearnet ?? DEFAULT_CLEARNET;
  const onion = options.onion ?? Math.round((clearnet * DEFAULT_ONION) / DEFAULT_CLEARNET);
  if (
    !Number.isInteger(clearnet) || clearnet < 1 || clearnet > 5000 || clearnet + onion < 10 ||
    !Number.isInteger(onion) || onion < 0 || onion > 1000
  ) {
    throw new RangeError(
      `Lab size must be 1..5,000 clearnet and 0..1,000 onion hosts, 10 or more in all; got ${clearnet} clearnet + ${onion} onion`,
    );
  }
  return { clearnet, onion };
}
