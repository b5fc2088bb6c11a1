/**
 * Classification of IP addresses: which are public, which are loopback, private, link-local,
 * multicast or otherwise reserved. The one special-range table of the project: the dial guard,
 * the collector (peers that advertise non-public addresses), the geo look-ups (only public
 * addresses are looked up) and the lab's hostile planting all classify through it.
 *
 * Transition addresses are judged by the IPv4 address they carry: IPv4-mapped `::ffff:a.b.c.d`,
 * 6to4 `2002:AABB:CCDD::/48` (RFC 3056) and Teredo `2001:0000::/32` (RFC 4380, the client's
 * address stored inverted in the last 32 bits). So `2002:7f00:1::` is class `loopback` and
 * `2002:0808:0808::` is `public`. Only {@linkcode isLoopback} addresses (127.0.0.0/8, ::1 and
 * their mapped forms) are this machine: a 6to4 or Teredo address embedding 127.0.0.1 is routed
 * to a relay, not to loopback, so the lab and local modes refuse it while live mode refuses it
 * as non-public.
 *
 * @module
 */
import { isIP } from "node:net";
import { parseV4, parseV6 } from "./ip_literal.ts";

/** The class of an IP address. */
export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "multicast"
  | "unspecified"
  | "cgnat"
  | "documentation"
  | "reserved";

/** Parse an IPv4 dotted quad into a 32-bit unsigned number, or null if it is not one. */
export const parseIPv4: (ip: string) => number | null = parseV4;

/** Parse an IPv6 address (zone and embedded IPv4 allowed) into a 128-bit BigInt, or null. */
export const parseIPv6: (ip: string) => bigint | null = parseV6;

function inV4(n: number, base: string | number, bits: number): boolean {
  const b = typeof base === "number" ? base : parseIPv4(base)!;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((n & mask) >>> 0) === ((b & mask) >>> 0);
}

function inV6(n: bigint, base: string | bigint, bits: number): boolean {
  const b = typeof base === "bigint" ? base : parseIPv6(base)!;
  const shift = BigInt(128 - bits);
  return (n >> shift) === (b >> shift);
}

const V4_RANGES: [number, number, AddressClass][] = ([
  ["0.0.0.0", 8, "unspecified"],
  ["127.0.0.0", 8, "loopback"],
  ["10.0.0.0", 8, "private"],
  ["172.16.0.0", 12, "private"],
  ["192.168.0.0", 16, "private"],
  ["169.254.0.0", 16, "link-local"],
  ["100.64.0.0", 10, "cgnat"],
  ["192.0.2.0", 24, "documentation"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["192.0.0.0", 24, "reserved"],
  ["198.18.0.0", 15, "reserved"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
] as [string, number, AddressClass][]).map(([b, n, c]) => [parseIPv4(b)!, n, c]);

const V6_RANGES: [bigint, number, AddressClass][] = ([
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fe80::", 10, "link-local"],
  ["fc00::", 7, "private"],
  ["ff00::", 8, "multicast"],
  ["2001:db8::", 32, "documentation"],
  ["100::", 64, "reserved"],
  ["64:ff9b:1::", 48, "reserved"],
] as [string, number, AddressClass][]).map(([b, n, c]) => [parseIPv6(b)!, n, c]);

const SIX_TO_FOUR = parseIPv6("2002::")!;
const TEREDO = parseIPv6("2001::")!;
const GLOBAL_UNICAST = parseIPv6("2000::")!;

/**
 * Class of an IPv4 address given as an unsigned 32-bit number (see {@linkcode classifyAddress}).
 */
export function classifyV4(n: number): AddressClass {
  if (n === 0xffffffff) return "reserved";
  for (const [base, bits, cls] of V4_RANGES) if (inV4(n, base, bits)) return cls;
  return "public";
}

/**
 * Class of an IPv6 address given as a 128-bit BigInt (see {@linkcode classifyAddress}); mapped,
 * 6to4 and Teredo addresses take the class of the IPv4 address they carry.
 */
export function classifyV6(v: bigint): AddressClass {
  if ((v >> 32n) === 0xffffn) return classifyV4(Number(v & 0xffffffffn));
  for (const [base, bits, cls] of V6_RANGES) if (inV6(v, base, bits)) return cls;
  if (inV6(v, SIX_TO_FOUR, 16)) return classifyV4(Number((v >> 80n) & 0xffffffffn));
  if (inV6(v, TEREDO, 32)) return classifyV4(Number(~v & 0xffffffffn));
  // Only 2000::/3 is global unicast today.
  return inV6(v, GLOBAL_UNICAST, 3) ? "public" : "reserved";
}

/**
 * Classify an IP address literal.
 *
 * IPv4-mapped (`::ffff:a.b.c.d`), 6to4 (2002::/16) and Teredo (2001::/32) addresses are
 * classified by the IPv4 address they carry.
 *
 * @param ip An IPv4 or IPv6 literal.
 * @returns Its class.
 * @throws {TypeError} If `ip` is not an IP literal.
 * @example
 * ```ts
 * classifyAddress("127.0.0.5"); // "loopback"
 * classifyAddress("10.1.2.3"); // "private"
 * classifyAddress("2002:7f00:1::1"); // "loopback" (6to4 of 127.0.0.1)
 * ```
 */
export function classifyAddress(ip: string): AddressClass {
  const v4 = parseIPv4(ip);
  if (v4 !== null) return classifyV4(v4);
  const v6 = parseIPv6(ip);
  if (v6 === null) {
    throw new TypeError(`Not an IP address literal: ${JSON.stringify(ip.slice(0, 100))}`);
  }
  return classifyV6(v6);
}

/**
 * Whether `ip` is in 127.0.0.0/8 or is ::1 (or their IPv4-mapped form): the only addresses tests
 * and the lab may dial. A 6to4 or Teredo address that embeds 127.0.0.1 is class `loopback` but
 * not this machine, so it is not loopback here.
 */
export function isLoopback(ip: string): boolean {
  if (isIP(ip) === 0) return false;
  const v4 = parseIPv4(ip);
  if (v4 !== null) return classifyV4(v4) === "loopback";
  const v6 = parseIPv6(ip)!;
  if ((v6 >> 32n) === 0xffffn) return classifyV4(Number(v6 & 0xffffffffn)) === "loopback";
  return v6 === 1n;
}

/** Whether `host` is a Tor onion service name (v2 or v3). */
export function isOnion(host: string): boolean {
  return /^[a-z2-7]{16}(?:[a-z2-7]{40})?\.onion$/i.test(host);
}

/**
 * Whether `ip` lies in `cidr` (`a.b.c.d/n` or `x:y::/n`; a bare address means a single host).
 *
 * @throws {TypeError} If `cidr` is malformed.
 * @example
 * ```ts
 * inCidr("10.1.2.3", "10.0.0.0/8"); // true
 * ```
 */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split("/");
  const v4 = parseIPv4(ip), b4 = parseIPv4(base);
  const v6 = v4 === null ? parseIPv6(ip) : null, b6 = b4 === null ? parseIPv6(base) : null;
  if (b4 === null && b6 === null) throw new TypeError(`Not a CIDR block: ${JSON.stringify(cidr)}`);
  const bits = bitsText === undefined ? (b4 !== null ? 32 : 128) : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > (b4 !== null ? 32 : 128)) {
    throw new TypeError(`Bad prefix length in CIDR block: ${JSON.stringify(cidr)}`);
  }
  if (v4 !== null && b4 !== null) return inV4(v4, base, bits);
  if (v6 !== null && b6 !== null) return inV6(v6, base, bits);
  return false;
}
