/**
 * Probe `tls`: the certificate chain the `reach` handshake captured (DER, leaf first), parsed with
 * `lib/tls` `parseCertificate` and verified with `verifyChain` for the host name against the
 * trust anchors of the run (the system store, node:tls `rootCertificates`, live; the lab CA in
 * the lab). Nothing is sent: the probe reads the main session's dial. Fields are bounded; the
 * DER itself stays in the `reach` record.
 *
 * @module
 */
import net from "node:net";
import { parseCertificate } from "../tls/parse_certificate.ts";
import { verifyChain } from "../tls/verify_chain.ts";
import { knownCertificate } from "../tls/known_certificates.ts";
import type { Probe } from "./probe.ts";

/** One certificate, as recorded (a bounded subset of `ParsedCertificate`). */
export function certificateSummary(der: Uint8Array, now: Date): Record<string, unknown> {
  const c = parseCertificate(der, { now });
  if (!c.ok) {
    return {
      ok: false,
      error: c.error,
      message: c.message,
      size_bytes: c.sizeBytes,
      sha256: c.sha256,
    };
  }
  return {
    ok: true,
    sha256: c.sha256,
    spki_sha256: c.spkiSha256,
    version: c.version,
    serial_hex: c.serialHex,
    subject: c.subject.text,
    issuer: c.issuer.text,
    subject_cn: c.subjectCn,
    subject_o: c.subject.O,
    subject_c: c.subject.C,
    issuer_cn: c.issuer.CN,
    issuer_o: c.issuer.O,
    san_dns: c.sanDns.slice(0, 20),
    san_ip: c.sanIp.slice(0, 20),
    san_count: c.sanCount,
    not_before: c.notBefore,
    not_after: c.notAfter,
    validity: c.validity,
    key_type: c.keyType,
    key_bits: c.keyBits,
    key_curve: c.keyCurve,
    signature_algorithm: c.signatureAlgorithm,
    self_issued: c.selfIssued,
    self_signed: c.selfSigned,
    is_ca: c.isCa,
    extension_oids: c.extensionOids.slice(0, 20),
    known: knownCertificate(c.sha256)?.id ?? null,
    warnings: c.warnings.slice(0, 8),
  };
}

export const tls: Probe = {
  name: "tls",
  version: "2",
  run(ctx) {
    if (ctx.endpoint.transport !== "tls") {
      return Promise.resolve({
        status: "unsupported",
        op: null,
        message: "not a TLS endpoint",
        data: {},
      });
    }
    const info = ctx.dial?.status === "success" ? ctx.dial.tls : null;
    if (!info) {
      return Promise.resolve({ status: "closed", op: "tls", message: "no TLS session", data: {} });
    }
    // The wall clock, or the lab's clock in a lab run (recorded as `checked_at`).
    const now = ctx.certificateTime?.() ?? new Date();
    const chain = info.chainDer.map((d) => certificateSummary(d, now));
    const host = ctx.endpoint.host;
    const name = net.isIP(host) || ctx.endpoint.network === "onion"
      ? host
      : host.replace(/\.$/, "");
    let verification: Record<string, unknown> | null = null;
    if (ctx.trustAnchorsPem) {
      const v = verifyChain(info.chainDer, name, { trustAnchorsPem: ctx.trustAnchorsPem, now });
      verification = {
        verified: v.verified,
        reason: v.reason,
        depth: v.depth,
        path: v.path.slice(0, 8),
      };
    }
    return Promise.resolve({
      status: chain.length ? "success" : "protocol-error",
      op: chain.length ? null : "tls",
      message: chain.length ? null : "no certificate presented",
      data: {
        protocol: info.protocol,
        cipher: info.cipher,
        alpn: info.alpn,
        chain,
        checked_name: name,
        checked_at: now.toISOString(),
        verification,
        anchors: ctx.trustAnchorsPem ? "given" : null,
      },
    });
  },
};
