/**
 * Simulated public addresses for lab hosts, drawn from `provider_segments.json`: segments of each
 * simulated provider's real announced prefixes that the bundled location database places in the
 * host's country (built by `build_segments.ts`), so offline GeoIP/ASN look-ups answer for the lab
 * as they would for the live network, and a lab starts without opening any database.
 *
 * @module
 */
import { formatV4, formatV6, parseV4, parseV6 } from "../../geo/_ip.ts";
import type { AddressPicker } from "../population.ts";
import type { Rng } from "../rng.ts";
import table from "./provider_segments.json" with { type: "json" };

const SEGMENTS = (table as { segments: Record<string, string[]> }).segments;

/** Pick an address inside one `start-end` segment. */
function inSegment(segment: string, version: 4 | 6, rng: Rng): string {
  const [a, b] = segment.split("-");
  if (version === 4) {
    const lo = parseV4(a)!, hi = parseV4(b)!;
    // Avoid the network and broadcast-looking ends of small ranges.
    const span = hi - lo;
    const off = span > 4 ? 1 + Math.floor(rng() * (span - 2)) : Math.floor(rng() * (span + 1));
    return formatV4(lo + off);
  }
  const lo = parseV6(a)!, hi = parseV6(b)!;
  const span = hi - lo + 1n;
  let r = 0n;
  for (let i = 0; i < 4; i++) r = (r << 32n) | BigInt(Math.floor(rng() * 2 ** 32));
  return formatV6(lo + (r % span));
}

/**
 * The address picker the lab uses. Returns null when the provider has no address of that family
 * (in that country or anywhere in the table).
 */
export const segmentAddressPicker: AddressPicker = (asn, version, country, rng) => {
  let segs = SEGMENTS[`${asn}/${version}/${country}`];
  if (!segs) {
    segs = Object.entries(SEGMENTS).find(([k]) => k.startsWith(`${asn}/${version}/`))?.[1] ?? [];
  }
  if (!segs.length) return null;
  return inSegment(segs[Math.floor(rng() * segs.length)], version, rng);
};
