/**
 * The lab: a faithful, seeded Electrum network of emulated servers on 127.0.0.0/8, the
 * observatory's default target, test bed and yardstick (methodology.md, section 2). This is the
 * emulator side of `lib/`: no observer folder imports it (only `pipeline/` starts it); it builds
 * on `bitcoin/`, `electrum/`, `tls/`, `geo/`, `net/`, `data/`. Sub-folders by concern:
 * `runtime/` (the steps `startLab` runs: host runtimes, listeners and admission, relays, features
 * and peers, seed list, request log), `servers/` (the connection engine and the personalities it
 * interprets; `servers/connection/` its steps, `servers/methods/` the method handlers), `net/`
 * (resolver, SOCKS gateway, address map, raw client), `certs/` (certificate factory), `chain/`
 * (regtest chain and the view servers read), `addresses/` (simulated addresses), `hostile/`
 * (hostile servers), `population/` (the network's tables and the steps that build it).
 *
 * - {@linkcode startLab} runs a network in-process (`deno task lab` runs one on its own); its
 *   population comes from the tables of `population/` (`providers.ts`, `cohorts.ts`,
 *   `scenarios.ts`, `calibration.ts`) through {@linkcode buildPopulation}, whose steps live
 *   beside them (placement, names, certificates, honest and planted hosts, relays, peer graph).
 * - Servers are {@linkcode PERSONALITIES}, data interpreted by one connection engine
 *   (`servers/`: `server.ts` and its steps in `servers/connection/`, `wire.ts`, `errors.ts`,
 *   `methods.ts` and its handlers in `servers/methods/`) over one regtest chain (`lib/lab/chain`).
 * - {@linkcode LabResolver} stands in for DNS, the SOCKS5 gateway for Tor.
 * - Ground truth (`ground_truth.ts`) is deliberately not exported here: detectors never read it;
 *   tests and the scan's writer import it by path (a test enforces this).
 *
 * @example
 * ```ts
 * import { startLab } from "./lib/lab/mod.ts";
 * const lab = await startLab({ size: 40, latency: 0 });
 * console.log(lab.seeds[0]);
 * await lab.stop();
 * ```
 *
 * @module
 */
export { type Lab, type LabOptions, type LabSeed, startLab } from "./lab.ts";
export {
  buildPopulation,
  type LabHost,
  loopbackFor,
  type PopulationOptions,
  rtt,
} from "./population.ts";
export {
  type Family,
  methodsOf,
  PERSONALITIES,
  type Personality,
  personality,
} from "./servers/personalities.ts";
export {
  ADVERSARIAL,
  DEFAULT_CLEARNET,
  DEFAULT_ONION,
  type Role,
  SCENARIOS,
} from "./population/scenarios.ts";
export { CALIBRATION, type CalibrationTarget } from "./population/calibration.ts";
export { COHORTS } from "./population/cohorts.ts";
export { PROVIDERS } from "./population/providers.ts";
export { type PopulationMix, populationMix } from "./population_mix.ts";
export { fixtureHosts } from "./fixture_hosts.ts";
export { LabResolver } from "./net/resolver.ts";
export { type LabAddressMap, labAddressMap } from "./net/address_map.ts";
export { segmentAddressPicker } from "./addresses/addresses.ts";
export type { RequestLogEntry } from "./servers/server.ts";
