/**
 * Reads one archived scan (`lib/records/archive_scan.ts`) back: its index entry, manifest and
 * the tables a comparison needs, decompressed and typed by their schemas. A scan archived before
 * a schema gained a column reads that column as null (`parseCsv`'s `earlierSchema`), so a schema
 * change never makes the archive unreadable. A scan is named by its
 * id, or `latest` / `previous` (the newest and the one before it in the index).
 *
 * @module
 */
import { parseCsv, type Row } from "../data/read_csv.ts";
import { schemaForFile } from "../data/schemas/mod.ts";
import { gunzip, readScanIndex, type ScanIndexEntry } from "../records/archive_scan.ts";
import { type HssRow, parseHss } from "../summary/read_hss.ts";

/** One archived scan's tables. */
export interface ArchivedScan {
  entry: ScanIndexEntry;
  // deno-lint-ignore no-explicit-any
  manifest: Record<string, any>;
  servers: Row[];
  fingerprints: Row[];
  tls: Row[];
  /** Null when the scan kept no `clusters.csv`. */
  clusters: Row[] | null;
  /** Null when the scan kept no `hss.csv`. */
  hss: HssRow[] | null;
}

/**
 * The index entry a reference names.
 *
 * @param index The scan index, oldest first.
 * @param ref A scan id, `latest` or `previous`.
 * @throws {RangeError} When no scan matches (naming the scans there are).
 */
export function resolveScan(index: readonly ScanIndexEntry[], ref: string): ScanIndexEntry {
  const hit = ref === "latest"
    ? index.at(-1)
    : ref === "previous"
    ? index.at(-2)
    : index.find((x) => x.scan_id === ref);
  if (!hit) {
    throw new RangeError(
      `no archived scan ${JSON.stringify(ref)} (archived: ${
        index.map((x) => x.scan_id).join(", ") || "none"
      })`,
    );
  }
  return hit;
}

async function table(dir: string, name: string): Promise<string | null> {
  try {
    return new TextDecoder().decode(await gunzip(await Deno.readFile(`${dir}/tables/${name}.gz`)));
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/**
 * Load an archived scan.
 *
 * @param archiveDir The archive folder (`data/archive`).
 * @param ref A scan id, `latest` or `previous`.
 * @throws {RangeError} From {@linkcode resolveScan}. {Error} When the scan kept no servers.csv.
 * @example
 * ```ts
 * const b = await loadArchivedScan("data/archive", "latest");
 * ```
 */
export async function loadArchivedScan(archiveDir: string, ref: string): Promise<ArchivedScan> {
  const entry = resolveScan(await readScanIndex(archiveDir), ref);
  const dir = `${archiveDir}/${entry.scan_id}`;
  const manifest = JSON.parse(await Deno.readTextFile(`${dir}/manifest.json`));
  const rows = async (name: string) => {
    const text = await table(dir, name);
    return text === null ? null : parseCsv(text, schemaForFile(name), { earlierSchema: true });
  };
  const servers = await rows("servers.csv");
  if (servers === null) throw new Error(`${dir}: no servers.csv kept`);
  const hssText = await table(dir, "hss.csv");
  return {
    entry,
    manifest,
    servers,
    fingerprints: (await rows("fingerprints.csv")) ?? [],
    tls: (await rows("tls.csv")) ?? [],
    clusters: await rows("clusters.csv"),
    hss: hssText === null ? null : parseHss(hssText, { earlierSchema: true }),
  };
}
