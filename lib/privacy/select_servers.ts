/**
 * The reference client's server selection, as a model (facts from its `network.py`): a main
 * server drawn uniformly from the hard-coded list's TLS entries (or configured), then further
 * TLS interfaces drawn uniformly from the main's peers plus the hard-coded list until
 * `targetConnections` are connected. After `server.version` a non-main server is dropped when
 * its IPv4 /16 or IPv6 /48 bucket already holds a connected server, or when it is an onion and
 * more than `maxOnion` onions are connected; a dropped server has still seen the client's address
 * and version string ("contacted"). Without Tor, onions cannot be reached.
 *
 * @module
 */
import type { Candidate } from "./candidates.ts";
import type { ClientProfile } from "./client_profiles.ts";
import { shuffle } from "./client_session.ts";

/** Options of {@linkcode selectServers}. */
export interface SelectOptions {
  /** The client reaches servers through Tor (onions reachable; servers see an exit). */
  tor: boolean;
  /** Seeded randomness. */
  random: () => number;
  /** A configured main server (candidate index). Default: a random hard-coded TLS entry. */
  main?: number;
  /** Interfaces kept open. Default: the profile's `targetConnections`. */
  connections?: number;
  /** Candidates a strict client refuses before `server.version` (e.g. no CA-verified TLS). */
  refuse?: (c: Candidate) => boolean;
}

/** One client's selection. */
export interface Selection {
  /** The main server (null: none reachable). */
  main: number | null;
  /** Connected interfaces, main first. */
  connected: number[];
  /** Every server that received `server.version` (connected or dropped after it). */
  contacted: number[];
}

/**
 * Select one client's servers.
 *
 * @example
 * ```ts
 * const s = selectServers(candidates, ELECTRUM_4_3_4, { tor: false, random: Math.random });
 * s.connected.length; // up to 10
 * ```
 */
export function selectServers(
  candidates: readonly Candidate[],
  profile: ClientProfile,
  options: SelectOptions,
): Selection {
  const { random, tor } = options;
  const usable = (i: number) =>
    candidates[i].tls && (tor || !candidates[i].onion) && !(options.refuse?.(candidates[i]));
  let main: number | null = options.main ?? null;
  if (main !== null && !usable(main)) main = null;
  if (main === null && options.main === undefined) {
    const list = shuffle(
      candidates.map((_, i) => i).filter((i) => candidates[i].hardcoded),
      random,
    );
    main = list.find(usable) ?? null;
  }
  if (main === null) return { main: null, connected: [], contacted: [] };
  const target = options.connections ?? profile.targetConnections;
  const connected = [main];
  const contacted = [main];
  const buckets = new Set<string>();
  if (candidates[main].bucket) buckets.add(candidates[main].bucket!);
  let onions = candidates[main].onion ? 1 : 0;
  const pool = new Set<number>(candidates[main].peers);
  candidates.forEach((c, i) => c.hardcoded && pool.add(i));
  pool.delete(main);
  for (const i of shuffle([...pool], random)) {
    if (connected.length >= target) break;
    if (!usable(i)) continue;
    contacted.push(i);
    const c = candidates[i];
    if (c.rejects) continue;
    if (c.onion) {
      if (onions > profile.maxOnion) continue;
      onions++;
    } else if (c.bucket) {
      if (buckets.has(c.bucket)) continue;
      buckets.add(c.bucket);
    }
    connected.push(i);
  }
  return { main, connected, contacted };
}
