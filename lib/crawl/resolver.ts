/**
 * Pluggable name resolution for the crawler: the system's DNS for live runs, the lab's address
 * book in the lab, identity for the local target. A resolver also says which address to dial for
 * an address as the world sees it (identity everywhere but the lab, whose simulated public
 * addresses route to loopback).
 *
 * @module
 */
import dns from "node:dns/promises";
import net from "node:net";

/** The crawler's view of naming and routing. */
export interface Resolver {
  /** Addresses (A and AAAA) of a host name; a literal resolves to itself; [] for NXDOMAIN. */
  resolve(host: string, options?: { timeoutMs?: number }): Promise<string[]>;
  /** The address to dial for a public address, or null when there is no route. */
  dialAddress(address: string): string | null;
  /** Short name for records (`system`, `lab`, `local`). */
  readonly kind: string;
}

/** The system's resolver (live runs): node:dns lookup with a deadline. */
export class SystemResolver implements Resolver {
  readonly kind = "system";
  async resolve(host: string, options: { timeoutMs?: number } = {}): Promise<string[]> {
    if (net.isIP(host)) return [host];
    const timeoutMs = options.timeoutMs ?? 5000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const found = await Promise.race([
        dns.lookup(host, { all: true, verbatim: true }),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                Object.assign(new Error(`DNS lookup of ${host} timed out`), { code: "ETIMEDOUT" }),
              ),
            timeoutMs,
          );
        }),
      ]);
      return [...new Set(found.map((a) => a.address))];
    } catch (err) {
      if ((err as { code?: string }).code === "ENOTFOUND") return [];
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }
  dialAddress(address: string): string {
    return address;
  }
}

/**
 * What the crawl needs of an address book that names and routes hosts itself (the lab's
 * `LabResolver` has this shape; the crawl does not import the lab).
 */
export interface AddressBook {
  /** Addresses of a host name ([] when unknown). */
  resolve(host: string): string[];
  /** The address to dial for a public address, or null when there is no route. */
  dialAddress(address: string): string | null;
}

/** The lab's address book as a resolver. */
export class LabAddressBook implements Resolver {
  readonly kind = "lab";
  constructor(private readonly book: AddressBook) {}
  resolve(host: string): Promise<string[]> {
    return Promise.resolve(this.book.resolve(host));
  }
  dialAddress(address: string): string | null {
    return this.book.dialAddress(address);
  }
}

/** The local target: only address literals on this machine; names do not resolve. */
export class LocalResolver implements Resolver {
  readonly kind = "local";
  resolve(host: string): Promise<string[]> {
    return Promise.resolve(net.isIP(host) ? [host] : host === "localhost" ? ["127.0.0.1"] : []);
  }
  dialAddress(address: string): string {
    return address;
  }
}
