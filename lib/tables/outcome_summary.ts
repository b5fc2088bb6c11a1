/**
 * Summaries of a scan's outcomes: endpoint probes by status and transport, for the collecting
 * notebook.
 *
 * @module
 */
import type { ProbeRecord } from "../records/records.ts";
import { groupByServer } from "./scan_records.ts";

/** One row per (network, transport, status) of `reach` records: how endpoints answered. */
export function reachOutcomes(
  records: readonly ProbeRecord[],
): { network: string; transport: string; status: string; endpoints: number }[] {
  const { servers } = groupByServer(records);
  const counts = new Map<string, number>();
  for (const s of servers) {
    for (const r of s.records) {
      if (r.probe !== "reach") continue;
      const k = [r.network, r.transport ?? "none", r.status].join("|");
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return [...counts.entries()].map(([k, endpoints]) => {
    const [network, transport, status] = k.split("|");
    return { network, transport, status, endpoints };
  }).sort((a, b) =>
    a.network.localeCompare(b.network) || a.transport.localeCompare(b.transport) ||
    b.endpoints - a.endpoints
  );
}

/** One row per (probe, status): every probe outcome of the scan. */
export function probeOutcomes(
  records: readonly ProbeRecord[],
): { probe: string; status: string; records: number }[] {
  const counts = new Map<string, number>();
  for (const r of groupByServer(records).servers.flatMap((s) => s.records)) {
    const k = `${r.probe}|${r.status}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts.entries()].map(([k, n]) => ({
    probe: k.split("|")[0],
    status: k.split("|")[1],
    records: n,
  }))
    .sort((a, b) => a.probe.localeCompare(b.probe) || b.records - a.records);
}
