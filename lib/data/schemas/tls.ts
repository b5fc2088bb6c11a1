/**
 * Schema of `tls.csv`: one row per certificate seen per TLS endpoint.
 *
 * @module
 */
import { defineTable } from "../schema.ts";
import { col, SERVER_REPEATS } from "./column.ts";

/** The schema of `tls.csv`. */
export const TLS_SCHEMA = defineTable({
  table: "tls.csv",
  grain: "one row per certificate seen per TLS endpoint",
  producer: "lib/tables/derive_tls.ts",
  columns: [
    col("server", "string", "the server's key", { nullable: false, repeats: SERVER_REPEATS }),
    col("ip", "string", "the endpoint's address (empty through Tor)", {
      repeats: "join key to geo.csv's address rows",
    }),
    col("port", "integer", "the endpoint's port", {
      nullable: false,
      repeats: "different grain: here each TLS endpoint's, in fingerprints.csv the main endpoint's",
    }),
    col("chain_position", "integer", "0 is the leaf", { nullable: false }),
    col("chain_length", "integer", "certificates the server sent", { nullable: false }),
    col("subject", "string", "RFC 4514-style subject name"),
    col("issuer", "string", "RFC 4514-style issuer name"),
    col("subject_cn", "string", "first subject CN"),
    col("subject_o", "string", "first subject O"),
    col("subject_c", "string", "first subject C"),
    col("issuer_cn", "string", "first issuer CN"),
    col("issuer_o", "string", "first issuer O"),
    col("san_dns", "list", "subjectAltName DNS names (first 20)"),
    col("san_ip", "list", "subjectAltName IP addresses (first 20)"),
    col("san_count", "integer", "subjectAltName entries in all"),
    col("serial_hex", "string", "serial number, uppercase hex"),
    col("not_before", "timestamp", "start of the validity window"),
    col("not_after", "timestamp", "end of the validity window"),
    col("validity_at_scan", "enum", "validity at the record's time", {
      values: ["valid", "expired", "not-yet-valid"],
    }),
    col(
      "days_to_expiry",
      "integer",
      "whole days from the scan to `not_after` (negative when expired)",
      { unit: "days" },
    ),
    col("key_type", "string", "`rsa`, `ec`, `ed25519`..."),
    col("key_bits", "integer", "modulus or curve size", { unit: "bits" }),
    col("key_curve", "string", "curve name"),
    col("signature_algorithm", "string", "e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA256`"),
    col("self_signed", "boolean", "signed by its own key"),
    col("self_issued", "boolean", "issuer equals subject"),
    col("is_ca", "boolean", "basicConstraints cA"),
    col(
      "chain_verifies",
      "boolean",
      "leaf row only: the chain verifies for `checked_name` against the run's trust anchors",
    ),
    col(
      "verify_reason",
      "string",
      "leaf row only: why not (`self-signed`, `unknown-issuer`, `expired`, `hostname-mismatch`, ...)",
    ),
    col("checked_name", "string", "leaf row only: the name (or address) verified against"),
    col("sha256", "string", "SHA-256 of the certificate DER (lowercase hex)"),
    col("spki_sha256", "string", "SHA-256 of its public key (lowercase hex)"),
    col("tls_version", "string", "TLS version of the `tls` probe's handshake"),
    col("tls_cipher", "string", "cipher suite of the `tls` probe's handshake", {
      repeats:
        "different grain: here each endpoint's `tls` probe, in servers.csv the main endpoint's `reach`",
    }),
    col(
      "known_default_cert",
      "string",
      "id of a shared default certificate (`eps-default-2018`...)",
    ),
    col("parse_error", "string", "why the DER could not be parsed"),
  ],
});
