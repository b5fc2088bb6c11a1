/**
 * Offline IP enrichment for the observatory: location, autonomous system and provider class
 * of server addresses, and real provider address space for the lab's simulated servers.
 *
 * - {@linkcode openGeo} opens the databases (bundled DB-IP Lite City, geo-whois-asn-country
 *   and ip-location-db ASN ranges from npm; optional MaxMind GeoLite2/GeoIP2 City and ASN
 *   files take precedence) and returns an enricher whose `lookup(ip)` gives one flat record
 *   with nulls for unknowns, and whose `provenance()` lists each database's build date and
 *   licence. The npm copies are marked deprecated by their author: record `provenance()`
 *   beside every derived file.
 * - {@linkcode PROVIDERS} and {@linkcode classifyProvider} map an ASN to a provider name and a
 *   class (`cloud`, `hosting`, `residential`, `tor`, `other`).
 * - {@linkcode providerPrefixes} and {@linkcode pickAddressInProvider} give the lab real
 *   announced ranges and deterministic, country-calibrated addresses inside them.
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
export * from "./geo_enricher.ts";
export * from "./asn_table.ts";
export * from "./providers.ts";
export * from "./classify_provider.ts";
export * from "../lab/addresses/provider_prefixes.ts";
export * from "../lab/addresses/pick_address_in_provider.ts";
export * from "./shared_geo.ts";
