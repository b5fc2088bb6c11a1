/**
 * What the lab's server engine knows of the host it serves ({@linkcode HostRuntime}), the
 * behaviour layered over a personality, and the request log entry. Kept apart from `server.ts` so
 * that the method handlers (`methods.ts`) and the engine import it without importing each other.
 *
 * @module
 */
import type { ChainView } from "../chain/chain_view.ts";
import type { Personality } from "./personalities.ts";
import type { CostAccounts } from "./connection/cost_accounts.ts";

/** A request as the lab logs it (what a server learns about its clients). */
export interface RequestLogEntry {
  /** Wall-clock time, ms since the epoch. */
  t: number;
  host: string;
  client: string;
  conn: number;
  method: string;
  params: unknown;
}

/** Adversarial or unusual behaviour layered over a personality. */
export interface Behaviour {
  /** Replace the broadcast error (phishing servers put HTML and an "update" link here). */
  broadcastError?: (rawTx: string) => unknown;
  /** Extra application latency per reply, ms (a relay in front of another server). */
  extraLatencyMs?: number;
  /** Scale fee estimates and histogram rates (a fee manipulator). */
  feeFactor?: number;
  /** Scripthashes whose history is withheld (answered as empty). */
  withholdHistory?: boolean;
  /** Every merkle proof served is forged: checkpoint branches (`blockchain.block.header(s)` with
   * `cp_height`) and transaction branches (`get_merkle`, `id_from_pos` with `merkle`) carry a
   * made-up first sibling, so none folds to the root it claims (a proof forger). */
  forgeProofs?: boolean;
}

/** Everything the engine needs to know about the host it serves. */
export interface HostRuntime {
  id: string;
  personality: Personality;
  behaviour: Behaviour;
  /** The chain view this host serves now (lagging hosts see an older one). */
  chain(): ChainView;
  /** `server.features` content for a connection on `localPort` over `transport`. */
  features(transport: "tcp" | "tls"): Record<string, unknown> | null;
  /** `server.peers.subscribe` reply. */
  peers(): unknown[];
  banner: string;
  donation: string | null;
  /** Per-reply delay, ms (simulated round trip plus jitter). */
  latencyMs(): number;
  /** Records one request. */
  log(entry: RequestLogEntry): void;
  /** Takes the host down (EPS crashes). */
  crash(): void;
  /** ElectrumX's cost accounts of this host: per connection, shared by its client /24. */
  costs: CostAccounts;
  /**
   * Reached only as an onion service: the real server sees every client as the local Tor daemon,
   * a private address, which ElectrumX exempts from its per-/24 cost (its sessions are judged
   * alone).
   */
  onionService: boolean;
  /** Called on every new lab block; connections register here to push notifications. */
  tipListeners: Set<() => void>;
}
