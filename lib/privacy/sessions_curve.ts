/**
 * Exposure as a wallet restarts: for 1..`maxSessions` starts, the servers that have learned the
 * whole wallet and the share of clients whose whole wallet the top group has learned, for the
 * default client (a random main at every start) and a pinned one (rows for
 * `lib/plots/sessions_chart.ts`).
 *
 * @module
 */
import type { Candidate } from "./candidates.ts";
import type { ClientProfile } from "./client_profiles.ts";
import { simulateSessions } from "./simulate_sessions.ts";
import { privacyRandom } from "./privacy_random.ts";

/** One point of the curve. */
export interface SessionsPoint {
  sessions: number;
  client: "default (random main each start)" | "pinned (one configured server)";
  wholeWalletServers: number;
  groupShare: number;
}

/** Options of {@linkcode sessionsCurve}. */
export interface SessionsCurveOptions {
  /** Most starts. Default: 20. */
  maxSessions?: number;
  /** Clients per point. Default: 1,000. */
  clients?: number;
  /** The group whose share is reported. */
  group: string;
  /** Seed of each point's randomness (a fresh source per point, so points do not depend on each
   * other). Default: `PRIVACY_SEED`. */
  seed?: number;
}

/**
 * The curve.
 *
 * @example
 * ```ts
 * sessionsCurve(candidates, ELECTRUM_4_3_4, { group: "g1" });
 * ```
 */
export function sessionsCurve(
  candidates: readonly Candidate[],
  profile: ClientProfile,
  options: SessionsCurveOptions,
): SessionsPoint[] {
  const out: SessionsPoint[] = [];
  for (let k = 1; k <= (options.maxSessions ?? 20); k++) {
    for (const pinned of [false, true]) {
      const r = simulateSessions(candidates, profile, {
        sessions: k,
        clients: options.clients ?? 1_000,
        pinned,
        group: options.group,
        random: privacyRandom(options.seed),
      });
      out.push({
        sessions: k,
        client: pinned ? "pinned (one configured server)" : "default (random main each start)",
        wholeWalletServers: r.wholeWalletServers,
        groupShare: r.groupShare,
      });
    }
  }
  return out;
}
