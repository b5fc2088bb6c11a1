/**
 * Derives `servers.csv` (one row per server) from a scan's raw records. Deterministic: the same
 * records give the same rows. Unknown is empty, never 0. Columns are declared in
 * `lib/data/schemas/servers.ts` and documented in `methodology.md` §4.1.
 *
 * @module
 */
import { columnNames, type RowOf, volatileColumns } from "../data/schema.ts";
import { SERVERS_SCHEMA } from "../data/schemas/servers.ts";
import { derivePeers, peerAdvertisers, peerSummaries, type PeerSummary } from "./derive_peers.ts";
import {
  grouped,
  mainEndpoint,
  mainRecord,
  type ScanInput,
  type ServerRecords,
} from "./scan_records.ts";

/** Columns of `servers.csv`, in order (from its schema, `lib/data/schemas/servers.ts`). */
export const SERVER_COLUMNS = columnNames(SERVERS_SCHEMA);

/**
 * Columns of `servers.csv` that differ between two scans of the same network: times, and the order
 * of discovery (which concurrency makes vary); its schema marks them `volatile`. Every other column
 * is reproduced byte for byte by a rerun with the same parameters; the scan's id is not a column
 * (it is in `manifest.json`).
 */
export const SERVER_VOLATILE_COLUMNS: readonly string[] = volatileColumns(SERVERS_SCHEMA);

/** A `servers.csv` row without its {@linkcode SERVER_VOLATILE_COLUMNS}, for comparing scans. */
export function stableServerRow<T extends Record<string, unknown>>(row: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(row).filter(([k]) => !SERVER_VOLATILE_COLUMNS.includes(k)),
  ) as Partial<T>;
}

/** A row of `servers.csv`. */
export type ServerRow = RowOf<typeof SERVERS_SCHEMA>;

/**
 * The consensus tip: the highest height reported by at least `quorum` servers (a lone server
 * claiming a huge height does not move it).
 */
export function consensusTip(heights: readonly number[], quorum = 3): number | null {
  const counts = new Map<number, number>();
  for (const h of heights) counts.set(h, (counts.get(h) ?? 0) + 1);
  const sorted = [...counts.keys()].sort((a, b) => b - a);
  let atLeast = 0;
  for (const h of sorted) {
    atLeast += counts.get(h)!;
    if (atLeast >= Math.min(quorum, heights.length)) return h;
  }
  return null;
}

/**
 * Derive the rows of `servers.csv`.
 *
 * @param records All records of one scan.
 * @param target `lab`, `live` or `local`: stamped on every row.
 */
export function deriveServers(records: ScanInput, target: string): ServerRow[] {
  const scan = grouped(records);
  const { servers } = scan;
  const tips = servers.map((s) => mainRecord(s, "tip")).filter((r) => r?.status === "success").map((
    r,
  ) => r!.data.height as number);
  const consensus = consensusTip(tips);
  // The discovery graph's per-server summaries (peers.csv has the edges).
  const graph = peerSummaries(
    derivePeers(scan, target),
    servers.map((s) => s.server),
    peerAdvertisers(scan),
  );
  return servers.map((s) => row(s, target, consensus, graph.get(s.server)!));
}

function row(
  s: ServerRecords,
  target: string,
  consensus: number | null,
  graph: PeerSummary,
): ServerRow {
  const rec = (p: string) => mainRecord(s, p);
  const resolve = s.records.find((r) => r.probe === "resolve");
  const discover = s.records.find((r) => r.probe === "discover");
  const addresses = (resolve?.data.addresses as string[] | undefined) ?? [];
  const ipv4 = addresses.filter((a) => !a.includes(":"));
  const ipv6 = addresses.filter((a) => a.includes(":"));
  const reaches = s.records.filter((r) => r.probe === "reach");
  const reachable = [
    ...new Set(reaches.filter((r) => r.status === "success").map((r) => r.transport)),
  ].sort();
  const main = mainEndpoint(s);
  const reach = rec("reach"), version = rec("version"), tip = rec("tip"), peers = rec("peers");
  const range = rec("version_range");
  // The timing phase after the crawl (lib/crawl/timing.ts): minimum over samples, jitter, counts.
  const timing = rec("timing")?.data;
  const count = (
    k: string,
  ) => (Array.isArray(timing?.[k]) ? (timing![k] as unknown[]).length : null);
  // The server's status: the first failure along the main path (resolve, reach, version), else success.
  const failure = [resolve, reach ?? reaches[0], version].find((r) => r && r.status !== "success");
  const tls = reach?.data.tls as { protocol?: string; cipher?: string } | null | undefined;
  const height = tip?.status === "success" ? (tip.data.height as number) : null;
  const times = s.records.map((r) => r.t).sort();
  return {
    target,
    server: s.server,
    network: s.records[0]?.network ?? null,
    ipv4: ipv4.join(";") || null,
    ipv6: ipv6.join(";") || null,
    ip_version: main?.ip ? (main.ip.includes(":") ? 6 : 4) : null,
    tcp_port: (discover?.data.tcp_port as number | null) ?? null,
    tls_port: (discover?.data.tls_port as number | null) ?? null,
    transports_reachable: reachable.join(";") || null,
    status: failure?.status ?? (reach ? "success" : "unreachable"),
    status_op: failure?.op ?? null,
    status_message: failure?.message ?? null,
    software: (version?.data.software as string | undefined) ?? null,
    protocol: (version?.data.protocol as string | undefined) ?? null,
    // The version probe always offers "1.4" alone; the range probe offers ["1.4", "1.6"], so this
    // is the highest protocol the server speaks within it.
    protocol_max: range?.status === "success"
      ? ((range.data.protocol as string | undefined) ?? null)
      : null,
    tip_height: height,
    tip_lag_blocks: height !== null && consensus !== null ? consensus - height : null,
    proxy_ms: num(reach?.data.proxy_ms),
    tcp_rtt_ms: num(timing?.connect_min_ms),
    tcp_rtt_jitter_ms: num(timing?.connect_jitter_ms),
    tcp_rtt_samples: count("connect_ms"),
    tls_rtt_ms: num(timing?.tls_min_ms),
    tls_rtt_jitter_ms: num(timing?.tls_jitter_ms),
    tls_rtt_samples: timing && timing.tls_min_ms !== null ? count("tls_ms") : null,
    app_rtt_ms: num(timing?.app_min_ms),
    app_rtt_jitter_ms: num(timing?.app_jitter_ms),
    app_rtt_samples: count("app_ms"),
    timing_loop_lag_ms: num(timing?.loop_lag_max_ms),
    tls_protocol: tls?.protocol ?? null,
    tls_cipher: tls?.cipher ?? null,
    peers_advertised: peers?.status === "success" ? (peers.data.peer_count as number | null) : null,
    ...graph,
    found_via: ((discover?.data.found_via as string[] | undefined) ?? []).slice(0, 5).join(";") ||
      null,
    banner: (rec("banner")?.data.banner as string | undefined)?.slice(0, 300) ?? null,
    donation_address: (rec("donation")?.data.donation_address as string | null | undefined) ?? null,
    first_seen: times[0] ?? null,
    last_seen: times.at(-1) ?? null,
  };
}

function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? Math.round(v * 100) / 100 : null;
}
