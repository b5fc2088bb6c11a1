/**
 * The vantage point's coordinates from a scan manifest (`vantage_coordinates`, written from
 * `OBS_VANTAGE`), checked: null when absent, null, or not two numbers within -90..90 and
 * -180..180 (an older manifest, a run that did not know its place, a lab without latency).
 *
 * @module
 */

/**
 * Read the vantage's coordinates from a manifest.
 *
 * @param manifest A parsed `manifest.json`, or null.
 * @returns Latitude and longitude in degrees, or null.
 * @example
 * ```ts
 * vantageOf({ vantage_coordinates: { latitude: 50.11, longitude: 8.68 } }); // Frankfurt
 * ```
 */
export function vantageOf(
  manifest: unknown,
): { latitude: number; longitude: number } | null {
  const v = (manifest as { vantage_coordinates?: unknown } | null)?.vantage_coordinates as
    | { latitude?: unknown; longitude?: unknown }
    | null
    | undefined;
  if (!v || typeof v !== "object") return null;
  const { latitude, longitude } = v;
  return typeof latitude === "number" && typeof longitude === "number" &&
      Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180
    ? { latitude, longitude }
    : null;
}
