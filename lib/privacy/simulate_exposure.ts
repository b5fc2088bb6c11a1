/**
 * Exposure of many default clients to each operator group or provider of the scanned population,
 * from the selection model (`select_servers.ts`): the chance that a client's main server (which
 * learns the whole wallet, the client's address and its timing) belongs to the group, that any
 * of its connections does (address, client version, polling cadence), and that the group sees
 * the client's own address (every contacted server without Tor; none through Tor).
 *
 * @module
 */
import type { Candidate } from "./candidates.ts";
import type { ClientProfile } from "./client_profiles.ts";
import { type SelectOptions, selectServers } from "./select_servers.ts";

/** Options of {@linkcode simulateExposure}. */
export interface ExposureOptions {
  /** Simulated clients. Default: 10,000. */
  clients?: number;
  /** Through Tor. Default: false. */
  tor?: boolean;
  /** Group servers by operator group, by provider, or by the caller's keys: one, or several for
   * nested classes tallied from the same clients (a high-tier server is in "high" and in
   * "medium or high"), or none to leave a server out. Default: "operator". */
  groupBy?: "operator" | "provider" | ((c: Candidate) => string | readonly string[]);
  /** Candidates a strict client refuses (see `SelectOptions.refuse`). Default: none. */
  refuse?: SelectOptions["refuse"];
  /** Seeded randomness. */
  random: () => number;
}

/** One group's exposure. */
export interface ExposureRow {
  group: string;
  /** Servers of the group a client can use (TLS; onions only through Tor). */
  servers: number;
  /** Share of clients whose main server is in the group (the whole wallet). */
  mainShare: number;
  /** Share of clients with any connection in the group. */
  anyShare: number;
  /** Share of clients whose own address the group sees. */
  ipShare: number;
}

/** The simulation's result. */
export interface Exposure {
  rows: ExposureRow[];
  /** Clients with no reachable main (none to serve them). */
  stranded: number;
  meanConnected: number;
  /** Mean servers that received `server.version` (including those dropped after it). */
  meanContacted: number;
}

/**
 * Simulate `clients` default clients and tally their exposure per group, largest `anyShare`
 * first.
 *
 * @example
 * ```ts
 * const e = simulateExposure(candidates, ELECTRUM_4_3_4, { random: seededRandom(1) });
 * e.rows[0].anyShare; // the most exposing group's share of clients
 * ```
 */
export function simulateExposure(
  candidates: readonly Candidate[],
  profile: ClientProfile,
  options: ExposureOptions,
): Exposure {
  const n = options.clients ?? 10_000;
  const tor = options.tor ?? false;
  const by = options.groupBy;
  const keys = (c: Candidate): readonly string[] =>
    typeof by === "function"
      ? [by(c)].flat()
      : [by === "provider" ? (c.provider ?? (c.onion ? "onion" : "unknown")) : c.operator];
  const groups = candidates.map(keys);
  const names = [...new Set(groups.flat())];
  const gi = new Map(names.map((g, i) => [g, i]));
  const gIdx = groups.map((gs) => gs.map((g) => gi.get(g)!));
  const main = new Float64Array(names.length);
  const any = new Float64Array(names.length);
  const ip = new Float64Array(names.length);
  const mark = new Int32Array(names.length).fill(-1);
  const markIp = new Int32Array(names.length).fill(-1);
  let stranded = 0;
  let connected = 0;
  let contacted = 0;
  for (let k = 0; k < n; k++) {
    const s = selectServers(candidates, profile, {
      tor,
      random: options.random,
      refuse: options.refuse,
    });
    if (s.main === null) {
      stranded++;
      continue;
    }
    connected += s.connected.length;
    contacted += s.contacted.length;
    for (const g of gIdx[s.main]) main[g]++;
    for (const i of s.connected) {
      for (const g of gIdx[i]) if (mark[g] !== k) (mark[g] = k), any[g]++;
    }
    if (!tor) {
      for (const i of s.contacted) {
        for (const g of gIdx[i]) if (markIp[g] !== k) (markIp[g] = k), ip[g]++;
      }
    }
  }
  const usable = (c: Candidate) => c.tls && (tor || !c.onion) && !options.refuse?.(c);
  const rows = names.map((group, g): ExposureRow => ({
    group,
    servers: candidates.filter((c, i) => gIdx[i].includes(g) && usable(c)).length,
    mainShare: main[g] / n,
    anyShare: any[g] / n,
    ipShare: ip[g] / n,
  })).filter((r) => r.servers > 0).sort((a, b) =>
    b.anyShare - a.anyShare || b.mainShare - a.mainShare
  );
  const served = n - stranded;
  return {
    rows,
    stranded,
    meanConnected: served ? connected / served : 0,
    meanContacted: served ? contacted / served : 0,
  };
}
