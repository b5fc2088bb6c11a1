/**
 * Raw scan records: one JSON line per probe outcome, appended as they happen and never rewritten
 * (after Bitnodes' timestamped snapshots and OONI's measurement records). The derived tables are
 * rebuilt from these files alone.
 *
 * @module
 */
import { Buffer } from "node:buffer";
import type { Operation, Status } from "../net/status.ts";
import type { Transport } from "../net/dial.ts";

/** One probe outcome against one endpoint. */
export interface ProbeRecord {
  scan_id: string;
  /** Order of writing within the scan. */
  seq: number;
  /** When the probe finished (ISO 8601, UTC). */
  t: string;
  /** The server this endpoint belongs to (host name, onion name or address). */
  server: string;
  /** Which attempt at this server (a resumed scan retries unfinished servers). */
  attempt: number;
  host: string;
  /** The address as the world sees it (simulated in the lab); null through Tor. */
  ip: string | null;
  port: number | null;
  transport: Transport | null;
  network: "clearnet" | "onion";
  probe: string;
  probe_version: string;
  status: Status;
  /** The operation that failed, when it did. */
  op: Operation | null;
  message: string | null;
  duration_ms: number;
  /** Probe-specific facts; JSON-safe and bounded. */
  data: Record<string, unknown>;
}

/** Appends records to a JSON Lines file, flushing in batches. */
export class RecordWriter {
  #file: Deno.FsFile;
  #buffer: string[] = [];
  #seq: number;
  readonly path: string;

  private constructor(path: string, file: Deno.FsFile, seq: number) {
    this.path = path;
    this.#file = file;
    this.#seq = seq;
  }

  /**
   * Open (or continue) a records file. When continuing, numbering resumes after the last complete
   * line; a half-written last line (a crash mid-write) is cut off first.
   */
  static async open(path: string): Promise<RecordWriter> {
    const existing = await readRecords(path).catch(() => ({ records: [], validBytes: 0 }));
    const file = await Deno.open(path, { create: true, write: true, read: true });
    await file.truncate(existing.validBytes);
    await file.seek(0, Deno.SeekMode.End);
    const last = existing.records.at(-1);
    return new RecordWriter(path, file, last ? last.seq + 1 : 0);
  }

  /** Append a record (its `seq` is assigned here); flushed every 64 records. */
  async write(record: Omit<ProbeRecord, "seq">): Promise<ProbeRecord> {
    const full = { ...record, seq: this.#seq++ } as ProbeRecord;
    this.#buffer.push(JSON.stringify(full) + "\n");
    if (this.#buffer.length >= 64) await this.flush();
    return full;
  }

  /** Write buffered records to disk. */
  async flush(): Promise<void> {
    if (!this.#buffer.length) return;
    const text = this.#buffer.join("");
    this.#buffer = [];
    const bytes = new TextEncoder().encode(text);
    let off = 0;
    while (off < bytes.length) off += await this.#file.write(bytes.subarray(off));
    await this.#file.syncData();
  }

  async close(): Promise<void> {
    await this.flush();
    this.#file.close();
  }
}

/**
 * Read a records file. Lines that are not complete JSON records (a crash mid-write leaves at most
 * one, at the end) are skipped; `validBytes` is the length of the complete prefix.
 */
export async function readRecords(
  path: string,
): Promise<{ records: ProbeRecord[]; validBytes: number }> {
  const text = await Deno.readTextFile(path);
  const records: ProbeRecord[] = [];
  let validBytes = 0, pos = 0;
  const enc = new TextEncoder();
  while (pos < text.length) {
    const nl = text.indexOf("\n", pos);
    if (nl < 0) break;
    const line = text.slice(pos, nl);
    try {
      records.push(JSON.parse(line));
      validBytes += enc.encode(line).length + 1;
    } catch {
      break;
    }
    pos = nl + 1;
  }
  return { records, validBytes };
}

/** Bound a string for a record. */
export function clip(s: string, max = 4096): string {
  return s.length > max ? s.slice(0, max) : s;
}

/** Raw bytes for a record: base64, bounded. */
export function bytesField(
  b: Uint8Array,
  max = 16_384,
): { b64: string; length: number; truncated: boolean } {
  const part = b.subarray(0, max);
  // Encoded from the bytes where they are (no binary string, no copy); the same text as `btoa`.
  const b64 = Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString("base64");
  return { b64, length: b.length, truncated: b.length > max };
}

/** Decode a {@linkcode bytesField}. */
export function fromBytesField(f: { b64: string }): Uint8Array {
  const bin = atob(f.b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
