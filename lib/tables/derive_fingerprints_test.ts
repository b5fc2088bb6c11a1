import { assert, assertEquals } from "../testing/assert.ts";
import type { ProbeRecord } from "../records/records.ts";
import { recordMaker } from "../records/record_maker.ts";
import { toCsv } from "../data/csv.ts";
import { parseCsv } from "../data/read_csv.ts";
import { FINGERPRINTS_SCHEMA, TLS_SCHEMA } from "../data/schemas/mod.ts";
import { tableCsv } from "../data/table_csv.ts";
import { deriveFingerprints, FINGERPRINT_COLUMNS } from "./derive_fingerprints.ts";
import { deriveTls, TLS_COLUMNS } from "./derive_tls.ts";

const rec = recordMaker();

function serverRecords(): ProbeRecord[] {
  rec.reset();
  const base = { ip: null, port: null, transport: null } as const;
  return [
    rec("discover", { found_via: ["seed"], tcp_port: null, tls_port: 50002 }, base),
    rec("resolve", { addresses: ["203.0.113.5"] }, base),
    rec("preversion", {
      outcome: "version-first",
      notifications: ["blockchain.relayfee", "blockchain.estimatefee"],
      style: { paddingSpaces: 900 },
    }),
    rec("reach", {
      connect_ms: 12.345,
      tls_ms: 30.1,
      proxy_ms: null,
      tls: { protocol: "TLSv1.3", cipher: "TLS_AES_256_GCM_SHA384" },
    }),
    rec("version", { software: "Fulcrum 2.1.1", protocol: "1.4", rtt_ms: 40 }),
    rec("wire", {
      lines: 20,
      line_ending: "lf",
      padded_lines: 5,
      max_padding_spaces: 900,
      result_key_order: "jsonrpc,result,id",
      error_key_order: "jsonrpc,error,id",
      spacing: "compact",
      ascii_escapes: 0,
      string_error: false,
    }),
    rec("broadcast", {
      outcome: "rejected",
      error_code: 1,
      error_text: "<h1>Update</h1> https://x.example",
      html: true,
      url: true,
      update_wording: true,
    }),
    rec("done", {}, base),
  ];
}

Deno.test("deriveFingerprints: behaviour decides the family; a claim of another family is flagged; unknown stays empty", () => {
  const rows = deriveFingerprints(serverRecords());
  assertEquals(rows.length, 1);
  const r = rows[0];
  assertEquals([r.family_claimed, r.family_inferred, r.claim_agrees, r.claim_mismatch], [
    "fulcrum",
    "electrumx",
    false,
    true,
  ]);
  // Version-first arrived on master while it still called itself 1.18.0 (build_history.ts).
  assertEquals(r.version_range_inferred, ">=1.18.0");
  assertEquals([r.version_first, r.padded, r.line_ending], [true, true, "lf"]);
  assertEquals([r.broadcast_html, r.broadcast_url], [true, true]);
  // Probes that did not run are unknown: empty cells, never 0.
  for (
    const c of [
      "fee_estimate_1_btc_kvb",
      "relay_fee_btc_kvb",
      "latency_median_ms",
      "jarm_fingerprint",
      "batch_supported",
      "errors_skipped",
    ] as const
  ) {
    assertEquals(r[c], null, c);
  }
  const csv = toCsv(rows, FINGERPRINT_COLUMNS);
  assert(csv.split("\n")[1].includes(",,"), "unknown cells are empty");
  assertEquals(csv, toCsv(deriveFingerprints(serverRecords().reverse()), FINGERPRINT_COLUMNS));
});

Deno.test("deriveTls: one row per certificate per endpoint, validity at the record's time, verification on the leaf", () => {
  const records = serverRecords();
  records.splice(
    4,
    0,
    rec("tls", {
      protocol: "TLSv1.3",
      cipher: "TLS_AES_256_GCM_SHA384",
      checked_name: "a.example",
      verification: { verified: false, reason: "expired" },
      chain: [
        {
          ok: true,
          sha256: "aa",
          spki_sha256: "bb",
          subject: "CN=a.example",
          issuer: "CN=Lab E1",
          subject_cn: "a.example",
          san_dns: ["a.example"],
          san_ip: [],
          san_count: 1,
          serial_hex: "01",
          not_before: "2026-01-01T00:00:00.000Z",
          not_after: "2026-11-01T00:00:00.000Z",
          key_type: "ec",
          key_bits: 256,
          key_curve: "P-256",
          signature_algorithm: "ecdsa-with-SHA256",
          self_signed: false,
          self_issued: false,
          is_ca: false,
          known: null,
        },
        {
          ok: true,
          sha256: "cc",
          spki_sha256: "dd",
          subject: "CN=Lab E1",
          issuer: "CN=Lab Root",
          subject_cn: "Lab E1",
          san_dns: [],
          san_ip: [],
          san_count: 0,
          serial_hex: "02",
          not_before: "2024-01-01T00:00:00.000Z",
          not_after: "2029-01-01T00:00:00.000Z",
          key_type: "ec",
          key_bits: 256,
          key_curve: "P-256",
          signature_algorithm: "ecdsa-with-SHA384",
          self_signed: false,
          self_issued: false,
          is_ca: true,
          known: null,
        },
      ],
    }),
  );
  records.forEach((r, i) => (r.seq = i));
  const rows = deriveTls(records);
  assertEquals(rows.length, 2);
  assertEquals([
    rows[0].chain_position,
    rows[0].validity_at_scan,
    rows[0].days_to_expiry,
    rows[0].chain_verifies,
    rows[0].verify_reason,
  ], [0, "expired", -24, false, "expired"]);
  assertEquals([
    rows[1].chain_position,
    rows[1].validity_at_scan,
    rows[1].is_ca,
    rows[1].chain_verifies,
    rows[1].verify_reason,
  ], [1, "valid", true, null, null]);
  assertEquals([rows[0].tls_version, rows[0].san_dns, rows[0].san_ip, rows[0].known_default_cert], [
    "TLSv1.3",
    "a.example",
    null,
    null,
  ]);
  assertEquals(toCsv(rows, TLS_COLUMNS), toCsv(deriveTls([...records].reverse()), TLS_COLUMNS));
});

Deno.test("deriveFingerprints and deriveTls rows fit their schemas and read back to the same values", () => {
  const rows = deriveFingerprints(serverRecords());
  const back = parseCsv(tableCsv(rows, FINGERPRINTS_SCHEMA), FINGERPRINTS_SCHEMA);
  assertEquals(
    back,
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? null]))),
  );
  assertEquals(back[0].protocol_negotiated, "1.4");
  assertEquals(parseCsv(tableCsv(deriveTls(serverRecords()), TLS_SCHEMA), TLS_SCHEMA), []);
});

Deno.test("deriveFingerprints: features_protocol_min is the advertised protocol_min, bounded, and unknown when absent or not a string", () => {
  const records = serverRecords();
  const withFeatures = (features: Record<string, unknown>) => {
    const rs = [...records];
    rs.splice(5, 0, rec("features", { features, keys: Object.keys(features) }));
    rs.forEach((r, i) => (r.seq = i));
    return deriveFingerprints(rs)[0];
  };
  assertEquals(
    withFeatures({ protocol_min: "1.4", protocol_max: "1.6" }).features_protocol_min,
    "1.4",
  );
  assertEquals(
    withFeatures({ protocol_min: "9".repeat(500) }).features_protocol_min,
    "9".repeat(20),
  );
  assertEquals(withFeatures({ protocol_min: 1.4 }).features_protocol_min, null);
  assertEquals(deriveFingerprints(records)[0].features_protocol_min, null);
});

Deno.test("deriveFingerprints: the history probe's verdict, payment and entries; empty when it was skipped", () => {
  const records = serverRecords();
  const withHistory = (data: Record<string, unknown>, status: "success" | "unsupported") => {
    const rs = [...records];
    rs.splice(rs.length - 1, 0, rec("history", data, { status }));
    rs.forEach((r, i) => (r.seq = i));
    return deriveFingerprints(rs)[0];
  };
  const row = withHistory({
    tip_height: 310,
    cp_height: 304,
    tx_pos: 1,
    txid: "ab".repeat(32),
    vout: 0,
    script_type: "p2wpkh",
    scripthash: "cd".repeat(32),
    verdict: "withheld",
    entries: 0,
    listed_height: null,
    detail: "empty",
  }, "success");
  assertEquals(
    [
      row.history_verdict,
      row.history_height,
      row.history_txid,
      row.history_script_type,
      row.history_entries,
    ],
    ["withheld", 304, "ab".repeat(32), "p2wpkh", 0],
  );
  const skipped = withHistory({ skipped: "EPS-like server" }, "unsupported");
  assertEquals([skipped.history_verdict, skipped.history_entries], [null, null]);
});
