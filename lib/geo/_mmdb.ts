/**
 * Internal: opening MaxMind-format (mmdb) files with a decoded-record cache, and describing
 * where a database came from.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { Reader } from "maxmind";
import type { AnyRecord } from "./_records.ts";
import { packageOf } from "./_sources.ts";
import type { GeoProvenance } from "./geo_enricher.ts";

/**
 * Decoded-record cache for one reader: neighbouring networks share records (one per city),
 * so lookups and the lab's network walks decode each record once. Cleared when full.
 */
export class RecordCache {
  #map = new Map<number, unknown>();
  constructor(readonly max: number) {}
  get(key: number): unknown {
    return this.#map.get(key);
  }
  set(key: number, value: unknown): void {
    if (this.#map.size >= this.max) this.#map.clear();
    this.#map.set(key, value);
  }
}

/** Read an mmdb file into a reader; the error names the file. */
export async function loadMmdb(file: string, cacheSize: number): Promise<Reader<AnyRecord>> {
  try {
    const buf = await readFile(file);
    return new Reader<AnyRecord>(buf, cacheSize > 0 ? { cache: new RecordCache(cacheSize) } : {});
  } catch (err) {
    throw new Error(`Cannot open MaxMind-format database ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/** Address families a reader answers for (`only` for single-family files). */
export function families(reader: Reader<AnyRecord>, only?: 4 | 6): ReadonlySet<4 | 6> {
  if (only) return new Set([only]);
  return new Set(reader.metadata.ipVersion === 6 ? [4, 6] : [4]);
}

/** Provenance of an mmdb file: build date from its metadata, package from `package.json`. */
export function mmdbProvenance(
  database: string,
  file: string,
  reader: Reader<AnyRecord>,
  license: string,
  attribution: string,
): GeoProvenance {
  const pkg = packageOf(file);
  const epoch = reader.metadata.buildEpoch;
  return {
    database: `${database} (${reader.metadata.databaseType})`,
    file,
    package: pkg ? `${pkg.name}@${pkg.version}` : null,
    build_date: epoch instanceof Date && !Number.isNaN(epoch.getTime())
      ? epoch.toISOString()
      : null,
    build_date_from: "mmdb-metadata",
    license,
    attribution,
  };
}
