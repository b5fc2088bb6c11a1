/**
 * Offline IP enrichment for the observatory: location, autonomous system and provider class
 * of server addresses (observer layer; imports only `net/`). The lab's address picking inside
 * real provider space lives in `lib/lab/addresses/`.
 *
 * - {@linkcode openGeo} opens the databases (bundled DB-IP Lite City, geo-whois-asn-country
 *   and ip-location-db ASN ranges from npm; optional MaxMind GeoLite2/GeoIP2 City and ASN
 *   files take precedence) and returns an enricher whose `lookup(ip)` gives one flat record
 *   with nulls for unknowns, and whose `provenance()` lists each database's build date and
 *   licence. The npm copies are marked deprecated by their author: record `provenance()`
 *   beside every derived file.
 * - {@linkcode lookupAddresses} gives the same records for a known set of addresses with the
 *   databases opened one after another (the largest one in memory at a time, not all of them):
 *   what a scan's derivation uses.
 * - {@linkcode PROVIDERS} and {@linkcode classifyProvider} map an ASN to a provider name and a
 *   class (`cloud`, `hosting`, `residential`, `tor`, `other`).
 * - {@linkcode greatCircleKm}: the distance between two points (the lab's simulated round trips
 *   and the score's `geo-beyond-rtt`).
 *
 * Onion hosts have no address: callers skip them (and may label them class `tor`).
 *
 * @example
 * ```ts
 * import { openGeo } from "./mod.ts";
 * const geo = await openGeo();
 * const r = geo.lookup("2a01:4f8::1");
 * [r.asn, r.provider, r.provider_class, r.country_code]; // [24940, "Hetzner", "hosting", "DE"]
 * ```
 *
 * @module
 */
export * from "./open_geo.ts";
export * from "./lookup_addresses.ts";
export * from "./geo_enricher.ts";
export * from "./asn_table.ts";
export * from "./providers.ts";
export * from "./classify_provider.ts";
export * from "./shared_geo.ts";
export * from "./great_circle_km.ts";
