/**
 * The lab's hosting providers with their regions and IPv6 shares (the ASNs are real; names and
 * classes come from the observer's one provider table, `lib/geo/providers.ts`).
 *
 * @module
 */
import { PROVIDERS as GEO_PROVIDERS } from "../../geo/providers.ts";

/** A hosting region: where a provider's servers sit. */
export interface Region {
  /** Region label (cloud region names where they exist). */
  name: string;
  /** ISO 3166 alpha-2 country. */
  country: string;
  latitude: number;
  longitude: number;
  /** Relative weight within the provider. */
  weight: number;
}

/** A hosting provider of the simulated network. */
export interface Provider {
  /** The ASN simulated addresses are drawn from (real announced prefixes). */
  asn: number;
  /** Provider name, from the observer's provider table (`lib/geo/providers.ts`) for `asn`. */
  name: string;
  /** Network class, from the same table. */
  class: "cloud" | "hosting" | "residential";
  regions: readonly Region[];
  /** Share of its hosts that also have an IPv6 address. */
  ipv6: number;
}

/**
 * Fill each simulated provider's name and class from the one provider table
 * (`lib/geo/providers.ts`), so the lab and the observer cannot disagree about what an ASN is.
 *
 * @throws {RangeError} For an ASN the table lacks or classes as something a lab host cannot be.
 */
function withProviderInfo(
  table: Record<string, Omit<Provider, "name" | "class">>,
): Record<string, Provider> {
  const out: Record<string, Provider> = {};
  for (const [key, p] of Object.entries(table)) {
    const info = Object.hasOwn(GEO_PROVIDERS, p.asn) ? GEO_PROVIDERS[p.asn] : undefined;
    if (
      !info || (info.class !== "cloud" && info.class !== "hosting" && info.class !== "residential")
    ) {
      throw new RangeError(
        `lab provider ${key}: AS${p.asn} is not a cloud, hosting or residential row of lib/geo/providers.ts`,
      );
    }
    out[key] = { ...p, name: info.provider, class: info.class };
  }
  return out;
}

const r = (
  name: string,
  country: string,
  latitude: number,
  longitude: number,
  weight: number,
): Region => ({ name, country, latitude, longitude, weight });

/** Providers, keyed by a short name. */
export const PROVIDERS: Readonly<Record<string, Provider>> = withProviderInfo({
  google: {
    asn: 396982,
    ipv6: 0.05,
    regions: [
      r("us-east4", "US", 39.04, -77.49, 2),
      r("us-central1", "US", 41.26, -95.86, 2),
      r("europe-west3", "DE", 50.11, 8.68, 1),
      r("australia-southeast1", "AU", -33.87, 151.21, 1),
      r("europe-west2", "GB", 51.51, -0.13, 1),
      r("asia-northeast1", "JP", 35.68, 139.69, 1),
    ],
  },
  aws: {
    asn: 16509,
    ipv6: 0.1,
    regions: [
      r("us-east-1", "US", 38.95, -77.45, 2),
      r("us-west-2", "US", 45.84, -119.7, 1),
      r("eu-central-1", "DE", 50.11, 8.68, 1),
      r("ap-southeast-2", "AU", -33.87, 151.21, 1),
      r("eu-west-1", "IE", 53.35, -6.26, 1),
      r("ap-northeast-1", "JP", 35.68, 139.69, 1),
    ],
  },
  digitalocean: {
    asn: 14061,
    ipv6: 0.3,
    regions: [
      r("nyc", "US", 40.71, -74.01, 2),
      r("sfo", "US", 37.77, -122.42, 1),
      r("fra", "DE", 50.11, 8.68, 1),
      r("ams", "NL", 52.37, 4.9, 2),
      r("lon", "GB", 51.51, -0.13, 1),
      r("sgp", "SG", 1.35, 103.82, 1),
      r("syd", "AU", -33.87, 151.21, 1),
    ],
  },
  hetzner: {
    asn: 24940,
    ipv6: 0.5,
    regions: [
      r("fsn1", "DE", 50.48, 12.37, 2),
      r("nbg1", "DE", 49.45, 11.08, 2),
      r("hel1", "FI", 60.17, 24.94, 2),
    ],
  },
  ovh: {
    asn: 16276,
    ipv6: 0.3,
    regions: [
      r("gra", "FR", 50.99, 2.13, 3),
      r("bhs", "CA", 45.3, -73.87, 2),
      r("lim", "DE", 49.7, 8.2, 1),
      r("waw", "PL", 52.23, 21.01, 1),
    ],
  },
  contabo: {
    asn: 51167,
    ipv6: 0.2,
    regions: [
      r("nue", "DE", 49.45, 11.08, 1),
      r("stl", "US", 38.63, -90.2, 1),
      r("sin", "SG", 1.35, 103.82, 1),
    ],
  },
  linode: {
    asn: 63949,
    ipv6: 0.4,
    regions: [
      r("newark", "US", 40.74, -74.17, 2),
      r("frankfurt", "DE", 50.11, 8.68, 1),
      r("tokyo", "JP", 35.68, 139.69, 1),
    ],
  },
  vultr: {
    asn: 20473,
    ipv6: 0.3,
    regions: [
      r("ewr", "US", 40.74, -74.17, 2),
      r("ams", "NL", 52.37, 4.9, 1),
      r("syd", "AU", -33.87, 151.21, 1),
    ],
  },
  comcast: {
    asn: 7922,
    ipv6: 0.4,
    regions: [r("us-res", "US", 39.95, -75.17, 1)],
  },
  telekom: {
    asn: 3320,
    ipv6: 0.4,
    regions: [r("de-res", "DE", 52.52, 13.4, 1)],
  },
  telstra: {
    asn: 1221,
    ipv6: 0.2,
    regions: [r("au-res", "AU", -37.81, 144.96, 1)],
  },
  verizon: {
    asn: 701,
    ipv6: 0.3,
    regions: [r("us-res-e", "US", 40.71, -74.01, 1)],
  },
  orange: {
    asn: 3215,
    ipv6: 0.3,
    regions: [r("fr-res", "FR", 48.86, 2.35, 1)],
  },
  bt: {
    asn: 2856,
    ipv6: 0.2,
    regions: [r("gb-res", "GB", 51.51, -0.13, 1)],
  },
});

/** Continent of each country the providers' regions are in. */
export const CONTINENT_OF_COUNTRY: Readonly<Record<string, "NA" | "EU" | "AS" | "OC">> = {
  US: "NA",
  CA: "NA",
  DE: "EU",
  FR: "EU",
  GB: "EU",
  IE: "EU",
  NL: "EU",
  FI: "EU",
  PL: "EU",
  JP: "AS",
  SG: "AS",
  AU: "OC",
};
