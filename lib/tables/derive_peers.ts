/**
 * Derives `peers.csv`, the discovery graph: one row per advertised edge, that is per server, per
 * host it advertised, per advertised port and transport, per source (`server.peers.subscribe` or
 * `server.features` `hosts`), with whether that endpoint answered in this scan. Also the
 * per-server summaries `servers.csv` carries (in-degree, out-degree, share of advertised peers
 * that answered). Deterministic; unknown is empty, never 0. Columns: `methodology.md` section 4.
 *
 * @module
 */
import { columnNames, type RowOf } from "../data/schema.ts";
import { PEERS_SCHEMA } from "../data/schemas/peers.ts";
import { type Candidate, parseFeatureHosts } from "../electrum/peers.ts";
import type { ProbeRecord } from "../records/records.ts";
import { grouped, mainRecord, type ScanInput, type ServerRecords } from "./scan_records.ts";

/** Columns of `peers.csv`, in order (from its schema, `lib/data/schemas/peers.ts`). */
export const PEER_COLUMNS = columnNames(PEERS_SCHEMA);

/** A row of `peers.csv`. */
export type PeerRow = RowOf<typeof PEERS_SCHEMA>;

/** Where an edge was advertised. */
export type PeerSource = "server.peers.subscribe" | "server.features";

/** Statuses that mean the endpoint was never dialled (every other failure: tried, no answer). */
const NOT_DIALLED = new Set(["blocklisted", "unsupported", "aborted"]);

/**
 * Derive the rows of `peers.csv`, sorted by advertiser, source, advertised host, transport, port.
 *
 * An advertised host is matched to the scan's server of the same (lower-cased) name, as the crawl
 * keys servers. `endpoint_status` is that server's `reach` status on the advertised port and
 * transport (`success` if any attempt there succeeded), or its `resolve` failure when its name did
 * not resolve; empty when the scan never tried that endpoint (not crawled: over the server limit,
 * or a different port taken from another advertiser). `answered` is true on `success`, false when
 * the endpoint was tried and failed (refused, timeout, TLS or protocol error, no route, DNS
 * failure), and empty when it was never dialled (never tried, `blocklisted`, `unsupported`,
 * `aborted`).
 *
 * @param records All records of one scan (raw or grouped).
 * @param target `lab`, `live` or `local`: stamped on every row.
 * @example
 * ```ts
 * const rows = derivePeers(records, "lab");
 * rows.filter((r) => r.answered === false).length; // advertised endpoints that did not answer
 * ```
 */
export function derivePeers(records: ScanInput, target: string): PeerRow[] {
  const { servers } = grouped(records);
  const byKey = new Map(servers.map((s) => [s.server, s]));
  const rows: PeerRow[] = [];
  for (const s of servers) {
    const seen = new Set<string>();
    for (const [source, c] of advertised(s)) {
      for (const [transport, port] of [["tcp", c.tcpPort], ["tls", c.tlsPort]] as const) {
        if (port === null) continue;
        const k = `${source}\u0000${c.host}\u0000${transport}\u0000${port}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const status = endpointStatus(byKey.get(c.host), port, transport);
        rows.push({
          target,
          server: s.server,
          peer_host: c.host,
          peer_address: c.address,
          port,
          transport,
          source,
          protocol_version: c.version,
          pruning_blocks: c.pruning ?? null,
          features: c.features?.length ? c.features.join(";") : null,
          self_advertised: c.host === s.server,
          endpoint_status: status,
          answered: status === "success"
            ? true
            : status !== null && !NOT_DIALLED.has(status)
            ? false
            : null,
        });
      }
    }
  }
  const key = (r: PeerRow) =>
    [r.server, r.source, r.peer_host, r.transport, String(r.port).padStart(5, "0")].join("\u0000");
  return rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** What a server advertised, by source: its peer list, then its `server.features` hosts. */
function advertised(s: ServerRecords): [PeerSource, Candidate][] {
  const out: [PeerSource, Candidate][] = [];
  const peers = mainRecord(s, "peers");
  if (peers?.status === "success" && Array.isArray(peers.data.peers)) {
    for (const c of peers.data.peers as Candidate[]) {
      if (isCandidate(c)) out.push(["server.peers.subscribe", c]);
    }
  }
  // The features record holds the reply itself; parse its hosts as the crawl did.
  const features = mainRecord(s, "features");
  const hosts = features?.status === "success"
    ? (features.data.features as Record<string, unknown> | undefined)?.hosts
    : undefined;
  for (const c of parseFeatureHosts(hosts)) out.push(["server.features", c]);
  return out;
}

function isCandidate(c: unknown): c is Candidate {
  return !!c && typeof c === "object" && typeof (c as Candidate).host === "string";
}

/** The scan's outcome on one endpoint of a server, or null when it never tried it. */
function endpointStatus(
  s: ServerRecords | undefined,
  port: number,
  transport: string,
): string | null {
  if (!s) return null;
  const reaches = s.records.filter((r: ProbeRecord) =>
    r.probe === "reach" && r.port === port && r.transport === transport
  );
  if (reaches.some((r) => r.status === "success")) return "success";
  if (reaches.length) return reaches[0].status;
  const resolve = s.records.find((r) => r.probe === "resolve");
  return resolve && resolve.status !== "success" ? resolve.status : null;
}

/** Per-server summaries of the discovery graph, as `servers.csv` carries them. */
export interface PeerSummary {
  /** Distinct other servers of the scan that advertised this one (either source). */
  peers_in_degree: number;
  /** Distinct other hosts this server advertised (either source); null when it advertised
   * nothing readable (neither probe succeeded). */
  peers_out_degree: number | null;
  /** Of the distinct other hosts it advertised whose endpoints were tried, the share with at
   * least one advertised endpoint that answered (0..1); null when none was tried. */
  peers_answered_share: number | null;
}

/**
 * Summarise `peers.csv` rows per server: in-degree, out-degree, share of advertised peers that
 * answered. Self-advertisement (a server naming its own host) counts in neither degree.
 *
 * @param rows The rows of {@linkcode derivePeers}.
 * @param servers The servers to summarise (every one gets an entry).
 * @param advertisers Servers whose peer list or features were read (out-degree known, even if 0).
 */
export function peerSummaries(
  rows: readonly PeerRow[],
  servers: readonly string[],
  advertisers: ReadonlySet<string>,
): Map<string, PeerSummary> {
  const inBy = new Map<string, Set<string>>();
  const outBy = new Map<string, Map<string, boolean | null>>();
  for (const r of rows) {
    if (r.self_advertised) continue;
    const server = r.server as string, peer = r.peer_host as string;
    if (!inBy.has(peer)) inBy.set(peer, new Set());
    inBy.get(peer)!.add(server);
    if (!outBy.has(server)) outBy.set(server, new Map());
    const out = outBy.get(server)!;
    // A host answered if any advertised endpoint did; failed if tried and none did.
    const prev = out.get(peer) ?? null;
    const a = r.answered as boolean | null;
    out.set(
      peer,
      prev === true || a === true ? true : prev === false || a === false ? false : null,
    );
  }
  const result = new Map<string, PeerSummary>();
  for (const s of servers) {
    const out = outBy.get(s);
    const tried = out ? [...out.values()].filter((v) => v !== null) : [];
    result.set(s, {
      peers_in_degree: inBy.get(s)?.size ?? 0,
      peers_out_degree: out ? out.size : advertisers.has(s) ? 0 : null,
      peers_answered_share: tried.length
        ? Math.round((tried.filter((v) => v).length / tried.length) * 1e4) / 1e4
        : null,
    });
  }
  return result;
}

/** Servers whose peer list or `server.features` was read (their out-degree is known). */
export function peerAdvertisers(records: ScanInput): Set<string> {
  const out = new Set<string>();
  for (const s of grouped(records).servers) {
    if (
      mainRecord(s, "peers")?.status === "success" ||
      mainRecord(s, "features")?.status === "success"
    ) out.add(s.server);
  }
  return out;
}
