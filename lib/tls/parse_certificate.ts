/**
 * Parse an X.509 certificate (DER) into a plain, bounded record, for the collector. Parsed with
 * node-forge's `asn1` module, not `forge.pki` (which rejects EC keys); byte ranges for hashes and
 * signature checks come from a small TLV reader so they are the exact bytes received.
 *
 * ```text
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 * TBSCertificate ::= SEQUENCE { [0] version?, serialNumber, signature, issuer, validity
 *   SEQUENCE { notBefore, notAfter }, subject, subjectPublicKeyInfo SEQUENCE { algorithm,
 *   subjectPublicKey BIT STRING }, [1] issuerUID?, [2] subjectUID?, [3] extensions? }
 * ```
 * (RFC 5280 section 4.1, https://www.rfc-editor.org/rfc/rfc5280#section-4.1)
 *
 * Hostile input never throws: it becomes a {@linkcode CertificateParseError} record. Input is
 * bounded (default 64 KiB), nesting is bounded (32 levels), strings are cut (default 256
 * characters) and SANs recorded are capped (default 100, with the total counted).
 *
 * @module
 */
import { createHash, createPublicKey, verify } from "node:crypto";
import { asn1, bytesOf, childrenOf, fromDer, readTlv } from "./_der.ts";
import {
  type DecodeContext,
  decodeName,
  decodeTime,
  expect,
  hex,
  kids,
  type NameRecord,
  oidOf,
  warn,
} from "./_decode.ts";
import { decodeExtensions } from "./_extensions.ts";
import { type CertificateKeyType, decodeKey } from "./_public_key_info.ts";
import { SIGNATURE_ALGORITHMS } from "./_oids.ts";

export type { NameAttribute, NameRecord } from "./_decode.ts";
export type { CertificateKeyType } from "./_public_key_info.ts";

/** Where a certificate stands relative to `now`. */
export type CertificateValidity = "valid" | "expired" | "not-yet-valid" | "unknown";

/** A parsed certificate. Unknown values are null, never 0 or "". */
export interface ParsedCertificate {
  /** Discriminant: parsed. */
  ok: true;
  /** Size of the DER input, bytes. */
  sizeBytes: number;
  /** SHA-256 of the DER certificate, lowercase hex. */
  sha256: string;
  /** The same, uppercase with colons (`4F:AF:...`, as openssl and browsers show it). */
  sha256Colon: string;
  /** SHA-256 of the SubjectPublicKeyInfo DER, lowercase hex (key reuse across certificates). */
  spkiSha256: string;
  /** X.509 version (1, 2 or 3). */
  version: number;
  /** Serial number, uppercase hex without the DER sign byte (as `openssl x509 -serial`). */
  serialHex: string;
  /** Subject name. */
  subject: NameRecord;
  /** Issuer name. */
  issuer: NameRecord;
  /** First subject CN, or null. */
  subjectCn: string | null;
  /** subjectAltName DNS names (the first `maxSans` names of all kinds are looked at). */
  sanDns: string[];
  /** subjectAltName IP addresses as text. */
  sanIp: string[];
  /** Total number of subjectAltName entries of any kind. */
  sanCount: number;
  /** Whether entries past `maxSans` were left out. */
  sanTruncated: boolean;
  /** Start of validity, ISO 8601, or null if unreadable. */
  notBefore: string | null;
  /** End of validity, ISO 8601 (`9999-12-31T23:59:59.000Z` is valid), or null. */
  notAfter: string | null;
  /** Validity relative to `options.now`. */
  validity: CertificateValidity;
  /** Public-key family. */
  keyType: CertificateKeyType;
  /** RSA modulus bits, EC curve bits, 256 for Ed25519; null when unreadable. */
  keyBits: number | null;
  /** EC curve name (`P-256`) or its OID when unknown; null for other keys. */
  keyCurve: string | null;
  /** Public-key algorithm OID. */
  keyAlgorithmOid: string;
  /** RSA public exponent when it fits in 48 bits, else null. */
  rsaExponent: number | null;
  /** Signature algorithm name (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`) or its OID. */
  signatureAlgorithm: string;
  /** Issuer name equals subject name. */
  selfIssued: boolean;
  /** Whether the signature verifies with the certificate's own key: null if not self-issued
   * or not checkable (unsupported algorithm, unusable key). */
  selfSignatureValid: boolean | null;
  /** Self-issued and the own-key signature does not fail (true when it verifies or cannot be
   * checked). */
  selfSigned: boolean;
  /** basicConstraints cA. */
  isCa: boolean;
  /** basicConstraints pathLenConstraint, or null. */
  pathLength: number | null;
  /** keyUsage bit names. */
  keyUsage: string[];
  /** extKeyUsage names or OIDs (first 32). */
  extendedKeyUsage: string[];
  /** Extension OIDs in order (first 64): a template signature, JA4X-style. */
  extensionOids: string[];
  /** What was odd or cut while parsing (at most 32). */
  warnings: string[];
}

/** Input that is not a readable certificate. */
export interface CertificateParseError {
  /** Discriminant: not parsed. */
  ok: false;
  /** Why: no bytes, over the size bound, or not a well-formed certificate. */
  error: "empty" | "too-large" | "malformed";
  /** Human-readable detail (at most 300 characters). */
  message: string;
  /** Size of the input, bytes. */
  sizeBytes: number;
  /** SHA-256 of the input, lowercase hex; null when over the size bound. */
  sha256: string | null;
}

/** What {@linkcode parseCertificate} returns. */
export type CertificateRecord = ParsedCertificate | CertificateParseError;

/** Options of {@linkcode parseCertificate}. */
export interface ParseCertificateOptions {
  /** The time validity is judged at. Default: the current time. */
  now?: Date;
  /** Largest accepted input, bytes. Default 65,536. */
  maxBytes?: number;
  /** Most subjectAltName entries looked at and recorded. Default 100. */
  maxSans?: number;
  /** Longest string recorded, characters. Default 256. */
  maxStringLength?: number;
}

const T = asn1.Type;

function fail(
  error: CertificateParseError["error"],
  message: string,
  der: Uint8Array,
  hash: boolean,
): CertificateParseError {
  return {
    ok: false,
    error,
    message: message.slice(0, 300),
    sizeBytes: der.length,
    sha256: hash ? createHash("sha256").update(der).digest("hex") : null,
  };
}

function positiveInt(v: number | undefined, dflt: number, what: string): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${v}`);
  }
  return v;
}

/**
 * Parse a DER certificate into a bounded plain record.
 *
 * @param der The certificate bytes (for example `getPeerCertificate(true).raw`).
 * @param options `now` (default current time), `maxBytes` (65,536), `maxSans` (100),
 *   `maxStringLength` (256).
 * @returns A {@linkcode ParsedCertificate}, or a {@linkcode CertificateParseError} for empty,
 *   oversized or malformed input. Never throws on the bytes themselves.
 * @throws {TypeError} if `der` is not a Uint8Array. {RangeError} for invalid options.
 * @example
 * ```ts
 * const rec = parseCertificate(socket.getPeerCertificate(true).raw, { now: new Date() });
 * if (rec.ok) console.log(rec.subjectCn, rec.keyType, rec.keyBits, rec.validity);
 * ```
 */
export function parseCertificate(
  der: Uint8Array,
  options: ParseCertificateOptions = {},
): CertificateRecord {
  if (!(der instanceof Uint8Array)) {
    throw new TypeError(`der must be a Uint8Array, got ${typeof der}`);
  }
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new RangeError("options.now must be a valid Date");
  }
  const maxBytes = positiveInt(options.maxBytes, 65_536, "options.maxBytes");
  const maxSans = positiveInt(options.maxSans, 100, "options.maxSans");
  const c: DecodeContext = {
    maxStringLength: positiveInt(options.maxStringLength, 256, "options.maxStringLength"),
    warnings: [],
  };
  if (der.length === 0) return fail("empty", "no certificate bytes", der, true);
  if (der.length > maxBytes) {
    return fail(
      "too-large",
      `certificate is ${der.length} bytes, over the ${maxBytes}-byte bound`,
      der,
      false,
    );
  }
  try {
    return decode(der, now, maxSans, c);
  } catch (err) {
    // Stack exhaustion on pathological nesting lands here too.
    return fail("malformed", String((err as Error)?.message ?? err), der, true);
  }
}

function decode(der: Uint8Array, now: Date, maxSans: number, c: DecodeContext): ParsedCertificate {
  const root = fromDer(der);
  const [tbs, sigAlg, sigValue] = kids(expect(root, T.SEQUENCE, "Certificate"), "Certificate");
  const t = kids(expect(tbs, T.SEQUENCE, "tbsCertificate"), "tbsCertificate");
  const hasVersion = t[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC && t[0].type === 0;
  const i = hasVersion ? 1 : 0;
  let version = 1;
  if (hasVersion) {
    const vb = bytesOf(expect(kids(t[0], "version")[0], T.INTEGER, "version").value as string);
    version = vb.length <= 2 ? Number(BigInt("0x" + (hex(vb) || "0"))) + 1 : -1;
    if (version < 1 || version > 3) warn(c, `unusual version field ${hex(vb).slice(0, 16)}`);
  }
  let serialBytes = bytesOf(expect(t[i], T.INTEGER, "serialNumber").value as string);
  if (serialBytes[0] & 0x80) warn(c, "negative serial number");
  if (serialBytes.length > 1 && serialBytes[0] === 0) serialBytes = serialBytes.subarray(1);
  if (serialBytes.length > 64) warn(c, "serial number longer than 64 bytes; truncated");
  const serialHex = hex(serialBytes.subarray(0, 64)).toUpperCase();
  const innerSigOid = oidOf(
    kids(expect(t[i + 1], T.SEQUENCE, "signature"), "signature")[0],
    "signature OID",
  );
  const issuer = decodeName(t[i + 2], c, "issuer");
  const validityKids = kids(expect(t[i + 3], T.SEQUENCE, "validity"), "validity");
  const notBefore = validityKids[0] ? decodeTime(validityKids[0]) : null;
  const notAfter = validityKids[1] ? decodeTime(validityKids[1]) : null;
  if (!notBefore || !notAfter) warn(c, "unreadable validity time");
  const subject = decodeName(t[i + 4], c, "subject");
  const key = decodeKey(t[i + 5], c);
  const extNode = t.slice(i + 6).find((n) =>
    n.tagClass === asn1.Class.CONTEXT_SPECIFIC && n.type === 3
  );
  const ext = decodeExtensions(extNode ? kids(extNode, "extensions")[0] : undefined, c, maxSans);

  const sigOid = oidOf(
    kids(expect(sigAlg, T.SEQUENCE, "signatureAlgorithm"), "signatureAlgorithm")[0],
    "signatureAlgorithm OID",
  );
  if (sigOid !== innerSigOid) warn(c, "outer and inner signature algorithms differ");
  const sig = bytesOf(expect(sigValue, T.BITSTRING, "signatureValue").value as string).subarray(1);

  // Exact byte ranges (forge's tree has no offsets).
  const tlvRoot = readTlv(der, 0);
  const tlvTbs = childrenOf(der, tlvRoot)[0];
  const tbsParts = childrenOf(der, tlvTbs);
  const issuerTlv = tbsParts[i + 2], subjectTlv = tbsParts[i + 4], spkiTlv = tbsParts[i + 5];
  const spki = der.subarray(spkiTlv.start, spkiTlv.end);
  const issuerBytes = der.subarray(issuerTlv.start, issuerTlv.end);
  const subjectBytes = der.subarray(subjectTlv.start, subjectTlv.end);
  const selfIssued = Buffer.from(issuerBytes).equals(subjectBytes) || issuer.text === subject.text;

  let selfSignatureValid: boolean | null = null;
  const alg = SIGNATURE_ALGORITHMS[sigOid];
  const checkable = alg && alg[2] !== "other" &&
    !(key.keyType === "rsa" && ((key.keyBits ?? 0) > 16384 || key.rsaExponent === null));
  if (selfIssued && checkable) {
    try {
      const pub = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
      selfSignatureValid = verify(alg[1], der.subarray(tlvTbs.start, tlvTbs.end), pub, sig);
    } catch {
      selfSignatureValid = null;
    }
  }

  const sha = createHash("sha256").update(der).digest("hex");
  const validity: CertificateValidity = !notBefore || !notAfter
    ? "unknown"
    : now < notBefore
    ? "not-yet-valid"
    : now > notAfter
    ? "expired"
    : "valid";
  return {
    ok: true,
    sizeBytes: der.length,
    sha256: sha,
    sha256Colon: sha.toUpperCase().match(/../g)!.join(":"),
    spkiSha256: createHash("sha256").update(spki).digest("hex"),
    version,
    serialHex,
    subject,
    issuer,
    subjectCn: subject.CN,
    sanDns: ext.sanDns,
    sanIp: ext.sanIp,
    sanCount: ext.sanCount,
    sanTruncated: ext.sanTruncated,
    notBefore: notBefore?.toISOString() ?? null,
    notAfter: notAfter?.toISOString() ?? null,
    validity,
    ...key,
    signatureAlgorithm: alg?.[0] ?? sigOid,
    selfIssued,
    selfSignatureValid,
    selfSigned: selfIssued && selfSignatureValid !== false,
    isCa: ext.isCa,
    pathLength: ext.pathLength,
    keyUsage: ext.keyUsage,
    extendedKeyUsage: ext.extendedKeyUsage,
    extensionOids: ext.extensionOids,
    warnings: c.warnings,
  };
}
