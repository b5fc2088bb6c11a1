/**
 * The v3 extensions the certificate builder writes (internal), in this order: basicConstraints
 * (critical), keyUsage (critical), extKeyUsage, subjectAltName, subjectKeyIdentifier,
 * authorityKeyIdentifier (RFC 5280 section 4.2).
 *
 * @module
 */
import { createHash } from "node:crypto";
import {
  type Asn1,
  bin,
  bits,
  bool,
  childrenOf,
  ctx,
  octets,
  oid,
  readTlv,
  seq,
  smallInt,
  toDer,
} from "../../tls/_der.ts";
import { ipBytesOf } from "../../tls/_decode.ts";
import {
  EXT_KEY_USAGE_OIDS,
  EXTENSIONS,
  type ExtKeyUsage,
  KEY_USAGE_BITS,
  type KeyUsage,
} from "../../tls/_oids.ts";
import type { LabKey } from "./lab_key.ts";

/**
 * The options of `makeCertificate` (make_certificate.ts) that shape the v3 extensions;
 * `MakeCertificateOptions` extends this, so they are declared and documented once.
 */
export interface V3ExtensionOptions {
  /** DNS names for subjectAltName. Default none. Any number; strings written as given. */
  dnsNames?: readonly string[];
  /** IPv4/IPv6 addresses for subjectAltName. Default none. */
  ipAddresses?: readonly string[];
  /** basicConstraints cA. Default false (a leaf). */
  ca?: boolean;
  /** basicConstraints pathLenConstraint for a CA. Default: none. */
  pathLength?: number;
  /** keyUsage bits. Default: CA: digitalSignature, keyCertSign, cRLSign; RSA leaf:
   * digitalSignature, keyEncipherment; other leaf: digitalSignature. `[]` omits the extension. */
  keyUsage?: readonly KeyUsage[];
  /** extKeyUsage. Default: leaf serverAuth, CA none. `[]` omits the extension. */
  extendedKeyUsage?: readonly ExtKeyUsage[];
}

/** SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2 method 1). */
function keyId(spki: Uint8Array): Uint8Array {
  const [, bitString] = childrenOf(spki, readTlv(spki, 0));
  return createHash("sha1").update(spki.subarray(bitString.valueStart + 1, bitString.end)).digest();
}

function extension(id: string, critical: boolean, value: Asn1): Asn1 {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(toDer(value)));
}

/** keyUsage as a DER BIT STRING: bit 0 is the high bit of the first byte, trailing zeros unused. */
function keyUsageBits(usages: readonly KeyUsage[]): Asn1 {
  let v = 0;
  for (const u of usages) {
    const i = KEY_USAGE_BITS.indexOf(u);
    if (i < 0) throw new TypeError(`options.keyUsage: unknown usage ${JSON.stringify(u)}`);
    v |= 1 << (15 - i);
  }
  const bytes = v & 0xff ? [v >> 8, v & 0xff] : [v >> 8];
  let last = bytes[bytes.length - 1], unused = 0;
  while (last && !(last & 1)) last >>= 1, unused++;
  return bits(new Uint8Array(bytes), unused);
}

/**
 * The extensions of a v3 certificate for `key` signed by `signer`, from the builder's options
 * (defaults as documented on {@linkcode MakeCertificateOptions}).
 *
 * @throws {TypeError} for an unknown key usage or an invalid IP address.
 * @throws {RangeError} for an invalid path length.
 */
export function v3Extensions(key: LabKey, signer: LabKey, options: V3ExtensionOptions): Asn1[] {
  const exts: Asn1[] = [];
  const ca = options.ca ?? false;
  const bc: Asn1[] = ca ? [bool(true)] : [];
  if (ca && options.pathLength !== undefined) {
    if (!Number.isInteger(options.pathLength) || options.pathLength < 0) {
      throw new RangeError(
        `options.pathLength must be a non-negative integer, got ${options.pathLength}`,
      );
    }
    bc.push(smallInt(options.pathLength));
  }
  exts.push(extension(EXTENSIONS.basicConstraints, true, seq(...bc)));

  const usage: readonly KeyUsage[] = options.keyUsage ??
    (ca
      ? ["digitalSignature", "keyCertSign", "cRLSign"]
      : key.type.startsWith("rsa")
      ? ["digitalSignature", "keyEncipherment"]
      : ["digitalSignature"]);
  if (usage.length) exts.push(extension(EXTENSIONS.keyUsage, true, keyUsageBits(usage)));

  const eku: readonly ExtKeyUsage[] = options.extendedKeyUsage ?? (ca ? [] : ["serverAuth"]);
  if (eku.length) {
    const oids = eku.map((u) => {
      const o = EXT_KEY_USAGE_OIDS[u];
      if (!o) throw new TypeError(`options.extendedKeyUsage: unknown usage ${JSON.stringify(u)}`);
      return oid(o);
    });
    exts.push(extension(EXTENSIONS.extKeyUsage, false, seq(...oids)));
  }

  const names: Asn1[] = [
    ...(options.dnsNames ?? []).map((n) => ctx(2, bin(new TextEncoder().encode(String(n))))),
    ...(options.ipAddresses ?? []).map((ip) => {
      const b = typeof ip === "string" ? ipBytesOf(ip) : null;
      if (!b) {
        throw new TypeError(`options.ipAddresses: ${JSON.stringify(ip)} is not an IP address`);
      }
      return ctx(7, bin(b));
    }),
  ];
  if (names.length) exts.push(extension(EXTENSIONS.subjectAltName, false, seq(...names)));
  exts.push(extension(EXTENSIONS.subjectKeyIdentifier, false, octets(keyId(key.spkiDer))));
  exts.push(
    extension(EXTENSIONS.authorityKeyIdentifier, false, seq(ctx(0, bin(keyId(signer.spkiDer))))),
  );
  return exts;
}
