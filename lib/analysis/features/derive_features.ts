/**
 * The per-server feature table (`features.csv`): one row per reachable server, built from the
 * derived tables (`servers.csv`, `fingerprints.csv`, `tls.csv`, `geo.csv`, and a per-peer table
 * when there is one), never from raw records. The features, their kinds, groups and Gower
 * weights are declared once in `lib/data/schemas/features.ts`.
 *
 * @module
 */
import { sha256 } from "../../bitcoin/hash.ts";
import type { Cell } from "../../data/csv.ts";
import { formatV4, formatV6, parseV4, parseV6 } from "../../net/ip_literal.ts";
import { bannerTemplate, isDefaultBanner } from "./banner_template.ts";
import { cnTemplate } from "./cn_template.ts";
import { normaliseErrorWording } from "./error_wording.ts";

/** A row of a derived table, as derived or as read back by `readCsv`. */
export type TableRow = Readonly<Record<string, Cell>>;

/** A row of `features.csv`: `server` and one value per feature (unknown is null). */
export type FeatureRow = Record<string, string | number | boolean | null>;

/**
 * One advertised peer: `server` advertised `peer` in `server.peers.subscribe`. The hook for the
 * per-peer table: give its rows (mapped to this shape) as {@linkcode FeatureTables.peers}.
 */
export interface PeerLink {
  /** The advertising server's key (as in `servers.csv`). */
  server: string;
  /** The advertised peer's host (name, onion or address). */
  peer: string;
  /** The advertised peer's IP address, when the list gave one. */
  ip?: string | null;
}

/** The tables {@linkcode deriveFeatures} reads. */
export interface FeatureTables {
  /** Rows of `servers.csv`. */
  servers: readonly TableRow[];
  /** Rows of `fingerprints.csv`. */
  fingerprints: readonly TableRow[];
  /** Rows of `tls.csv`. */
  tls: readonly TableRow[];
  /** Rows of `geo.csv`. */
  geo: readonly TableRow[];
  /**
   * Every advertised peer of every server. Default: none, and the peer-list overlap, reachable
   * share and /16 share are unknown (the list's size comes from `servers.csv`).
   */
  peers?: readonly PeerLink[] | null;
}

/** Where a timing comes from: a table and a column. */
export interface LatencySource {
  table: "servers" | "fingerprints";
  column: string;
}

/**
 * The one place that maps latency features onto the timing columns of the derived tables (the
 * timing columns are being reworked; change this mapping, nothing else).
 */
export const LATENCY_SOURCES: Readonly<Record<"tcp" | "tls" | "app" | "appMin", LatencySource>> = {
  // The timing phase (servers.csv): minimum over samples on a quiet loop; the crawl-time
  // figures of fingerprints.csv are upper bounds under load.
  tcp: { table: "servers", column: "tcp_rtt_ms" },
  tls: { table: "servers", column: "tls_rtt_ms" },
  app: { table: "fingerprints", column: "latency_median_ms" },
  appMin: { table: "servers", column: "app_rtt_ms" },
};

const JARM_NONE = "0".repeat(62);
const HEX = "0123456789abcdef";

const str = (v: Cell): string | null => (typeof v === "string" ? v : null);
const num = (v: Cell): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const bool = (v: Cell): boolean | null => (typeof v === "boolean" ? v : null);
const round2 = (v: number) => Math.round(v * 100) / 100;
const clip = (
  s: string | null,
  n: number,
) => (s === null ? null : Array.from(s).slice(0, n).join(""));

function hex16(text: string): string {
  const h = sha256(new TextEncoder().encode(text));
  let out = "";
  for (const b of h.subarray(0, 8)) out += HEX[b >> 4] + HEX[b & 15];
  return out;
}

/** The IPv4 /24 or IPv6 /64 of an address, `onion` for an onion host, null otherwise. */
export function prefix24(ip: string | null, network: string | null): string | null {
  if (network === "onion") return "onion";
  if (!ip) return null;
  const v4 = parseV4(ip);
  if (v4 !== null) return `${formatV4(v4 - (v4 % 256))}/24`;
  const v6 = parseV6(ip);
  return v6 === null ? null : `${formatV6((v6 >> 64n) << 64n)}/64`;
}

function slash16(ip: string): string | null {
  const v4 = parseV4(ip);
  return v4 === null ? null : `${formatV4(v4 - (v4 % 65536))}/16`;
}

function byServer(rows: readonly TableRow[]): Map<string, TableRow[]> {
  const m = new Map<string, TableRow[]>();
  for (const r of rows) {
    const k = str(r.server);
    if (k === null) continue;
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** The leaf of the server's main TLS endpoint (the fingerprinted port, else the TLS port). */
function leafOf(rows: readonly TableRow[], ports: (number | null)[]): TableRow | null {
  const leaves = rows.filter((r) => r.chain_position === 0)
    .sort((a, b) =>
      String(a.ip ?? "").localeCompare(String(b.ip ?? "")) ||
      (num(a.port) ?? 0) - (num(b.port) ?? 0)
    );
  for (const p of ports) {
    const hit = p !== null && leaves.find((r) => r.port === p);
    if (hit) return hit;
  }
  return leaves[0] ?? null;
}

/** Peer-list signature from the per-peer links: overlap, reachable share, /16 share. */
function peerSignatures(
  links: readonly PeerLink[],
  servers: readonly TableRow[],
): Map<string, { overlap: number | null; reachable: number | null; top16: number | null }> {
  const lists = new Map<string, Map<string, string | null>>();
  for (const l of links) {
    const m = lists.get(l.server) ?? new Map<string, string | null>();
    const key = l.peer.toLowerCase();
    if (!m.has(key) || (m.get(key) === null && l.ip)) m.set(key, l.ip ?? null);
    lists.set(l.server, m);
  }
  const reachable = new Set(
    servers.filter((s) => str(s.transports_reachable)).map((s) => String(s.server)),
  );
  const ipv4Of = new Map(
    servers.map((s) => [String(s.server), str(s.ipv4)?.split(";")[0] ?? null]),
  );
  const advertisers = new Map<string, string[]>();
  for (const [s, m] of lists) {
    for (const p of m.keys()) {
      const list = advertisers.get(p);
      if (list) list.push(s);
      else advertisers.set(p, [s]);
    }
  }
  const out = new Map<
    string,
    { overlap: number | null; reachable: number | null; top16: number | null }
  >();
  for (const [s, m] of lists) {
    const shared = new Map<string, number>();
    for (const p of m.keys()) {
      for (const t of advertisers.get(p)!) if (t !== s) shared.set(t, (shared.get(t) ?? 0) + 1);
    }
    let overlap: number | null = lists.size > 1 ? 0 : null;
    for (const [t, n] of shared) {
      const j = n / (m.size + lists.get(t)!.size - n);
      if (overlap === null || j > overlap) overlap = j;
    }
    const size = m.size;
    const inScan = [...m.keys()].filter((p) => reachable.has(p)).length;
    const buckets = new Map<string, number>();
    let located = 0;
    for (const [p, ip] of m) {
      const b = slash16(ip ?? ipv4Of.get(p) ?? p);
      if (b === null) continue;
      located++;
      buckets.set(b, (buckets.get(b) ?? 0) + 1);
    }
    out.set(s, {
      overlap: overlap === null ? null : Math.round(overlap * 1e4) / 1e4,
      reachable: size ? Math.round((inScan / size) * 1e4) / 1e4 : null,
      top16: located ? Math.round((Math.max(...buckets.values()) / located) * 1e4) / 1e4 : null,
    });
  }
  return out;
}

/**
 * Derive the feature table: one row per reachable server (a transport answered `reach`), sorted
 * by server, with the features of `lib/data/schemas/features.ts` (behaviour from
 * `fingerprints.csv` with error wordings normalised; banner, donation, ports, TLS stack, peers
 * and tip lag; hosting of the main address from `geo.csv`; the leaf certificate of the main TLS
 * endpoint from `tls.csv`; timings through {@linkcode LATENCY_SOURCES}). Unknown is null.
 * Deterministic: the same tables give the same rows, whatever their order.
 *
 * @param tables The derived tables of one scan.
 * @returns Rows that fit `FEATURES_SCHEMA`.
 * @example
 * ```ts
 * const rows = deriveFeatures({ servers, fingerprints, tls, geo });
 * await writeFileAtomic("data/features.csv", tableCsv(rows, FEATURES_SCHEMA));
 * ```
 */
export function deriveFeatures(tables: FeatureTables): FeatureRow[] {
  const fps = byServer(tables.fingerprints);
  const certs = byServer(tables.tls);
  const geos = byServer(tables.geo);
  const peers = tables.peers ? peerSignatures(tables.peers, tables.servers) : null;
  const reachable = tables.servers.filter((s) => str(s.transports_reachable) && str(s.server))
    .sort((a, b) => (String(a.server) < String(b.server) ? -1 : 1));
  return reachable.map((s) => {
    const key = String(s.server);
    const fp: TableRow = fps.get(key)?.[0] ?? {};
    // The main address's row; else the lowest address, so the result does not depend on row order.
    const g = [...(geos.get(key) ?? [])].sort((a, b) =>
      String(a.ip ?? "").localeCompare(String(b.ip ?? ""))
    );
    const geo: TableRow = g.find((r) => r.main === true) ?? g[0] ?? {};
    const leaf = leafOf(certs.get(key) ?? [], [
      fp.transport === "tls" ? num(fp.port) : null,
      num(s.tls_port),
    ]);
    return {
      server: key,
      ...behaviour(fp),
      ...operator(s, fp, peers?.get(key) ?? null),
      ...hosting(s, geo),
      ...certificate(leaf),
      ...latency({ servers: s, fingerprints: fp }),
    };
  });
}

/** A normalised wording; an empty one (nothing left) is unknown. */
function wordingOf(v: Cell): string | null {
  return normaliseErrorWording(str(v)) || null;
}

function behaviour(fp: TableRow): FeatureRow {
  const escapes = num(fp.ascii_escapes);
  const supported = str(fp.methods_supported), unsupported = str(fp.methods_unsupported);
  const protocolMax = str(fp.protocol_max);
  const rangeError = str(fp.version_range_error);
  const phishing = [fp.broadcast_html, fp.broadcast_url, fp.broadcast_update_wording].map(bool);
  return {
    wire_line_ending: str(fp.line_ending),
    wire_result_key_order: str(fp.result_key_order),
    wire_error_key_order: str(fp.error_key_order),
    wire_json_spacing: str(fp.json_spacing),
    wire_padded: bool(fp.padded),
    wire_ascii_escapes: escapes === null ? null : escapes > 0,
    wire_string_errors: bool(fp.string_errors),
    preversion_reply: str(fp.preversion_outcome),
    wording_unknown_method: wordingOf(fp.err_unknown_method),
    wording_bad_params: wordingOf(fp.err_bad_params),
    wording_extra_key: wordingOf(fp.err_extra_key),
    wording_no_method: wordingOf(fp.err_no_method),
    wording_not_object: wordingOf(fp.err_not_object),
    wording_empty_batch: wordingOf(fp.err_empty_batch),
    wording_malformed_json: wordingOf(fp.err_malformed_json),
    wording_version_range: rangeError !== null
      ? wordingOf(rangeError)
      : protocolMax !== null
      ? ""
      : null,
    wording_broadcast: wordingOf(fp.broadcast_error_text),
    batch_supported_flag: bool(fp.batch_supported),
    batch_joining: str(fp.batch_join),
    methods_known: supported ?? (unsupported !== null ? "" : null),
    protocol_min_advertised: str(fp.features_protocol_min),
    protocol_max_negotiated: protocolMax,
    feature_keys: str(fp.features_keys),
    hosts_flat: str(fp.features_hosts_shape) === null ? null : fp.features_hosts_shape === "flat",
    histogram_shape: str(fp.fee_histogram_shape),
    broadcast_accepts: str(fp.broadcast_outcome) === null
      ? null
      : fp.broadcast_outcome === "accepted",
    broadcast_phishing: phishing.every((p) => p === null) ? null : phishing.some((p) => p === true),
  };
}

function operator(
  s: TableRow,
  fp: TableRow,
  peer: { overlap: number | null; reachable: number | null; top16: number | null } | null,
): FeatureRow {
  const banner = str(s.banner);
  const template = bannerTemplate(banner);
  const jarm = str(fp.jarm_fingerprint);
  const tcp = num(s.tcp_port), tls = num(s.tls_port);
  return {
    banner_template: template,
    banner_hash: banner === null ? null : hex16(banner),
    banner_default: isDefaultBanner(template),
    donation: str(s.donation_address),
    software_claim: str(s.software),
    hosts_shape: str(fp.features_hosts_shape),
    port_tuple: tcp === null && tls === null ? null : `${tcp ?? "-"}/${tls ?? "-"}`,
    transports: str(s.transports_reachable),
    tls_stack: jarm === null || jarm === JARM_NONE ? null : jarm,
    peers_count: num(s.peers_advertised),
    peers_overlap_max: peer?.overlap ?? null,
    peers_reachable_share: peer?.reachable ?? null,
    peers_top16_share: peer?.top16 ?? null,
    tip_lag: num(s.tip_lag_blocks),
  };
}

function hosting(s: TableRow, geo: TableRow): FeatureRow {
  return {
    net: str(s.network),
    host_asn: num(geo.asn),
    host_provider: str(geo.provider),
    host_provider_class: str(geo.provider_class),
    host_country: str(geo.country_code),
    host_prefix16: str(geo.bucket),
    host_prefix24: prefix24(str(geo.ip), str(s.network)),
  };
}

function certificate(leaf: TableRow | null): FeatureRow {
  const l: TableRow = leaf ?? {};
  const from = str(l.not_before), to = str(l.not_after);
  const type = str(l.key_type);
  const size = str(l.key_curve) ?? (num(l.key_bits) === null ? null : String(l.key_bits));
  return {
    cert_issuer: l.self_signed === true ? "self-signed" : clip(str(l.issuer), 200),
    cert_key: type === null ? null : size === null ? type : `${type}-${size}`,
    cert_validity_days: from && to
      ? Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000)
      : null,
    cert_cn_template: cnTemplate(str(l.subject_cn)),
    cert_issued_at: from,
    cert_fingerprint: str(l.sha256),
    cert_key_fingerprint: str(l.spki_sha256),
    cert_chain_length: num(l.chain_length),
  };
}

function latency(rows: Record<LatencySource["table"], TableRow>): FeatureRow {
  const get = (k: keyof typeof LATENCY_SOURCES) => {
    const src = LATENCY_SOURCES[k];
    return num(rows[src.table][src.column]);
  };
  const tcp = get("tcp"), tls = get("tls"), app = get("app"), appMin = get("appMin");
  const diff = (
    a: number | null,
    b: number | null,
  ) => (a === null || b === null ? null : round2(a - b));
  return {
    lat_tcp_ms: tcp,
    lat_tls_ms: tls,
    lat_app_ms: app,
    lat_tls_over_tcp_ms: diff(tls, tcp),
    lat_app_over_tcp_ms: diff(app, tcp),
    lat_jitter_ms: diff(app, appMin),
  };
}
