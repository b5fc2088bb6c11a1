/**
 * Centralization summary: for each way of grouping reachable servers (autonomous system,
 * provider, country, implementation, and the IPv4 /16 and IPv6 /48 buckets the Electrum client
 * diversifies over) the number of groups, the largest group and its share, the
 * Herfindahl-Hirschman index, the fewest groups holding half of the servers, and the Gini
 * coefficient.
 *
 * Infrastructure groupings (ASN, provider, country, buckets) count reachable clearnet servers:
 * onion servers have no address to place. Implementation counts every reachable server that
 * named its software. Servers with an unknown key are left out of the measures and counted in
 * `unknown`.
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import {
  gini,
  hhi,
  lorenz,
  minGroupsForShare,
  type ShareRow,
  shareTable,
} from "./centralization.ts";
import type { ServerView } from "./server_population.ts";

/** One row of {@linkcode concentrationSummary}. */
export interface ConcentrationRow {
  /** What servers are grouped by. */
  dimension: string;
  /** Which servers are counted. */
  population: string;
  /** Servers with a known key. */
  servers: number;
  /** Servers whose key is unknown (left out of the measures). */
  unknown: number;
  /** Distinct groups. */
  groups: number;
  /** Label of the largest group. */
  largest: string | null;
  /** Its share of servers with a known key, 0..1. */
  largest_share: number | null;
  /** Herfindahl-Hirschman index, 0..10,000. */
  hhi: number | null;
  /** Fewest groups holding at least half of the servers. */
  groups_for_half: number | null;
  /** Gini coefficient of group sizes. */
  gini: number | null;
}

function summarise(dimension: string, population: string, table: ShareRow[]): ConcentrationRow {
  const known = table.filter((r) => r.key !== null);
  const unknown = table.filter((r) => r.key === null).reduce((a, r) => a + r.count, 0);
  const servers = known.reduce((a, r) => a + r.count, 0);
  const h = hhi(known);
  return {
    dimension,
    population,
    servers,
    unknown,
    groups: known.length,
    largest: known[0]?.label ?? null,
    largest_share: servers ? known[0].count / servers : null,
    hhi: h.hhi === null ? null : Math.round(h.hhi),
    groups_for_half: minGroupsForShare(known, 0.5),
    gini: gini(known),
  };
}

/**
 * Per-bucket server counts: how many reachable servers have an address in each IPv4 /16 (or
 * IPv6 /48). A server with addresses in two buckets counts in both.
 *
 * @param population One row per server (only reachable clearnet servers are counted).
 * @param geo Rows of `geo.csv` (one per address, with `bucket` and `ip_version`).
 * @param version 4 for /16 buckets, 6 for /48 buckets.
 * @returns A share table of buckets, largest first.
 */
export function bucketShares(
  population: readonly ServerView[],
  geo: readonly Row[],
  version: 4 | 6,
): ShareRow[] {
  const up = new Set(
    population.filter((s) => s.reachable && s.network === "clearnet").map((s) => s.server),
  );
  const pairs = new Set<string>();
  const items: { bucket: string }[] = [];
  for (const g of geo) {
    if (g.ip_version !== version || !up.has(String(g.server)) || g.bucket === null) continue;
    const k = `${g.server}\u0000${g.bucket}`;
    if (pairs.has(k)) continue;
    pairs.add(k);
    items.push({ bucket: String(g.bucket) });
  }
  return shareTable(items, "bucket");
}

/**
 * The centralization summary table.
 *
 * @param population One row per server (see `serverPopulation`).
 * @param geo Rows of `geo.csv`, for the IPv4 /16 and IPv6 /48 buckets. Default: none (the
 *   bucket rows then come from each server's main address only).
 * @returns One row per dimension.
 * @example
 * ```ts
 * concentrationSummary(pop, geo).find((r) => r.dimension === "ASN")?.groups_for_half; // 2
 * ```
 */
export function concentrationSummary(
  population: readonly ServerView[],
  geo?: readonly Row[],
): ConcentrationRow[] {
  const up = population.filter((s) => s.reachable);
  const clear = up.filter((s) => s.network === "clearnet");
  const clearLabel = "reachable clearnet servers";
  const v4 = geo
    ? bucketShares(population, geo, 4)
    : shareTable(clear.filter((s) => s.ip && !s.ip.includes(":")), "bucket");
  const v6 = geo
    ? bucketShares(population, geo, 6)
    : shareTable(clear.filter((s) => s.ip?.includes(":")), "bucket");
  return [
    summarise("ASN", clearLabel, shareTable(clear, (s) => (s.asn === null ? null : `AS${s.asn}`))),
    summarise("provider", clearLabel, shareTable(clear, "provider")),
    summarise("country", clearLabel, shareTable(clear, "country_code")),
    summarise("implementation", "reachable servers", shareTable(up, "family")),
    summarise("IPv4 /16 (Electrum bucket)", "reachable clearnet servers with IPv4", v4),
    summarise("IPv6 /48 (Electrum bucket)", "reachable clearnet servers with IPv6", v6),
  ];
}

/** Lorenz curves and Gini coefficients of reachable clearnet servers per ASN, provider and country. */
export interface LorenzSeries {
  /** Points, with the dimension each belongs to. */
  rows: { dimension: string; x: number; y: number }[];
  /** Gini coefficient per dimension. */
  gini: Record<string, number | null>;
}

/**
 * Lorenz curves (and Gini coefficients) of server counts per ASN, provider and country, over
 * reachable clearnet servers with a known key.
 *
 * @param population One row per server.
 * @returns Points for `lorenzChart` and the coefficients.
 */
export function lorenzSeries(population: readonly ServerView[]): LorenzSeries {
  const clear = population.filter((s) => s.reachable && s.network === "clearnet");
  const rows: LorenzSeries["rows"] = [];
  const g: Record<string, number | null> = {};
  for (
    const [dimension, key] of [["ASN", "asn"], ["provider", "provider"], [
      "country",
      "country_code",
    ]] as const
  ) {
    const t = shareTable(clear, key).filter((r) => r.key !== null);
    for (const p of lorenz(t)) rows.push({ dimension, ...p });
    g[dimension] = gini(t);
  }
  return { rows, gini: g };
}
