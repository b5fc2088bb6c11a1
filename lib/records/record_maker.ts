/**
 * Synthetic probe records for tests: what a scan would have written, built from a probe name, its
 * data and the few fields a test cares about. It lives beside {@linkcode ProbeRecord} (not in
 * `testing/`, which sits on the same floor of the layer table and so cannot import this folder).
 *
 * @module
 */
import type { ProbeRecord } from "./records.ts";

/** Fields every record of a {@linkcode recordMaker} starts from; `seq` and `probe` are its own. */
export type RecordDefaults = Partial<Omit<ProbeRecord, "seq" | "probe">>;

/** Makes the next record; see {@linkcode recordMaker}. */
export interface RecordMaker {
  /**
   * The next record: `seq` one past the last one made, `probe` and `data` as given, then the
   * maker's defaults with `over` on top.
   */
  (probe: string, data?: Record<string, unknown>, over?: Partial<ProbeRecord>): ProbeRecord;
  /** Number the next record 0 again. */
  reset(): void;
}

/** The record a maker starts from when its defaults say nothing else. */
const BASE: Omit<ProbeRecord, "seq" | "probe" | "data" | "host"> = {
  scan_id: "s1",
  t: "2026-11-24T10:00:00.000Z",
  server: "a.example",
  attempt: 1,
  ip: "203.0.113.5",
  port: 50002,
  transport: "tls",
  network: "clearnet",
  probe_version: "1",
  status: "success",
  op: null,
  message: null,
  duration_ms: 1,
};

/**
 * A maker of synthetic probe records, numbered from `seq` 0 in the order they are made.
 *
 * @param defaults Fields of every record. Defaults: scan `s1` at `2026-11-24T10:00:00.000Z`,
 *   server `a.example` on its TLS port 50002 at 203.0.113.5 (clearnet), attempt 1, probe version
 *   `1`, status `success` with no `op` or `message`, `duration_ms` 1, empty `data`; `host` is the
 *   record's `server` unless given.
 * @returns The maker: call it with a probe name, its data (default `{}`) and fields to override.
 * @example
 * ```ts
 * const rec = recordMaker({ scan_id: "golden" });
 * const records = [rec("version", { software: "Fulcrum 2.1.1" }), rec("done", {}, { ip: null })];
 * records[1].seq; // 1
 * ```
 */
export function recordMaker(defaults: RecordDefaults = {}): RecordMaker {
  let seq = 0;
  const make = (
    probe: string,
    data: Record<string, unknown> = {},
    over: Partial<ProbeRecord> = {},
  ): ProbeRecord => {
    const n = seq++;
    const r = { ...BASE, ...defaults, probe, data, ...over };
    // Keys in the order a scan writes them, so a record serialises as a written one does.
    return {
      scan_id: r.scan_id,
      seq: over.seq ?? n,
      t: r.t,
      server: r.server,
      attempt: r.attempt,
      host: r.host ?? r.server,
      ip: r.ip,
      port: r.port,
      transport: r.transport,
      network: r.network,
      probe: r.probe,
      probe_version: r.probe_version,
      status: r.status,
      op: r.op,
      message: r.message,
      duration_ms: r.duration_ms,
      data: r.data,
    };
  };
  return Object.assign(make, { reset: () => void (seq = 0) });
}
