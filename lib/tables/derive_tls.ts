/**
 * Derives `tls.csv` (one row per certificate seen per endpoint) from the `tls` probe records of a
 * scan. Validity is judged at the probe's own timestamp, so the table is deterministic. Unknown is
 * empty, never 0. Columns are documented in `methodology.md` §4.
 *
 * @module
 */
import { columnNames, type RowOf } from "../data/schema.ts";
import { TLS_SCHEMA } from "../data/schemas/tls.ts";
import { grouped, type ScanInput } from "./scan_records.ts";

/** Columns of `tls.csv`, in order (from its schema, `lib/data/schemas/tls.ts`). */
export const TLS_COLUMNS = columnNames(TLS_SCHEMA);

/** A row of `tls.csv`. */
export type TlsRow = RowOf<typeof TLS_SCHEMA>;

/** Derive the rows of `tls.csv`, ordered by server, endpoint and chain position. */
export function deriveTls(records: ScanInput): TlsRow[] {
  const rows: TlsRow[] = [];
  for (const s of grouped(records).servers) {
    const tlsRecs = s.records.filter((r) => r.probe === "tls" && r.status === "success")
      .sort((a, b) => (a.ip ?? "").localeCompare(b.ip ?? "") || (a.port ?? 0) - (b.port ?? 0));
    for (const r of tlsRecs) {
      const chain = (r.data.chain as Record<string, unknown>[] | undefined) ?? [];
      const v = r.data.verification as { verified?: boolean; reason?: string } | null | undefined;
      // Judged at the time the probe judged them (the lab's clock in a lab run), else the record's.
      const at = Date.parse(typeof r.data.checked_at === "string" ? r.data.checked_at : r.t);
      chain.forEach((c, i) => {
        const notBefore = (c.not_before as string | null | undefined) ?? null;
        const notAfter = (c.not_after as string | null | undefined) ?? null;
        const validity = notBefore && notAfter
          ? at < Date.parse(notBefore)
            ? "not-yet-valid"
            : at > Date.parse(notAfter)
            ? "expired"
            : "valid"
          : null;
        rows.push({
          server: s.server,
          ip: r.ip,
          port: r.port,
          chain_position: i,
          chain_length: chain.length,
          subject: (c.subject as string | undefined) ?? null,
          issuer: (c.issuer as string | undefined) ?? null,
          subject_cn: (c.subject_cn as string | null | undefined) ?? null,
          subject_o: (c.subject_o as string | null | undefined) ?? null,
          subject_c: (c.subject_c as string | null | undefined) ?? null,
          issuer_cn: (c.issuer_cn as string | null | undefined) ?? null,
          issuer_o: (c.issuer_o as string | null | undefined) ?? null,
          san_dns: ((c.san_dns as string[] | undefined) ?? []).join(";") || null,
          san_ip: ((c.san_ip as string[] | undefined) ?? []).join(";") || null,
          san_count: (c.san_count as number | undefined) ?? null,
          serial_hex: (c.serial_hex as string | undefined) ?? null,
          not_before: notBefore,
          not_after: notAfter,
          validity_at_scan: validity,
          days_to_expiry: notAfter ? Math.floor((Date.parse(notAfter) - at) / 86_400_000) : null,
          key_type: (c.key_type as string | undefined) ?? null,
          key_bits: (c.key_bits as number | null | undefined) ?? null,
          key_curve: (c.key_curve as string | null | undefined) ?? null,
          signature_algorithm: (c.signature_algorithm as string | undefined) ?? null,
          self_signed: typeof c.self_signed === "boolean" ? c.self_signed : null,
          self_issued: typeof c.self_issued === "boolean" ? c.self_issued : null,
          is_ca: typeof c.is_ca === "boolean" ? c.is_ca : null,
          chain_verifies: i === 0 && v ? v.verified === true : null,
          verify_reason: i === 0 && v ? v.reason ?? null : null,
          checked_name: i === 0 ? (r.data.checked_name as string | undefined) ?? null : null,
          sha256: (c.sha256 as string | null | undefined) ?? null,
          spki_sha256: (c.spki_sha256 as string | undefined) ?? null,
          tls_version: (r.data.protocol as string | null | undefined) ?? null,
          tls_cipher: (r.data.cipher as string | null | undefined) ?? null,
          known_default_cert: (c.known as string | null | undefined) ?? null,
          parse_error: c.ok === false ? `${c.error}: ${c.message}` : null,
        });
      });
    }
  }
  return rows;
}
