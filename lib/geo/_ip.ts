/**
 * Internal IP helpers for the geo and analysis modules: the parsed-address shape, the test for
 * globally routable unicast space and the CIDR cover of an inclusive range. Parsing, formatting
 * and range classification are `lib/net/ip_literal.ts` and `lib/net/address.ts` (re-exported
 * here for the callers that import them from this file).
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

export { formatV4, formatV6, parseV4, parseV6 } from "../net/ip_literal.ts";
import { formatV4, formatV6, parseV4, parseV6 } from "../net/ip_literal.ts";
import { classifyV4, classifyV6 } from "../net/address.ts";

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

/**
 * Whether a parsed address is globally routable unicast (worth a database lookup): class
 * `public` in `lib/net/address.ts`, the one special-range table (6to4 and Teredo addresses are
 * judged by the IPv4 address they embed).
 */
export function isGlobalUnicast(p: ParsedIp): boolean {
  return (p.version === 4 ? classifyV4(p.v4) : classifyV6(p.v6)) === "public";
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
