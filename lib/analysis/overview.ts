/**
 * The network overview's tables: reachable servers by transport, continent, country,
 * provider, ASN, implementation, version, protocol version and tip lag, and TLS adoption.
 * Pure functions over {@linkcode ServerView} rows; every share is of reachable servers.
 *
 * @module
 */
import { type ShareRow, shareTable } from "./centralization.ts";
import type { ServerView } from "./server_population.ts";

/** One row of the transport table. */
export interface TransportRow {
  /** What was counted. */
  transport: string;
  /** Reachable servers with it. */
  servers: number;
  /** servers / reachable servers, 0..1. */
  share: number;
}

/** All tables of the overview. */
export interface OverviewTables {
  /** Servers discovered (including those that never answered). */
  discovered: number;
  /** Servers that answered. */
  reachable: number;
  transports: TransportRow[];
  continents: ShareRow[];
  countries: ShareRow[];
  providers: ShareRow[];
  providerClasses: ShareRow[];
  asns: ShareRow[];
  implementations: ShareRow[];
  versions: ShareRow[];
  /** Highest protocol version the servers speak (`protocol_max`: negotiated with the range
   * ["1.4", "1.6"]; the plain `protocol` is always the 1.4 asked for). */
  protocols: ShareRow[];
  tipLag: ShareRow[];
  /** TLS adoption among reachable clearnet and onion servers. */
  tls: TransportRow[];
}

/** Tip-lag bins, in order. */
export const TIP_LAG_BINS = [
  "at tip",
  "1 block",
  "2-5 blocks",
  "6-100 blocks",
  "> 100 blocks",
  "ahead of tip",
] as const;

/**
 * The tip-lag bin of a server.
 *
 * @param lag Blocks behind the consensus tip (negative: ahead), or null.
 * @returns A label from {@linkcode TIP_LAG_BINS}, or null when unknown.
 */
export function tipLagBin(lag: number | null): string | null {
  if (lag === null) return null;
  if (lag < 0) return "ahead of tip";
  if (lag === 0) return "at tip";
  if (lag === 1) return "1 block";
  if (lag <= 5) return "2-5 blocks";
  if (lag <= 100) return "6-100 blocks";
  return "> 100 blocks";
}

/**
 * Compute the overview tables.
 *
 * @param population One row per server (see `serverPopulation`).
 * @returns Counts and shares of reachable servers.
 * @example
 * ```ts
 * const t = overviewTables(pop);
 * t.providers[0]; // { key: "Google Cloud", label: "Google Cloud", count: 107, share: 0.27, ... }
 * ```
 */
export function overviewTables(population: readonly ServerView[]): OverviewTables {
  const up = population.filter((s) => s.reachable);
  const n = up.length;
  const row = (transport: string, servers: number): TransportRow => ({
    transport,
    servers,
    share: n ? servers / n : 0,
  });
  const clear = up.filter((s) => s.network === "clearnet");
  const onion = up.filter((s) => s.network === "onion");
  const tlsRow = (what: string, xs: ServerView[]) => ({
    transport: what,
    servers: xs.filter((s) => s.tls).length,
    share: xs.length ? xs.filter((s) => s.tls).length / xs.length : 0,
  });
  return {
    discovered: population.length,
    reachable: n,
    transports: [
      row("TCP", up.filter((s) => s.tcp).length),
      row("TLS", up.filter((s) => s.tls).length),
      row("TCP only", up.filter((s) => s.tcp && !s.tls).length),
      row("TLS only", up.filter((s) => s.tls && !s.tcp).length),
      row("onion", onion.length),
      row("clearnet", clear.length),
      row("IPv6 address", up.filter((s) => s.has_ipv6).length),
      row("IPv6 reachable", up.filter((s) => s.ipv6_reachable).length),
    ],
    continents: shareTable(up, (s) => s.network === "onion" ? "(onion, not located)" : s.continent),
    countries: shareTable(
      up,
      (s) => s.network === "onion" ? "(onion, not located)" : s.country_code,
    ),
    providers: shareTable(up, "provider"),
    providerClasses: shareTable(up, "provider_class"),
    asns: shareTable(
      up,
      (s) =>
        s.network === "onion"
          ? "(onion)"
          : s.asn === null
          ? null
          : `AS${s.asn} ${s.as_org ?? ""}`.trim(),
    ),
    implementations: shareTable(up, "family"),
    versions: shareTable(up, (s) => s.family === null ? null : `${s.family} ${s.version ?? "?"}`),
    protocols: shareTable(up, "protocol_max"),
    tipLag: shareTable(up, (s) => tipLagBin(s.tip_lag_blocks)),
    tls: [
      tlsRow("clearnet servers offering TLS", clear),
      tlsRow("onion servers offering TLS", onion),
      tlsRow("all reachable servers offering TLS", up),
    ],
  };
}
