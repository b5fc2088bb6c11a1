/**
 * The scan archive: every scan's raw records and manifest, and the tables derived from them,
 * kept compressed and never overwritten, with an index of the scans. Layout under the archive
 * folder (by default `data/archive/`):
 *
 * ```text
 * index.json                     one entry per scan, oldest first (ScanIndexEntry)
 * <scan_id>/manifest.json        the scan's manifest, as written
 * <scan_id>/records.jsonl.gz     the raw probe records, gzip
 * <scan_id>/tables/<name>.csv.gz the derived tables of that scan, gzip
 * ```
 *
 * Append-only: archiving a scan id that is already there is refused; the index is rewritten
 * atomically with the new entry added. Gzip output is deterministic (no timestamp in the header).
 *
 * @module
 */
import { pathExists } from "./path_exists.ts";

/** One scan in the index. */
export interface ScanIndexEntry {
  scan_id: string;
  target: string;
  started_at: string | null;
  finished_at: string | null;
  /** Servers in `servers.csv`. */
  servers: number | null;
  /** The lab's seed, clock and week on a lab run; null otherwise. */
  lab: { seed: string; clock: string | null; week: number } | null;
  /** The tables kept, by file name (`servers.csv`, ...). */
  tables: string[];
}

/** Options of {@linkcode archiveScan}. */
export interface ArchiveOptions {
  /** The archive folder. Required. */
  archiveDir: string;
  /** Folder holding the scan's derived tables (`*.csv`). Default: `<scanDir>/derived`. */
  tablesDir?: string;
}

/** Gzip bytes through the platform's CompressionStream. */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Gunzip bytes. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new DecompressionStream("gzip"),
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Data rows of a CSV text (records after the header). A newline inside quotes (a server's
 * multi-line banner, as `toCsv` writes it) ends no record; `""` inside quotes adds two quotes,
 * so counting quotes tells inside from outside. (`lib/data`'s reader sits on this floor too, so
 * it cannot be imported here.)
 */
function csvDataRows(text: string): number {
  let records = 0, quotes = 0;
  for (const ch of text) {
    if (ch === '"') quotes++;
    else if (ch === "\n" && quotes % 2 === 0) records++;
  }
  if (text !== "" && !text.endsWith("\n")) records++;
  return Math.max(0, records - 1);
}

/**
 * Read the scan index, oldest first; empty when there is none.
 *
 * @param archiveDir The archive folder.
 */
export async function readScanIndex(archiveDir: string): Promise<ScanIndexEntry[]> {
  try {
    return JSON.parse(await Deno.readTextFile(`${archiveDir}/index.json`)).scans;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
}

/**
 * Archive one finished scan: its manifest, its records and its derived tables, compressed, and
 * add it to the index.
 *
 * @param scanDir The scan's folder (`manifest.json`, `records.jsonl`).
 * @param options The archive folder, and where the derived tables are.
 * @returns The index entry added.
 * @throws {Error} When the scan id is already archived (the archive is append-only), or the
 *   scan folder has no manifest.
 * @example
 * ```ts
 * await archiveScan(result.scanDir, { archiveDir: "data/archive" });
 * ```
 */
export async function archiveScan(
  scanDir: string,
  options: ArchiveOptions,
): Promise<ScanIndexEntry> {
  const manifestText = await Deno.readTextFile(`${scanDir}/manifest.json`);
  const manifest = JSON.parse(manifestText);
  const id = String(manifest.scan_id ?? "");
  if (!/^[A-Za-z0-9._-]+$/.test(id)) {
    throw new TypeError(
      `archiveScan: the manifest's scan_id ${JSON.stringify(id)} is not a folder name`,
    );
  }
  const dir = `${options.archiveDir}/${id}`;
  if (await pathExists(dir)) {
    throw new Error(
      `archiveScan: ${id} is already in ${options.archiveDir} (the archive is append-only)`,
    );
  }
  const tablesDir = options.tablesDir ?? `${scanDir}/derived`;
  await Deno.mkdir(`${dir}.partial/tables`, { recursive: true });
  await Deno.writeTextFile(`${dir}.partial/manifest.json`, manifestText);
  await Deno.writeFile(
    `${dir}.partial/records.jsonl.gz`,
    await gzip(await Deno.readFile(`${scanDir}/records.jsonl`)),
  );
  const tables: string[] = [];
  for await (const e of Deno.readDir(tablesDir)) {
    if (e.isFile && e.name.endsWith(".csv")) tables.push(e.name);
  }
  tables.sort();
  let servers: number | null = null;
  for (const name of tables) {
    const bytes = await Deno.readFile(`${tablesDir}/${name}`);
    if (name === "servers.csv") servers = csvDataRows(new TextDecoder().decode(bytes));
    await Deno.writeFile(`${dir}.partial/tables/${name}.gz`, await gzip(bytes));
  }
  await Deno.rename(`${dir}.partial`, dir);
  const lab = manifest.lab && typeof manifest.lab === "object"
    ? {
      seed: String(manifest.lab.seed),
      clock: manifest.lab.clock ?? null,
      week: Number(manifest.lab.week ?? 0),
    }
    : null;
  const entry: ScanIndexEntry = {
    scan_id: id,
    target: String(manifest.target ?? ""),
    started_at: manifest.started_at ?? null,
    finished_at: manifest.finished_at ?? null,
    servers,
    lab,
    tables,
  };
  const index = (await readScanIndex(options.archiveDir)).filter((x) => x.scan_id !== id);
  index.push(entry);
  index.sort((a, b) => (a.started_at ?? "").localeCompare(b.started_at ?? ""));
  // Atomic: a reader sees the old index or the new one, never half of one.
  const tmp = `${options.archiveDir}/index.json.tmp-${crypto.randomUUID().slice(0, 8)}`;
  await Deno.writeTextFile(tmp, JSON.stringify({ scans: index }, null, 2) + "\n");
  await Deno.rename(tmp, `${options.archiveDir}/index.json`);
  return entry;
}
