/**
 * Build and sign an X.509 v3 (or v1) certificate by hand: the DER is assembled with node-forge's
 * `asn1` module (forge's own `pki` cannot sign with EC keys) and signed with node:crypto.
 *
 * ```text
 * Certificate  ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
 * TBSCertificate ::= SEQUENCE {
 *   version [0] EXPLICIT INTEGER (2 = v3; absent = v1), serialNumber INTEGER,
 *   signature AlgorithmIdentifier, issuer Name, validity SEQUENCE { notBefore, notAfter },
 *   subject Name, subjectPublicKeyInfo, extensions [3] EXPLICIT SEQUENCE OF Extension }
 * ```
 * (RFC 5280 section 4.1, https://www.rfc-editor.org/rfc/rfc5280#section-4.1)
 *
 * Same key and options, same bytes: RSA PKCS#1 v1.5 and Ed25519 signatures are deterministic,
 * and Deno's ECDSA uses RFC 6979 nonces (under Node, ECDSA signatures and so EC certificates'
 * fingerprints would vary from run to run).
 *
 * @module
 */
import { createHash, sign } from "node:crypto";
import {
  type Asn1,
  asn1,
  bits,
  childrenOf,
  ctx,
  fromDer,
  int,
  nul,
  oid,
  readTlv,
  seq,
  set,
  smallInt,
  str,
  time,
  toDer,
} from "../../tls/_der.ts";
import {
  DN_ATTRIBUTE_OIDS,
  type DnAttribute,
  type ExtKeyUsage,
  type KeyUsage,
} from "../../tls/_oids.ts";
import { type V3ExtensionOptions, v3Extensions } from "./_v3_extensions.ts";
import type { LabKey } from "./lab_key.ts";
import { derToPem } from "../../tls/pem.ts";

export type { DnAttribute, ExtKeyUsage, KeyUsage };

/**
 * A distinguished name: an object (written in the order C, ST, L, O, OU, CN, as openssl does)
 * or a list of `[attribute, value]` pairs written in the given order (repeats allowed). Values
 * are arbitrary strings, hostile ones included; they are written as UTF8String (C as
 * PrintableString when it fits, emailAddress and DC as IA5String when ASCII).
 */
export type DistinguishedName =
  | Partial<Record<"C" | "ST" | "L" | "O" | "OU" | "CN", string>>
  | ReadonlyArray<readonly [DnAttribute, string]>;

/** A signed certificate with its key and chain, ready for node:tls. */
export interface LabCertificate {
  /** The certificate, DER. */
  der: Uint8Array;
  /** The certificate alone, PEM. */
  pem: string;
  /** What a server sends: this certificate, then its intermediates (no self-signed root). */
  chainDer: Uint8Array[];
  /** {@linkcode LabCertificate.chainDer} as concatenated PEM (node:tls `cert`). */
  chainPem: string;
  /** The subject's private key, PKCS#8 PEM (node:tls `key`). */
  keyPem: string;
  /** The subject's key pair (to issue further certificates with this one). */
  key: LabKey;
  /** SHA-256 of {@linkcode LabCertificate.der}, lowercase hex. */
  sha256: string;
  /** Whether it was signed with its own key. */
  selfSigned: boolean;
}

/** Options of {@linkcode makeCertificate}. */
export interface MakeCertificateOptions extends V3ExtensionOptions {
  /** Subject name. Required. */
  subject: DistinguishedName;
  /** Issuing certificate (a CA made by this function). Default: none, self-signed. */
  issuer?: LabCertificate;
  /** Issuer name written into the certificate. Default: the issuer's subject (its exact DER),
   * or `subject` when self-signed. Set it to make a certificate lie about its issuer. */
  issuerName?: DistinguishedName;
  /** Serial number, big-endian bytes or hex (positive; a 00 is prefixed when the top bit is
   * set). Default: 16 bytes derived from the key, subject and notBefore. */
  serial?: Uint8Array | string;
  /** Start of validity. Default 2025-01-01T00:00:00Z. Milliseconds are dropped. */
  notBefore?: Date;
  /** End of validity (years up to 9999; 2050 and later are written as GeneralizedTime).
   * Default: notBefore + 1,825 days (the `-days 1825` of ElectrumX's HOWTO). */
  notAfter?: Date;
  /** Digest for RSA/ECDSA signatures. Default sha384 for a P-384 signer, else sha256.
   * Ignored for Ed25519. */
  hash?: "sha1" | "sha256" | "sha384" | "sha512";
  /** Certificate version: 3 (default) or 1 (no extensions, as old `openssl x509 -req` made). */
  version?: 1 | 3;
}

const SIG_OIDS: Record<string, Record<string, string>> = {
  rsa: {
    sha1: "1.2.840.113549.1.1.5",
    sha256: "1.2.840.113549.1.1.11",
    sha384: "1.2.840.113549.1.1.12",
    sha512: "1.2.840.113549.1.1.13",
  },
  ec: {
    sha1: "1.2.840.10045.4.1",
    sha256: "1.2.840.10045.4.3.2",
    sha384: "1.2.840.10045.4.3.3",
    sha512: "1.2.840.10045.4.3.4",
  },
};

const OBJECT_ORDER = ["C", "ST", "L", "O", "OU", "CN"] as const;
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

function encodeName(dn: DistinguishedName, what: string): Asn1 {
  const pairs: [string, string][] = Array.isArray(dn)
    ? dn.map((p) => [p[0], p[1]])
    : OBJECT_ORDER.flatMap((k) => {
      const v = (dn as Record<string, string | undefined>)[k];
      return v === undefined ? [] : [[k, v] as [string, string]];
    });
  return seq(...pairs.map(([attr, value]) => {
    const o = (DN_ATTRIBUTE_OIDS as Record<string, string>)[attr];
    if (!o) throw new TypeError(`${what}: unknown attribute ${JSON.stringify(attr)}`);
    if (typeof value !== "string") throw new TypeError(`${what}.${attr} must be a string`);
    const ascii = /^[ -~]*$/.test(value);
    const type = attr === "C" && PRINTABLE.test(value)
      ? asn1.Type.PRINTABLESTRING
      : (attr === "emailAddress" || attr === "DC") && ascii
      ? asn1.Type.IA5STRING
      : asn1.Type.UTF8;
    return set(seq(oid(o), str(type, value)));
  }));
}

function serialBytes(serial: Uint8Array | string): Uint8Array {
  let b: Uint8Array;
  if (typeof serial === "string") {
    const hex = serial.replace(/:/g, "");
    if (!/^[0-9a-fA-F]+$/.test(hex)) {
      throw new TypeError(`options.serial must be hex, got ${JSON.stringify(serial)}`);
    }
    b = new Uint8Array(Buffer.from(hex.length % 2 ? "0" + hex : hex, "hex"));
  } else if (serial instanceof Uint8Array) {
    b = serial;
  } else {
    throw new TypeError("options.serial must be a Uint8Array or a hex string");
  }
  if (b.length === 0) throw new RangeError("options.serial must not be empty");
  return b[0] & 0x80 ? new Uint8Array([0, ...b]) : b;
}

function checkDate(d: Date, what: string): Date {
  if (!(d instanceof Date)) throw new TypeError(`${what} must be a Date`);
  const y = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || y < 0 || y > 9999) {
    throw new RangeError(`${what} must be a valid date in years 0..9999, got ${d}`);
  }
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

/**
 * Make a certificate for `key`, self-signed or issued by `options.issuer`.
 *
 * @param key The subject's key pair (see `makeLabKey`).
 * @param options Subject, issuer, validity, names and constraints; see
 *   {@linkcode MakeCertificateOptions} for defaults.
 * @returns The DER and PEM certificate, the chain a server should send, and the key PEM.
 * @throws {TypeError} for a missing subject, unknown attribute, bad serial or IP address.
 * @throws {RangeError} for invalid dates, an empty serial, or extensions asked of a v1
 *   certificate.
 * @example
 * ```ts
 * const key = makeLabKey(1, { type: "ec-p256" });
 * const cert = makeCertificate(key, { subject: { CN: "e1.lab.invalid" }, dnsNames: ["e1.lab.invalid"] });
 * tls.createServer({ cert: cert.chainPem, key: cert.keyPem });
 * ```
 */
export function makeCertificate(key: LabKey, options: MakeCertificateOptions): LabCertificate {
  if (!key || !(key.spkiDer instanceof Uint8Array) || !key.privateKey) {
    throw new TypeError("key must be a LabKey (see makeLabKey)");
  }
  if (!options || typeof options.subject !== "object" || options.subject === null) {
    throw new TypeError("options.subject is required");
  }
  const version = options.version ?? 3;
  if (version !== 1 && version !== 3) {
    throw new RangeError(`options.version must be 1 or 3, got ${version}`);
  }
  const issuer = options.issuer;
  const signer = issuer ? issuer.key : key;
  const notBefore = checkDate(
    options.notBefore ?? new Date("2025-01-01T00:00:00Z"),
    "options.notBefore",
  );
  const notAfter = checkDate(
    options.notAfter ?? new Date(notBefore.getTime() + 1825 * 86_400_000),
    "options.notAfter",
  );
  const subjectName = encodeName(options.subject, "options.subject");
  let issuerName: Asn1;
  if (options.issuerName) issuerName = encodeName(options.issuerName, "options.issuerName");
  else if (issuer) {
    // Copy the issuer's subject bytes exactly, so name chaining matches byte for byte.
    const tbs = childrenOf(issuer.der, readTlv(issuer.der, 0))[0];
    const parts = childrenOf(issuer.der, tbs);
    const subj = parts[(parts[0].tag === 0xa0 ? 1 : 0) + 4];
    issuerName = fromDer(issuer.der.subarray(subj.start, subj.end));
  } else issuerName = subjectName;

  const hash = options.hash ?? (signer.type === "ec-p384" ? "sha384" : "sha256");
  const family = signer.type.startsWith("rsa") ? "rsa" : signer.type.startsWith("ec") ? "ec" : "ed";
  const sigOid = family === "ed" ? "1.3.101.112" : SIG_OIDS[family][hash];
  if (!sigOid) {
    throw new TypeError(`options.hash must be sha1, sha256, sha384 or sha512, got ${hash}`);
  }
  const sigAlg = family === "rsa" ? seq(oid(sigOid), nul()) : seq(oid(sigOid));

  const serial = serialBytes(
    options.serial ??
      createHash("sha256").update(key.spkiDer).update(toDer(subjectName))
        .update(notBefore.toISOString()).digest().subarray(0, 16).map((b, i) =>
          i ? b : (b & 0x7f) | 1
        ),
  );

  if (version === 1 && (options.dnsNames?.length || options.ipAddresses?.length || options.ca)) {
    throw new RangeError("a version 1 certificate cannot carry subjectAltName or basicConstraints");
  }
  const exts = version === 3 ? v3Extensions(key, signer, options) : [];

  const tbs = seq(
    ...(version === 3 ? [ctx(0, [smallInt(2)])] : []),
    int(serial),
    sigAlg,
    issuerName,
    seq(time(notBefore), time(notAfter)),
    subjectName,
    fromDer(key.spkiDer),
    ...(exts.length ? [ctx(3, [seq(...exts)])] : []),
  );
  const tbsDer = toDer(tbs);
  const signature = sign(family === "ed" ? null : hash, tbsDer, signer.privateKey);
  const der = toDer(seq(tbs, sigAlg, bits(new Uint8Array(signature))));
  const chainDer = [der, ...(issuer && !issuer.selfSigned ? issuer.chainDer : [])];
  return {
    der,
    pem: derToPem(der),
    chainDer,
    chainPem: chainDer.map((d) => derToPem(d)).join(""),
    keyPem: key.keyPem,
    key,
    sha256: createHash("sha256").update(der).digest("hex"),
    selfSigned: !issuer,
  };
}
