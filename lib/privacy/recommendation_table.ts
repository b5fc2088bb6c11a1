/**
 * The usual privacy recommendations for light-wallet users and wallet developers, each tried in
 * the client model (and, where the wallet allows, read off the real wallet's transcripts), with
 * the measured change and its cost. Some help, some change nothing, some backfire.
 *
 * @module
 */
import { ELECTRUM_4_3_4 } from "./client_profiles.ts";
import type { Candidate } from "./candidates.ts";
import type { PrivacyInputs } from "./load_privacy_inputs.ts";
import { type SelectOptions, selectServers } from "./select_servers.ts";
import { serverViews } from "./server_views.ts";
import { simulateExposure } from "./simulate_exposure.ts";
import {
  LINKING_CLIENTS as LINK_CLIENTS,
  type LinkingRow,
  simulateLinking,
} from "./simulate_linking.ts";
import { simulateSessions } from "./simulate_sessions.ts";

/** How a recommendation fared on one measure: computed from the numbers (privacy is better
 * when the measure falls; `cost` rows measure what it costs, not what it protects). */
export type Verdict = "helps" | "no effect" | "backfires" | "cost";

/** One recommendation, tried. */
export interface RecommendationRow {
  recommendation: string;
  audience: "users" | "developers";
  measure: string;
  before: number;
  after: number;
  unit: string;
  /** What before and after are out of or measured over, with its size (`10000 simulated clients`). */
  denominator: string;
  cost: string;
  verdict: Verdict;
}

/** Clients of the smaller simulations (restarts, own server, Tor exits): each draws more. */
const FEW = 2_000;
const FEW_TEXT = FEW.toLocaleString("en-US");

/** Options of {@linkcode recommendationTable}. */
export interface RecommendationOptions {
  /** Simulated clients. Default: 10,000. */
  clients?: number;
  /** Seeded randomness. */
  random: () => number;
}

/**
 * Try the recommendations.
 *
 * @example
 * ```ts
 * const rows = recommendationTable(await loadPrivacyInputs(), { random: seededRandom(1) });
 * ```
 */
export function recommendationTable(
  inputs: PrivacyInputs,
  options: RecommendationOptions,
): RecommendationRow[] {
  const { random } = options;
  const clients = options.clients ?? 10_000;
  const cs = inputs.candidates;
  const base = simulateExposure(cs, ELECTRUM_4_3_4, { clients, random });
  const top = base.rows[0];
  const tor = simulateExposure(cs, ELECTRUM_4_3_4, { clients, random, tor: true });
  const link = Object.fromEntries(
    simulateLinking({ random }).map((r) => [r.variant, r]),
  ) as Record<string, LinkingRow>;
  const d = link.default;
  const t = (n: string) => inputs.transcripts.find((x) => x.scenario === n)!;
  const torMain = serverViews(t("tor")).find((v) => v.role === "main")!;
  const sess = (pinned: boolean) =>
    simulateSessions(cs, ELECTRUM_4_3_4, {
      sessions: 10,
      clients: FEW,
      pinned,
      group: top.group,
      random,
    });
  const rotating = sess(false);
  const pinned = sess(true);
  // An own server as the configured main: third parties still get the other interfaces.
  const own: Candidate = {
    server: "own",
    onion: false,
    tls: true,
    tcp: false,
    bucket: "own/16",
    operator: "own",
    provider: null,
    peers: [],
    hardcoded: false,
    caVerified: true,
  };
  const select = (candidates: Candidate[], o: Omit<SelectOptions, "random">) =>
    Array.from({ length: FEW }, () => selectServers(candidates, ELECTRUM_4_3_4, { ...o, random }));
  const thirdParty = select([...cs, own], { tor: false, main: cs.length })
    .reduce((n, s) => n + s.contacted.length - 1, 0);
  // Over Tor, a connection to a clearnet server leaves through an exit (which sees the server and
  // the timing); an onion connection does not. Preferring onions: clearnet servers refused.
  const torMix = (refuse?: (c: Candidate) => boolean) => {
    const runs = select(cs, { tor: true, refuse });
    const conns = runs.flatMap((s) => s.connected);
    const exits = conns.filter((j) => !cs[j].onion).length;
    return {
      exitShare: conns.length ? exits / conns.length : 0,
      connected: conns.length / FEW,
      stranded: runs.filter((s) => s.main === null).length,
    };
  };
  const torDefault = torMix();
  const onionOnly = torMix((c) => !c.onion);
  const strict = (c: Candidate) => c.caVerified !== true;
  const strictEx = simulateExposure(cs, ELECTRUM_4_3_4, { clients, random, refuse: strict });
  const tlsCount = cs.filter((c) => c.tls).length;
  const lagging =
    inputs.servers.filter((r) =>
      r.status === "success" && typeof r.tip_lag_blocks === "number" && r.tip_lag_blocks > 1
    ).length;
  const failover = serverViews(t("failover")).filter((v) => v.learnedWholeWallet).length;
  const failoverServers = t("failover").servers.length;
  const torWallet = t("tor").wallets[0].addresses.length;

  const R = (
    recommendation: string,
    audience: RecommendationRow["audience"],
    measure: string,
    before: number,
    after: number,
    unit: string,
    denominator: string,
    cost: string,
    kind: "privacy" | "cost" | "detection" = "privacy",
  ): RecommendationRow => ({
    recommendation,
    audience,
    measure,
    before: round4(before),
    after: round4(after),
    unit,
    denominator,
    cost,
    verdict: kind === "cost"
      ? "cost"
      : round4(after) === round4(before)
      ? "no effect"
      : (after < before) !== (kind === "detection")
      ? "helps"
      : "backfires",
  });
  return [
    R(
      "Use Tor",
      "users",
      `clients whose address reaches ${top.group}`,
      top.ipShare,
      Math.max(0, ...tor.rows.map((r) => r.ipShare)),
      "share",
      `${clients} simulated clients`,
      "circuit latency; onion limit of 6",
    ),
    R(
      "Use Tor",
      "users",
      "share of the wallet the main learns over Tor (real wallet)",
      1,
      torMain.walletShare,
      "share",
      `${torWallet} addresses of the Tor wallet`,
      "-",
    ),
    R(
      "Use Tor",
      "users",
      "linker recall (simulated)",
      d.recall,
      link.tor.recall,
      "recall",
      `same-wallet address pairs, ${LINK_CLIENTS} simulated clients`,
      "-",
    ),
    R(
      "Prefer onion servers (over Tor)",
      "users",
      "connections that leave Tor through an exit",
      torDefault.exitShare,
      onionOnly.exitShare,
      "share",
      `${
        Math.round(torDefault.connected * FEW)
      } connections of ${FEW_TEXT} simulated clients over Tor`,
      `interfaces ${torDefault.connected.toFixed(1)} -> ${
        onionOnly.connected.toFixed(1)
      } (onion limit); ${onionOnly.stranded} of ${FEW_TEXT} clients without a main`,
    ),
    R(
      "Rotate servers (the default: a random main at each start)",
      "users",
      "servers that learn the whole wallet over 10 starts",
      pinned.wholeWalletServers,
      rotating.wholeWalletServers,
      "servers",
      `${FEW_TEXT} simulated clients (mean per client)`,
      "-",
    ),
    R(
      "Rotate servers (the default: a random main at each start)",
      "users",
      `clients whose whole wallet ${top.group} learns over 10 starts`,
      pinned.groupShare,
      rotating.groupShare,
      "share",
      `${FEW_TEXT} simulated clients`,
      "-",
    ),
    R(
      "Avoid xpub-style queries",
      "users",
      "addresses the main learns, xpub never sent (real wallet)",
      1,
      serverViews(t("watch-only")).find((v) => v.role === "main")!.walletShare,
      "share",
      `${t("watch-only").wallets[0].addresses.length} addresses of the watch-only wallet`,
      "-",
    ),
    R(
      "Run your own server (configured main)",
      "users",
      "third-party servers that learn the whole wallet",
      1,
      0,
      "servers",
      "1 wallet (per client)",
      "a full node",
    ),
    R(
      "Run your own server (configured main)",
      "users",
      "third-party servers that still see address and version",
      base.meanContacted,
      thirdParty / FEW,
      "servers",
      `${FEW_TEXT} simulated clients (mean per client)`,
      "--oneserver stops this",
    ),
    R(
      "Prefer CA-verified TLS (strict validation)",
      "developers",
      "TLS servers a strict client refuses",
      0,
      cs.filter((c) => c.tls && strict(c)).length / tlsCount,
      "share",
      `${tlsCount} reachable TLS servers`,
      `clients left without a main: ${strictEx.stranded} of ${clients}`,
      "cost",
    ),
    R(
      "Prefer CA-verified TLS (strict validation)",
      "developers",
      "largest share of clients whose main one operator group runs",
      Math.max(...base.rows.map((r) => r.mainShare)),
      Math.max(0, ...strictEx.rows.map((r) => r.mainShare)),
      "share",
      `${clients} simulated clients`,
      "fewer servers, more concentration on the rest",
    ),
    R(
      "Batch subscriptions (one JSON-RPC batch per wallet)",
      "developers",
      "linker precision (exact wallet boundaries for the server)",
      d.precision ?? 0,
      link.batched.precision ?? 0,
      "precision",
      `address pairs the linker joined, ${LINK_CLIENTS} simulated clients`,
      "none",
    ),
    R(
      "Randomise request timing (10 min window)",
      "developers",
      "timing linker recall",
      d.recall,
      link["random-timing"].recall,
      "recall",
      `same-wallet address pairs, ${LINK_CLIENTS} simulated clients`,
      `sync spread ${Math.round(link["random-timing"].syncSpreadMs / 1000)} s`,
    ),
    R(
      "Randomise request timing (10 min window)",
      "developers",
      "connection linker recall",
      d.recallByConnection,
      link["random-timing"].recallByConnection,
      "recall",
      `same-wallet address pairs, ${LINK_CLIENTS} simulated clients`,
      "same",
    ),
    R(
      "Decoy subscriptions (30 per wallet)",
      "developers",
      "linker precision",
      d.precision ?? 0,
      link.decoys.precision ?? 0,
      "precision",
      `address pairs the linker joined, ${LINK_CLIENTS} simulated clients`,
      `${
        Math.round(link.decoys.requestsPerWallet - d.requestsPerWallet)
      } extra requests per wallet`,
    ),
    R(
      "Split subscriptions over 3 servers",
      "developers",
      "linker recall at one server",
      d.recall,
      link["split-3-servers"].recall,
      "recall",
      `same-wallet address pairs, ${LINK_CLIENTS} simulated clients`,
      "3 servers each learn a third; a main switch re-sends all (4.3.4)",
    ),
    R(
      "A Tor circuit per wallet",
      "developers",
      "pairs of two wallets of one client the server can join",
      d.crossWalletLinked,
      link["tor-circuit-per-wallet"].crossWalletLinked,
      "precision",
      `cross-wallet address pairs of two-wallet clients, ${LINK_CLIENTS} simulated clients`,
      `${
        (link["tor-circuit-per-wallet"].connectionsPerClient - 1).toFixed(2)
      } extra circuits per client`,
    ),
    R(
      "A Tor circuit per address",
      "developers",
      "linker recall",
      d.recall,
      link["circuit-per-address"].recall,
      "recall",
      `same-wallet address pairs, ${LINK_CLIENTS} simulated clients`,
      `${Math.round(link["circuit-per-address"].connectionsPerClient)} circuits per client`,
    ),
    R(
      "Multi-server redundancy (failover)",
      "developers",
      "servers that learn the whole wallet when the main dies (real wallet)",
      1,
      failover,
      "servers",
      `${failoverServers} servers connected (failover scenario)`,
      "-",
    ),
    R(
      "Cross-check headers across interfaces",
      "developers",
      "scanned servers more than 1 block behind (a cross-check flags them)",
      0,
      lagging,
      "servers",
      `${inputs.servers.filter((r) => r.status === "success").length} servers that answered`,
      "headers from all 10 interfaces (already fetched)",
      "detection",
    ),
  ];
}

/** Four decimals: enough for shares of 10,000 clients, short in tables. */
function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
