/**
 * Grouping of a scan's raw records by server, keeping only each server's last finished attempt
 * (a resumed scan may hold unfinished earlier attempts). Every table is derived from this view.
 *
 * @module
 */
import type { ProbeRecord } from "../records/records.ts";

/** The records of one server's last finished attempt. */
export interface ServerRecords {
  server: string;
  attempt: number;
  records: ProbeRecord[];
}

/** A scan's records grouped by server ({@linkcode groupByServer}'s result). */
export interface GroupedScan {
  servers: ServerRecords[];
  unfinished: string[];
}

/** A scan's records, raw or already grouped: derivations accept both, so a caller deriving several tables groups once. */
export type ScanInput = readonly ProbeRecord[] | GroupedScan;

/** The grouped view of a scan, grouping raw records (or passing a grouped scan through). */
export function grouped(input: ScanInput): GroupedScan {
  return Array.isArray(input)
    ? groupByServer(input as readonly ProbeRecord[])
    : input as GroupedScan;
}

/**
 * Group records by server, last finished attempt only, sorted by server key (deterministic).
 * Servers without a finished attempt are returned in `unfinished`.
 */
export function groupByServer(records: readonly ProbeRecord[]): GroupedScan {
  const lastDone = new Map<string, number>();
  const seen = new Set<string>();
  for (const r of records) {
    seen.add(r.server);
    if (r.probe === "done") {
      lastDone.set(r.server, Math.max(lastDone.get(r.server) ?? 0, r.attempt));
    }
  }
  const by = new Map<string, ProbeRecord[]>();
  for (const r of records) {
    if (lastDone.get(r.server) !== r.attempt) continue;
    let list = by.get(r.server);
    if (!list) by.set(r.server, list = []);
    list.push(r);
  }
  const servers = [...by.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([server, recs]) => ({
      server,
      attempt: lastDone.get(server)!,
      records: recs.sort((x, y) => x.seq - y.seq),
    }));
  const unfinished = [...seen].filter((s) => !lastDone.has(s)).sort();
  return { servers, unfinished };
}

/** The first record of a probe on the server's main endpoint (the first endpoint probed). */
export function mainRecord(s: ServerRecords, probe: string): ProbeRecord | undefined {
  const main = mainEndpoint(s);
  return s.records.find((r) =>
    r.probe === probe &&
    (main === null || (r.ip === main.ip && r.port === main.port && r.transport === main.transport))
  );
}

/** The endpoint the full battery ran on: the first one with a `reach` record that was dialled. */
export function mainEndpoint(
  s: ServerRecords,
): { ip: string | null; port: number | null; transport: string | null } | null {
  const r = s.records.find((x) =>
    x.probe === "reach" && x.status !== "blocklisted" && x.status !== "unreachable"
  );
  return r ? { ip: r.ip, port: r.port, transport: r.transport } : null;
}

/** Median of numbers, or null (the one definition is `lib/analysis/median.ts`). */
export { median } from "../analysis/median.ts";
