/**
 * Placing a host at a provider: a region, a unique simulated IPv4 (and IPv6 at the provider's
 * rate) inside the provider's real prefixes, and the network round trip from the vantage point.
 *
 * @module
 */
import { greatCircleKm, type LatLon } from "../../geo/great_circle_km.ts";
import type { Rng } from "../rng.ts";
import type { BuildContext } from "./context.ts";
import type { LabHost } from "./host.ts";
import { PROVIDERS } from "./providers.ts";

/**
 * Place `h` at provider `providerKey`, in `regionName` or a region drawn by weight.
 *
 * @throws {RangeError} If the provider has no IPv4 segment or no free address.
 */
export function placeHost(
  ctx: BuildContext,
  h: LabHost,
  providerKey: string,
  r: Rng,
  regionName?: string,
): void {
  const prov = PROVIDERS[providerKey];
  const region = regionName
    ? prov.regions.find((x) => x.name === regionName)!
    : r.pick(prov.regions.map((x) => [x, x.weight] as const));
  h.provider = providerKey;
  h.asn = prov.asn;
  h.region = region;
  h.ipv4 = uniqueAddress(ctx, h, prov.asn, 4, region.country, r);
  if (h.ipv4 === null) throw new RangeError(`No IPv4 segment for AS${prov.asn} (${providerKey})`);
  if (r.chance(prov.ipv6)) h.ipv6 = uniqueAddress(ctx, h, prov.asn, 6, region.country, r);
  h.rttMs = rtt(ctx.vantage, region) + (prov.class === "residential" ? 15 : 0);
}

// Two hosts never share a simulated address: a colliding pick is drawn again from a stream of
// its own, so the hosts that did not collide keep exactly their draws.
function uniqueAddress(
  ctx: BuildContext,
  h: LabHost,
  asn: number,
  version: 4 | 6,
  country: string,
  r: Rng,
): string | null {
  let ip = ctx.pickAddress(asn, version, country, r);
  for (let i = 0; ip !== null && ctx.usedAddresses.has(ip); i++) {
    if (i >= 100) {
      throw new RangeError(`No free simulated IPv${version} address for AS${asn} in ${country}`);
    }
    ip = ctx.pickAddress(asn, version, country, r.fork(`address-retry/${h.id}/${version}/${i}`));
  }
  if (ip !== null) ctx.usedAddresses.add(ip);
  return ip;
}

/** Simulated round trip from the vantage point: fibre at ~2/3 c with 1.5x path inflation, plus 2 ms. */
export function rtt(a: LatLon, b: LatLon): number {
  const km = greatCircleKm(a, b);
  return Math.round((2 * km * 1.5) / 200 + 2);
}
