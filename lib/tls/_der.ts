/**
 * Small DER helpers over node-forge's `asn1` module (internal): node constructors for the
 * certificate builder, byte/"binary string" conversion, a bounds-checked TLV reader that gives
 * byte ranges (forge's parse tree does not keep offsets), and time encoding (RFC 5280 4.1.2.5).
 *
 * A TLV is `tag (1 byte here; high tag numbers are read but not interpreted) | length (short
 * form < 0x80, or 0x81..0x84 followed by 1-4 big-endian length bytes) | value`.
 *
 * @module
 */
import forge from "node-forge";

/** node-forge's ASN.1 module. */
export const asn1 = forge.asn1;
/** A node-forge ASN.1 node. */
export type Asn1 = forge.asn1.Asn1;

/** Bytes to a forge "binary string" (one char per byte). */
export function bin(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** A forge "binary string" to bytes. */
export function bytesOf(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, "latin1"));
}

/** DER-encode a forge node. */
export function toDer(node: Asn1): Uint8Array {
  return bytesOf(asn1.toDer(node).getBytes());
}

const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;

/** SEQUENCE of the given nodes. */
export const seq = (...c: Asn1[]): Asn1 => asn1.create(U, T.SEQUENCE, true, c);
/** SET of the given nodes. */
export const set = (...c: Asn1[]): Asn1 => asn1.create(U, T.SET, true, c);
/** OBJECT IDENTIFIER. */
export const oid = (s: string): Asn1 => asn1.create(U, T.OID, false, asn1.oidToDer(s).getBytes());
/** NULL. */
export const nul = (): Asn1 => asn1.create(U, T.NULL, false, "");
/** BOOLEAN. */
export const bool = (b: boolean): Asn1 => asn1.create(U, T.BOOLEAN, false, b ? "\xff" : "\x00");
/** INTEGER from big-endian two's-complement content bytes. */
export const int = (b: Uint8Array): Asn1 => asn1.create(U, T.INTEGER, false, bin(b));
/** INTEGER from a small non-negative number. */
export const smallInt = (n: number): Asn1 =>
  asn1.create(U, T.INTEGER, false, asn1.integerToDer(n).getBytes());
/** OCTET STRING. */
export const octets = (b: Uint8Array): Asn1 => asn1.create(U, T.OCTETSTRING, false, bin(b));
/** BIT STRING with `unused` unused bits in the last byte. */
export const bits = (b: Uint8Array, unused = 0): Asn1 =>
  asn1.create(U, T.BITSTRING, false, String.fromCharCode(unused) + bin(b));
/** A string of the given universal type, UTF-8 encoded (callers pick the type). */
export const str = (type: number, s: string): Asn1 =>
  asn1.create(U, type, false, bin(new TextEncoder().encode(s)));
/** A context-specific tagged node: constructed (EXPLICIT, children) or primitive (IMPLICIT). */
export const ctx = (n: number, value: Asn1[] | string): Asn1 =>
  asn1.create(asn1.Class.CONTEXT_SPECIFIC, n, Array.isArray(value), value);

/**
 * UTCTime for 1950..2049 and GeneralizedTime otherwise, seconds precision, always `Z`
 * (RFC 5280 4.1.2.5). Milliseconds are dropped.
 */
export function time(d: Date): Asn1 {
  const y = d.getUTCFullYear();
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  const rest = p(d.getUTCMonth() + 1) + p(d.getUTCDate()) + p(d.getUTCHours()) +
    p(d.getUTCMinutes()) + p(d.getUTCSeconds()) + "Z";
  if (y >= 1950 && y < 2050) return asn1.create(U, T.UTCTIME, false, p(y % 100) + rest);
  return asn1.create(U, T.GENERALIZEDTIME, false, p(y, 4) + rest);
}

/** Byte range of one TLV. */
export interface Tlv {
  /** First tag byte. */
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first value byte. */
  valueStart: number;
  /** Offset just past the value. */
  end: number;
}

/** Read the TLV at `off`, which must end by `limit`; throws RangeError when malformed. */
export function readTlv(b: Uint8Array, off: number, limit = b.length): Tlv {
  let i = off;
  if (i + 2 > limit) throw new RangeError(`truncated TLV at offset ${off}`);
  const tag = b[i++];
  if ((tag & 0x1f) === 0x1f) {
    while (i < limit && b[i] & 0x80) i++;
    i++;
  }
  if (i >= limit) throw new RangeError(`truncated TLV at offset ${off}`);
  let len = b[i++];
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new RangeError(`unsupported length form at offset ${off}`);
    if (i + n > limit) throw new RangeError(`truncated length at offset ${off}`);
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + b[i++];
  }
  if (i + len > limit) throw new RangeError(`TLV at offset ${off} overruns its container`);
  return { tag, start: off, valueStart: i, end: i + len };
}

/** The TLVs directly inside a constructed TLV. */
export function childrenOf(b: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let off = parent.valueStart; off < parent.end;) {
    const t = readTlv(b, off, parent.end);
    out.push(t);
    off = t.end;
  }
  return out;
}

/** Options of forge's `fromDer` that its type declarations leave out. */
interface FromDerOptions {
  strict: boolean;
  parseAllBytes: boolean;
  decodeBitStrings: boolean;
  maxDepth: number;
}

/**
 * Strict DER parse with forge: all bytes consumed, BIT STRINGs left opaque (so re-encoding is
 * exact and no guessing at nested ASN.1), nesting bounded (default 32 levels).
 */
export function fromDer(der: Uint8Array, maxDepth = 32): Asn1 {
  const opts: FromDerOptions = {
    strict: true,
    parseAllBytes: true,
    decodeBitStrings: false,
    maxDepth,
  };
  return (asn1.fromDer as unknown as (b: string, o: FromDerOptions) => Asn1)(bin(der), opts);
}
