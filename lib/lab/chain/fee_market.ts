/**
 * Fee market data for the lab: a deterministic synthetic background mempool (the lab chain's
 * own mempool is a handful of transactions, too few for plausible numbers), ElectrumX's compact
 * fee histogram, and a fee estimate read off the same data. Per-implementation shaping (integer
 * or power-of-two bins, error styles) is the lab's job, not this module's.
 *
 * @module
 */
import { SeededRandom } from "./rng.ts";

/** One mempool transaction as the fee market sees it. */
export interface FeeEntry {
  /** Fee rate in sat/vB. */
  feeRate: number;
  /** Virtual size in vbytes. */
  vsize: number;
}

/** Options of {@link backgroundMempool}. */
export interface BackgroundMempoolOptions {
  /** Number of synthetic transactions. Default 12,000 (about 3.7 MvB, some four blocks). */
  count?: number;
}

/**
 * A synthetic mempool: most transactions at 1-5 sat/vB, a tail up to 300 sat/vB; vsizes
 * 110-510 vB. Deterministic in `(seed, height)`.
 *
 * @param seed Chain seed.
 * @param height Tip height the mempool belongs to.
 * @param options See {@link BackgroundMempoolOptions}.
 * @returns Entries with fee rates rounded to 0.1 sat/vB.
 * @example
 * ```ts
 * backgroundMempool("lab", 300).length; // 12000
 * ```
 */
export function backgroundMempool(
  seed: string,
  height: number,
  options: BackgroundMempoolOptions = {},
): FeeEntry[] {
  const rng = new SeededRandom(`${seed}/fee-market/${height}`);
  const count = options.count ?? 12_000;
  const out: FeeEntry[] = [];
  for (let i = 0; i < count; i++) {
    const band = rng.float();
    const [lo, hi] = band < 0.6
      ? [1, 5]
      : band < 0.85
      ? [5, 20]
      : band < 0.97
      ? [20, 80]
      : [80, 300];
    const feeRate = Math.round((lo + rng.float() * (hi - lo)) * 10) / 10;
    out.push({ feeRate, vsize: 110 + rng.int(0, 400) });
  }
  return out;
}

/**
 * ElectrumX's compact fee histogram (the algorithm of ElectrumX up to 1.15 and of Fulcrum):
 * walk fee rates from high to low, accumulate vsize, and close a bin when it holds more than
 * `binSize` vbytes, growing `binSize` by 10% per bin.
 *
 * @param entries Mempool entries (any order).
 * @param options `binSize`: first bin size in vbytes (default 100,000).
 * @returns `[feeRate sat/vB, vsize vB]` pairs with strictly decreasing fee rates.
 * @example
 * ```ts
 * compactFeeHistogram([{ feeRate: 2, vsize: 200_000 }]); // [[2, 200000]]
 * ```
 */
export function compactFeeHistogram(
  entries: readonly FeeEntry[],
  options: { binSize?: number } = {},
): [number, number][] {
  const byRate = new Map<number, number>();
  for (const e of entries) byRate.set(e.feeRate, (byRate.get(e.feeRate) ?? 0) + e.vsize);
  const rates = [...byRate.keys()].sort((a, b) => b - a);
  let binSize = options.binSize ?? 100_000;
  let size = 0;
  const out: [number, number][] = [];
  for (const rate of rates) {
    size += byRate.get(rate)!;
    if (size > binSize) {
      out.push([rate, size]);
      size = 0;
      binSize *= 1.1;
    }
  }
  return out;
}

/**
 * Fee estimate for confirmation within `blocks` blocks: the fee rate at which the mempool above
 * it fills `blocks` blocks of 1,000,000 vB; the relay floor when the mempool is smaller.
 *
 * @param entries Mempool entries.
 * @param blocks Confirmation target (clamped to Bitcoin Core's maximum of 1008).
 * @param options `relayFeeRate`: floor in sat/vB (default 1).
 * @returns BTC per kvB (8 decimals), or -1 when `blocks` is not a positive number.
 * @example
 * ```ts
 * estimateFeeRate(entries, 1); // e.g. 0.000214
 * ```
 */
export function estimateFeeRate(
  entries: readonly FeeEntry[],
  blocks: number,
  options: { relayFeeRate?: number } = {},
): number {
  if (typeof blocks !== "number" || !Number.isFinite(blocks) || blocks < 1) return -1;
  const target = Math.min(Math.floor(blocks), 1008) * 1_000_000;
  const sorted = [...entries].sort((a, b) => b.feeRate - a.feeRate);
  let rate = options.relayFeeRate ?? 1;
  let size = 0;
  for (const e of sorted) {
    size += e.vsize;
    if (size >= target) {
      rate = Math.max(e.feeRate, rate);
      break;
    }
  }
  return Number((rate * 1e-5).toFixed(8));
}
