/**
 * The world's country outlines for maps, offline: world-atlas `countries-110m.json` (Natural
 * Earth, public domain) through topojson-client, read once on first use.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { feature } from "topojson-client";

// deno-lint-ignore no-explicit-any
let cached: any;

/**
 * Country outlines as a GeoJSON FeatureCollection (read from the npm package on first call).
 *
 * @returns The collection, shared between calls (do not mutate).
 */
// deno-lint-ignore no-explicit-any
export function worldCountries(): any {
  if (!cached) {
    const path = fileURLToPath(import.meta.resolve("world-atlas/countries-110m.json"));
    const topo = JSON.parse(Deno.readTextFileSync(path));
    cached = feature(topo, topo.objects.countries);
  }
  return cached;
}
