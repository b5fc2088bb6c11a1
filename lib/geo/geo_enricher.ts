/**
 * The enricher interface and its record types: what `openGeo` returns and what every
 * enriched table row looks like.
 *
 * @module
 */
import type { AsnTable } from "./asn_table.ts";
import type { ProviderClass } from "./providers.ts";

/** Which database answered the location fields. */
export type GeoSource = "maxmind-city" | "dbip-city" | "geo-whois-asn-country";
/** Which database answered the ASN fields. */
export type AsnSource = "maxmind-asn" | "ip-location-db-asn";

/** One enriched address. Unknown values are null, never 0 or "". */
export interface GeoRecord {
  /** The address as given. */
  ip: string;
  /** 4 or 6; IPv4-mapped IPv6 (`::ffff:a.b.c.d`) counts as 4. */
  ip_version: 4 | 6;
  /** Two-letter continent code (AF, AN, AS, EU, NA, OC, SA). */
  continent_code: string | null;
  /** Continent name in English. */
  continent: string | null;
  /** ISO 3166-1 alpha-2. */
  country_code: string | null;
  /** Country name in English (countries-list, else the database's own name). */
  country: string | null;
  /** City name as the answering database gives it. */
  city: string | null;
  /** Degrees north; null when unknown (a 0,0 answer is treated as unknown). */
  latitude: number | null;
  /** Degrees east; null when unknown. */
  longitude: number | null;
  /** Autonomous system number. */
  asn: number | null;
  /** Autonomous system organisation name. */
  as_org: string | null;
  /** Provider name for grouping (see `classifyProvider`). */
  provider: string | null;
  /** Network kind (see `PROVIDERS`). */
  provider_class: ProviderClass | null;
  /** Database that answered the location fields, or null if none did. */
  geo_source: GeoSource | null;
  /** Database that answered the ASN fields, or null if none did. */
  asn_source: AsnSource | null;
}

/** Every field of a {@linkcode GeoRecord} but the address, unknown: what a non-public address (or an onion) gets. */
export const UNKNOWN_PLACE: Readonly<Omit<GeoRecord, "ip" | "ip_version">> = Object.freeze({
  continent_code: null,
  continent: null,
  country_code: null,
  country: null,
  city: null,
  latitude: null,
  longitude: null,
  asn: null,
  as_org: null,
  provider: null,
  provider_class: null,
  geo_source: null,
  asn_source: null,
});

/** Where one database came from, for the methods section and every derived file. */
export interface GeoProvenance {
  /** Database name, with the type string from its metadata for mmdb files. */
  database: string;
  /** Absolute path of the file read. */
  file: string;
  /** Package name and version for bundled npm data, else null. */
  package: string | null;
  /** ISO 8601 UTC. */
  build_date: string | null;
  /** Where the build date comes from. */
  build_date_from: "mmdb-metadata" | "package-version" | "file-mtime" | null;
  /** Licence of the data. */
  license: string;
  /** Attribution the licence asks for (show it wherever results are shown). */
  attribution: string;
}

/** The network around an address inside which the location answer's country is constant. */
export interface GeoNetwork {
  /** CIDR block, e.g. `"8.8.8.0/24"`. */
  network: string;
  /** Country the location databases give for the whole block, or null. */
  country_code: string | null;
  /** Database that answered, or null. */
  geo_source: GeoSource | null;
}

/**
 * An opened set of databases, created by `openGeo` (in `open_geo.ts`).
 *
 * @example
 * ```ts
 * import { openGeo } from "./open_geo.ts";
 * const geo: GeoEnricher = await openGeo();
 * geo.lookup("1.1.1.1").provider; // "Cloudflare"
 * ```
 */
export interface GeoEnricher {
  /**
   * Enrich one address. Non-global addresses (private, loopback, link-local, CGNAT,
   * documentation, multicast, reserved) get a record with every field but `ip` and
   * `ip_version` null, without any lookup.
   * @throws {TypeError} If `ip` is not an IPv4 or IPv6 literal (onion names included).
   */
  lookup(ip: string): GeoRecord;
  /**
   * The largest CIDR block containing `ip` within which every database consulted for its
   * location gives the same answer (used to draw calibrated lab addresses).
   * @throws {TypeError} If `ip` is not an IP literal.
   */
  locationNetwork(ip: string): GeoNetwork;
  /** Databases in use, in order of precedence. */
  provenance(): GeoProvenance[];
  /** The ASN range table (shared with `providerPrefixes` and `pickAddressInProvider`). */
  readonly asnTable: AsnTable;
}
