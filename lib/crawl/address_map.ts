/**
 * Reading the address map a running lab publishes (`deno task lab` writes `address_map.json`
 * beside its ground truth), and a resolver over it, so `deno task collect --lab-map FILE` crawls
 * the whole running lab from another process: lab names resolve to simulated public addresses and
 * those route to the loopback addresses the lab listens on, as in a lab started by the scan.
 *
 * The file is input from another program: its size is bounded and every field is checked.
 *
 * @module
 */
import net from "node:net";
import type { Resolver } from "./resolver.ts";
import type { Seed } from "./crawl.ts";
import { isLoopback } from "../net/address.ts";
import { readJsonObject } from "./read_json_object.ts";

/** The format string this reader understands. */
export const ADDRESS_MAP_FORMAT = "electrum-observatory-lab-address-map/1";

/** Largest address map read, in bytes (a 5,000-host lab writes about 2 MB). */
export const MAX_ADDRESS_MAP_BYTES = 16 * 1024 * 1024;

/** A lab's address map, as read. */
export interface AddressMap {
  seeds: Seed[];
  socks: { ip: string; port: number };
  names: Record<string, string[]>;
  dial: Record<string, string>;
  caPem: string;
  lab: { seed: string; clearnet: number; onion: number; latency: number };
}

const isPort = (p: unknown) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535;

/**
 * Read and check an address map file.
 *
 * @param path The file (`address_map.json` in a `deno task lab` run folder).
 * @returns The map.
 * @throws {TypeError} Naming the file and what is wrong with it (format, a field, a dial address
 * off loopback, too large).
 * @example
 * ```ts
 * const map = await readAddressMap("data/lab-runs/lab-2026-12-03T08-00-00-000Z/address_map.json");
 * ```
 */
export async function readAddressMap(path: string): Promise<AddressMap> {
  const bad = (why: string) => new TypeError(`address map ${path}: ${why}`);
  const j = await readJsonObject(path, "address map", MAX_ADDRESS_MAP_BYTES);
  if (j === null) throw bad("no such file");
  if (j?.format !== ADDRESS_MAP_FORMAT) throw bad(`format is not ${ADDRESS_MAP_FORMAT}`);
  const seeds = j.seeds as Seed[];
  if (!Array.isArray(seeds) || !seeds.length) throw bad("no seeds");
  for (const s of seeds) {
    if (
      typeof s?.host !== "string" || (s.t !== undefined && !isPort(s.t)) ||
      (s.s !== undefined && !isPort(s.s))
    ) {
      throw bad(`bad seed ${JSON.stringify(s).slice(0, 80)}`);
    }
  }
  const socks = j.socks as { ip: string; port: number };
  if (!socks || !isLoopback(String(socks.ip)) || !isPort(socks.port)) {
    throw bad("the SOCKS gateway is not a loopback address and port");
  }
  const names = j.names as Record<string, string[]>;
  const dial = j.dial as Record<string, string>;
  if (typeof names !== "object" || names === null || typeof dial !== "object" || dial === null) {
    throw bad("names or dial missing");
  }
  for (const [name, addresses] of Object.entries(names)) {
    if (!Array.isArray(addresses) || addresses.some((a) => net.isIP(String(a)) === 0)) {
      throw bad(`bad addresses for ${name.slice(0, 80)}`);
    }
  }
  for (const [from, to] of Object.entries(dial)) {
    if (net.isIP(from) === 0 || !isLoopback(String(to))) {
      throw bad(`${from.slice(0, 80)} does not route to a loopback address`);
    }
  }
  const lab = j.lab as AddressMap["lab"];
  if (typeof j.ca_pem !== "string" || typeof lab?.seed !== "string") {
    throw bad("ca_pem or lab missing");
  }
  return { seeds, socks, names, dial, caPem: j.ca_pem, lab };
}

/** A resolver over a lab's address map: names to simulated addresses, those to loopback. */
export class AddressMapResolver implements Resolver {
  readonly kind = "lab-map";
  readonly #map: AddressMap;
  constructor(map: AddressMap) {
    this.#map = map;
  }
  resolve(host: string): Promise<string[]> {
    if (net.isIP(host)) return Promise.resolve([host]);
    return Promise.resolve([
      ...(Object.hasOwn(this.#map.names, host.toLowerCase())
        ? this.#map.names[host.toLowerCase()]
        : []),
    ]);
  }
  dialAddress(address: string): string | null {
    const key = address.toLowerCase();
    return Object.hasOwn(this.#map.dial, key) ? this.#map.dial[key] : null;
  }
}
