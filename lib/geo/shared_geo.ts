/**
 * One opened enricher per set of database paths, shared by every caller in a process (opening
 * reads about 180 MB and takes about half a second), and the environment variables that point
 * at a user's own MaxMind files.
 *
 * @module
 */
import type { GeoEnricher } from "./geo_enricher.ts";
import { openGeo, type OpenGeoOptions } from "./open_geo.ts";

const opened = new Map<string, Promise<GeoEnricher>>();

/**
 * The MaxMind paths given in an environment: `OBS_MAXMIND_CITY` (GeoLite2/GeoIP2 City or
 * Country mmdb) and `OBS_MAXMIND_ASN` (GeoLite2/GeoIP2 ASN mmdb). Unset or empty variables
 * give no option, so the bundled databases answer.
 *
 * @param env Variables to read. Default: the process environment.
 * @returns Options for {@linkcode openGeo} / {@linkcode sharedGeo}.
 * @example
 * ```ts
 * geoOptionsFromEnv({ OBS_MAXMIND_CITY: "/srv/GeoLite2-City.mmdb" });
 * // { maxmindCityPath: "/srv/GeoLite2-City.mmdb" }
 * ```
 */
export function geoOptionsFromEnv(
  env: Record<string, string | undefined> = Deno.env.toObject(),
): OpenGeoOptions {
  const out: OpenGeoOptions = {};
  if (env.OBS_MAXMIND_CITY) out.maxmindCityPath = env.OBS_MAXMIND_CITY;
  if (env.OBS_MAXMIND_ASN) out.maxmindAsnPath = env.OBS_MAXMIND_ASN;
  return out;
}

/**
 * Open the databases once per distinct options and share the enricher. A failed open is not
 * cached, so a corrected path can be retried.
 *
 * @param options As for {@linkcode openGeo}. Default: {@linkcode geoOptionsFromEnv}.
 * @returns The shared enricher.
 * @throws As {@linkcode openGeo} does.
 * @example
 * ```ts
 * const geo = await sharedGeo();
 * geo.lookup("8.8.8.8").provider; // "Google Cloud"
 * ```
 */
export function sharedGeo(options: OpenGeoOptions = geoOptionsFromEnv()): Promise<GeoEnricher> {
  const key = JSON.stringify(Object.entries(options).sort(([a], [b]) => (a < b ? -1 : 1)));
  let p = opened.get(key);
  if (!p) {
    p = openGeo(options);
    opened.set(key, p);
    p.catch(() => opened.delete(key));
  }
  return p;
}
