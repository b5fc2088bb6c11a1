/**
 * Internal test helper: one enricher over the bundled databases, opened on first use and
 * shared by the geo tests (opening costs about half a second).
 *
 * @module
 */
import type { GeoEnricher } from "./geo_enricher.ts";
import { openGeo } from "./open_geo.ts";

let opened: Promise<GeoEnricher> | undefined;

/** The shared enricher. */
export function testGeo(): Promise<GeoEnricher> {
  opened ??= openGeo();
  return opened;
}

/** A seeded Park-Miller generator in [0, 1), for reproducible tests. */
export function seededRng(seed: number): () => number {
  let s = seed % 2147483647;
  if (s <= 0) s += 2147483646;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}
