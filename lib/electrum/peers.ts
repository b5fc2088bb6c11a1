/**
 * Parsing of peer lists (`server.peers.subscribe`) and `server.features` `hosts` into candidate
 * servers, bounded and validated: every field comes from an untrusted server.
 *
 * Peer entry (reference §5.1): `[address, host, ["v1.4.2", "p10000", "s50002", "t50001"]]`, where a
 * bare `s` or `t` means the default port (50002 / 50001).
 *
 * @module
 */
import net from "node:net";
import { isOnion } from "../net/address.ts";

/** A server learned from a seed list or a peer. */
export interface Candidate {
  /** Host name, onion name or address literal. */
  host: string;
  /** Address given alongside the name, when it is a literal. */
  address: string | null;
  tcpPort: number | null;
  tlsPort: number | null;
  /** Protocol version advertised (`v…`), if any. */
  version: string | null;
  /** Pruning limit advertised (`p…`, blocks kept), if any; peer lists only. */
  pruning?: number | null;
  /** The entry's feature strings as advertised (at most 20, each at most 32 characters); peer lists only. */
  features?: string[];
}

/** Options of {@linkcode parsePeers}. */
export interface ParsePeersOptions {
  /** Most entries read; the rest are counted. Default: 1,000. */
  maxEntries?: number;
}

const HOST_RE =
  /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** Whether `host` is a syntactically valid host name, onion name or address literal. */
export function isValidHost(host: string): boolean {
  return net.isIP(host) !== 0 || isOnion(host) || HOST_RE.test(host);
}

function port(feature: string, dflt: number): number | null {
  const rest = feature.slice(1);
  if (rest === "") return dflt;
  if (!/^\d{1,5}$/.test(rest)) return null;
  const n = Number(rest);
  return n >= 1 && n <= 65535 ? n : null;
}

/**
 * Read a `server.peers.subscribe` result into candidates.
 *
 * @returns Valid candidates, and counts of entries skipped as malformed or over the bound.
 */
export function parsePeers(
  result: unknown,
  options: ParsePeersOptions = {},
): { candidates: Candidate[]; malformed: number; truncated: number } {
  const max = options.maxEntries ?? 1000;
  const candidates: Candidate[] = [];
  let malformed = 0;
  if (!Array.isArray(result)) return { candidates, malformed: 1, truncated: 0 };
  const truncated = Math.max(0, result.length - max);
  for (const entry of result.slice(0, max)) {
    if (
      !Array.isArray(entry) || entry.length < 2 || typeof entry[0] !== "string" ||
      typeof entry[1] !== "string"
    ) {
      malformed++;
      continue;
    }
    const [addr, host] = entry as [string, string];
    const feats = Array.isArray(entry[2])
      ? (entry[2] as unknown[]).filter((x): x is string => typeof x === "string").slice(0, 20)
      : [];
    const name = host.length > 0 ? host : addr;
    if (!isValidHost(name) || (addr && !isValidHost(addr))) {
      malformed++;
      continue;
    }
    let tcp: number | null = null,
      tls: number | null = null,
      version: string | null = null,
      pruning: number | null = null;
    for (const f of feats) {
      if (f.startsWith("t")) tcp = port(f, 50001);
      else if (f.startsWith("s")) tls = port(f, 50002);
      else if (f.startsWith("v") && /^v\d+(\.\d+){0,2}$/.test(f)) version = f.slice(1);
      else if (/^p\d{1,10}$/.test(f)) pruning = Number(f.slice(1));
    }
    if (tcp === null && tls === null) {
      malformed++;
      continue;
    }
    candidates.push({
      host: name.toLowerCase(),
      address: net.isIP(addr) ? addr : null,
      tcpPort: tcp,
      tlsPort: tls,
      version,
      pruning,
      features: feats.map((f) => f.slice(0, 32)),
    });
  }
  return { candidates, malformed, truncated };
}

/**
 * Read `server.features` `hosts` (`{host: {tcp_port, ssl_port}}`) into candidates. electrs's flat
 * `{tcp_port: N}` names no host and yields nothing.
 */
export function parseFeatureHosts(hosts: unknown, options: ParsePeersOptions = {}): Candidate[] {
  if (!hosts || typeof hosts !== "object" || Array.isArray(hosts)) return [];
  const out: Candidate[] = [];
  for (
    const [host, v] of Object.entries(hosts as Record<string, unknown>).slice(
      0,
      options.maxEntries ?? 100,
    )
  ) {
    if (!isValidHost(host) || !v || typeof v !== "object") continue;
    const o = v as Record<string, unknown>;
    const p = (
      x: unknown,
    ) => (typeof x === "number" && Number.isInteger(x) && x > 0 && x < 65536 ? x : null);
    const tcp = p(o.tcp_port), tls = p(o.ssl_port);
    if (tcp === null && tls === null) continue;
    out.push({
      host: host.toLowerCase(),
      address: net.isIP(host) ? host : null,
      tcpPort: tcp,
      tlsPort: tls,
      version: null,
    });
  }
  return out;
}
