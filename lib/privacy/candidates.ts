/**
 * The scanned population as the client model's candidate servers: per server, whether a client
 * can reach it over TLS or plain TCP, its /16 or /48 bucket, its operator group and provider,
 * the servers it advertises, and whether it stands in for the client's hard-coded list.
 * Built from `servers.csv`, `geo.csv`, `clusters.csv`, `peers.csv` and `hss.csv` rows (no
 * ground truth).
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";

/** One server a client may pick. */
export interface Candidate {
  server: string;
  onion: boolean;
  /** Answered over TLS in the scan (the client picks only TLS servers automatically). */
  tls: boolean;
  /** Answered over plain TCP. */
  tcp: boolean;
  /** IPv4 /16 or IPv6 /48 (null for onions and unknown). */
  bucket: string | null;
  /** Operator group (`clusters.csv`), or the server itself when ungrouped. */
  operator: string;
  /** Hosting provider (`geo.csv`), null when unknown or onion. */
  provider: string | null;
  /** Indices of the TLS candidates it advertises with protocol >= 1.4. */
  peers: number[];
  /** In the stand-in for the client's hard-coded server list. */
  hardcoded: boolean;
  /** The client drops it right after connecting (a method it needs is missing, another chain):
   * it still learns the client's address and version string. Default: false. */
  rejects?: boolean;
  /** The scanned certificate verifies against the trust store (null: no TLS or not checked). */
  caVerified: boolean | null;
  /** The server's tier in `hss.csv` (null: not scored, or no `hss.csv`). Default: null. */
  hssTier?: "high" | "medium" | "benign" | null;
}

/** Options of {@linkcode candidatesFromTables}. */
export interface CandidateOptions {
  /** Clearnet TLS entries of the hard-coded list stand-in: the servers most advertised by peers.
   * Default: 74 (the client's `servers.json` has 84 entries, 79 with TLS, 10 of them onions). */
  hardcoded?: number;
  /** Onion entries of the stand-in, the most advertised onions. Default: 10. */
  hardcodedOnion?: number;
}

/**
 * Candidates from the derived tables. The hard-coded list is not in the data: it is modelled as
 * the `hardcoded` clearnet and `hardcodedOnion` onion TLS servers with the highest peer in-degree
 * (ties by name), the well-known servers a list maintainer would pick.
 *
 * @example
 * ```ts
 * const c = candidatesFromTables({ servers, geo, clusters, peers, tls });
 * c.filter((x) => x.hardcoded).length; // 84 (or fewer reachable servers)
 * ```
 */
export function candidatesFromTables(
  tables: {
    servers: Row[];
    geo: Row[];
    clusters: Row[];
    peers: Row[];
    tls: Row[];
    /** `hss.csv` rows; absent or empty leaves every `hssTier` null. */
    hss?: Row[];
  },
  options: CandidateOptions = {},
): Candidate[] {
  const geo = new Map(tables.geo.map((r) => [String(r.server), r]));
  const group = new Map(tables.clusters.map((r) => [String(r.server), r.operator_group]));
  const tier = new Map((tables.hss ?? []).map((r) => [String(r.server), r.tier]));
  const verified = new Map<string, boolean>();
  for (const r of tables.tls) {
    if (r.chain_position === 0) verified.set(String(r.server), r.chain_verifies === true);
  }
  const live = tables.servers.filter((r) => r.status === "success");
  const index = new Map(live.map((r, i) => [String(r.server), i]));
  const out: Candidate[] = live.map((r) => {
    const server = String(r.server);
    const transports = String(r.transports_reachable ?? "").split(";");
    const g = geo.get(server);
    const og = group.get(server);
    const onion = r.network === "onion";
    return {
      server,
      onion,
      tls: transports.includes("tls"),
      tcp: transports.includes("tcp"),
      bucket: onion ? null : (g?.bucket ? String(g.bucket) : null),
      operator: og ? String(og) : `solo:${server}`,
      provider: onion ? null : (g?.provider ? String(g.provider) : null),
      peers: [],
      hardcoded: false,
      caVerified: verified.has(server) ? verified.get(server)! : null,
      hssTier: hssTier(tier.get(server)),
    };
  });
  for (const p of tables.peers) {
    if (p.transport !== "tls" || p.source !== "server.peers.subscribe") continue;
    const from = index.get(String(p.server));
    const to = index.get(String(p.peer_host));
    if (from === undefined || to === undefined || from === to || !out[to].tls) continue;
    if (p.protocol_version && versionBelow(String(p.protocol_version), "1.4")) continue;
    if (!out[from].peers.includes(to)) out[from].peers.push(to);
  }
  const indegree = new Array(out.length).fill(0);
  for (const c of out) for (const j of c.peers) indegree[j]++;
  const ranked = (onion: boolean) =>
    out.map((_, i) => i).filter((i) => out[i].tls && out[i].onion === onion)
      .sort((a, b) => indegree[b] - indegree[a] || out[a].server.localeCompare(out[b].server));
  for (const i of ranked(false).slice(0, options.hardcoded ?? 74)) out[i].hardcoded = true;
  for (const i of ranked(true).slice(0, options.hardcodedOnion ?? 10)) out[i].hardcoded = true;
  return out;
}

function hssTier(v: unknown): Candidate["hssTier"] {
  return v === "high" || v === "medium" || v === "benign" ? v : null;
}

function versionBelow(a: string, b: string): boolean {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}
