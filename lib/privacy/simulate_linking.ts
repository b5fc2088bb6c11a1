/**
 * The address-correlation risk on many simulated clients: the client model produces one
 * server's subscription log for a population of wallets, client behaviours (the default, Tor, a
 * circuit per wallet, a JSON-RPC batch per wallet, randomised timing, decoys, splitting across servers, a circuit per
 * address), and the server-side linker (`link_wallets.ts`) groups it back into wallets. Pairwise
 * precision and recall against the true wallets say how well the server links addresses, and
 * each behaviour's cost is counted in requests, connections and sync time.
 *
 * @module
 */
import { pairwisePrecisionRecall } from "../stats/pairwise_precision_recall.ts";
import { type ClientProfile, ELECTRUM_4_3_4 } from "./client_profiles.ts";
import { subscribedIndices } from "./client_session.ts";
import { linkWallets, type Subscription } from "./link_wallets.ts";

/** A client behaviour the simulation compares. */
export type LinkingVariant =
  | "default"
  | "wallets-loaded-apart"
  | "tor"
  | "tor-circuit-per-wallet"
  | "batched"
  | "random-timing"
  | "decoys"
  | "split-3-servers"
  | "circuit-per-address";

/** Every variant, in the order of the notebook's table. */
export const LINKING_VARIANTS: readonly LinkingVariant[] = [
  "default",
  "wallets-loaded-apart",
  "tor",
  "tor-circuit-per-wallet",
  "batched",
  "random-timing",
  "decoys",
  "split-3-servers",
  "circuit-per-address",
];

/** Simulated clients of {@linkcode simulateLinking} by default. */
export const LINKING_CLIENTS = 400;

/** Options of {@linkcode simulateLinking}. */
export interface LinkingOptions {
  /** Simulated clients. Default: {@linkcode LINKING_CLIENTS} (400). */
  clients?: number;
  /** Share of clients with two wallets in one daemon. Default: 0.3. */
  twoWalletShare?: number;
  /** Linker gap, ms. Default: 2,000 (`linkWallets`). */
  gapMs?: number;
  /** Decoy subscriptions per wallet (variant `decoys`). Default: 30. */
  decoys?: number;
  /** Window the `random-timing` client spreads its subscriptions over, ms. Default: 600,000. */
  randomWindowMs?: number;
  /** Profile (gap limits). Default: Electrum 4.3.4. */
  profile?: ClientProfile;
  /** Seeded randomness. */
  random: () => number;
}

/** One variant's measured linkage and cost. */
export interface LinkingRow {
  variant: LinkingVariant;
  /** Pairs of addresses the linker put together that belong together / all it put together. */
  precision: number | null;
  /** True same-wallet pairs recovered / all true pairs (including addresses it never saw). */
  recall: number;
  /** The same for a linker that ignores timing and groups by connection only. */
  precisionByConnection: number | null;
  recallByConnection: number;
  /** Pairs of addresses from two wallets of one client that arrive on one connection (the
   * server can tell they share an owner), over all such pairs it saw. */
  crossWalletLinked: number;
  /** Mean share of a wallet's addresses the observing server saw. */
  walletShareSeen: number;
  /** Subscriptions sent per wallet (decoys included). */
  requestsPerWallet: number;
  /** Connections (or Tor circuits) per client for the wallet traffic. */
  connectionsPerClient: number;
  /** Time until every subscription is sent, ms (the sync delay the behaviour costs). */
  syncSpreadMs: number;
}

interface Item extends Subscription {
  wallet: string | null;
  seen: boolean;
}

/**
 * Simulate every variant on the same wallets.
 *
 * @example
 * ```ts
 * const rows = simulateLinking({ random: seededRandom(1) });
 * rows.find((r) => r.variant === "tor")!.recall; // as high as the default's
 * ```
 */
export function simulateLinking(options: LinkingOptions): LinkingRow[] {
  const random = options.random;
  const profile = options.profile ?? ELECTRUM_4_3_4;
  const clients = options.clients ?? LINKING_CLIENTS;
  const wallets: { client: number; size: number; id: string }[] = [];
  for (let c = 0; c < clients; c++) {
    const n = random() < (options.twoWalletShare ?? 0.3) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const used = Math.floor(random() * 25);
      const usedChange = Math.floor(random() * Math.min(used + 1, 12));
      const size = subscribedIndices({
        usedReceive: used ? [used - 1] : [],
        usedChange: usedChange ? [usedChange - 1] : [],
      }, profile);
      wallets.push({ client: c, size: size.receive + size.change, id: `c${c}w${k}` });
    }
  }
  const starts = Array.from({ length: clients }, () => random() * 3_600_000);
  return LINKING_VARIANTS.map((v) => measure(v, wallets, starts, options));
}

function measure(
  variant: LinkingVariant,
  wallets: { client: number; size: number; id: string }[],
  starts: number[],
  options: LinkingOptions,
): LinkingRow {
  const random = options.random;
  const items: Item[] = [];
  const connsOf = new Map<number, Set<string>>();
  const decoys = variant === "decoys" ? options.decoys ?? 30 : 0;
  const window = options.randomWindowMs ?? 600_000;
  let spread = 0;
  wallets.forEach((w, wi) => {
    const t0 = starts[w.client] +
      (variant === "wallets-loaded-apart" && w.id.endsWith("w1") ? 10_000 + random() * 590_000 : 0);
    const tor = variant.startsWith("tor") || variant === "circuit-per-address";
    // Through Tor the server sees one of a few exits (shared by many clients), not the client.
    const client = tor ? `exit${w.client % 3}` : `ip${w.client}`;
    for (let j = 0; j < w.size + decoys; j++) {
      const decoy = j >= w.size;
      let conn = `k${w.client}`;
      if (variant === "tor-circuit-per-wallet") conn = `k${w.client}/${w.id}`;
      if (variant === "circuit-per-address") conn = `k${w.client}/${w.id}/${j}`;
      const server = variant === "split-3-servers" ? Math.floor(random() * 3) : 0;
      const dt = variant === "random-timing" ? random() * window : random() * 500;
      spread = Math.max(spread, dt);
      const set = connsOf.get(w.client) ?? new Set<string>();
      set.add(`${server}/${conn}`);
      connsOf.set(w.client, set);
      items.push({
        client,
        conn,
        tMs: t0 + dt,
        scripthash: decoy ? `decoy${wi}/${j}` : `${w.id}/${j}`,
        wallet: decoy ? null : w.id,
        seen: server === 0,
      });
    }
  });
  const seen = items.filter((i) => i.seen);
  // A JSON-RPC batch per wallet: the batch itself tells the server which addresses go together.
  const predicted = variant === "batched"
    ? seen.map((i) => `${i.client}/${i.conn}/${i.wallet}`)
    : linkWallets(seen, { gapMs: options.gapMs });
  const pr = pairwisePrecisionRecall(seen.map((i) => i.wallet), predicted);
  const prConn = pairwisePrecisionRecall(
    seen.map((i) => i.wallet),
    linkWallets(seen, { gapMs: Infinity }),
  );
  const cross = crossWallet(seen);
  const truePairs = wallets.reduce((s, w) => s + (w.size * (w.size - 1)) / 2, 0);
  const seenReal = seen.filter((i) => i.wallet !== null).length;
  const realTotal = wallets.reduce((s, w) => s + w.size, 0);
  return {
    variant,
    precision: pr.precision,
    recall: truePairs ? pr.truePositivePairs / truePairs : 0,
    precisionByConnection: prConn.precision,
    recallByConnection: truePairs ? prConn.truePositivePairs / truePairs : 0,
    crossWalletLinked: cross,
    walletShareSeen: seenReal / realTotal,
    requestsPerWallet: (realTotal + decoys * wallets.length) / wallets.length,
    connectionsPerClient: [...connsOf.values()].reduce((s, x) => s + x.size, 0) / connsOf.size,
    syncSpreadMs: Math.round(spread),
  };
}

/** Linked cross-wallet pairs / all cross-wallet pairs of two-wallet clients (0 when none). */
function crossWallet(seen: Item[]): number {
  const byClient = new Map<string, Map<string, Map<string, number>>>();
  for (const i of seen) {
    if (i.wallet === null) continue;
    const owner = i.wallet.split("w")[0];
    const conns = byClient.get(owner) ?? new Map<string, Map<string, number>>();
    const key = `${i.client}/${i.conn}`;
    const w = conns.get(key) ?? new Map<string, number>();
    w.set(i.wallet, (w.get(i.wallet) ?? 0) + 1);
    conns.set(key, w);
    byClient.set(owner, conns);
  }
  let linked = 0;
  let all = 0;
  for (const conns of byClient.values()) {
    const totals = new Map<string, number>();
    for (const w of conns.values()) for (const [k, n] of w) totals.set(k, (totals.get(k) ?? 0) + n);
    if (totals.size < 2) continue;
    const [a, b] = [...totals.values()];
    all += a * b;
    for (const w of conns.values()) {
      const [x, y] = [...totals.keys()].map((k) => w.get(k) ?? 0);
      linked += x * y;
    }
  }
  return all ? linked / all : 0;
}
