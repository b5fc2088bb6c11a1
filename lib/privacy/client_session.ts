/**
 * The reference client's requests on one interface, as a model: what it sends when it connects,
 * what only the main server gets (the wallet's scripthashes), and what comes on a timer. Written
 * from the client's public source (facts in `client_profiles.ts`); validated against the real
 * wallet's transcripts in `client_session_test.ts`.
 *
 * @module
 */
import type { ClientProfile } from "./client_profiles.ts";
import { clientString } from "./client_profiles.ts";

/** A wallet as the model needs it: per chain (receiving, change), the used address indices. */
export interface ModelWallet {
  /** Used receiving address indices. */
  usedReceive: readonly number[];
  /** Used change address indices. */
  usedChange: readonly number[];
  /** Receiving / change indices whose history is deeply confirmed (the profile's
   * `gapConfirmations` or more): the gap window counts from the last of these. Default: the used
   * indices (every transaction deeply confirmed). */
  oldReceive?: readonly number[];
  oldChange?: readonly number[];
  /** Transactions in the wallet's history (each fetched once, and proved once if confirmed). */
  transactions?: number;
}

/** One modelled request. */
export interface ModelRequest {
  tMs: number;
  method: string;
  /** For `blockchain.scripthash.subscribe`: `r<i>` or `c<i>` (chain and index). */
  params: readonly (string | number)[];
}

/** Options of {@linkcode modelSession}. */
export interface SessionOptions {
  /** Whether this interface is the main server (it gets the wallet's scripthashes). */
  main: boolean;
  /** Connect time, ms. Default: 0. */
  startMs?: number;
  /** Model the session up to this time, ms. Default: 600,000 (10 minutes). */
  untilMs?: number;
  /** The scripthash subscriptions of one wallet go out within this window after the main's
   * headers arrive, ms (pipelined, at most `maxInFlight` at a time). Default: 500. */
  burstMs?: number;
  /** Seeded randomness (order of the subscriptions, their times, ping times). */
  random: () => number;
}

/**
 * How many addresses a wallet subscribes per chain: up to the last deeply confirmed one, plus the
 * gap window (the client rolls the window forward only past addresses with `gapConfirmations`
 * confirmations, so a fresh payment does not move it yet).
 */
export function subscribedIndices(
  wallet: ModelWallet,
  profile: ClientProfile,
): { receive: number; change: number } {
  const last = (xs: readonly number[]) => (xs.length ? Math.max(...xs) : -1);
  return {
    receive: last(wallet.oldReceive ?? wallet.usedReceive) + 1 + profile.gapReceive,
    change: last(wallet.oldChange ?? wallet.usedChange) + 1 + profile.gapChange,
  };
}

/**
 * The requests one interface receives from a client running `profile` with `wallet` loaded.
 *
 * @example
 * ```ts
 * const r = modelSession({ usedReceive: [], usedChange: [] }, ELECTRUM_4_3_4, { main: true, random: Math.random });
 * r.filter((x) => x.method === "blockchain.scripthash.subscribe").length; // 30
 * ```
 */
export function modelSession(
  wallet: ModelWallet,
  profile: ClientProfile,
  options: SessionOptions,
): ModelRequest[] {
  const t0 = options.startMs ?? 0;
  const until = options.untilMs ?? 600_000;
  const random = options.random;
  const out: ModelRequest[] = [
    { tMs: t0, method: "server.version", params: [clientString(profile), ...protocol(profile)] },
    { tMs: t0, method: "blockchain.headers.subscribe", params: [] },
  ];
  for (let t = t0; t <= until; t += profile.feeIntervalMs) {
    for (const n of profile.feeTargets) {
      out.push({ tMs: t, method: "blockchain.estimatefee", params: [n] });
    }
    if (options.main) out.push({ tMs: t, method: "mempool.get_fee_histogram", params: [] });
  }
  for (const t of pingTimes(profile, t0, until, random)) {
    out.push({ tMs: t, method: "server.ping", params: [] });
  }
  if (options.main) {
    for (const m of profile.mainOnConnect) {
      if (m !== "mempool.get_fee_histogram") out.push({ tMs: t0, method: m, params: [] });
    }
    const n = subscribedIndices(wallet, profile);
    const ids = [
      ...Array.from({ length: n.receive }, (_, i) => `r${i}`),
      ...Array.from({ length: n.change }, (_, i) => `c${i}`),
    ];
    shuffle(ids, random);
    const burst = options.burstMs ?? 500;
    const times = ids.map(() => t0 + random() * burst).sort((a, b) => a - b);
    ids.forEach((id, i) =>
      out.push({ tMs: times[i], method: "blockchain.scripthash.subscribe", params: [id] })
    );
    const used = [
      ...wallet.usedReceive.map((i) => `r${i}`),
      ...wallet.usedChange.map((i) => `c${i}`),
    ];
    for (const id of used) {
      out.push({ tMs: t0 + burst, method: "blockchain.scripthash.get_history", params: [id] });
    }
    for (let i = 0; i < (wallet.transactions ?? 0); i++) {
      out.push({ tMs: t0 + burst, method: "blockchain.transaction.get", params: [i] });
    }
  }
  return out.sort((a, b) => a.tMs - b.tMs);
}

function protocol(profile: ClientProfile): (string | number)[] {
  return typeof profile.protocolRequest === "string"
    ? [profile.protocolRequest]
    : [profile.protocolRequest.join("-")];
}

/** Ping times: fixed period (<= 4.5) or uniform in [0, max] with noise pings (>= 4.6). */
function pingTimes(profile: ClientProfile, t0: number, until: number, random: () => number) {
  const out: number[] = [];
  const p = profile.ping;
  let t = t0;
  while (true) {
    t += p.kind === "fixed" ? p.everyMs : random() * p.maxMs;
    if (t > until) break;
    out.push(t);
    if (p.kind === "random") {
      while (random() < p.noise) {
        t += random() * 1_000;
        if (t <= until) out.push(t);
      }
    }
  }
  return out;
}

/** Fisher-Yates with the given randomness. */
export function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}
