/**
 * Internal: opening MaxMind-format (mmdb) files with a decoded-record cache, and describing
 * where a database came from.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { Buffer } from "node:buffer";
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

/**
 * One reusable buffer for reading database files one after another (each file's bytes replace
 * the previous one's), released at once by {@linkcode ScratchBuffer.release} rather than when
 * the garbage collector gets to it. A reader made over {@linkcode ScratchBuffer.read}'s bytes
 * must not be used after the next read or the release.
 */
export class ScratchBuffer {
  #buf: ArrayBuffer | null = null;

  /** @param capacity Bytes to allocate up front (the largest file to be read). */
  constructor(capacity: number) {
    this.#buf = new ArrayBuffer(capacity);
  }

  /**
   * Read a whole file into the buffer at byte `at` (the buffer grows if needed, keeping bytes
   * before `at`); the error names the file.
   */
  async read(file: string, what: string, at = 0): Promise<Buffer> {
    try {
      using f = await Deno.open(file, { read: true });
      const size = (await f.stat()).size;
      if (this.#buf === null || this.#buf.byteLength < at + size) {
        const grown = new ArrayBuffer(at + size);
        if (this.#buf !== null && at > 0) {
          new Uint8Array(grown).set(
            new Uint8Array(this.#buf, 0, Math.min(at, this.#buf.byteLength)),
          );
        }
        this.release();
        this.#buf = grown;
      }
      const bytes = new Uint8Array(this.#buf, at, size);
      for (let done = 0; done < size;) {
        const n = await f.read(bytes.subarray(done));
        if (n === null) throw new Error(`file ended at byte ${done} of ${size}`);
        done += n;
      }
      return Buffer.from(this.#buf, at, size);
    } catch (err) {
      throw new Error(`Cannot read ${what} ${file}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** The bytes at [at, at + size) as last read (a view, valid until the next read). */
  bytes(at: number, size: number): Uint8Array {
    if (this.#buf === null) throw new RangeError("ScratchBuffer: released");
    return new Uint8Array(this.#buf, at, size);
  }

  /** Free the memory now: detaching the buffer drops its bytes (views of it read as empty). */
  release(): void {
    this.#buf?.transfer(0);
    this.#buf = null;
  }
}

/** A reader over an mmdb file's bytes; the error names the file. */
export function mmdbReader(bytes: Buffer, file: string, cacheSize: number): Reader<AnyRecord> {
  try {
    return new Reader<AnyRecord>(
      bytes,
      cacheSize > 0 ? { cache: new RecordCache(cacheSize) } : {},
    );
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
