/**
 * Derives `fingerprints.csv` (one row per server, one column per probe feature) from a scan's raw
 * records, including the implementation inferred from behaviour (`lib/classify/infer_implementation.ts`)
 * and whether it agrees with the claimed software. Deterministic: the same records give the same
 * rows. Unknown is empty, never 0. Columns are documented in `methodology.md` §4.
 *
 * @module
 */
import { THEN_CLOSED_PREFIX } from "../probes/readings.ts";
import { columnNames, type RowOf, volatileColumns } from "../data/schema.ts";
import { FINGERPRINTS_SCHEMA } from "../data/schemas/fingerprints.ts";
import { evidenceFromRecords, inferImplementation } from "../classify/infer_implementation.ts";
import {
  grouped,
  mainEndpoint,
  median,
  type ScanInput,
  type ServerRecords,
} from "./scan_records.ts";

/** Columns of `fingerprints.csv`, in order (from its schema, `lib/data/schemas/fingerprints.ts`). */
export const FINGERPRINT_COLUMNS = columnNames(FINGERPRINTS_SCHEMA);

/**
 * Columns of `fingerprints.csv` that differ between two scans of the same network: the measured
 * times; its schema marks them `volatile`. Every other column is reproduced byte for byte by a
 * rerun with the same parameters.
 */
export const FINGERPRINT_VOLATILE_COLUMNS: readonly string[] = volatileColumns(
  FINGERPRINTS_SCHEMA,
);

/** A row of `fingerprints.csv`. */
export type FingerprintRow = RowOf<typeof FINGERPRINTS_SCHEMA>;

/** Derive the rows of `fingerprints.csv` (servers with a dialled main endpoint). */
export function deriveFingerprints(records: ScanInput): FingerprintRow[] {
  return grouped(records).servers.map(row).filter((r): r is FingerprintRow => r !== null);
}

const clip = (
  s: string | null | undefined,
  n: number,
) => (s == null ? null : s.length > n ? s.slice(0, n) : s);

function caseText(
  c: {
    outcome: string;
    code: number | null;
    message: string | null;
    reply_kind: string | null;
    reply: string | null;
  } | undefined,
): string | null {
  if (!c) return null;
  if (c.outcome !== "reply" && c.outcome !== "reply-closed") return c.outcome;
  const body = c.reply_kind === "object"
    ? `${c.code ?? ""} ${c.message ?? ""}`.trim()
    : c.reply_kind === "string"
    ? `"${c.message ?? ""}"`
    : c.reply ?? "";
  return clip((c.outcome === "reply-closed" ? THEN_CLOSED_PREFIX : "") + body, 160);
}

/** `protocol_min` of a `server.features` reply, when it is a string (bounded: server text). */
function protocolMin(features: unknown): string | null {
  const v = (features as { protocol_min?: unknown } | null | undefined)?.protocol_min;
  return typeof v === "string" && v.length ? clip(v, 20) : null;
}

function fee(v: unknown): number | null {
  const o = v as { ok?: boolean; value?: unknown } | undefined;
  return o?.ok && typeof o.value === "number" ? o.value : null;
}

function row(s: ServerRecords): FingerprintRow | null {
  const main = mainEndpoint(s);
  if (!main) return null;
  const recs = s.records.filter((r) =>
    r.ip === main.ip && r.port === main.port && r.transport === main.transport
  );
  const get = (p: string) => recs.find((r) => r.probe === p);
  const ok = (p: string) => {
    const r = get(p);
    return r?.status === "success" ? r.data : undefined;
  };
  const inf = inferImplementation(evidenceFromRecords(recs));
  const version = ok("version"), wire = ok("wire"), pv = ok("preversion"), feat = ok("features");
  const range = get("version_range"),
    errs = ok("errors"),
    batch = ok("batch"),
    methods = ok("methods");
  const fees = ok("fees"),
    bc = ok("broadcast"),
    jarm = ok("jarm"),
    lat = ok("latency"),
    reach = ok("reach"),
    proofs = ok("proofs"),
    scriptHistory = ok("history");
  const cases = new Map(
    ((errs?.cases as { case: string }[] | undefined) ?? []).map((
      c,
    ) => [c.case, c as unknown as Parameters<typeof caseText>[0]]),
  );
  const support = (methods?.support as Record<string, boolean | null> | undefined) ?? {};
  const mi = fees?.mempool_info as { ok?: boolean; skipped?: string } | undefined;
  if (mi && !mi.skipped) support["mempool.get_info"] = mi.ok === true;
  const sorted = Object.keys(support).sort();
  const hosts = (feat?.features as { hosts?: unknown } | undefined)?.hosts;
  const hostsShape = feat === undefined
    ? null
    : !hosts || typeof hosts !== "object" || Array.isArray(hosts)
    ? "none"
    : Object.keys(hosts).length === 0
    ? "empty"
    : typeof (hosts as Record<string, unknown>).tcp_port === "number" ||
        typeof (hosts as Record<string, unknown>).ssl_port === "number"
    ? "flat"
    : "by-host";
  const hist = (fees?.histogram_shape as string | null | undefined) ?? null;
  const samples = (lat?.samples as number[] | undefined) ?? [];
  const skippedCases =
    [...cases.values()].filter((c) =>
      c && (c.outcome === "skipped-budget" || c.outcome === "not-sent")
    ).length;
  return {
    server: s.server,
    transport: main.transport,
    port: main.port,
    software_claimed: (version?.software as string | undefined) ?? null,
    family_claimed: inf.claimedFamily,
    version_claimed: inf.claimedVersion,
    family_inferred: inf.family,
    version_range_inferred: inf.versionRange,
    inference_confidence: inf.confidence,
    claim_agrees: inf.agrees,
    claim_version_consistent: inf.versionConsistent,
    claim_mismatch: inf.agrees === false,
    inference_evidence: clip(inf.evidence.join("; "), 1000),
    preversion_outcome: (pv?.outcome as string | undefined) ?? null,
    version_first: pv ? pv.outcome === "version-first" : null,
    line_ending: (wire?.line_ending as string | undefined) ?? null,
    result_key_order: (wire?.result_key_order as string | undefined) ?? null,
    error_key_order: (wire?.error_key_order as string | undefined) ?? null,
    json_spacing: (wire?.spacing as string | undefined) ?? null,
    padded: wire
      ? (wire.padded_lines as number) > 0 ||
        (pv?.style as { paddingSpaces?: number } | null)?.paddingSpaces! >= 16
      : null,
    max_padding_spaces: wire ? (wire.max_padding_spaces as number) : null,
    ascii_escapes: wire ? (wire.ascii_escapes as number) : null,
    string_errors: wire ? wire.string_error === true : null,
    protocol_negotiated: (version?.protocol as string | undefined) ?? null,
    protocol_max: range?.status === "success"
      ? ((range.data.protocol as string | undefined) ?? null)
      : null,
    version_range_error: range?.status === "rpc-error"
      ? clip(range.message, 200)
      : range && range.status !== "success"
      ? range.status
      : null,
    features_protocol_min: protocolMin(feat?.features),
    features_keys: feat
      ? clip(((feat.keys as string[] | null) ?? []).join(","), 300)
      : get("features")?.status ?? null,
    features_hosts_shape: hostsShape,
    err_unknown_method: caseText(cases.get("unknown_method")),
    err_bad_params: caseText(cases.get("bad_params")),
    err_extra_key: caseText(cases.get("extra_key")),
    err_no_method: caseText(cases.get("no_method")),
    err_not_object: caseText(cases.get("not_object")),
    err_empty_batch: caseText(cases.get("empty_batch")),
    err_malformed_json: caseText(cases.get("malformed_json")),
    errors_skipped: errs ? skippedCases : null,
    batch_supported: batch ? (batch.supported as boolean | null) : null,
    batch_join: (batch?.join as string | null | undefined) ?? null,
    methods_supported: sorted.filter((m) => support[m] === true).join(";") || null,
    methods_unsupported: sorted.filter((m) => support[m] === false).join(";") || null,
    fee_estimate_1_btc_kvb: fee((fees?.estimatefee as Record<string, unknown> | undefined)?.["1"]),
    fee_estimate_6_btc_kvb: fee((fees?.estimatefee as Record<string, unknown> | undefined)?.["6"]),
    fee_estimate_144_btc_kvb: fee(
      (fees?.estimatefee as Record<string, unknown> | undefined)?.["144"],
    ),
    relay_fee_btc_kvb: fee(fees?.relayfee),
    fee_histogram_shape: hist,
    fee_histogram_bins: (fees?.histogram_bins as number | null | undefined) ?? null,
    fee_histogram_top_sat_vb: (fees?.histogram_top_fee as number | null | undefined) ?? null,
    fee_histogram_vsize_vb: (fees?.histogram_vsize as number | null | undefined) ?? null,
    mempool_info_supported: mi && !mi.skipped ? mi.ok === true : null,
    broadcast_outcome: (bc?.outcome as string | undefined) ?? null,
    broadcast_error_code: (bc?.error_code as number | null | undefined) ?? null,
    broadcast_error_text: clip(bc?.error_text as string | null | undefined, 500),
    broadcast_html: bc ? bc.html === true : null,
    broadcast_url: bc ? bc.url === true : null,
    broadcast_update_wording: bc ? bc.update_wording === true : null,
    broadcast_txid_matches: typeof bc?.txid_matches === "boolean" ? bc.txid_matches : null,
    proof_cp_height: (proofs?.cp_height as number | undefined) ?? null,
    proof_cp_root: (proofs?.cp_root as string | null | undefined) ?? null,
    proofs_checked: (proofs?.checked as number | undefined) ?? null,
    proofs_invalid: (proofs?.invalid as number | undefined) ?? null,
    proofs_failed: proofs
      ? clip(
        ((proofs.checks as { kind: string; height: number; verdict: string }[] | undefined) ?? [])
          .filter((c) => c.verdict === "invalid").map((c) => `${c.kind}@${c.height}`).join(";"),
        200,
      ) || null
      : null,
    history_verdict: (scriptHistory?.verdict as string | undefined) ?? null,
    history_height: (scriptHistory?.cp_height as number | undefined) ?? null,
    history_txid: (scriptHistory?.txid as string | null | undefined) ?? null,
    history_script_type: (scriptHistory?.script_type as string | null | undefined) ?? null,
    history_entries: (scriptHistory?.entries as number | null | undefined) ?? null,
    jarm_fingerprint: (jarm?.fingerprint as string | undefined) ?? null,
    jarm_raw: clip(jarm?.raw as string | undefined, 1500),
    latency_median_ms: samples.length ? median(samples) : null,
    latency_min_ms: samples.length ? Math.min(...samples) : null,
    latency_samples: samples.length || null,
    connect_ms: typeof reach?.connect_ms === "number"
      ? Math.round(reach.connect_ms * 100) / 100
      : null,
    tls_handshake_ms: typeof reach?.tls_ms === "number"
      ? Math.round(reach.tls_ms * 100) / 100
      : null,
    version_rtt_ms: typeof version?.rtt_ms === "number"
      ? Math.round(version.rtt_ms * 100) / 100
      : null,
  };
}
