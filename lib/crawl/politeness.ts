/**
 * Politeness of the collector towards the servers it measures: a budget for error-provoking
 * probes per target network (/24 for IPv4, /48 for IPv6) and a global rate limit on new
 * connections. Per-address concurrency (one endpoint battery at a time per address) lives in the
 * crawl loop; the address guard, allow and deny lists live in `lib/net/dial.ts`.
 *
 * The error budget is modelled on ElectrumX's cost accounting (reference §7.1): parse errors cost
 * 1,100 units, other errors 100, the hard limit is 10,000 units per server, shared by every client
 * of one /24 (all of the collector's connections count as one client group), decaying by 1 unit
 * per second. The collector spends at most `errorBudget` units (default 3,000, under a third of the
 * hard limit) per target address, and at most `groupBudget` units (default 30,000) per target /24
 * (or /48) in all, so one operator's subnet is not flooded with errors either; both refill at
 * `refillPerSecond` (default 1, the server's own decay). A single scan can never push a server near
 * `-101 excessive resource usage`. Fulcrum's error disconnect (10 net errors per
 * connection) is avoided by the error probe itself, which sends at most 7 errors per connection.
 *
 * ElectrumX keeps a /24's cost after its sessions close and refunds it at 600 units every five
 * minutes (reference §7.1), so scans of the same servers minutes apart add up: without memory,
 * the fifth back-to-back scan of one ElectrumX finds about 10,000 units still held and every
 * connection is answered -101 and closed. So each address also has a held budget, `carryLimit`
 * (default 7,500), that counts the error units of this scan and of earlier ones together: the last
 * scan's {@linkcode PolitenessLedger} (`ledger()`), given as `carried`, starts it that much lower,
 * less the refill since. Scans spaced by the refill time never notice it; three back-to-back
 * scans fit whole (a scan spends about 2,500 units per address); later ones skip error probes
 * (recorded as skipped) once the held units would pass the limit.
 *
 * @module
 */
import net from "node:net";

/** Options of {@linkcode Politeness}. */
export interface PolitenessOptions {
  /** Error-probe cost units one target address may receive. Default: 3,000. */
  errorBudget?: number;
  /** Error-probe cost units all targets in one /24 (or /48) may receive together. Default: 30,000. */
  groupBudget?: number;
  /** Units refilled per second per /24. Default: 1 (ElectrumX's own decay). */
  refillPerSecond?: number;
  /** New connections per second, all targets together; 0 for no limit. Default: 200. */
  connectionsPerSecond?: number;
  /** Burst of connections allowed at once. Default: connectionsPerSecond / 4, at least 1. */
  burst?: number;
  /** Clock, ms (tests). Default: `performance.now`. */
  now?: () => number;
  /** Error-probe cost units one target address may hold from this scan and earlier ones
   * together (ElectrumX keeps them after the connections close). Default: 7,500 (three quarters
   * of ElectrumX's hard limit; the rest is left for connections and plain requests, 60-500 units a
   * scan, and for other clients). */
  carryLimit?: number;
  /** The units earlier scans of the same servers left with them: the last scan's `ledger()`.
   * Default: none (nothing held). */
  carried?: PolitenessLedger;
  /** Wall clock, ms since the epoch, that dates the ledger (tests). Default: `Date.now`. */
  wallClock?: () => number;
}

/**
 * The error units the collector's scans still hold with each target address at one moment (its
 * estimate of what ElectrumX retains, refilled at `refillPerSecond`): what the next scan of the
 * same servers starts from.
 */
export interface PolitenessLedger {
  /** When the units were counted, ISO 8601 (UTC). */
  at: string;
  /** Units held per target address (lower case; the name for an onion). */
  addresses: Record<string, number>;
}

/** The network group a budget is kept for: IPv4 /24, IPv6 /48, or the name for onions. */
export function networkGroup(address: string): string {
  if (net.isIPv4(address)) return address.split(".").slice(0, 3).join(".") + ".0/24";
  if (net.isIPv6(address)) {
    const full = expandIPv6(address);
    return full.slice(0, 3).join(":") + "::/48";
  }
  return address.toLowerCase();
}

function expandIPv6(ip: string): string[] {
  const [head, tail] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array(Math.max(0, 8 - h.length - t.length)).fill("0");
  return [...h, ...fill, ...t].map((x) => x.toLowerCase().replace(/^0+(?=.)/, ""));
}

export { ERROR_COST } from "../electrum/error_cost.ts";

/**
 * The collector's politeness state for one crawl.
 *
 * @example
 * ```ts
 * const p = new Politeness({ errorBudget: 3000 });
 * p.mayProvoke("203.0.113.9", 1100); // true: spends 1,100 units of 203.0.113.0/24
 * await p.connectionSlot();          // waits for the global rate limit
 * ```
 */
export class Politeness {
  readonly errorBudget: number;
  readonly groupBudget: number;
  readonly refillPerSecond: number;
  readonly connectionsPerSecond: number;
  readonly carryLimit: number;
  #burst: number;
  #now: () => number;
  #wallClock: () => number;
  #groups = new Map<string, { units: number; at: number }>();
  #tokens: number;
  #tokensAt: number;
  #queue: (() => void)[] = [];
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Error-probe requests refused for want of budget. */
  refused = 0;
  /** Cost units spent, per target address (for the manifest). */
  readonly spent = new Map<string, number>();

  /** @throws {RangeError} For a negative budget or rate. */
  constructor(options: PolitenessOptions = {}) {
    this.errorBudget = options.errorBudget ?? 3000;
    this.groupBudget = options.groupBudget ?? 30_000;
    if (!(this.groupBudget >= 0)) {
      throw new RangeError(`groupBudget must be >= 0, got ${options.groupBudget}`);
    }
    this.refillPerSecond = options.refillPerSecond ?? 1;
    this.connectionsPerSecond = options.connectionsPerSecond ?? 200;
    if (!(this.errorBudget >= 0)) {
      throw new RangeError(`errorBudget must be >= 0, got ${options.errorBudget}`);
    }
    if (!(this.refillPerSecond >= 0)) {
      throw new RangeError(`refillPerSecond must be >= 0, got ${options.refillPerSecond}`);
    }
    if (!(this.connectionsPerSecond >= 0)) {
      throw new RangeError(
        `connectionsPerSecond must be >= 0, got ${options.connectionsPerSecond}`,
      );
    }
    this.#burst = Math.max(1, options.burst ?? Math.ceil(this.connectionsPerSecond / 4));
    this.#now = options.now ?? (() => performance.now());
    this.#tokens = this.#burst;
    this.#tokensAt = this.#now();
    this.carryLimit = options.carryLimit ?? 7500;
    if (!(this.carryLimit >= 0)) {
      throw new RangeError(`carryLimit must be >= 0, got ${options.carryLimit}`);
    }
    this.#wallClock = options.wallClock ?? Date.now;
    if (options.carried) this.#carry(options.carried);
  }

  /** The units each address holds now (from this scan and the carried ones), for the next scan. */
  ledger(): PolitenessLedger {
    const addresses: Record<string, number> = {};
    for (const key of this.#groups.keys()) {
      if (!key.startsWith("held:")) continue;
      const held = this.carryLimit - this.#bucket(key, this.carryLimit).units;
      if (held > 0) addresses[key.slice(5)] = held;
    }
    return { at: new Date(this.#wallClock()).toISOString(), addresses };
  }

  #carry(ledger: PolitenessLedger): void {
    const at = Date.parse(ledger.at);
    if (!Number.isFinite(at)) {
      throw new RangeError(`carried.at must be an ISO 8601 time, got ${JSON.stringify(ledger.at)}`);
    }
    const refilled = (Math.max(0, this.#wallClock() - at) / 1000) * this.refillPerSecond;
    for (const [address, units] of Object.entries(ledger.addresses)) {
      if (!(units >= 0)) {
        throw new RangeError(`carried units of ${address} must be >= 0, got ${units}`);
      }
      const held = Math.min(this.carryLimit, units) - refilled;
      if (held > 0) {
        this.#groups.set(`held:${address.toLowerCase()}`, {
          units: this.carryLimit - held,
          at: this.#now(),
        });
      }
    }
  }

  /**
   * Spend `cost` units of the target's /24 budget if they are there.
   *
   * @param address The address the probe will reach (or a name, for onions).
   * @param cost Units the request would cost on ElectrumX ({@linkcode ERROR_COST}).
   * @returns Whether the request may be sent (the units are spent only when true).
   * @throws {RangeError} For a negative cost.
   */
  mayProvoke(address: string, cost: number): boolean {
    if (!(cost >= 0)) throw new RangeError(`cost must be >= 0, got ${cost}`);
    const own = this.#bucket(`addr:${address.toLowerCase()}`, this.errorBudget);
    const group = this.#bucket(`net:${networkGroup(address)}`, this.groupBudget);
    const held = this.#bucket(`held:${address.toLowerCase()}`, this.carryLimit);
    if (own.units < cost || group.units < cost || held.units < cost) {
      this.refused++;
      return false;
    }
    own.units -= cost;
    group.units -= cost;
    held.units -= cost;
    this.spent.set(address, (this.spent.get(address) ?? 0) + cost);
    return true;
  }

  /** Units a target may still receive now (the smallest of its own, its /24's and its held). */
  remaining(address: string): number {
    return Math.min(
      this.#bucket(`addr:${address.toLowerCase()}`, this.errorBudget).units,
      this.#bucket(`net:${networkGroup(address)}`, this.groupBudget).units,
      this.#bucket(`held:${address.toLowerCase()}`, this.carryLimit).units,
    );
  }

  #bucket(key: string, capacity: number): { units: number; at: number } {
    const now = this.#now();
    const b = this.#groups.get(key) ?? { units: capacity, at: now };
    b.units = Math.min(capacity, b.units + ((now - b.at) / 1000) * this.refillPerSecond);
    b.at = now;
    this.#groups.set(key, b);
    return b;
  }

  /**
   * Wait for a slot under the global connection rate (a token bucket). Resolves at once when the
   * limit is 0 (off). Aborting `signal` resolves early (the dial then records `aborted`).
   */
  connectionSlot(signal?: AbortSignal): Promise<void> {
    if (this.connectionsPerSecond === 0) return Promise.resolve();
    this.#refill();
    if (this.#queue.length === 0 && this.#tokens >= 1) {
      this.#tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = this.#queue.indexOf(done);
        if (i >= 0) this.#queue.splice(i, 1);
        resolve();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(done);
      this.#schedule();
    });
  }

  /** Stop the rate limiter's timer and release every waiter. */
  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    for (const w of this.#queue.splice(0)) w();
  }

  #refill() {
    const now = this.#now();
    this.#tokens = Math.min(
      this.#burst,
      this.#tokens + ((now - this.#tokensAt) / 1000) * this.connectionsPerSecond,
    );
    this.#tokensAt = now;
  }

  #schedule() {
    if (this.#timer) return;
    this.#refill();
    while (this.#queue.length && this.#tokens >= 1) {
      this.#tokens -= 1;
      this.#queue.shift()!();
    }
    if (!this.#queue.length) return;
    const wait = Math.max(1, ((1 - this.#tokens) / this.connectionsPerSecond) * 1000);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#schedule();
    }, wait);
  }
}
