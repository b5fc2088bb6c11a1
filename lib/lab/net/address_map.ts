/**
 * The address map a running lab publishes (`deno task lab` writes it beside its ground truth), so
 * a collector in another process can crawl the whole lab: which simulated addresses each lab name
 * resolves to, the loopback address each simulated address routes to, the seeds, the SOCKS gateway
 * and the lab CA. It holds no ground truth (no roles, no implementations).
 *
 * The observer reads it with `lib/crawl/address_map.ts`; the format string names the version.
 *
 * @module
 */
import type { Lab } from "../lab.ts";

/** The format string of {@linkcode labAddressMap}'s output. */
export const ADDRESS_MAP_FORMAT = "electrum-observatory-lab-address-map/1";

/** What a lab publishes for collectors in other processes. */
export interface LabAddressMap {
  format: typeof ADDRESS_MAP_FORMAT;
  /** Seeds to crawl from (names and ports): the first lab seed, which reaches every honest host
   * through peers, and the hostile hosts' seeds when they are planted. */
  seeds: { host: string; t?: number; s?: number }[];
  /** The SOCKS5 gateway standing in for Tor. */
  socks: { ip: string; port: number };
  /** Lab name (lowercase) to its simulated public addresses; onion names map to []. */
  names: Record<string, string[]>;
  /** Simulated public address (IPv6 lowercase) to the loopback address that routes to it. */
  dial: Record<string, string>;
  /** The lab CA's certificate (PEM), the lab's stand-in for the system trust store. */
  ca_pem: string;
  /** The lab's seed and size, for the scan's manifest. */
  lab: { seed: string; clearnet: number; onion: number; latency: number };
}

/**
 * The address map of a running lab.
 *
 * @param lab The lab.
 * @param meta Its seed and latency scale (as started).
 * @returns A JSON-ready object.
 * @example
 * ```ts
 * const map = labAddressMap(lab, { seed: "electrum-observatory", latency: 1 });
 * await Deno.writeTextFile("address_map.json", JSON.stringify(map));
 * ```
 */
export function labAddressMap(lab: Lab, meta: { seed: string; latency: number }): LabAddressMap {
  const names: Record<string, string[]> = {};
  const dial: Record<string, string> = {};
  for (const h of lab.hosts) {
    for (const n of [h.hostname, h.onion]) if (n) names[n.toLowerCase()] = lab.resolver.resolve(n);
    for (const a of [h.ipv4, h.ipv6]) {
      const to = a ? lab.resolver.dialAddress(a) : null;
      if (a && to) dial[a.toLowerCase()] = to;
    }
  }
  return {
    format: ADDRESS_MAP_FORMAT,
    seeds: [...lab.seeds.slice(0, 1), ...lab.hostileSeeds].map((s) => ({
      host: s.host,
      t: s.t,
      s: s.s,
    })),
    socks: lab.socks,
    names,
    dial,
    ca_pem: lab.caPem,
    lab: {
      seed: meta.seed,
      clearnet: lab.hosts.filter((h) => !h.onion).length,
      onion: lab.hosts.filter((h) => h.onion).length,
      latency: meta.latency,
    },
  };
}
