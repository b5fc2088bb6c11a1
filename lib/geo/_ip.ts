/**
 * Internal IP helpers for the geo and analysis modules: fast literal parsing into numbers
 * (IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit BigInt), formatting back, the test
 * for globally routable unicast space, and CIDR cover of an inclusive range.
 *
 * Not re-exported from `mod.ts`; `lib/net/address.ts` owns the public address API.
 *
 * @module
 */

/**
 * A parsed IP literal: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit BigInt.
 * IPv4-mapped IPv6 (`::ffff:a.b.c.d`) is returned as IPv4.
 */
export type ParsedIp =
  | { readonly version: 4; readonly v4: number }
  | { readonly version: 6; readonly v6: bigint };

/** 2^64 - 1. */
export const MASK64 = 0xffff_ffff_ffff_ffffn;

export { parseV4, parseV6 } from "../net/ip_literal.ts";
import { parseV4, parseV6 } from "../net/ip_literal.ts";

/**
 * Parse an IP literal; IPv4-mapped IPv6 becomes IPv4.
 * @returns The parsed address, or null if `ip` is not an IP literal.
 */
export function parseIp(ip: string): ParsedIp | null {
  if (typeof ip !== "string") return null;
  const v4 = parseV4(ip);
  if (v4 !== null) return { version: 4, v4 };
  const v6 = parseV6(ip);
  if (v6 === null) return null;
  if (v6 >> 32n === 0xffffn) return { version: 4, v4: Number(v6 & 0xffff_ffffn) };
  return { version: 6, v6 };
}

/** Format an unsigned 32-bit number as a dotted quad. */
export function formatV4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Format a 128-bit BigInt as a canonical (RFC 5952) IPv6 literal. */
export function formatV6(v: bigint): string {
  const g: number[] = [];
  for (let k = 7; k >= 0; k--) g.push(Number((v >> BigInt(k * 16)) & 0xffffn));
  // Longest run of two or more zero groups is compressed (first one on ties).
  let bestStart = -1;
  let bestLen = 1;
  for (let k = 0; k < 8;) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && g[e] === 0) e++;
    if (e - k > bestLen) {
      bestStart = k;
      bestLen = e - k;
    }
    k = e;
  }
  const hex = g.map((x) => x.toString(16));
  if (bestStart < 0) return hex.join(":");
  return hex.slice(0, bestStart).join(":") + "::" + hex.slice(bestStart + bestLen).join(":");
}

function inV4(n: number, base: number, bits: number): boolean {
  return Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits));
}

// Special-purpose IPv4 blocks (RFC 6890 and successors) that are not global unicast.
const V4_NON_GLOBAL: [number, number][] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // CGNAT shared space
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0000200, 24], // TEST-NET-1
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xc6336400, 24], // TEST-NET-2
  [0xcb007100, 24], // TEST-NET-3
  [0xe0000000, 3], // multicast 224/4 and reserved 240/4 together
];

/** Whether a parsed address is globally routable unicast (worth a database lookup). */
export function isGlobalUnicast(p: ParsedIp): boolean {
  if (p.version === 4) {
    for (const [base, bits] of V4_NON_GLOBAL) if (inV4(p.v4, base, bits)) return false;
    return true;
  }
  const v = p.v6;
  // Only 2000::/3 is allocated for global unicast; inside it, documentation 2001:db8::/32.
  if (v >> 125n !== 1n) return false;
  if (v >> 96n === 0x20010db8n) return false;
  return true;
}

/**
 * The CIDR blocks that exactly cover an inclusive range of addresses.
 * @param start First address (number for IPv4, BigInt for IPv6).
 * @param end Last address, inclusive.
 * @param version 4 or 6.
 */
export function rangeToCidrs(start: bigint, end: bigint, version: 4 | 6): string[] {
  const width = version === 4 ? 32n : 128n;
  const out: string[] = [];
  let cur = start;
  while (cur <= end) {
    // Largest block aligned at `cur` that does not pass `end`.
    let size = 0n;
    while (size < width) {
      const next = size + 1n;
      const block = 1n << next;
      if (cur % block !== 0n || cur + block - 1n > end) break;
      size = next;
    }
    const text = version === 4 ? formatV4(Number(cur)) : formatV6(cur);
    out.push(`${text}/${width - size}`);
    cur += 1n << size;
  }
  return out;
}
