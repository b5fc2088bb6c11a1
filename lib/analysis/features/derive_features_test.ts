import { assert, assertEquals, assertNotEquals } from "../../testing/assert.ts";
import type { Cell } from "../../data/csv.ts";
import { parseCsv } from "../../data/read_csv.ts";
import type { TableSchema } from "../../data/schema.ts";
import {
  FEATURES_SCHEMA,
  FINGERPRINTS_SCHEMA,
  GEO_SCHEMA,
  SERVERS_SCHEMA,
  TLS_SCHEMA,
} from "../../data/schemas/mod.ts";
import { tableCsv } from "../../data/table_csv.ts";
import {
  deriveFeatures,
  type FeatureTables,
  LATENCY_SOURCES,
  prefix24,
} from "./derive_features.ts";
import { featureSet } from "./feature_set.ts";
import { featuresFrame } from "./features_frame.ts";

/** A full row of a schema: the given cells, every other column null (so it passes the writer). */
function rowOf(schema: TableSchema, cells: Record<string, Cell>): Record<string, Cell> {
  const row = Object.fromEntries(schema.columns.map((c) => [c.name, cells[c.name] ?? null]));
  tableCsv([row], schema); // throws if the synthetic row does not fit its table
  return row;
}

const T = "2026-11-24T10:00:00.000Z";
const server = (name: string, cells: Record<string, Cell>) =>
  rowOf(SERVERS_SCHEMA, {
    target: "lab",
    server: name,
    network: "clearnet",
    status: "success",
    first_seen: T,
    last_seen: T,
    ...cells,
  });

/** The fingerprint of an ElectrumX 1.19 build, with what differs between two servers of it as arguments. */
const electrumx = (name: string, height: number, method: string, latency: number) =>
  rowOf(FINGERPRINTS_SCHEMA, {
    server: name,
    transport: "tls",
    port: 50002,
    claim_mismatch: false,
    preversion_outcome: "version-first",
    line_ending: "lf",
    result_key_order: "jsonrpc,result,id",
    error_key_order: "jsonrpc,error,id",
    json_spacing: "compact",
    padded: true,
    ascii_escapes: 0,
    string_errors: false,
    protocol_max: "1.6",
    features_protocol_min: "1.4",
    features_keys: "hosts,pruning,server_version",
    features_hosts_shape: "by-host",
    err_unknown_method: `-32601 unknown method "${method}"`,
    err_bad_params:
      `-32602 ${height} arguments passed to method "blockchain.block.header" but it requires 1`,
    err_extra_key: `{"jsonrpc":"2.0","result":null,"id":${height}${" ".repeat(60)}`,
    err_no_method: "silent",
    err_not_object: "-32600 request object must be a dictionary",
    err_empty_batch: "-32600 batch is empty",
    err_malformed_json: "-32700 invalid JSON",
    batch_supported: true,
    batch_join: "comma-space",
    methods_supported: "blockchain.scripthash.get_mempool",
    methods_unsupported: "blockchain.headers.get_tip",
    fee_histogram_shape: "decimal",
    broadcast_outcome: "rejected",
    broadcast_error_text:
      `the transaction was rejected by network rules.\n\nbad-txns-vout-toolarge (code ${height})`,
    broadcast_html: false,
    broadcast_url: false,
    broadcast_update_wording: false,
    jarm_fingerprint: "2ad2ad0002ad2ad00042d42d000000" + "a".repeat(32),
    connect_ms: latency,
    tls_handshake_ms: latency * 2 + 1,
    latency_median_ms: latency + 5,
    latency_min_ms: latency + 1,
  });

const leaf = (
  name: string,
  port: number,
  cn: string,
  notBefore: string,
  cells: Record<string, Cell> = {},
) =>
  rowOf(TLS_SCHEMA, {
    server: name,
    ip: "203.0.113.5",
    port,
    chain_position: 0,
    chain_length: 2,
    issuer: "CN=Lab E1,O=Lab CA",
    subject_cn: cn,
    not_before: notBefore,
    not_after: new Date(Date.parse(notBefore) + 90 * 86_400_000).toISOString(),
    key_type: "ec",
    key_bits: 256,
    key_curve: "prime256v1",
    self_signed: false,
    sha256: `${cn}-sha`,
    spki_sha256: `${cn}-spki`,
    ...cells,
  });

const geo = (name: string, ip: string | null, cells: Record<string, Cell> = {}) =>
  rowOf(GEO_SCHEMA, {
    target: "lab",
    simulated: true,
    server: name,
    network: "clearnet",
    ip,
    main: true,
    ...cells,
  });

function tables(): FeatureTables {
  return {
    servers: [
      server("a.example.org", {
        transports_reachable: "tcp;tls",
        tcp_port: 50001,
        tls_port: 50002,
        software: "ElectrumX 1.19.0",
        tip_lag_blocks: 0,
        peers_advertised: 3,
        tcp_rtt_ms: 10,
        tls_rtt_ms: 21,
        app_rtt_ms: 11,
        banner: "Welcome to electrum3.example.org (ElectrumX 1.19.0), run by Alice. Uptime 12 days",
        donation_address: "",
        ipv4: "203.0.113.5",
      }),
      server("b.example.org", {
        transports_reachable: "tls",
        tcp_port: null,
        tls_port: 50002,
        software: "ElectrumX 1.19.0",
        tip_lag_blocks: 2,
        peers_advertised: 3,
        tcp_rtt_ms: 30,
        tls_rtt_ms: 61,
        app_rtt_ms: 31,
        banner: "Welcome to electrum7.example.org (ElectrumX 1.19.0), run by Alice. Uptime 3 days",
        donation_address: "bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy",
        ipv4: "203.0.113.6",
      }),
      server("zz.onion", {
        network: "onion",
        transports_reachable: "tcp",
        tcp_port: 50001,
        software: "Fulcrum 2.1.1",
        banner: "Connected to a Fulcrum 2.1.1 server",
        peers_advertised: 0,
      }),
      server("down.example.org", { status: "timeout", tcp_port: 50001 }),
    ],
    fingerprints: [
      electrumx("a.example.org", 840000, "observatory.no_such_method", 10),
      electrumx("b.example.org", 7, "x.y", 30),
      rowOf(FINGERPRINTS_SCHEMA, {
        server: "zz.onion",
        transport: "tcp",
        port: 50001,
        claim_mismatch: false,
        line_ending: "crlf",
        result_key_order: "id,jsonrpc,result",
        json_spacing: "compact",
        padded: false,
        ascii_escapes: 3,
        string_errors: false,
        err_unknown_method: "-32601 Unsupported request: observatory.no_such_method",
        methods_supported: null,
        methods_unsupported: "blockchain.headers.get_tip",
        jarm_fingerprint: "0".repeat(62),
        version_range_error:
          '{"code":1,"message":"unsupported protocol version: [\\"1.4\\", \\"1.6\\"]"}',
      }),
    ],
    tls: [
      // b has two TLS endpoints: the leaf of the fingerprinted one (50002) is its certificate.
      leaf("b.example.org", 443, "other.example.org", "2026-01-01T00:00:00.000Z", {
        key_type: "rsa",
        key_bits: 2048,
        key_curve: null,
      }),
      leaf("b.example.org", 50002, "electrum7.example.org", "2026-10-02T08:00:00.000Z"),
      leaf("b.example.org", 50002, "Lab E1", "2026-01-01T00:00:00.000Z", { chain_position: 1 }),
      leaf("a.example.org", 50002, "electrum3.example.org", "2026-10-01T07:00:00.000Z", {
        self_signed: true,
      }),
    ],
    geo: [
      geo("a.example.org", "2001:db8:1:2::5", { main: false }),
      geo("a.example.org", "203.0.113.5", {
        asn: 24940,
        provider: "Hetzner",
        provider_class: "hosting",
        country_code: "DE",
        bucket: "203.0.0.0/16",
      }),
      geo("b.example.org", "203.0.113.6", {
        asn: 16509,
        provider: "Amazon",
        provider_class: "cloud",
        country_code: "US",
        bucket: "203.0.0.0/16",
      }),
      geo("zz.onion", null, {
        network: "onion",
        provider: "Tor onion service",
        provider_class: "tor",
        bucket: "onion",
      }),
    ],
  };
}

Deno.test("deriveFeatures: one row per reachable server, sorted, fitting features.csv's schema", () => {
  const rows = deriveFeatures(tables());
  assertEquals(rows.map((r) => r.server), ["a.example.org", "b.example.org", "zz.onion"]);
  const csv = tableCsv(rows, FEATURES_SCHEMA); // throws on a key or type the schema does not have
  assertEquals(parseCsv(csv, FEATURES_SCHEMA), rows);
  // Whatever the order of the tables' rows, the same bytes.
  const t = tables();
  const shuffled = {
    servers: [...t.servers].reverse(),
    fingerprints: [...t.fingerprints].reverse(),
    tls: [...t.tls].reverse(),
    geo: [...t.geo].reverse(),
  };
  assertEquals(tableCsv(deriveFeatures(shuffled), FEATURES_SCHEMA), csv);
});

Deno.test("deriveFeatures: two servers of one build share every behaviour feature; another family does not", () => {
  const [a, b, c] = deriveFeatures(tables());
  for (const f of featureSet(["behaviour"])) assertEquals(a[f.name], b[f.name], f.name);
  assertEquals(a.wording_unknown_method, '-32601 unknown method "<q>"');
  // Clipped inside the padding: the closing brace is put back (normaliseErrorWording).
  assertEquals(a.wording_extra_key, '{"jsonrpc":"<n>","result":null,"id":<n>}');
  assertEquals(
    a.wording_broadcast,
    "the transaction was rejected by network rules. bad-txns-vout-toolarge (code <n>)",
  );
  assertEquals([a.wording_version_range, a.protocol_max_negotiated, a.protocol_min_advertised], [
    "",
    "1.6",
    "1.4",
  ]);
  assertEquals([a.wire_ascii_escapes, a.methods_known, a.broadcast_accepts, a.broadcast_phishing], [
    false,
    "blockchain.scripthash.get_mempool",
    false,
    false,
  ]);
  const differing = featureSet(["behaviour"]).filter((f) => a[f.name] !== c[f.name]).map((f) =>
    f.name
  );
  assert(
    differing.includes("wire_line_ending") && differing.includes("wording_unknown_method"),
    differing.join(","),
  );
  assertEquals([c.methods_known, c.wire_ascii_escapes, c.wording_version_range], [
    "",
    true,
    '{"code":<n>,"message":"unsupported protocol version: [\\"<n>\\", \\"<n>\\"]"}',
  ]);
  // Unknown stays unknown: no fee histogram, no batch probe on the onion server.
  assertEquals([c.histogram_shape, c.batch_supported_flag, c.wording_bad_params], [
    null,
    null,
    null,
  ]);
});

Deno.test("deriveFeatures: operator, hosting and certificate features", () => {
  const [a, b, c] = deriveFeatures(tables());
  assertEquals(
    a.banner_template,
    "Welcome to <host> (ElectrumX <v>), run by <name>. Uptime <n> days",
  );
  assertEquals(a.banner_template, b.banner_template);
  assertNotEquals(a.banner_hash, b.banner_hash);
  assert(/^[0-9a-f]{16}$/.test(String(a.banner_hash)));
  assertEquals([a.banner_default, c.banner_default], [false, true]);
  assertEquals([a.donation, b.donation, c.donation], [
    "",
    "bc1qe74qzd256kxevq2gn7gmscs564lfk5tqrxqsuy",
    null,
  ]);
  assertEquals([a.port_tuple, b.port_tuple, c.port_tuple], ["50001/50002", "-/50002", "50001/-"]);
  assertEquals([a.transports, a.software_claim, a.tip_lag, b.tip_lag], [
    "tcp;tls",
    "ElectrumX 1.19.0",
    0,
    2,
  ]);
  // JARM's all-zero value (no answer) is unknown, not a shared stack.
  assertEquals([typeof a.tls_stack, c.tls_stack], ["string", null]);
  // Hosting: the main address, not the first one.
  assertEquals([
    a.host_asn,
    a.host_provider,
    a.host_provider_class,
    a.host_country,
    a.host_prefix16,
    a.host_prefix24,
  ], [24940, "Hetzner", "hosting", "DE", "203.0.0.0/16", "203.0.113.0/24"]);
  assertEquals([c.net, c.host_prefix16, c.host_prefix24, c.host_asn], [
    "onion",
    "onion",
    "onion",
    null,
  ]);
  // Certificates: the fingerprinted endpoint's leaf.
  assertEquals(
    [
      b.cert_issuer,
      b.cert_key,
      b.cert_validity_days,
      b.cert_cn_template,
      b.cert_issued_at,
      b.cert_fingerprint,
      b.cert_chain_length,
    ],
    [
      "CN=Lab E1,O=Lab CA",
      "ec-prime256v1",
      90,
      "electrum<n>.example.org",
      "2026-10-02T08:00:00.000Z",
      "electrum7.example.org-sha",
      2,
    ],
  );
  assertEquals([a.cert_issuer, a.cert_cn_template], ["self-signed", "electrum<n>.example.org"]);
  for (const f of featureSet(["certificate"])) assertEquals(c[f.name], null, f.name);
});

Deno.test("deriveFeatures: latency features through LATENCY_SOURCES, with differences and jitter", () => {
  const [a, b, c] = deriveFeatures(tables());
  assertEquals(
    [
      a.lat_tcp_ms,
      a.lat_tls_ms,
      a.lat_app_ms,
      a.lat_tls_over_tcp_ms,
      a.lat_app_over_tcp_ms,
      a.lat_jitter_ms,
    ],
    [10, 21, 15, 11, 5, 4],
  );
  assertEquals(b.lat_tls_over_tcp_ms, 31);
  for (const f of featureSet(["latency"])) assertEquals(c[f.name], null, f.name);
  // The mapping names real columns of the tables it reads.
  for (const src of Object.values(LATENCY_SOURCES)) {
    const schema = src.table === "servers" ? SERVERS_SCHEMA : FINGERPRINTS_SCHEMA;
    assert(schema.columns.some((col) => col.name === src.column), `${src.table}.${src.column}`);
  }
});

Deno.test("deriveFeatures: peer-list signature is unknown without a per-peer table, computed with one", () => {
  const [a] = deriveFeatures(tables());
  assertEquals([a.peers_count, a.peers_overlap_max, a.peers_reachable_share, a.peers_top16_share], [
    3,
    null,
    null,
    null,
  ]);
  const t = tables();
  t.peers = [
    { server: "a.example.org", peer: "b.example.org" },
    { server: "a.example.org", peer: "zz.onion" },
    { server: "a.example.org", peer: "gone.example.net", ip: "198.51.100.1" },
    { server: "b.example.org", peer: "A.example.org" },
    { server: "b.example.org", peer: "zz.onion" },
    { server: "b.example.org", peer: "gone.example.net" },
    { server: "b.example.org", peer: "gone.example.net" },
  ];
  const [pa, pb, pc] = deriveFeatures(t);
  // a: {b, zz, gone}, b: {a, zz, gone}: Jaccard 2/4.
  assertEquals([pa.peers_overlap_max, pb.peers_overlap_max], [0.5, 0.5]);
  assertEquals([pa.peers_reachable_share, pb.peers_reachable_share], [0.6667, 0.6667]);
  // a's located peers: b (203.0.113.6) and gone (198.51.100.1): one per /16.
  assertEquals(pa.peers_top16_share, 0.5);
  // b's: a (203.0.113.5) and gone (its address from a's list is not b's; unknown there).
  assertEquals(pb.peers_top16_share, 1);
  assertEquals([pc.peers_overlap_max, pc.peers_reachable_share], [null, null]);
});

Deno.test("prefix24: IPv4 /24, IPv6 /64, onion; null for garbage", () => {
  assertEquals(prefix24("203.0.113.77", "clearnet"), "203.0.113.0/24");
  assertEquals(prefix24("2001:db8:1:2:3:4:5:6", "clearnet"), "2001:db8:1:2::/64");
  assertEquals(prefix24(null, "onion"), "onion");
  assertEquals(prefix24("not-an-ip", "clearnet"), null);
});

Deno.test("featuresFrame: server then the chosen groups' features, dtypes from the schema", () => {
  const rows = parseCsv(tableCsv(deriveFeatures(tables()), FEATURES_SCHEMA), FEATURES_SCHEMA);
  const df = featuresFrame(rows, { groups: ["latency"] });
  assertEquals(df.columns, ["server", ...featureSet(["latency"]).map((f) => f.name)]);
  assertEquals(df.shape, [3, 7]);
  assertEquals(df.dtypes.slice(0, 2), ["string", "float32"]);
  const all = featuresFrame(rows);
  assertEquals(all.columns.length, FEATURES_SCHEMA.columns.length);
});
