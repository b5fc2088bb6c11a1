/**
 * What happens to the test wallet on the lab chain: a fixed script of coinbase rewards,
 * incoming payments, and spends (to itself and to outsiders), some left in the mempool. The
 * lab chain replays it at the given heights; steps above the chain's height, or whose coins do
 * not exist, are skipped.
 *
 * @module
 */

/** A wallet address: `[0, i]` receive `m/.../0/i`, `[1, i]` change `m/.../1/i`. */
export type WalletSlot = readonly [chain: 0 | 1, index: number];

/** One step of {@link WALLET_STORY}. */
export type WalletStep =
  & {
    /** Block height whose block contains the step, or `"mempool"` (left unconfirmed). */
    readonly at: number | "mempool";
    /** Why the step is there. */
    readonly note: string;
  }
  & (
    /** The block reward (subsidy + fees) of block `at` goes to `to`. */
    | { readonly kind: "coinbase"; readonly to: WalletSlot }
    /** An outsider (the lab miner) pays `sat` to `to`. */
    | { readonly kind: "receive"; readonly to: WalletSlot; readonly sat: number }
    /**
     * The wallet spends every unspent coin at `from`, pays `pay`, returns the rest minus the
     * fee (`feeRate` sat/vB) to `change`.
     */
    | {
      readonly kind: "spend";
      readonly from: readonly WalletSlot[];
      readonly pay: readonly { readonly to: WalletSlot | "external"; readonly sat: number }[];
      readonly change: WalletSlot;
      readonly feeRate: number;
    }
  );

/** The test wallet's story on the default 300-block chain. */
export const WALLET_STORY: readonly WalletStep[] = [
  { at: 5, kind: "coinbase", to: [0, 0], note: "block reward to the first receive address" },
  { at: 12, kind: "coinbase", to: [0, 1], note: "second block reward" },
  { at: 30, kind: "coinbase", to: [0, 2], note: "third block reward, never spent" },
  { at: 120, kind: "receive", to: [0, 3], sat: 150_000_000, note: "incoming payment, 1.5 BTC" },
  { at: 180, kind: "receive", to: [0, 4], sat: 25_000_000, note: "incoming payment, 0.25 BTC" },
  {
    at: 205,
    kind: "spend",
    from: [[0, 0]],
    pay: [{ to: [0, 6], sat: 1_000_000_000 }],
    change: [1, 0],
    feeRate: 2,
    note: "transfer to itself: 10 BTC to receive #6, change to change #0",
  },
  { at: 220, kind: "receive", to: [0, 5], sat: 3_330_000, note: "incoming payment, 0.0333 BTC" },
  {
    at: 240,
    kind: "spend",
    from: [[0, 1]],
    pay: [{ to: "external", sat: 2_000_000_000 }],
    change: [1, 1],
    feeRate: 5,
    note: "payment of 20 BTC to an outsider",
  },
  {
    at: 250,
    kind: "receive",
    to: [0, 3],
    sat: 10_000_000,
    note: "address reuse: second payment to receive #3",
  },
  {
    at: 260,
    kind: "spend",
    from: [[1, 0]],
    pay: [{ to: "external", sat: 500_000_000 }],
    change: [1, 2],
    feeRate: 3,
    note: "spend of change: 5 BTC to an outsider",
  },
  {
    at: 280,
    kind: "spend",
    from: [[0, 4], [0, 5]],
    pay: [{ to: "external", sat: 20_000_000 }],
    change: [1, 3],
    feeRate: 12,
    note: "two inputs consolidated into a 0.2 BTC payment",
  },
  {
    at: 290,
    kind: "coinbase",
    to: [0, 9],
    note: "block reward still immature at height 300 (gap in receive indices)",
  },
  {
    at: "mempool",
    kind: "receive",
    to: [0, 7],
    sat: 50_000_000,
    note: "unconfirmed incoming payment (height 0)",
  },
  {
    at: "mempool",
    kind: "spend",
    from: [[1, 1]],
    pay: [{ to: "external", sat: 100_000_000 }],
    change: [1, 4],
    feeRate: 4,
    note: "unconfirmed payment of 1 BTC (height 0)",
  },
  {
    at: "mempool",
    kind: "spend",
    from: [[1, 4]],
    pay: [{ to: [0, 8], sat: 30_000_000 }],
    change: [1, 5],
    feeRate: 6,
    note: "child of the unconfirmed payment (height -1)",
  },
];
