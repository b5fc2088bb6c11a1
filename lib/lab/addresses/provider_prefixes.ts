/**
 * The address ranges an autonomous system announces, read from the ASN range table, so that
 * the lab can give its emulated servers simulated public addresses from real provider space.
 *
 * @module
 */
import { formatV4, formatV6, rangeToCidrs } from "../../geo/_ip.ts";
import { resolveAsnArgs } from "../../geo/_asn_args.ts";
import type { GeoEnricher } from "../../geo/geo_enricher.ts";

/** One announced range. */
export interface ProviderPrefix {
  /** First address. */
  start: string;
  /** Last address (inclusive). */
  end: string;
  /** The CIDR blocks that exactly cover the range. */
  cidrs: string[];
  /** Number of addresses (exact for IPv4; rounded to a double for IPv6). */
  addresses: number;
}

/** Options of {@linkcode providerPrefixes}. */
export interface ProviderPrefixesOptions {
  /** Address family. Default: 4. */
  version?: 4 | 6;
  /**
   * An open enricher whose ASN table to use. Default: the process-wide bundled table
   * (`sharedAsnTable()`, read on first use, about 0.4 s).
   */
  geo?: Pick<GeoEnricher, "asnTable">;
}

/**
 * The ranges announced by an autonomous system in one address family, in address order.
 *
 * @param asn Autonomous system number, e.g. 24940 (Hetzner).
 * @param options Family and table; see {@linkcode ProviderPrefixesOptions}.
 * @returns The ranges; empty if the ASN announces nothing in that family.
 * @throws {TypeError} If `asn` is not a 32-bit unsigned integer or `version` is not 4 or 6.
 * @example
 * ```ts
 * import { providerPrefixes } from "./provider_prefixes.ts";
 * const r = providerPrefixes(13335, { version: 4 });
 * r[0]; // { start: "1.0.0.0", end: "1.0.0.255", cidrs: ["1.0.0.0/24"], addresses: 256 }
 * ```
 */
export function providerPrefixes(
  asn: number,
  options: ProviderPrefixesOptions = {},
): ProviderPrefix[] {
  const version = options.version ?? 4;
  const table = resolveAsnArgs("providerPrefixes", asn, version, options.geo);
  const fmt = version === 4 ? (v: bigint) => formatV4(Number(v)) : formatV6;
  return table.ranges(asn, version).map((r) => ({
    start: fmt(r.start),
    end: fmt(r.end),
    cidrs: rangeToCidrs(r.start, r.end, version),
    addresses: Number(r.end - r.start + 1n),
  }));
}
