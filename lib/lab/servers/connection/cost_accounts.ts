/**
 * ElectrumX's cost accounting on one server (reference §7.1; aiorpcX's session cost and
 * ElectrumX's session groups, the same in every release from 1.16.0 to 1.20.0):
 *
 * - each connection (session) has a cost that decays by hard/10,000 units a second while it is
 *   open (1 unit/s at the default hard limit of 10,000);
 * - sessions from one client /24 (or /48) form a group; when a session closes, its cost stays
 *   with the group (`retained`), and the retained cost is refunded by hard/5,000 units a second,
 *   in one step every five minutes counted from the server's start (600 units per step);
 * - a session is judged on its own cost plus the rest of its group's (the other open sessions'
 *   and the retained): at the hard limit the server answers -101 and closes it;
 * - clients from private addresses belong to no group (ElectrumX exempts them; the real case is
 *   an onion service, which sees every client as the local Tor daemon): their sessions are judged
 *   alone and leave nothing behind.
 *
 * Not modelled: the slower decay of a session with many subscriptions.
 *
 * @module
 */

/** Seconds between two refunds of the retained cost (ElectrumX's `_recalc_concurrency` period). */
export const REFUND_PERIOD_S = 300;

/** Options of {@linkcode CostAccounts}. */
export interface CostAccountsOptions {
  /** The hard limit, units (`COST_HARD_LIMIT`). Default: 10,000. */
  hardLimit?: number;
  /** Clock, ms (tests). Default: `performance.now`; the refund steps count from construction. */
  now?: () => number;
}

/** One open session's account. */
export interface CostSession {
  /**
   * Add `units` to the session's cost.
   *
   * @returns The cost the session is judged on now: its own plus the rest of its group's.
   */
  charge(units: number): number;
  /** The session closed: its cost goes to its group's retained cost (idempotent). */
  close(): void;
}

interface Session {
  cost: number;
  at: number;
  open: boolean;
}

interface Group {
  retained: number;
  /** Refund steps already applied. */
  step: number;
  sessions: Set<Session>;
}

/**
 * The cost accounts of one server.
 *
 * @example
 * ```ts
 * const accounts = new CostAccounts();
 * const s = accounts.open("203.0.113.0/24");
 * s.charge(5); // 5: a new connection
 * s.close(); // the 5 units stay with 203.0.113.0/24 until the next refund step
 * ```
 */
export class CostAccounts {
  readonly hardLimit: number;
  #now: () => number;
  #start: number;
  #groups = new Map<string, Group>();

  /** @throws {RangeError} For a hard limit that is not positive. */
  constructor(options: CostAccountsOptions = {}) {
    this.hardLimit = options.hardLimit ?? 10_000;
    if (!(this.hardLimit > 0)) {
      throw new RangeError(`hardLimit must be > 0, got ${options.hardLimit}`);
    }
    this.#now = options.now ?? (() => performance.now());
    this.#start = this.#now();
  }

  /**
   * Open a session's account.
   *
   * @param group The client's group (`clientGroup`), or null for a private address (exempt).
   */
  open(group: string | null): CostSession {
    const s: Session = { cost: 0, at: this.#now(), open: true };
    const g = group === null ? null : this.#group(group);
    g?.sessions.add(s);
    return {
      charge: (units) => {
        this.#decay(s);
        s.cost += units;
        if (!g) return s.cost;
        this.#refund(g);
        let total = g.retained;
        for (const other of g.sessions) total += other === s ? s.cost : this.#decay(other);
        return total;
      },
      close: () => {
        if (!s.open) return;
        s.open = false;
        this.#decay(s);
        if (!g) return;
        this.#refund(g);
        g.sessions.delete(s);
        g.retained += s.cost;
      },
    };
  }

  /** Units a group retains now from its closed sessions (tests, diagnostics). */
  retained(group: string): number {
    const g = this.#groups.get(group);
    if (!g) return 0;
    this.#refund(g);
    return g.retained;
  }

  #group(name: string): Group {
    let g = this.#groups.get(name);
    if (g) {
      this.#refund(g);
      return g;
    }
    g = { retained: 0, step: this.#step(), sessions: new Set() };
    this.#groups.set(name, g);
    // Forget groups with nothing retained and no session (ElectrumX drops them at each step).
    for (const [other, og] of this.#groups) {
      if (og !== g && !og.sessions.size && (this.#refund(og), og.retained === 0)) {
        this.#groups.delete(other);
      }
    }
    return g;
  }

  #step(): number {
    return Math.floor((this.#now() - this.#start) / 1000 / REFUND_PERIOD_S);
  }

  #refund(g: Group): void {
    const step = this.#step();
    if (step <= g.step) return;
    const perStep = (REFUND_PERIOD_S * this.hardLimit) / 5000;
    g.retained = Math.max(0, g.retained - (step - g.step) * perStep);
    g.step = step;
  }

  #decay(s: Session): number {
    const now = this.#now();
    s.cost = Math.max(0, s.cost - ((now - s.at) / 1000) * (this.hardLimit / 10_000));
    s.at = now;
    return s.cost;
  }
}
