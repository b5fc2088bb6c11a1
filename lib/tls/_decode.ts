/**
 * Decoding helpers for the certificate parser (internal): ASN.1 string types, names (with an
 * RFC 4514-style text form), times, IP addresses. Every output string is bounded.
 *
 * @module
 */
import { type Asn1, asn1, bytesOf } from "./_der.ts";
import { parseIPv4, parseIPv6 } from "../net/address.ts";
import { formatV6 } from "../net/ip_literal.ts";
import { DN_ATTRIBUTE_NAMES } from "./_oids.ts";

const T = asn1.Type;
const U = asn1.Class.UNIVERSAL;
type Field = "C" | "ST" | "L" | "O" | "OU" | "CN";
const FIELDS: readonly string[] = ["C", "ST", "L", "O", "OU", "CN"];

/** Bounds and a place to note what was cut. */
export interface DecodeContext {
  maxStringLength: number;
  warnings: string[];
}

/** Note a warning once (the list itself is bounded). */
export function warn(c: DecodeContext, w: string): void {
  if (c.warnings.length < 32 && !c.warnings.includes(w)) c.warnings.push(w);
}

/** Cut `s` to the bound, noting it. */
export function bound(c: DecodeContext, s: string, what: string): string {
  if (s.length <= c.maxStringLength) return s;
  warn(c, `${what} truncated to ${c.maxStringLength} characters`);
  return s.slice(0, c.maxStringLength);
}

/** Decode the value of a string-typed node; unknown types become `#hex` (RFC 4514 2.4). */
export function decodeString(node: Asn1, c: DecodeContext, what: string): string {
  if (node.tagClass !== asn1.Class.UNIVERSAL || typeof node.value !== "string") {
    return bound(c, "#" + Buffer.from(bytesOf(asn1.toDer(node).getBytes())).toString("hex"), what);
  }
  // Only the first 4 x bound bytes matter: no character takes more than 4 bytes.
  const raw = bytesOf(node.value.slice(0, c.maxStringLength * 4 + 4));
  let s: string;
  switch (node.type as number) {
    case T.UTF8:
      s = new TextDecoder("utf-8").decode(raw);
      break;
    case T.BMPSTRING:
      s = new TextDecoder("utf-16be").decode(raw.subarray(0, raw.length & ~1));
      break;
    case 28: { // UniversalString, UTF-32BE
      const cps: number[] = [];
      for (let i = 0; i + 4 <= raw.length; i += 4) {
        const cp = ((raw[i] << 24) | (raw[i + 1] << 16) | (raw[i + 2] << 8) | raw[i + 3]) >>> 0;
        cps.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
      }
      s = String.fromCodePoint(...cps);
      break;
    }
    case T.PRINTABLESTRING:
    case T.IA5STRING:
    case 26: // VisibleString
    case 20: // TeletexString, read as Latin-1 as most software does
    case 27: // GeneralString
    case 18: // NumericString
      s = Buffer.from(raw).toString("latin1");
      break;
    default:
      return bound(
        c,
        "#" + Buffer.from(bytesOf(asn1.toDer(node).getBytes())).toString("hex"),
        what,
      );
  }
  // When the input was cut, `s` is longer than the bound (every character takes <= 4 bytes), so
  // bound() notes the truncation.
  return bound(c, s, what);
}

/** One attribute of a name. */
export interface NameAttribute {
  /** Short name (CN, O, ...) or the dotted OID. */
  type: string;
  /** Decoded value (bounded). */
  value: string;
}

/** A decoded name: per-field first values, all attributes, and an RFC 4514-style string. */
export interface NameRecord {
  /** First countryName, or null. */
  C: string | null;
  /** First stateOrProvinceName, or null. */
  ST: string | null;
  /** First localityName, or null. */
  L: string | null;
  /** First organizationName, or null. */
  O: string | null;
  /** First organizationalUnitName, or null. */
  OU: string | null;
  /** First commonName, or null. */
  CN: string | null;
  /** All attributes in certificate order (first 64). */
  attributes: NameAttribute[];
  /** RFC 4514-style text: RDNs most specific first, `+` within an RDN, special and control
   * characters escaped (controls as `\XX`), bounded to 4 x the string bound. */
  text: string;
}

function escapeValue(v: string): string {
  let out = "";
  for (let i = 0; i < v.length; i++) {
    const ch = v[i];
    const code = v.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) {
      out += "\\" + code.toString(16).toUpperCase().padStart(2, "0");
    } else if (',+"\\<>;='.includes(ch)) out += "\\" + ch;
    else if ((i === 0 && (ch === " " || ch === "#")) || (i === v.length - 1 && ch === " ")) {
      out += "\\" + ch;
    } else out += ch;
  }
  return out;
}

/** Decode a Name (SEQUENCE OF SET OF AttributeTypeAndValue). Throws on a wrong shape. */
export function decodeName(node: Asn1, c: DecodeContext, what: string): NameRecord {
  if (node.type !== T.SEQUENCE || !Array.isArray(node.value)) {
    throw new Error(`${what} is not a SEQUENCE`);
  }
  const rec: NameRecord = {
    C: null,
    ST: null,
    L: null,
    O: null,
    OU: null,
    CN: null,
    attributes: [],
    text: "",
  };
  const rdnTexts: string[] = [];
  for (const rdn of node.value) {
    if (rec.attributes.length >= 64) {
      warn(c, `${what} has more than 64 attributes; the rest are not recorded`);
      break;
    }
    if (rdn.type !== T.SET || !Array.isArray(rdn.value)) {
      throw new Error(`${what}: an RDN is not a SET`);
    }
    const parts: string[] = [];
    for (const atv of rdn.value) {
      if (!Array.isArray(atv.value) || atv.value.length < 2 || atv.value[0].type !== T.OID) {
        throw new Error(`${what}: malformed attribute`);
      }
      const o = asn1.derToOid(atv.value[0].value as string);
      const type: string = DN_ATTRIBUTE_NAMES[o] ?? bound(c, o, `${what} attribute OID`);
      const value = decodeString(atv.value[1], c, `${what}.${type}`);
      rec.attributes.push({ type, value });
      if (FIELDS.includes(type)) {
        const k = type as Field;
        if (rec[k] === null) rec[k] = value;
      }
      parts.push(`${type}=${escapeValue(value)}`);
    }
    rdnTexts.push(parts.join("+"));
  }
  const text = rdnTexts.reverse().join(",");
  const max = c.maxStringLength * 4;
  if (text.length > max) warn(c, `${what} text truncated to ${max} characters`);
  rec.text = text.slice(0, max);
  return rec;
}

/** Decode UTCTime / GeneralizedTime to a Date, or null if it is not a valid time. */
export function decodeTime(node: Asn1): Date | null {
  if (typeof node.value !== "string" || node.value.length > 32) return null;
  const s = node.value;
  let m: RegExpMatchArray | null;
  let year: number;
  if (node.type === T.UTCTIME) {
    m = s.match(/^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/);
    if (!m) return null;
    year = Number(m[1]) < 50 ? 2000 + Number(m[1]) : 1900 + Number(m[1]);
    m = [m[0], "", m[2], m[3], m[4], m[5], m[6], "", m[7]];
  } else if (node.type === T.GENERALIZEDTIME) {
    m = s.match(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(\.\d{1,9})?(Z|[+-]\d{4})?$/);
    if (!m) return null;
    year = Number(m[1]);
  } else return null;
  const [mo, d, h, mi, sec] = [m[2], m[3], m[4], m[5] ?? "0", m[6] ?? "0"].map(Number);
  const ms = m[7] ? Math.floor(Number("0" + m[7]) * 1000) : 0;
  const date = new Date(0);
  date.setUTCFullYear(year, mo - 1, d);
  date.setUTCHours(h, mi, sec, ms);
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || sec > 60) {
    return null;
  }
  const zone = m[8];
  if (zone && zone !== "Z") {
    const off = (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
    date.setTime(date.getTime() - (zone[0] === "+" ? off : -off));
  }
  return date;
}

/** An IPv4 or IPv6 address in text as the 4 or 16 bytes of an iPAddress SAN, or null. */
export function ipBytesOf(ip: string): Uint8Array | null {
  const v4 = parseIPv4(ip);
  if (v4 !== null) {
    return new Uint8Array([v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255]);
  }
  const v6 = parseIPv6(ip);
  return v6 === null ? null : new Uint8Array(Buffer.from(v6.toString(16).padStart(32, "0"), "hex"));
}

/** An iPAddress SAN as text: dotted IPv4, RFC 5952 IPv6, else `invalid:<hex>`. */
export function ipText(b: Uint8Array): string {
  if (b.length === 4) return b.join(".");
  if (b.length !== 16) return "invalid:" + Buffer.from(b.subarray(0, 32)).toString("hex");
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return formatV6(v);
}

/** The node, checked to be a universal node of `type`; throws naming `what` otherwise. */
export function expect(node: Asn1 | undefined, type: number, what: string): Asn1 {
  if (!node || node.tagClass !== U || node.type !== type) {
    throw new Error(`${what} missing or of the wrong type`);
  }
  return node;
}

/** The children of a constructed node; throws naming `what` otherwise. */
export function kids(node: Asn1, what: string): Asn1[] {
  if (!Array.isArray(node.value)) throw new Error(`${what} is not constructed`);
  return node.value;
}

/** The dotted text of an OID node (at most 128 characters); throws if absent or empty. */
export function oidOf(node: Asn1 | undefined, what: string): string {
  const o = asn1.derToOid(expect(node, T.OID, what).value as string);
  if (!o) throw new Error(`${what} is an empty OID`);
  return o.length > 128 ? o.slice(0, 128) : o;
}

/** Bit length of a big-endian unsigned integer (leading zero bytes ignored). */
export function unsignedBits(b: Uint8Array): number {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return i === b.length ? 0 : (b.length - i - 1) * 8 + (32 - Math.clz32(b[i]));
}

/** Lowercase hex of bytes. */
export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString("hex");
}
