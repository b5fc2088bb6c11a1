/**
 * A scan's records file opened for derivation in bounded memory: one streaming pass keeps every
 * record's envelope, grouped by server with {@linkcode groupByServer} (last finished attempt),
 * but the `data` of a record only for the probes the cross-server tables read
 * ({@linkcode SUMMARY_PROBES}); each server's complete records are read back from the file on
 * demand, one server at a time. The heavy probe data (handshake transcripts, certificate chains,
 * JARM answers, error transcripts: about three quarters of a scan's bytes) is never all in memory
 * at once.
 *
 * @module
 */
import type { ProbeRecord } from "../records/records.ts";
import { groupByServer, type GroupedScan, type ServerRecords } from "./scan_records.ts";

/**
 * Probes whose `data` the summary view keeps: what `servers.csv`, `peers.csv` and `geo.csv` read
 * (lib/tables/derive_servers.ts, derive_peers.ts, derive_geo.ts). Other probes' records are in
 * the summary with `data` empty; read a server's {@linkcode ScanFile.full} records for them.
 */
export const SUMMARY_PROBES: ReadonlySet<string> = new Set([
  "discover",
  "resolve",
  "reach",
  "version",
  "version_range",
  "tip",
  "peers",
  "features",
  "banner",
  "donation",
  "timing",
  "done",
]);

/** Options of {@linkcode openScan}. */
export interface OpenScanOptions {
  /** Probes whose `data` the summary keeps. Default: {@linkcode SUMMARY_PROBES}. */
  summaryProbes?: ReadonlySet<string>;
  /** Bytes read from the file at a time. Default: 1 MiB. */
  chunkBytes?: number;
}

/** An opened scan ({@linkcode openScan}); close it when done. */
export interface ScanFile {
  /** Every server's last finished attempt, sorted by server key, with `data` kept only for the
   * summary probes (others have `data: {}`); `unfinished` as {@linkcode groupByServer} gives. */
  summary: GroupedScan;
  /**
   * Every server's complete records (last finished attempt, in `seq` order), in the summary's
   * server order, read back from the file `batchServers` servers at a time (default 128).
   */
  full(batchServers?: number): AsyncGenerator<ServerRecords>;
  /** Close the file. */
  close(): void;
}

interface Line {
  offset: number;
  length: number;
}

/**
 * Open a records file (`records.jsonl`) for derivation. Lines that are not complete JSON records
 * end the file, as {@linkcode readRecords} reads it (a crash mid-write leaves at most one).
 *
 * @param path The scan's `records.jsonl`.
 * @param options Which probes keep their data in the summary; read size.
 * @returns The summary view and a reader of each server's full records.
 * @throws {Deno.errors.NotFound} If the file does not exist.
 * @example
 * ```ts
 * const scan = await openScan(`${scanDir}/records.jsonl`);
 * for await (const s of scan.full()) console.log(s.server, s.records.length);
 * scan.close();
 * ```
 */
export async function openScan(path: string, options: OpenScanOptions = {}): Promise<ScanFile> {
  const keep = options.summaryProbes ?? SUMMARY_PROBES;
  const chunkBytes = options.chunkBytes ?? 1 << 20;
  const file = await Deno.open(path, { read: true });
  const decoder = new TextDecoder();
  // Every record as the summary keeps it, and where each full line sits in the file, per
  // server and attempt.
  const records: ProbeRecord[] = [];
  const linesOf = new Map<string, Line[]>();
  try {
    let pending = new Uint8Array(0);
    let pendingOffset = 0;
    let broken = false;
    const buf = new Uint8Array(chunkBytes);
    while (!broken) {
      const n = await file.read(buf);
      if (n === null) break;
      const chunk = pending.length ? concat(pending, buf.subarray(0, n)) : buf.subarray(0, n);
      let start = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
        let r: ProbeRecord;
        try {
          r = JSON.parse(decoder.decode(chunk.subarray(start, nl)));
        } catch {
          broken = true;
          break;
        }
        const key = `${r.attempt}\u0000${r.server}`;
        let lines = linesOf.get(key);
        if (!lines) linesOf.set(key, lines = []);
        lines.push({ offset: pendingOffset + start, length: nl - start });
        records.push(keep.has(r.probe) ? r : { ...r, data: {} });
        start = nl + 1;
      }
      // Keep the unfinished tail (a copy: `buf` is reused for the next read).
      pending = chunk.slice(start);
      pendingOffset += start;
    }
  } catch (err) {
    file.close();
    throw err;
  }
  const summary = groupByServer(records);
  const { servers } = summary;
  const lines = new Map(
    servers.map((s) => [s.server, linesOf.get(`${s.attempt}\u0000${s.server}`)!]),
  );
  const attemptOf = new Map(servers.map((s) => [s.server, s.attempt]));
  linesOf.clear();
  let closed = false;
  return {
    summary,
    async *full(batchServers = 128) {
      const all = servers.map((s) => s.server);
      for (let i = 0; i < all.length; i += batchServers) {
        const batch = all.slice(i, i + batchServers);
        const wanted = batch.flatMap((server) => lines.get(server)!.map((l) => ({ server, l })))
          .sort((a, b) => a.l.offset - b.l.offset);
        const got = new Map<string, ProbeRecord[]>(batch.map((b) => [b, []]));
        // Read the wanted lines in spans (neighbours less than SPAN_GAP apart share one read).
        for (let j = 0; j < wanted.length;) {
          let k = j + 1;
          const from = wanted[j].l.offset;
          let to = from + wanted[j].l.length;
          while (
            k < wanted.length && wanted[k].l.offset - to < SPAN_GAP &&
            wanted[k].l.offset + wanted[k].l.length - from <= SPAN_MAX
          ) {
            to = Math.max(to, wanted[k].l.offset + wanted[k].l.length);
            k++;
          }
          const bytes = await readAt(file, from, to - from, path);
          for (; j < k; j++) {
            const { server, l } = wanted[j];
            got.get(server)!.push(
              JSON.parse(
                decoder.decode(bytes.subarray(l.offset - from, l.offset - from + l.length)),
              ),
            );
          }
        }
        for (const server of batch) {
          yield {
            server,
            attempt: attemptOf.get(server)!,
            records: got.get(server)!.sort((x, y) => x.seq - y.seq),
          };
          got.delete(server);
        }
      }
    },
    close() {
      if (!closed) file.close();
      closed = true;
    },
  };
}

/** Lines closer than this share one read, bytes. */
const SPAN_GAP = 64 * 1024;
/** The longest single read, bytes (a longer line is read alone). */
const SPAN_MAX = 4 * 1024 * 1024;

async function readAt(file: Deno.FsFile, offset: number, length: number, path: string) {
  const bytes = new Uint8Array(length);
  await file.seek(offset, Deno.SeekMode.Start);
  let got = 0;
  while (got < length) {
    const n = await file.read(bytes.subarray(got));
    if (n === null) throw new Error(`${path} ended inside a record at byte ${offset + got}`);
    got += n;
  }
  return bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
