/**
 * Schema of `fingerprints.csv`: one row per server with a dialled endpoint, one column per probe
 * feature of its main endpoint (the TLS one when there is one).
 *
 * @module
 */
import { defineTable } from "../schema.ts";
import { col, SERVER_REPEATS } from "./column.ts";

const ERROR_CASE =
  'reply to the error case: `code message` for an error object, `"text"` for a bare string, ' +
  "the reply itself otherwise, or `silent`, `closed`, `timeout`, `ambiguous` (a line that could be this case's or another's: attributed to neither), `skipped-budget`, `not-sent`; " +
  "`then-closed:` when the server hung up after replying (160 characters)";

/** The schema of `fingerprints.csv`. */
export const FINGERPRINTS_SCHEMA = defineTable({
  table: "fingerprints.csv",
  grain: "one row per server with a dialled endpoint",
  producer: "lib/tables/derive_fingerprints.ts",
  columns: [
    col("server", "string", "the server's key", { nullable: false, repeats: SERVER_REPEATS }),
    col("transport", "enum", "transport of the endpoint probed", {
      nullable: false,
      values: ["tcp", "tls"],
      repeats:
        "different grain: here the probed endpoint's, in peers.csv each advertised endpoint's",
    }),
    col("port", "integer", "port of the endpoint probed", {
      nullable: false,
      repeats: "different grain: here the main endpoint's, in tls.csv each TLS endpoint's",
    }),
    col("software_claimed", "string", "first element of the `server.version` reply, as sent", {
      emptyString: true,
    }),
    col(
      "family_claimed",
      "string",
      "family parsed from the claim (`electrumx`, `fulcrum`, `electrs`, `esplora`, `eps`); empty if unrecognised",
    ),
    col("version_claimed", "version", "version parsed from the claim"),
    col("family_inferred", "string", "family inferred from wire behaviour alone (section 3.3)"),
    col(
      "version_range_inferred",
      "string",
      "versions of the inferred family whose known builds (tagged or untagged) show the traits seen, `>=a <=b` (inclusive; several joined by ` || `)",
    ),
    col(
      "inference_confidence",
      "number",
      "agreement x coverage, 0-1 (section 3.3): the winner's share of the weight cast (a contrary claim and an unknown trait combination count against it), times the share of the nine evidence probes that gave a reading",
    ),
    col(
      "claim_agrees",
      "boolean",
      "claimed and inferred family are the same (empty when either is unknown)",
    ),
    col(
      "claim_version_consistent",
      "boolean",
      "the claimed version lies in the inferred range; `false` only when no known build (tagged or untagged) with the traits seen carries that version",
    ),
    col(
      "claim_mismatch",
      "boolean",
      "`true` when the claim names another family: the server is flagged",
      { nullable: false },
    ),
    col(
      "inference_evidence",
      "string",
      "the votes, `feature=value -> families (weight)`; votes against the winner prefixed `against:` (1,000 characters)",
    ),
    col("preversion_outcome", "enum", "reply to `server.features` before `server.version`", {
      values: ["version-first", "answered", "error", "silent", "closed"],
    }),
    col("version_first", "boolean", "`preversion_outcome` is `version-first`"),
    col("line_ending", "enum", "line ending over every line received", {
      values: ["lf", "crlf", "mixed"],
    }),
    col(
      "result_key_order",
      "string",
      "top-level keys of the first result reply, wire order, `,`-joined",
    ),
    col(
      "error_key_order",
      "string",
      "top-level keys of the first error reply, wire order, `,`-joined",
    ),
    col("json_spacing", "enum", "`compact`, `python` (`, ` and `: `) or `mixed`", {
      values: ["compact", "python", "mixed"],
    }),
    col("padded", "boolean", "space padding seen (ElectrumX >= 1.18)"),
    col("max_padding_spaces", "integer", "longest padding run", { unit: "spaces" }),
    col("ascii_escapes", "integer", "`\\uXXXX` escapes of non-ASCII characters seen"),
    col("string_errors", "boolean", "an `error` member was a bare string (esplora 2021)"),
    col("protocol_negotiated", "version", 'protocol negotiated with "1.4"'),
    col("protocol_max", "version", 'protocol negotiated with the range ["1.4", "1.6"]', {
      repeats:
        "same value as servers.csv's `protocol_max`, so the overview reads servers.csv alone",
    }),
    col(
      "version_range_error",
      "string",
      "the range refusal, 200 characters, or the failure status",
    ),
    col(
      "features_protocol_min",
      "version",
      "`protocol_min` advertised in `server.features` (20 characters)",
    ),
    col(
      "features_keys",
      "string",
      "`server.features` keys in wire order (`,`-joined), or the probe's status when it failed (`timeout` for silence)",
    ),
    col(
      "features_hosts_shape",
      "enum",
      '`by-host`, `flat` (electrs: `{"tcp_port": N}`), `empty` (`{}`), `none`',
      {
        values: ["by-host", "flat", "empty", "none"],
      },
    ),
    col("err_unknown_method", "string", ERROR_CASE),
    col("err_bad_params", "string", ERROR_CASE),
    col("err_extra_key", "string", ERROR_CASE),
    col("err_no_method", "string", ERROR_CASE),
    col("err_not_object", "string", ERROR_CASE),
    col("err_empty_batch", "string", ERROR_CASE),
    col("err_malformed_json", "string", ERROR_CASE),
    col("errors_skipped", "integer", "error cases skipped by the budget or not sent"),
    col("batch_supported", "boolean", "a 2-element batch was answered"),
    col("batch_join", "enum", "how the batch reply's elements were joined", {
      values: ["comma-space", "comma", "single"],
    }),
    col("methods_supported", "list", "discriminating methods the server knows"),
    col("methods_unsupported", "list", "discriminating methods the server says it does not know"),
    col(
      "fee_estimate_1_btc_kvb",
      "number",
      '`blockchain.estimatefee` for 1 block (-1 is the server\'s own "unknown")',
      { unit: "BTC/kvB" },
    ),
    col("fee_estimate_6_btc_kvb", "number", "`blockchain.estimatefee` for 6 blocks", {
      unit: "BTC/kvB",
    }),
    col("fee_estimate_144_btc_kvb", "number", "`blockchain.estimatefee` for 144 blocks", {
      unit: "BTC/kvB",
    }),
    col("relay_fee_btc_kvb", "number", "`blockchain.relayfee`", { unit: "BTC/kvB" }),
    col(
      "fee_histogram_shape",
      "enum",
      "`decimal` (0.1 sat/vB), `integer`, `pow2`, `empty`, `invalid`",
      {
        values: ["decimal", "integer", "pow2", "empty", "invalid"],
      },
    ),
    col("fee_histogram_bins", "integer", "bins of `mempool.get_fee_histogram`"),
    col("fee_histogram_top_sat_vb", "number", "highest fee rate in the histogram", {
      unit: "sat/vB",
    }),
    col("fee_histogram_vsize_vb", "number", "total vsize in the histogram", { unit: "vB" }),
    col("mempool_info_supported", "boolean", "`mempool.get_info` answered at protocol 1.4"),
    col(
      "broadcast_outcome",
      "enum",
      "`rejected` or `accepted` (an impossible transaction accepted)",
      { values: ["rejected", "accepted"] },
    ),
    col("broadcast_error_code", "number", "the rejection's error code, as sent"),
    col("broadcast_error_text", "string", "the rejection's text, verbatim (500 characters)"),
    col("broadcast_html", "boolean", "the rejection holds HTML tags (phishing indicator)"),
    col("broadcast_url", "boolean", "the rejection holds a URL (phishing indicator)"),
    col(
      "broadcast_update_wording",
      "boolean",
      'the rejection has "update"/"download"-style wording (phishing indicator)',
    ),
    col(
      "broadcast_txid_matches",
      "boolean",
      "with `accepted`: the answer is the txid of the transaction sent (`false`: it names another transaction); empty when rejected",
    ),
    col(
      "proof_cp_height",
      "integer",
      "checkpoint height of the `proofs` probe: a multiple of 16 at least 6 blocks below the server's tip (section 3.2)",
    ),
    col(
      "proof_cp_root",
      "string",
      "root of the server's checkpoint proof at `proof_cp_height` (hex), compared across servers at one height",
    ),
    col(
      "proofs_checked",
      "integer",
      "merkle proofs the `proofs` probe could check (well-formed answers: up to 2 checkpoint and 2 transaction proofs)",
    ),
    col(
      "proofs_invalid",
      "integer",
      "of those, proofs that do not fold to the root they claim (or two checkpoint roots that differ)",
    ),
    col(
      "proofs_failed",
      "string",
      "the invalid proofs as `kind@height` joined by `;` (`checkpoint`, `tx`)",
    ),
    col(
      "history_verdict",
      "string",
      "what the `history` probe's `blockchain.scripthash.get_history` came to for a script the server's own chain says was paid at `history_height` (section 3.2): `listed`, `withheld` (a well-formed history without that payment), `misdated` (listed at another height), `too-large` (over 1 MiB or refused as too long: not judged), `refused`, `malformed`, `unanswered`, `no-target` (no provable payment with a standard output); empty when skipped (EPS-like, no tip)",
    ),
    col(
      "history_height",
      "integer",
      "height of the payment looked for (the `proofs` probe's checkpoint height)",
    ),
    col(
      "history_txid",
      "string",
      "txid of the payment looked for (position 1 of the block at `history_height`, else its coinbase)",
    ),
    col(
      "history_script_type",
      "string",
      "template of the output whose script hash was asked for (`p2pkh`, `p2sh`, `p2wpkh`, `p2wsh`, `p2tr`, `p2pk`)",
    ),
    col(
      "history_entries",
      "integer",
      "entries in the history the server answered (0: empty); empty when no history was read",
    ),
    col(
      "jarm_fingerprint",
      "string",
      "JARM fingerprint (62 characters: 30 of cipher and version codes for JARM's ten probes, 32 hex digits of SHA-256 over ALPN and extensions; 62 zeros when no probe got a ServerHello or one timed out; section 3.2)",
    ),
    col(
      "jarm_raw",
      "string",
      "JARM's ten raw answer texts `cipher|version|alpn|extensions` joined by `,` (1,500 characters)",
    ),
    col(
      "latency_median_ms",
      "number",
      "median `server.ping` round trip of the battery, during the crawl (the timing phase's figure is servers.csv's `app_rtt_ms`)",
      { unit: "ms", volatile: true },
    ),
    col("latency_min_ms", "number", "fastest `server.ping` round trip", {
      unit: "ms",
      volatile: true,
    }),
    col("latency_samples", "integer", "`server.ping` round trips measured"),
    col(
      "connect_ms",
      "number",
      "TCP handshake of the battery's session, during the crawl (a busy loop: an upper bound; the timing phase's figure is servers.csv's `tcp_rtt_ms`)",
      { unit: "ms", volatile: true },
    ),
    col(
      "tls_handshake_ms",
      "number",
      "TLS handshake of the battery's session, during the crawl (an upper bound; the timing phase's figure is servers.csv's `tls_rtt_ms`)",
      { unit: "ms", volatile: true },
    ),
    col("version_rtt_ms", "number", "the `server.version` round trip", {
      unit: "ms",
      volatile: true,
    }),
  ],
});
