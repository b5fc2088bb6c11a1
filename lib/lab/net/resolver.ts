/**
 * The lab's address book: stands in for DNS. It answers lab host names with their simulated
 * public addresses, as DNS would, and keeps the mapping from simulated addresses to the loopback
 * addresses the lab listens on hidden behind {@linkcode LabResolver.dialAddress}, which only the
 * crawler's dial step uses.
 *
 * @module
 */
import net from "node:net";
import type { LabHost } from "../population.ts";

/** The lab's DNS and routing stand-in. */
export class LabResolver {
  #byName = new Map<string, LabHost>();
  #byAddress = new Map<string, LabHost>();

  constructor(hosts: readonly LabHost[]) {
    for (const h of hosts) {
      if (h.hostname) this.#byName.set(h.hostname.toLowerCase(), h);
      if (h.onion) this.#byName.set(h.onion.toLowerCase(), h);
      if (h.ipv4) this.#byAddress.set(h.ipv4, h);
      if (h.ipv6) this.#byAddress.set(normalizeV6(h.ipv6), h);
    }
  }

  /**
   * Resolve a host name to its simulated public addresses (A and AAAA). Onion names do not
   * resolve (only the gateway reaches them). An unknown name gives an empty list (NXDOMAIN).
   */
  resolve(name: string): string[] {
    if (net.isIP(name)) return [name];
    const h = this.#byName.get(name.toLowerCase());
    if (!h || h.onion === name.toLowerCase()) return [];
    return [h.ipv4, h.ipv6].filter((x): x is string => x !== null);
  }

  /** The loopback address that routes to a simulated address, or null (no route). */
  dialAddress(address: string): string | null {
    const h = this.#byAddress.get(net.isIP(address) === 6 ? normalizeV6(address) : address);
    return h ? h.loopback : null;
  }

  /** Where the SOCKS gateway sends a request for `host:port`, or null. */
  endpointFor(host: string, port: number): { ip: string; port: number } | null {
    const h = net.isIP(host)
      ? this.#byAddress.get(net.isIP(host) === 6 ? normalizeV6(host) : host)
      : this.#byName.get(host.toLowerCase());
    if (!h || (port !== h.tcpPort && port !== h.tlsPort)) return null;
    return { ip: h.loopback, port };
  }
}

function normalizeV6(ip: string): string {
  return ip.toLowerCase();
}
