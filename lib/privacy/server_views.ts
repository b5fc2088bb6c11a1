/**
 * What each server of a real-wallet transcript learned: the wallet addresses it was asked about,
 * when (burst window and order), the client string, the periodic requests, the client address it
 * saw, and whether it learned the whole wallet.
 *
 * @module
 */
import type { ServerRole, WalletTranscript } from "./transcript.ts";

/** One server's view of a scenario. */
export interface ServerView {
  scenario: string;
  server: string;
  role: ServerRole;
  /** Connections that sent at least one request. */
  connections: number;
  requests: number;
  /** Client strings sent in `server.version` (distinct, joined by `;`). */
  clientVersion: string;
  /** Client addresses seen (distinct, joined by `;`). */
  clientAddress: string;
  /** Distinct scripthashes subscribed. */
  scripthashes: number;
  /** Share of the scenario's wallet addresses (all wallets, used and unused) it learned. */
  walletShare: number;
  /** Whether it learned every address of at least one wallet. */
  learnedWholeWallet: boolean;
  /** First to last scripthash subscription of its first burst, ms (null: none). */
  burstWindowMs: number | null;
  /** First subscription, ms after the daemon started (null: none). */
  firstSubscriptionMs: number | null;
  /** `blockchain.estimatefee` requests, and the median gap between rounds of them, ms. */
  feeEstimates: number;
  feeRoundGapMs: number | null;
  /** `server.ping` requests. */
  pings: number;
}

/**
 * Per-server views of a transcript, in the order of its servers.
 *
 * @example
 * ```ts
 * const views = serverViews(transcript);
 * views.filter((v) => v.learnedWholeWallet).length; // 1 without failover
 * ```
 */
export function serverViews(t: WalletTranscript): ServerView[] {
  const wallets = t.wallets.map((w) => new Set(w.addresses.map((a) => a.scripthash)));
  const all = new Set(wallets.flatMap((w) => [...w]));
  return t.servers.map((s) => {
    const ev = t.events.filter((e) => e.server === s.id);
    const subs = ev.filter((e) => e.method === "blockchain.scripthash.subscribe");
    const seen = new Set(subs.map((e) => firstParam(e.params)));
    const learned = [...seen].filter((h) => all.has(h)).length;
    const fee = ev.filter((e) => e.method === "blockchain.estimatefee").map((e) => e.tMs);
    return {
      scenario: t.scenario,
      server: s.id,
      role: s.role,
      connections: new Set(ev.map((e) => `${e.client}/${e.conn}`)).size,
      requests: ev.length,
      clientVersion: distinct(
        ev.filter((e) => e.method === "server.version").map((e) => firstParam(e.params)),
      ),
      clientAddress: distinct(ev.map((e) => e.client)),
      scripthashes: seen.size,
      walletShare: all.size ? learned / all.size : 0,
      learnedWholeWallet: wallets.some((w) => w.size > 0 && [...w].every((h) => seen.has(h))),
      burstWindowMs: burstWindow(subs.map((e) => e.tMs)),
      firstSubscriptionMs: subs.length ? Math.min(...subs.map((e) => e.tMs)) : null,
      feeEstimates: fee.length,
      feeRoundGapMs: roundGap(fee),
      pings: ev.filter((e) => e.method === "server.ping").length,
    };
  });
}

/** A gap longer than this ends a burst (ms). */
const BURST_GAP_MS = 2_000;

/** First to last time of the first burst (times split where a gap exceeds 2 s), ms. */
export function burstWindow(times: readonly number[]): number | null {
  if (!times.length) return null;
  const t = [...times].sort((a, b) => a - b);
  let end = t[0];
  for (const x of t) {
    if (x - end > BURST_GAP_MS) break;
    end = x;
  }
  return end - t[0];
}

/** Median gap between rounds of requests (a round: requests within 2 s), ms. */
function roundGap(times: readonly number[]): number | null {
  const t = [...times].sort((a, b) => a - b);
  const starts: number[] = [];
  for (const x of t) if (!starts.length || x - starts.at(-1)! > BURST_GAP_MS) starts.push(x);
  const gaps = starts.slice(1).map((x, i) => x - starts[i]).sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor(gaps.length / 2)] : null;
}

function firstParam(p: unknown): string {
  return Array.isArray(p) ? String(p[0]) : String(p);
}

function distinct(xs: string[]): string {
  return [...new Set(xs)].sort().join(";");
}
