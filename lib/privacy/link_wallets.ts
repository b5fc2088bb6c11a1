/**
 * A server-side wallet linker, as an honest-but-curious server would run over its own request
 * log: the scripthash subscriptions of one connection are split into bursts (a gap of more than
 * `gapMs` ends one) and each burst is taken to be one wallet.
 *
 * @module
 */

/** One `blockchain.scripthash.subscribe` as a server logs it. */
export interface Subscription {
  /** Client address the server saw. */
  client: string;
  /** Connection id on that server. */
  conn: string | number;
  tMs: number;
  scripthash: string;
}

/** Options of {@linkcode linkWallets}. */
export interface LinkOptions {
  /** A gap between subscriptions of one connection longer than this starts a new wallet, ms.
   * Default: 2,000. */
  gapMs?: number;
}

/**
 * Group subscriptions into wallets: the predicted wallet label of each subscription, in input
 * order (`<client>/<conn>#<burst>`).
 *
 * @example
 * ```ts
 * linkWallets([
 *   { client: "a", conn: 1, tMs: 0, scripthash: "x" },
 *   { client: "a", conn: 1, tMs: 10, scripthash: "y" },
 *   { client: "a", conn: 1, tMs: 60_000, scripthash: "z" },
 * ]); // ["a/1#0", "a/1#0", "a/1#1"]
 * ```
 */
export function linkWallets(subs: readonly Subscription[], options: LinkOptions = {}): string[] {
  const gap = options.gapMs ?? 2_000;
  const byConn = new Map<string, number[]>();
  subs.forEach((s, i) => {
    const k = `${s.client}/${s.conn}`;
    const list = byConn.get(k) ?? [];
    list.push(i);
    byConn.set(k, list);
  });
  const out = new Array<string>(subs.length);
  for (const [k, idx] of byConn) {
    idx.sort((a, b) => subs[a].tMs - subs[b].tMs);
    let burst = 0;
    let last = -Infinity;
    for (const i of idx) {
      if (subs[i].tMs - last > gap && last !== -Infinity) burst++;
      last = subs[i].tMs;
      out[i] = `${k}#${burst}`;
    }
  }
  return out;
}
