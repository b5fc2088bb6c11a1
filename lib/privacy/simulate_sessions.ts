/**
 * Exposure over many sessions (wallet restarts): the default client draws a new random main
 * server from its hard-coded list at every start (it writes the main to its config only when the
 * user picks one), so over `sessions` starts several servers each learn the whole wallet. A
 * pinned client (one configured server) exposes the wallet to that one server only.
 *
 * @module
 */
import type { Candidate } from "./candidates.ts";
import type { ClientProfile } from "./client_profiles.ts";
import { selectServers } from "./select_servers.ts";

/** Options of {@linkcode simulateSessions}. */
export interface SessionsOptions {
  /** Starts per client. Default: 10. */
  sessions?: number;
  /** Simulated clients. Default: 2,000. */
  clients?: number;
  /** Keep the first session's main for every later one. Default: false (the default client). */
  pinned?: boolean;
  /** The operator group whose chance of learning the whole wallet is reported. */
  group: string;
  /** Seeded randomness. */
  random: () => number;
}

/** What many sessions expose. */
export interface SessionsExposure {
  sessions: number;
  pinned: boolean;
  /** Mean distinct servers that learned the whole wallet (every main across the sessions). */
  wholeWalletServers: number;
  /** Share of clients whose whole wallet `group` learned at least once. */
  groupShare: number;
}

/**
 * Simulate `clients` clients over `sessions` starts each.
 *
 * @example
 * ```ts
 * simulateSessions(candidates, ELECTRUM_4_3_4, { group: "g1", random: seededRandom(1) }).wholeWalletServers;
 * ```
 */
export function simulateSessions(
  candidates: readonly Candidate[],
  profile: ClientProfile,
  options: SessionsOptions,
): SessionsExposure {
  const sessions = options.sessions ?? 10;
  const clients = options.clients ?? 2_000;
  let servers = 0;
  let hit = 0;
  for (let c = 0; c < clients; c++) {
    const mains = new Set<number>();
    let first: number | undefined;
    for (let s = 0; s < sessions; s++) {
      const pick = selectServers(candidates, profile, {
        tor: false,
        random: options.random,
        connections: 1,
        main: options.pinned ? first : undefined,
      }).main;
      if (pick === null) continue;
      first ??= pick;
      mains.add(pick);
    }
    servers += mains.size;
    if ([...mains].some((i) => candidates[i].operator === options.group)) hit++;
  }
  return {
    sessions,
    pinned: options.pinned ?? false,
    wholeWalletServers: servers / clients,
    groupShare: hit / clients,
  };
}
