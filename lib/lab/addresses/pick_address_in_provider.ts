/**
 * Deterministic choice of a simulated public address inside a real provider's announced
 * space, optionally inside the part of it that the location databases place in a given
 * country, so that a lab population can match a target provider mix and country mix at once.
 *
 * @module
 */
import { formatV4, formatV6, MASK64 } from "../../geo/_ip.ts";
import type { AsnRange, AsnTable } from "../../geo/asn_table.ts";
import type { GeoEnricher } from "../../geo/geo_enricher.ts";
import { resolveAsnArgs } from "../../geo/_asn_args.ts";

/** Options of {@linkcode pickAddressInProvider}. */
export interface PickAddressOptions {
  /** Address family. Default: 4. */
  version?: 4 | 6;
  /**
   * ISO 3166-1 alpha-2 code: prefer the provider's addresses that `geo` places in this country.
   * Requires `geo`. Default: none (any of the provider's ranges).
   */
  country?: string;
  /**
   * When `country` is set but the provider has no address there: true throws a RangeError,
   * false picks from all its ranges (the result then has `country_match: false`). Default: false.
   */
  requireCountry?: boolean;
  /**
   * How to weight ranges: "addresses" (a range is chosen in proportion to its size, so every
   * address is equally likely) or "ranges" (every range equally likely; keeps small prefixes
   * in play next to a provider's huge IPv6 blocks). Default: "addresses".
   */
  weightBy?: "addresses" | "ranges";
  /**
   * An open enricher: its ASN table is used, and its location databases define the country
   * index. Default: the process-wide bundled ASN table; required when `country` is set.
   */
  geo?: Pick<GeoEnricher, "asnTable" | "locationNetwork">;
}

/** Result of {@linkcode pickAddressInProvider}. */
export interface PickedAddress {
  /** The chosen address. */
  ip: string;
  /** The autonomous system asked for. */
  asn: number;
  /** The segment it was drawn from, `start-end` (an announced range or a part of one). */
  segment: string;
  /** Country of the segment per `geo`, or null when `geo` was not given. */
  country_code: string | null;
  /** Whether the address is in the requested country; null when no country was asked for. */
  country_match: boolean | null;
}

interface Segment extends AsnRange {
  country: string | null;
}

interface Pool {
  segments: Segment[];
  /** Cumulative weights, one per segment. */
  cumulative: Float64Array;
}

// Per-enricher (or per-table) caches; entries are built once per ASN and family.
const segmentCache = new WeakMap<object, Map<string, Segment[]>>();
const poolCache = new WeakMap<object, Map<string, Pool>>();

/**
 * Split the ASN's ranges at every change of the location answer, walking the databases' own
 * networks (about 2-4 * 10^5 steps/s: 0.25 s for all of AWS IPv4, 1.9 s for Comcast IPv6).
 */
function countrySegments(
  geo: Pick<GeoEnricher, "locationNetwork">,
  ranges: AsnRange[],
  version: 4 | 6,
): Segment[] {
  const w = version === 4 ? 32n : 128n;
  const out: Segment[] = [];
  for (const r of ranges) {
    let cur = r.start;
    while (cur <= r.end) {
      const net = geo.locationNetwork(version === 4 ? formatV4(Number(cur)) : formatV6(cur));
      const size = 1n << (w - BigInt(net.network.slice(net.network.indexOf("/") + 1)));
      const netEnd = (cur / size) * size + size - 1n;
      const end = netEnd < r.end ? netEnd : r.end;
      const last = out[out.length - 1];
      if (last && last.country === net.country_code && last.end + 1n === cur) {
        out[out.length - 1] = { start: last.start, end, country: last.country };
      } else {
        out.push({ start: cur, end, country: net.country_code });
      }
      cur = end + 1n;
    }
  }
  return out;
}

function makePool(segments: Segment[], weightBy: "addresses" | "ranges"): Pool {
  const cumulative = new Float64Array(segments.length);
  let total = 0;
  segments.forEach((s, k) => {
    total += weightBy === "ranges" ? 1 : Number(s.end - s.start + 1n);
    cumulative[k] = total;
  });
  return { segments, cumulative };
}

function draw(rng: () => number): number {
  const x = rng();
  if (typeof x !== "number" || !(x >= 0 && x < 1)) {
    throw new RangeError(`pickAddressInProvider: rng must return numbers in [0, 1), got ${x}`);
  }
  return x;
}

/** A position in [0, size) from a uniform draw, without leaving the range through rounding. */
function offsetIn(size: bigint, x: number): bigint {
  const o = BigInt(Math.floor(x * Number(size)));
  return o < size ? o : size - 1n;
}

/**
 * Choose an address inside the ranges announced by `asn`, reproducibly from `rng`.
 *
 * Exactly three numbers are drawn from `rng` per call (range, position, host part), so a
 * seeded generator gives the same sequence of addresses for the same databases. IPv4 picks
 * avoid addresses ending in .0 and .255 where the segment allows; IPv6 picks choose a /64 and
 * a small host part (`::1` to `::fffe`) as servers are usually numbered. With `country`, the
 * pick is drawn from the parts of the ranges that `geo` places in that country, so that
 * `geo.lookup(ip)` answers that country and `asn` back. The per-ASN index is built on the
 * first call for an ASN, family and enricher and reused (the country walk takes from a few
 * milliseconds to 0.25 s for all of AWS IPv4 and 1.9 s for Comcast IPv6); later picks cost
 * microseconds.
 *
 * @param asn Autonomous system number, e.g. 24940 (Hetzner).
 * @param rng Uniform generator in [0, 1), e.g. a seeded PRNG.
 * @param options Family, country, weighting, enricher; see {@linkcode PickAddressOptions}.
 * @returns The address, the segment it came from and its country.
 * @throws {TypeError} If `asn`, `version` or `country` is malformed, or `country` comes without `geo`.
 * @throws {RangeError} If the ASN announces nothing in that family, if `rng` leaves [0, 1), or
 *   if `requireCountry` is set and the ASN has no address in `country`.
 * @example
 * ```ts
 * import { openGeo } from "../../geo/open_geo.ts";
 * import { pickAddressInProvider } from "./pick_address_in_provider.ts";
 * const geo = await openGeo();
 * let s = 42;
 * const rng = () => ((s = (s * 48271) % 2147483647) / 2147483647);
 * const p = pickAddressInProvider(24940, rng, { country: "DE", geo });
 * geo.lookup(p.ip).asn; // 24940
 * geo.lookup(p.ip).country_code; // "DE"
 * ```
 */
export function pickAddressInProvider(
  asn: number,
  rng: () => number,
  options: PickAddressOptions = {},
): PickedAddress {
  const version = options.version ?? 4;
  const { geo, requireCountry = false, weightBy = "addresses" } = options;
  if (typeof rng !== "function") {
    throw new TypeError(`pickAddressInProvider: rng must be a function, got ${typeof rng}`);
  }
  if (weightBy !== "addresses" && weightBy !== "ranges") {
    throw new TypeError(
      `pickAddressInProvider: weightBy must be "addresses" or "ranges", got ${weightBy}`,
    );
  }
  let country: string | null = null;
  if (options.country !== undefined) {
    if (typeof options.country !== "string" || !/^[A-Za-z]{2}$/.test(options.country)) {
      throw new TypeError(
        `pickAddressInProvider: country must be an ISO 3166-1 alpha-2 code, got ${options.country}`,
      );
    }
    if (!geo) {
      throw new TypeError(
        "pickAddressInProvider: option country needs option geo (an enricher from openGeo)",
      );
    }
    country = options.country.toUpperCase();
  }
  // Checked after the cheap argument checks: without `geo` this may read the shared table.
  const table: AsnTable = resolveAsnArgs("pickAddressInProvider", asn, version, geo);

  // Only a country request needs the location walk; plain picks use the ranges as they are.
  const walk = country !== null;
  const owner: object = walk ? geo! : table;
  const segKey = `${asn}/${version}`;
  let segs = segmentCache.get(owner);
  if (!segs) segmentCache.set(owner, segs = new Map());
  let all = segs.get(segKey);
  if (!all) {
    const ranges = table.ranges(asn, version);
    if (ranges.length === 0) {
      throw new RangeError(
        `pickAddressInProvider: AS${asn} announces no IPv${version} range in ${
          table.files[version === 4 ? "v4" : "v6"]
        }`,
      );
    }
    all = walk
      ? countrySegments(geo!, ranges, version)
      : ranges.map((r) => ({ ...r, country: null }));
    segs.set(segKey, all);
  }

  let pools = poolCache.get(owner);
  if (!pools) poolCache.set(owner, pools = new Map());
  const poolKey = `${segKey}/${country ?? "*"}/${weightBy}`;
  let pool = pools.get(poolKey);
  if (!pool) {
    const chosen = country === null ? all : all.filter((s) => s.country === country);
    pool = makePool(chosen.length > 0 ? chosen : all, weightBy);
    pools.set(poolKey, pool);
  }
  const matched = country === null ? null : pool.segments.some((s) => s.country === country);
  if (matched === false && requireCountry) {
    throw new RangeError(
      `pickAddressInProvider: AS${asn} has no IPv${version} address that the databases place in ${country}`,
    );
  }

  const [x1, x2, x3] = [draw(rng), draw(rng), draw(rng)];
  const { segments, cumulative } = pool;
  const target = x1 * cumulative[cumulative.length - 1];
  let lo = 0, hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  const seg = segments[lo];
  const size = seg.end - seg.start + 1n;
  let addr: bigint;
  if (version === 4) {
    addr = seg.start + offsetIn(size, x2);
    const low = addr & 255n;
    if (low === 0n && addr + 1n <= seg.end) addr += 1n;
    else if (low === 255n && addr - 1n >= seg.start) addr -= 1n;
  } else if (size > MASK64) {
    const nets = size >> 64n;
    addr = seg.start + (offsetIn(nets, x2) << 64n) + BigInt(1 + Math.floor(x3 * 0xfffe));
    if (addr > seg.end) addr = seg.end;
  } else {
    addr = seg.start + offsetIn(size, x2);
  }
  const show = (v: bigint) => (version === 4 ? formatV4(Number(v)) : formatV6(v));
  const ip = show(addr);
  return {
    ip,
    asn,
    segment: `${show(seg.start)}-${show(seg.end)}`,
    country_code: walk ? seg.country : geo ? geo.locationNetwork(ip).country_code : null,
    country_match: country === null ? null : seg.country === country,
  };
}
