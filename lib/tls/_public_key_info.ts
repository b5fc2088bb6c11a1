/**
 * SubjectPublicKeyInfo decoding for the certificate parser (internal): key family, size, curve,
 * RSA exponent (RFC 5280 4.1.2.7; RFC 3279 and RFC 5480 for the key formats).
 *
 * @module
 */
import { type Asn1, asn1, bytesOf, fromDer } from "./_der.ts";
import {
  bound,
  type DecodeContext,
  expect,
  hex,
  kids,
  oidOf,
  unsignedBits,
  warn,
} from "./_decode.ts";
import { CURVES, KEY_ALGORITHMS } from "./_oids.ts";

const T = asn1.Type;

/** Public-key family. */
export type CertificateKeyType = "rsa" | "ec" | "ed25519" | "ed448" | "dsa" | "unknown";

/** What the parser records about a public key. */
export interface KeyInfo {
  keyType: CertificateKeyType;
  keyBits: number | null;
  keyCurve: string | null;
  keyAlgorithmOid: string;
  rsaExponent: number | null;
}

/** Decode a SubjectPublicKeyInfo node; a malformed key body becomes a warning. */
export function decodeKey(spki: Asn1, c: DecodeContext): KeyInfo {
  const [alg, bitString] = kids(
    expect(spki, T.SEQUENCE, "subjectPublicKeyInfo"),
    "subjectPublicKeyInfo",
  );
  const algKids = kids(expect(alg, T.SEQUENCE, "key algorithm"), "key algorithm");
  const keyAlgorithmOid = oidOf(algKids[0], "key algorithm OID");
  const raw = bytesOf(expect(bitString, T.BITSTRING, "subjectPublicKey").value as string).subarray(
    1,
  );
  const info: KeyInfo = {
    keyType: "unknown",
    keyBits: null,
    keyCurve: null,
    keyAlgorithmOid,
    rsaExponent: null,
  };
  if (raw.length === 0) warn(c, "zero-length public key");
  try {
    switch (keyAlgorithmOid) {
      case KEY_ALGORITHMS.rsa: {
        info.keyType = "rsa";
        if (!raw.length) break;
        const [n, e] = kids(expect(fromDer(raw), T.SEQUENCE, "RSAPublicKey"), "RSAPublicKey");
        const nb = bytesOf(expect(n, T.INTEGER, "modulus").value as string);
        info.keyBits = unsignedBits(nb);
        if (info.keyBits === 0) warn(c, "zero-length RSA modulus");
        const eb = bytesOf(expect(e, T.INTEGER, "exponent").value as string);
        info.rsaExponent = unsignedBits(eb) <= 48 ? Number(BigInt("0x" + (hex(eb) || "0"))) : null;
        break;
      }
      case KEY_ALGORITHMS.ec: {
        info.keyType = "ec";
        const params = algKids[1];
        if (params?.type === T.OID) {
          const curve = oidOf(params, "curve");
          info.keyCurve = CURVES[curve]?.[0] ?? curve;
          info.keyBits = CURVES[curve]?.[1] ?? null;
        } else warn(c, "EC key without a named curve");
        if (info.keyBits === null && raw.length > 1) {
          info.keyBits = (raw[0] === 4 ? (raw.length - 1) / 2 : raw.length - 1) * 8;
        }
        break;
      }
      case KEY_ALGORITHMS.ed25519:
        info.keyType = "ed25519";
        info.keyBits = raw.length ? 256 : null;
        break;
      case KEY_ALGORITHMS.ed448:
        info.keyType = "ed448";
        info.keyBits = raw.length ? 456 : null;
        break;
      case KEY_ALGORITHMS.dsa: {
        info.keyType = "dsa";
        const p = algKids[1] && Array.isArray(algKids[1].value) ? algKids[1].value[0] : undefined;
        if (p?.type === T.INTEGER) info.keyBits = unsignedBits(bytesOf(p.value as string));
        break;
      }
    }
  } catch (err) {
    warn(
      c,
      `malformed ${info.keyType} public key: ${
        bound(c, String((err as Error).message), "message")
      }`,
    );
  }
  return info;
}
