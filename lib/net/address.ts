/**
 * Classification of IP addresses: which are public, which are loopback, private, link-local,
 * multicast or otherwise reserved. Used by the dial guard and by the collector to record peers
 * that advertise non-public addresses.
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

function inV4(n: number, base: string, bits: number): boolean {
  const b = parseIPv4(base)!;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((n & mask) >>> 0) === ((b & mask) >>> 0);
}

function inV6(n: bigint, base: string, bits: number): boolean {
  const b = parseIPv6(base)!;
  const shift = BigInt(128 - bits);
  return (n >> shift) === (b >> shift);
}

const V4_RANGES: [string, number, AddressClass][] = [
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
];

const V6_RANGES: [string, number, AddressClass][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fe80::", 10, "link-local"],
  ["fc00::", 7, "private"],
  ["ff00::", 8, "multicast"],
  ["2001:db8::", 32, "documentation"],
  ["100::", 64, "reserved"],
  ["64:ff9b:1::", 48, "reserved"],
];

/**
 * Classify an IP address literal.
 *
 * IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are classified by their IPv4 part.
 *
 * @param ip An IPv4 or IPv6 literal.
 * @returns Its class.
 * @throws {TypeError} If `ip` is not an IP literal.
 * @example
 * ```ts
 * classifyAddress("127.0.0.5"); // "loopback"
 * classifyAddress("10.1.2.3"); // "private"
 * ```
 */
export function classifyAddress(ip: string): AddressClass {
  const v4 = parseIPv4(ip);
  if (v4 !== null) {
    if (ip === "255.255.255.255") return "reserved";
    for (const [base, bits, cls] of V4_RANGES) if (inV4(v4, base, bits)) return cls;
    return "public";
  }
  const v6 = parseIPv6(ip);
  if (v6 === null) throw new TypeError(`Not an IP address literal: ${JSON.stringify(ip.slice(0, 100))}`);
  if ((v6 >> 32n) === 0xffffn) {
    const n = Number(v6 & 0xffffffffn);
    return classifyAddress([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join("."));
  }
  for (const [base, bits, cls] of V6_RANGES) if (inV6(v6, base, bits)) return cls;
  // Only 2000::/3 is global unicast today.
  return inV6(v6, "2000::", 3) ? "public" : "reserved";
}

/** Whether `ip` is in 127.0.0.0/8 or is ::1 (the only addresses tests and the lab may dial). */
export function isLoopback(ip: string): boolean {
  return isIP(ip) !== 0 && classifyAddress(ip) === "loopback";
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
