/**
 * Schema of `features.csv`: one row per reachable server, one column per feature of the
 * behavioural clustering, the operator grouping and the suspicion score. Every feature is
 * declared once, here, as data ({@linkcode FEATURE_SPECS}): its column (name, type, unit), its
 * kind for a mixed-type distance (Gower), its group and its weight. The schema's columns are
 * built from those declarations, so the table, its documentation (`methodology.md` §4) and the
 * distance all read the same list. The producer is `lib/analysis/features/derive_features.ts`.
 *
 * @module
 */
import { type Column, type ColumnType, defineTable } from "../schema.ts";
import { col, SERVER_REPEATS } from "./column.ts";

/**
 * How a feature enters a mixed-type distance (Gower):
 *
 * - `numeric`: |a - b| over the population's range (after `log1p` when `log` is set);
 * - `ordinal`: versions compared by their rank among the values seen, over the rank range;
 * - `categorical`: 0 when equal, 1 otherwise;
 * - `set`: a `;`-list, Jaccard distance (two empty sets are equal);
 * - `boolean`: 0 when equal, 1 otherwise.
 *
 * A pair where either value is unknown does not count for that feature (its weight leaves the
 * denominator too).
 */
export type FeatureKind = "numeric" | "ordinal" | "categorical" | "set" | "boolean";

/**
 * What a feature speaks about. The behavioural clustering reads `behaviour` only (what the
 * software does on the wire); the operator grouping reads the others (what an operator chose,
 * where and how the server is hosted, its certificate, its timing).
 */
export type FeatureGroup = "behaviour" | "operator" | "hosting" | "certificate" | "latency";

/** The feature groups, behaviour first. */
export const FEATURE_GROUPS: readonly FeatureGroup[] = [
  "behaviour",
  "operator",
  "hosting",
  "certificate",
  "latency",
];

/** One feature: its column in `features.csv`, and how a distance treats it. */
export interface FeatureSpec {
  /** Column name (snake_case, unit suffix where it has one). */
  readonly name: string;
  /** Column type in the CSV. */
  readonly type: ColumnType;
  readonly kind: FeatureKind;
  readonly group: FeatureGroup;
  /** Weight in Gower's weighted mean; 1 is a full feature. */
  readonly weight: number;
  /** What the value is and where it comes from (Markdown, one line). */
  readonly description: string;
  readonly unit?: string;
  /** Values of an `enum` column. */
  readonly values?: readonly string[];
  /** `table.column` holding the same value. */
  readonly sameAs?: string;
  /** Numeric features: compare `log1p(value)` (heavy-tailed timings and counts). Default: false. */
  readonly log?: boolean;
  /** An empty string is a value of its own (an empty banner, no method known). Default: false. */
  readonly emptyString?: boolean;
  /**
   * Behaviour features only: the value follows the protocol release a build implements (the
   * protocol range, what protocol 1.6 requires, the `server.features` keys a release adds, the
   * padded transport), so releases of one implementation differ on it while its code base (JSON
   * writer, error dialect, method set) stays. The behavioural clusters (families) leave such
   * features out and report them as release sub-clusters; the other methods read them as any
   * behaviour feature. Default: false.
   */
  readonly release?: boolean;
}

const ERROR_CASES = [
  ["unknown_method", "an unknown method"],
  ["bad_params", "too few params (`blockchain.block.header []`)"],
  ["extra_key", "an extra top-level key"],
  ["no_method", "an object without `method`"],
  ["not_object", "`42` (not an object)"],
  ["empty_batch", "`[]` (an empty batch)"],
  ["malformed_json", "malformed JSON"],
] as const;

const WORDING =
  "normalised (numbers `<n>`, addresses `<addr>`, quoted input `<q>`, echoed JSON `<json>`, URLs, HTML tags; `normaliseErrorWording`)";

/**
 * Every feature of `features.csv`, in column order. Weights: 1 for a feature that stands on its
 * own; 0.5 for one of several readings of the same probe (the seven error wordings, which
 * together count 3.5) or for one that partly repeats another (`provider_class` beside
 * `provider`); see `methodology.md` "Feature table".
 */
export const FEATURE_SPECS: readonly FeatureSpec[] = [
  // Behaviour: what the software does on the wire.
  {
    name: "wire_line_ending",
    type: "enum",
    kind: "categorical",
    group: "behaviour",
    weight: 1,
    values: ["lf", "crlf", "mixed"],
    description: "line ending over every line received",
    sameAs: "fingerprints.csv.line_ending",
  },
  {
    name: "wire_result_key_order",
    type: "string",
    kind: "categorical",
    group: "behaviour",
    weight: 1,
    description: "top-level keys of a result reply, wire order",
    sameAs: "fingerprints.csv.result_key_order",
  },
  {
    name: "wire_error_key_order",
    type: "string",
    kind: "categorical",
    group: "behaviour",
    weight: 1,
    description: "top-level keys of an error reply, wire order",
    sameAs: "fingerprints.csv.error_key_order",
  },
  {
    name: "wire_json_spacing",
    type: "enum",
    kind: "categorical",
    group: "behaviour",
    weight: 1,
    values: ["compact", "python", "mixed"],
    description: "JSON spacing",
    sameAs: "fingerprints.csv.json_spacing",
  },
  {
    name: "wire_padded",
    type: "boolean",
    kind: "boolean",
    group: "behaviour",
    weight: 1,
    release: true,
    description: "space padding seen",
    sameAs: "fingerprints.csv.padded",
  },
  {
    name: "wire_ascii_escapes",
    type: "boolean",
    kind: "boolean",
    group: "behaviour",
    weight: 0.5,
    description:
      "`\\uXXXX` escapes of non-ASCII characters seen (half weight: only shows when a reply held non-ASCII text)",
  },
  {
    name: "wire_string_errors",
    type: "boolean",
    kind: "boolean",
    group: "behaviour",
    weight: 1,
    description: "an `error` member was a bare string",
    sameAs: "fingerprints.csv.string_errors",
  },
  {
    name: "preversion_reply",
    type: "enum",
    kind: "categorical",
    group: "behaviour",
    weight: 1,
    release: true,
    values: ["version-first", "answered", "error", "silent", "closed"],
    description: "reply to `server.features` before `server.version`",
    sameAs: "fingerprints.csv.preversion_outcome",
  },
  ...ERROR_CASES.map(([c, what]): FeatureSpec => ({
    name: `wording_${c}`,
    type: "string",
    kind: "categorical",
    group: "behaviour",
    weight: 0.5,
    description: `reply to ${what}, ${WORDING}`,
  })),
  {
    name: "wording_version_range",
    emptyString: true,
    type: "string",
    kind: "categorical",
    group: "behaviour",
    weight: 0.5,
    release: true,
    description: `refusal of the protocol range ["1.4", "1.6"], ${WORDING}; empty when accepted`,
  },
  {
    name: "wording_broadcast",
    type: "string",
    kind: "categorical",
    group: "behaviour",
    weight: 0.5,
    description: `rejection of the never-valid broadcast, ${WORDING}`,
  },
  {
    name: "batch_supported_flag",
    type: "boolean",
    kind: "boolean",
    group: "behaviour",
    weight: 1,
    description: "a 2-element batch was answered",
    sameAs: "fingerprints.csv.batch_supported",
  },
  {
    name: "batch_joining",
    type: "enum",
    kind: "categorical",
    group: "behaviour",
    weight: 1,
    values: ["comma-space", "comma", "single"],
    description: "how the batch reply's elements were joined",
    sameAs: "fingerprints.csv.batch_join",
  },
  {
    name: "methods_known",
    emptyString: true,
    type: "list",
    kind: "set",
    group: "behaviour",
    weight: 1,
    description:
      'the method-support vector: discriminating methods the server knows (empty list `""` when it knows none; unknown when the probe did not run)',
    sameAs: "fingerprints.csv.methods_supported",
  },
  {
    name: "protocol_min_advertised",
    type: "version",
    kind: "ordinal",
    group: "behaviour",
    weight: 1,
    release: true,
    description: "`protocol_min` of `server.features`",
    sameAs: "fingerprints.csv.features_protocol_min",
  },
  {
    name: "protocol_max_negotiated",
    type: "version",
    kind: "ordinal",
    group: "behaviour",
    weight: 1,
    release: true,
    description: 'protocol negotiated with the range ["1.4", "1.6"]',
    sameAs: "fingerprints.csv.protocol_max",
  },
  {
    name: "feature_keys",
    type: "string",
    kind: "categorical",
    group: "behaviour",
    weight: 1,
    release: true,
    description: "`server.features` keys in wire order, or the probe's failure",
    sameAs: "fingerprints.csv.features_keys",
  },
  {
    name: "hosts_flat",
    type: "boolean",
    kind: "boolean",
    group: "behaviour",
    weight: 1,
    description:
      "`hosts` in `server.features` is electrs's flat `{\"tcp_port\": N}` (the software's shape; empty or by-host is the operator's configuration, see `hosts_shape`)",
  },
  {
    name: "histogram_shape",
    type: "enum",
    kind: "categorical",
    group: "behaviour",
    weight: 1,
    values: ["decimal", "integer", "pow2", "empty", "invalid"],
    description: "fee histogram shape",
    sameAs: "fingerprints.csv.fee_histogram_shape",
  },
  {
    name: "broadcast_accepts",
    type: "boolean",
    kind: "boolean",
    group: "behaviour",
    weight: 1,
    description: "the never-valid transaction was accepted",
  },
  {
    name: "broadcast_phishing",
    type: "boolean",
    kind: "boolean",
    group: "behaviour",
    weight: 1,
    description: "the broadcast rejection holds HTML, a URL or update wording",
  },
  // Operator: what the operator chose.
  {
    name: "banner_template",
    emptyString: true,
    type: "string",
    kind: "categorical",
    group: "operator",
    weight: 1,
    description:
      '`server.banner` with numbers, versions, names, host names, addresses and URLs replaced by placeholders (`bannerTemplate`, 200 characters); `""` for an empty banner',
  },
  {
    name: "banner_hash",
    type: "string",
    kind: "categorical",
    group: "operator",
    weight: 1,
    description: "first 16 hex digits of SHA-256 of the banner as recorded (300 characters)",
  },
  {
    name: "banner_default",
    type: "boolean",
    kind: "boolean",
    group: "operator",
    weight: 0.5,
    description: "the banner template is an implementation's default (or the banner is empty)",
  },
  {
    name: "donation",
    emptyString: true,
    type: "string",
    kind: "categorical",
    group: "operator",
    weight: 1,
    description: '`server.donation_address` (`""` when the server answered an empty one)',
    sameAs: "servers.csv.donation_address",
  },
  {
    name: "software_claim",
    emptyString: true,
    type: "string",
    kind: "categorical",
    group: "operator",
    weight: 0.5,
    description:
      "claimed software string (half weight: an operator's fleet runs one version, so do strangers)",
    sameAs: "servers.csv.software",
  },
  {
    name: "hosts_shape",
    type: "enum",
    kind: "categorical",
    group: "operator",
    weight: 0.5,
    values: ["by-host", "flat", "empty", "none"],
    description:
      "shape of `hosts` in `server.features`: `empty` when the operator announces no host (half weight: also tells electrs apart, which `hosts_flat` counts)",
    sameAs: "fingerprints.csv.features_hosts_shape",
  },
  {
    name: "port_tuple",
    type: "string",
    kind: "categorical",
    group: "operator",
    weight: 1,
    description: "`tcp/tls` ports as seeded or advertised, `-` for none (`50001/50002`)",
  },
  {
    name: "transports",
    type: "list",
    kind: "set",
    group: "operator",
    weight: 0.5,
    description: "transports that answered (`tcp`, `tls`)",
    sameAs: "servers.csv.transports_reachable",
  },
  {
    name: "tls_stack",
    type: "string",
    kind: "categorical",
    group: "operator",
    weight: 1,
    description:
      "JARM fingerprint of whatever terminates TLS (an operator's choice of front, not the Electrum software)",
    sameAs: "fingerprints.csv.jarm_fingerprint",
  },
  {
    name: "peers_count",
    type: "integer",
    kind: "numeric",
    group: "operator",
    weight: 0.5,
    log: true,
    description: "peer-list size: entries in `server.peers.subscribe`",
    sameAs: "servers.csv.peers_advertised",
  },
  {
    name: "peers_overlap_max",
    type: "number",
    kind: "numeric",
    group: "operator",
    weight: 1,
    description:
      "largest Jaccard overlap of the peer list with another server's (0-1); unknown until a per-peer table is given",
  },
  {
    name: "peers_reachable_share",
    type: "number",
    kind: "numeric",
    group: "operator",
    weight: 0.5,
    description:
      "share of advertised peers that are reachable servers of this scan (0-1); unknown until a per-peer table is given",
  },
  {
    name: "peers_top16_share",
    type: "number",
    kind: "numeric",
    group: "operator",
    weight: 0.5,
    description:
      "share of advertised peers on the list's most common IPv4 /16 (0-1); unknown until a per-peer table is given",
  },
  {
    name: "tip_lag",
    type: "integer",
    kind: "numeric",
    group: "operator",
    weight: 0.5,
    unit: "blocks",
    log: true,
    description: "blocks behind the consensus tip",
    sameAs: "servers.csv.tip_lag_blocks",
  },
  // Hosting: where the server runs.
  {
    name: "net",
    type: "enum",
    kind: "categorical",
    group: "hosting",
    weight: 1,
    values: ["clearnet", "onion"],
    description: "`clearnet` or `onion`",
    sameAs: "servers.csv.network",
  },
  {
    name: "host_asn",
    type: "integer",
    kind: "categorical",
    group: "hosting",
    weight: 1,
    description: "autonomous system of the main address",
    sameAs: "geo.csv.asn",
  },
  {
    name: "host_provider",
    type: "string",
    kind: "categorical",
    group: "hosting",
    weight: 1,
    description: "provider of the main address",
    sameAs: "geo.csv.provider",
  },
  {
    name: "host_provider_class",
    type: "enum",
    kind: "categorical",
    group: "hosting",
    weight: 0.5,
    values: ["cloud", "hosting", "residential", "tor", "other"],
    description: "provider class of the main address",
    sameAs: "geo.csv.provider_class",
  },
  {
    name: "host_country",
    type: "string",
    kind: "categorical",
    group: "hosting",
    weight: 0.5,
    description: "country code of the main address",
    sameAs: "geo.csv.country_code",
  },
  {
    name: "host_prefix16",
    type: "string",
    kind: "categorical",
    group: "hosting",
    weight: 1,
    description: "IPv4 /16 or IPv6 /48 of the main address (the Electrum client's bucket), `onion`",
    sameAs: "geo.csv.bucket",
  },
  {
    name: "host_prefix24",
    type: "string",
    kind: "categorical",
    group: "hosting",
    weight: 1,
    description: "IPv4 /24 or IPv6 /64 of the main address",
  },
  // Certificate: the leaf of the main TLS endpoint.
  {
    name: "cert_issuer",
    type: "string",
    kind: "categorical",
    group: "certificate",
    weight: 1,
    description: "issuer name of the leaf (`self-signed` when signed by its own key)",
  },
  {
    name: "cert_key",
    type: "string",
    kind: "categorical",
    group: "certificate",
    weight: 1,
    description: "key type and size or curve (`rsa-2048`, `ec-prime256v1`)",
  },
  {
    name: "cert_validity_days",
    type: "integer",
    kind: "numeric",
    group: "certificate",
    weight: 1,
    unit: "days",
    log: true,
    description: "validity length, `not_before` to `not_after`",
  },
  {
    name: "cert_cn_template",
    type: "string",
    kind: "categorical",
    group: "certificate",
    weight: 1,
    description:
      "shape of the subject CN: digit runs `<n>`, random-looking labels `<rand>`, addresses `<ip>`, onion names `<onion>` (`cnTemplate`)",
  },
  {
    name: "cert_issued_at",
    type: "timestamp",
    kind: "numeric",
    group: "certificate",
    weight: 1,
    description: "issuance time (`not_before`); compared as a number of milliseconds",
    sameAs: "tls.csv.not_before",
  },
  {
    name: "cert_fingerprint",
    type: "string",
    kind: "categorical",
    group: "certificate",
    weight: 1,
    description: "SHA-256 of the leaf certificate",
    sameAs: "tls.csv.sha256",
  },
  {
    name: "cert_key_fingerprint",
    type: "string",
    kind: "categorical",
    group: "certificate",
    weight: 1,
    description: "SHA-256 of the leaf's public key",
    sameAs: "tls.csv.spki_sha256",
  },
  {
    name: "cert_chain_length",
    type: "integer",
    kind: "numeric",
    group: "certificate",
    weight: 0.5,
    description: "certificates the server sent",
    sameAs: "tls.csv.chain_length",
  },
  // Latency: timing of the main endpoint (column mapping: LATENCY_SOURCES in derive_features.ts).
  {
    name: "lat_tcp_ms",
    type: "number",
    kind: "numeric",
    group: "latency",
    weight: 1,
    unit: "ms",
    log: true,
    description: "TCP handshake",
  },
  {
    name: "lat_tls_ms",
    type: "number",
    kind: "numeric",
    group: "latency",
    weight: 1,
    unit: "ms",
    log: true,
    description: "TLS handshake",
  },
  {
    name: "lat_app_ms",
    type: "number",
    kind: "numeric",
    group: "latency",
    weight: 1,
    unit: "ms",
    log: true,
    description: "median application round trip (`server.ping`)",
  },
  {
    name: "lat_tls_over_tcp_ms",
    type: "number",
    kind: "numeric",
    group: "latency",
    weight: 1,
    unit: "ms",
    description: "TLS handshake minus TCP handshake (a TLS terminator far from the TCP end)",
  },
  {
    name: "lat_app_over_tcp_ms",
    type: "number",
    kind: "numeric",
    group: "latency",
    weight: 1,
    unit: "ms",
    description:
      "application round trip minus TCP handshake (a relay in front of a distant backend)",
  },
  {
    name: "lat_jitter_ms",
    type: "number",
    kind: "numeric",
    group: "latency",
    weight: 1,
    unit: "ms",
    log: true,
    description: "median minus fastest application round trip",
  },
];

function featureColumn(f: FeatureSpec): Column {
  return col(
    f.name,
    f.type,
    `${f.description} (${f.group}${f.release ? ", release" : ""}, ${f.kind}${
      f.log ? " on log1p" : ""
    }, weight ${f.weight})`,
    {
      ...(f.unit ? { unit: f.unit } : {}),
      ...(f.values ? { values: f.values } : {}),
      ...(f.sameAs ? { sameAs: f.sameAs } : {}),
      ...(f.emptyString ? { emptyString: true } : {}),
    },
  );
}

/** The schema of `features.csv`. */
export const FEATURES_SCHEMA = defineTable({
  table: "features.csv",
  grain: "one row per reachable server",
  producer: "lib/analysis/features/derive_features.ts",
  columns: [
    col("server", "string", "the server's key", { nullable: false, repeats: SERVER_REPEATS }),
    ...FEATURE_SPECS.map(featureColumn),
  ],
});
