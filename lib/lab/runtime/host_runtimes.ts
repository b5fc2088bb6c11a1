/**
 * Each serving host's runtime: the personality it behaves as (claiming another's software and
 * banner when it lies), its planted behaviour, its view of the chain (with its lag), what it
 * answers for features and peers, its latency, and its hooks into the lab (log, crash).
 *
 * @module
 */
import type { LabHost } from "../population.ts";
import { type Personality, personality } from "../servers/personalities.ts";
import type { HostRuntime, RequestLogEntry } from "../servers/host_runtime.ts";
import { behaviourFor } from "../servers/behaviours.ts";
import { CostAccounts } from "../servers/connection/cost_accounts.ts";
import { configuredPersonality } from "../population/settings.ts";
import type { LabChain } from "../chain/chain_adapter.ts";
import type { Rng } from "../rng.ts";
import { featuresOf } from "./features.ts";
import { peersOf } from "./peers.ts";

/** What {@linkcode hostRuntimes} wires each runtime to. */
export interface RuntimeWiring {
  /** The lab's runtime stream; each host draws its latency jitter from a fork named by its id. */
  rng: Rng;
  chain: LabChain;
  /** Every host by id (peers are resolved through it). */
  byId: Map<string, LabHost>;
  /** Simulated latency scale (0 = none, 1 = realistic). */
  latencyScale: number;
  /** Records one request. */
  log: (e: RequestLogEntry) => void;
  /** Takes a host down (EPS crashes). */
  crash: (h: LabHost) => void;
}

/**
 * Build the runtime of every host that serves (relays only pipe bytes and have none).
 *
 * @returns Runtimes by host id.
 */
export function hostRuntimes(hosts: LabHost[], w: RuntimeWiring): Map<string, HostRuntime> {
  const runtimes = new Map<string, HostRuntime>();
  const { rng, chain, byId, latencyScale } = w;
  for (const h of hosts) {
    if (h.role === "relay") continue;
    const behaves = personality(h.personality);
    const claimed = h.claims ? personality(h.claims) : behaves;
    const p: Personality = configuredPersonality(h, {
      ...behaves,
      software: claimed.software,
      banner: claimed.banner,
    });
    const hr = rng.fork(h.id);
    const runtime: HostRuntime = {
      id: h.id,
      personality: p,
      behaviour: behaviourFor(h),
      chain: () => chain.view(h.lag),
      features: (transport) => featuresOf(h, p, transport, chain.genesisHash()),
      peers: () => peersOf(h, byId),
      banner: p.banner,
      donation: p.donation,
      // The path's floor plus up to 10 % queueing, skewed towards 0 as queueing delay is
      // (u^3: median 1.25 %); jitter never makes a path faster than its propagation.
      latencyMs: () => latencyScale * (h.rttMs * (1 + 0.1 * hr() ** 3)),
      log: w.log,
      crash: () => w.crash(h),
      costs: new CostAccounts({ hardLimit: p.limits.cost?.hard }),
      onionService: h.onion !== null && h.ipv4 === null && h.ipv6 === null,
      tipListeners: new Set(),
    };
    runtimes.set(h.id, runtime);
  }
  return runtimes;
}
