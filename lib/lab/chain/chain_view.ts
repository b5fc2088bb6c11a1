/**
 * What a lab server needs from the chain: the contract between `lib/lab/chain` and the lab engine.
 *
 * @module
 */

import type { HistoryEntry, MerkleProof, UnspentEntry } from "./regtest_view.ts";

export type { HistoryEntry, MerkleProof, UnspentEntry };

/** The chain as one server sees it (a lagging server sees an older view). */
export interface ChainView {
  /** Tip height and header hex. */
  tip(): { height: number; hex: string };
  /** Header hex at a height, or undefined past the tip. */
  header(height: number): string | undefined;
  /** Regtest genesis hash (display order). */
  genesisHash(): string;
  history(scripthash: string): HistoryEntry[];
  status(scripthash: string): string | null;
  balance(scripthash: string): { confirmed: number; unconfirmed: number };
  listunspent(scripthash: string): UnspentEntry[];
  mempool(scripthash: string): HistoryEntry[];
  /** Raw transaction hex, or undefined. */
  transaction(txid: string): string | undefined;
  /** Merkle branch of a confirmed transaction, or undefined. */
  merkle(txid: string, height: number): MerkleProof | undefined;
  /** The txid at a block position, with its branch when asked, or undefined. */
  idFromPos(
    height: number,
    pos: number,
    merkle: boolean,
  ): string | { tx_hash: string; merkle: string[] } | undefined;
  /** Fee histogram as `[feerate sat/vB, vsize]` pairs, highest fee first (unshaped). */
  feeHistogram(): [number, number][];
  /** Fee estimate in BTC/kvB for a confirmation target, or -1 when unknown. */
  estimateFee(blocks: number): number;
  /** Minimum relay fee in BTC/kvB. */
  relayFee(): number;
}
