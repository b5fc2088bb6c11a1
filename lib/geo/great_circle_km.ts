/**
 * Great-circle distance between two points on the Earth.
 *
 * @module
 */

/** A point in degrees (latitude north positive, longitude east positive). */
export interface LatLon {
  /** Degrees north of the equator (-90 to 90). */
  latitude: number;
  /** Degrees east of Greenwich (-180 to 180). */
  longitude: number;
}

/** Mean Earth radius in km. */
const EARTH_RADIUS_KM = 6371;

/**
 * Great-circle distance in km between `a` and `b` (haversine on a sphere of radius 6,371 km).
 * The haversine term is clamped to 1, so rounding near antipodal points cannot give NaN.
 *
 * @param a One point, in degrees.
 * @param b The other point, in degrees.
 * @returns Kilometres along the surface (0 to about 20,015).
 * @example
 * ```ts
 * greatCircleKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 90 }); // ~10,007.5
 * ```
 */
export function greatCircleKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad, dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
