/**
 * Internal: reading location answers out of the two mmdb schemas in use.
 *
 * MaxMind GeoIP2/GeoLite2 City and Country (nested):
 * `{ continent: { code }, country: { iso_code, names: { en } }, city: { names: { en } },
 *    location: { latitude, longitude, accuracy_radius } }`
 * (https://dev.maxmind.com/geoip/docs/databases/city-and-country).
 *
 * ip-location-db (flat): `{ country_code, state1, state2, city, postcode, latitude, longitude,
 * timezone }`, empty strings for missing text
 * (https://github.com/sapics/ip-location-db/tree/main/dbip-city-mmdb).
 *
 * @module
 */

// deno-lint-ignore no-explicit-any
export type AnyRecord = Record<string, any>;

/** A location answer; every field but the country may be null. */
export interface Location {
  country_code: string;
  country_name: string | null;
  continent_code: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

// Placeholder codes some databases use for "unknown" or "no single country".
const NOT_A_COUNTRY = new Set(["ZZ", "XX", "--", "A1", "A2", "AP", "EU"]);

function countryCode(v: unknown): string | null {
  const cc = text(v)?.toUpperCase() ?? null;
  return cc && !NOT_A_COUNTRY.has(cc) ? cc : null;
}

/** A non-blank string, else null. */
export function text(v: unknown): string | null {
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

/** Finite coordinates other than 0,0, else nulls. */
export function coordinates(lat: unknown, lon: unknown): [number | null, number | null] {
  if (typeof lat !== "number" || typeof lon !== "number") return [null, null];
  if (!Number.isFinite(lat) || !Number.isFinite(lon) || (lat === 0 && lon === 0)) {
    return [null, null];
  }
  return [lat, lon];
}

/**
 * The location in one database record, or null when the record has no country (the next
 * database is then asked). Coordinates of exactly 0,0 count as unknown.
 */
export function readLocation(
  maxmind: boolean,
  rec: AnyRecord | null,
  lang: string,
): Location | null {
  if (!rec) return null;
  if (maxmind) {
    const cc = countryCode(rec.country?.iso_code);
    if (!cc) return null;
    const name = (names: AnyRecord | undefined) => text(names?.[lang]) ?? text(names?.en);
    const [latitude, longitude] = coordinates(rec.location?.latitude, rec.location?.longitude);
    return {
      country_code: cc,
      country_name: name(rec.country?.names),
      continent_code: text(rec.continent?.code),
      city: name(rec.city?.names),
      latitude,
      longitude,
    };
  }
  const cc = countryCode(rec.country_code);
  if (!cc) return null;
  const [latitude, longitude] = coordinates(rec.latitude, rec.longitude);
  return {
    country_code: cc,
    country_name: null,
    continent_code: null,
    city: text(rec.city),
    latitude,
    longitude,
  };
}
