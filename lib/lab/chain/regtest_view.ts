/**
 * Read-only queries over the lab chain as of one height, shaped like the Electrum protocol's
 * replies. {@link RegtestChain} is itself a view that follows its tip; `view(height)` gives a
 * frozen one for lagging servers. A view is two fields (the shared store and a height), so
 * thousands of lab servers can hold their own.
 *
 * @module
 */
import type { ChainStore, TxRecord } from "./chain_store.ts";
import {
  backgroundMempool,
  compactFeeHistogram,
  estimateFeeRate,
  type FeeEntry,
} from "./fee_market.ts";
import { sha256 } from "../../bitcoin/hash.ts";
import { bytesToHex } from "../../bitcoin/hex.ts";
import { merkleBranch } from "../../bitcoin/merkle.ts";

/** One `blockchain.scripthash.get_history` entry; `fee` (sat) only on mempool entries. */
export interface HistoryEntry {
  tx_hash: string;
  /** Block height; 0 in the mempool with confirmed inputs, -1 with an unconfirmed input. */
  height: number;
  fee?: number;
}

/** One `blockchain.scripthash.listunspent` entry. */
export interface UnspentEntry {
  tx_hash: string;
  tx_pos: number;
  /** Block height, 0 for a mempool output. */
  height: number;
  /** Satoshis. */
  value: number;
}

/** `blockchain.transaction.get_merkle` reply. */
export interface MerkleProof {
  block_height: number;
  /** Sibling hashes, leaf level first, display-order hex. */
  merkle: string[];
  pos: number;
}

/** Minimum relay fee, BTC/kvB (Bitcoin Core's default 1 sat/vB). */
export const RELAY_FEE = 0.00001;

/** Electrum's maximum headers per `blockchain.block.headers` reply. */
export const MAX_HEADERS = 2016;

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * The chain as a server at one height sees it.
 *
 * @example
 * ```ts
 * const lagging = chain.view(chain.tip().height - 3);
 * lagging.status(testWallet().scripthash(0, 0));
 * ```
 */
export class RegtestView {
  /** @internal Shared storage. */
  protected readonly store: ChainStore;
  readonly #frozen: number | undefined;

  /** @internal Use `chain.view(height)`. */
  constructor(store: ChainStore, frozenHeight?: number) {
    this.store = store;
    this.#frozen = frozenHeight;
  }

  /** Height this view answers for (the live tip unless frozen). */
  get height(): number {
    return this.#frozen ?? this.store.tip;
  }

  /** True if this view follows the tip as blocks are mined. */
  get live(): boolean {
    return this.#frozen === undefined;
  }

  /**
   * A frozen view at `height` (blocks up to it; the mempool as it was while that was the tip).
   *
   * @param height `0 <= height <= this.height`.
   * @returns A new view sharing this chain's storage.
   * @throws {RangeError} If `height` is not an integer in range.
   */
  view(height: number): RegtestView {
    if (!Number.isInteger(height) || height < 0 || height > this.height) {
      throw new RangeError(`view: height ${height} is outside 0..${this.height}`);
    }
    return new RegtestView(this.store, height);
  }

  /** Tip height and header hex (`blockchain.headers.subscribe`). */
  tip(): { height: number; hex: string } {
    const h = this.height;
    return { height: h, hex: this.store.blocks[h].header };
  }

  /** Header hex at `height`, or undefined past this view's tip or for a bad height. */
  header(height: number): string | undefined {
    return this.#block(height)?.header;
  }

  /** Block hash (display order) at `height`, or undefined. */
  blockHash(height: number): string | undefined {
    return this.#block(height)?.hash;
  }

  /** Txids of the block at `height` in block order, or undefined. */
  blockTxids(height: number): readonly string[] | undefined {
    return this.#block(height)?.txids;
  }

  /** Regtest genesis hash, display order. */
  genesisHash(): string {
    return this.store.blocks[0].hash;
  }

  /**
   * Consecutive headers (`blockchain.block.headers`).
   *
   * @param start First height.
   * @param count Headers wanted; the reply is cut at {@link MAX_HEADERS} and at the tip.
   * @returns Concatenated hex, the count actually returned, and `max`.
   * @throws {RangeError} If `start` or `count` is not a non-negative integer.
   */
  headers(start: number, count: number): { hex: string; count: number; max: number } {
    if (!Number.isSafeInteger(start) || start < 0) {
      throw new RangeError(`headers: bad start height ${start}`);
    }
    if (!Number.isSafeInteger(count) || count < 0) {
      throw new RangeError(`headers: bad count ${count}`);
    }
    const n = Math.max(0, Math.min(count, MAX_HEADERS, this.height - start + 1));
    let hex = "";
    for (let h = start; h < start + n; h++) hex += this.store.blocks[h].header;
    return { hex, count: n, max: MAX_HEADERS };
  }

  /**
   * History of a script hash: confirmed by height then block position, then mempool entries
   * ordered by (-height, tx_hash) with their fee, as Electrum protocol 1.4+ servers return it.
   *
   * @param scripthash 64 hex digits.
   * @returns Entries; empty for an unknown or malformed script hash.
   */
  history(scripthash: string): HistoryEntry[] {
    const v = this.height;
    const list = this.#records(scripthash);
    const confirmed = list.filter((r) => r.height <= v).sort((a, b) =>
      a.height - b.height || a.pos - b.pos
    );
    const out: HistoryEntry[] = confirmed.map((r) => ({ tx_hash: r.txid, height: r.height }));
    return out.concat(this.#mempoolEntries(list));
  }

  /** Mempool part of {@link history} (`blockchain.scripthash.get_mempool`). */
  mempool(scripthash: string): HistoryEntry[] {
    return this.#mempoolEntries(this.#records(scripthash));
  }

  /**
   * Electrum status: sha256 hex of the concatenated `"tx_hash:height:"` of {@link history}.
   *
   * @returns The status, or null when the history is empty.
   */
  status(scripthash: string): string | null {
    return this.store.memo(`status|${this.height}|${scripthash}`, () => {
      const hist = this.history(scripthash);
      if (hist.length === 0) return null;
      return bytesToHex(
        sha256(new TextEncoder().encode(hist.map((e) => `${e.tx_hash}:${e.height}:`).join(""))),
      );
    });
  }

  /**
   * Balance as ElectrumX reports it: `confirmed` = unspent confirmed outputs (mempool spends
   * ignored), `unconfirmed` = what mempool transactions add minus what they spend. Satoshis.
   */
  balance(scripthash: string): { confirmed: number; unconfirmed: number } {
    const v = this.height;
    let confirmed = 0;
    let unconfirmed = 0;
    for (const r of this.#records(scripthash)) {
      const inMempool = this.#inMempool(r);
      if (r.height > v && !inMempool) continue;
      r.outputs.forEach((o, vout) => {
        if (o.sh !== scripthash) return;
        if (inMempool) unconfirmed += o.value;
        else if (!this.#spentConfirmed(r.txid, vout)) confirmed += o.value;
      });
      if (inMempool) {
        for (const p of r.prevouts) {
          const o = this.store.txs.get(p.txid)!.outputs[p.vout];
          if (o.sh === scripthash) unconfirmed -= o.value;
        }
      }
    }
    return { confirmed, unconfirmed };
  }

  /** Unspent outputs (confirmed first, then mempool with height 0), mempool spends removed. */
  listunspent(scripthash: string): UnspentEntry[] {
    const v = this.height;
    const out: UnspentEntry[] = [];
    const recs = this.#records(scripthash).filter((r) => r.height <= v || this.#inMempool(r));
    recs.sort((a, b) => a.height - b.height || a.pos - b.pos);
    for (const r of recs) {
      r.outputs.forEach((o, vout) => {
        if (o.sh !== scripthash) return;
        const spender = this.store.spentBy.get(`${r.txid}:${vout}`);
        if (spender && (spender.height <= v || this.#inMempool(spender))) return;
        out.push({
          tx_hash: r.txid,
          tx_pos: vout,
          height: r.height <= v ? r.height : 0,
          value: o.value,
        });
      });
    }
    return out;
  }

  /** Raw transaction hex if this view knows the transaction (confirmed or in its mempool). */
  transaction(txid: string): string | undefined {
    const r = this.store.txs.get(String(txid).toLowerCase());
    return r && (r.height <= this.height || this.#inMempool(r)) ? r.hex : undefined;
  }

  /** Confirmation height of a transaction, 0 if in this view's mempool, undefined if unknown. */
  transactionHeight(txid: string): number | undefined {
    const r = this.store.txs.get(String(txid).toLowerCase());
    if (!r) return undefined;
    return r.height <= this.height ? r.height : this.#inMempool(r) ? 0 : undefined;
  }

  /**
   * Merkle proof of a confirmed transaction (`blockchain.transaction.get_merkle`).
   *
   * @returns The proof, or undefined if the transaction is not in the block at `height`.
   */
  merkle(txid: string, height: number): MerkleProof | undefined {
    const r = this.store.txs.get(String(txid).toLowerCase());
    const block = this.#block(height);
    if (!r || !block || r.height !== height) return undefined;
    return { block_height: height, merkle: merkleBranch(block.txids, r.pos), pos: r.pos };
  }

  /**
   * The txid at a block position (`blockchain.transaction.id_from_pos`).
   *
   * @param merkle When true, also return the branch.
   * @returns The txid, `{tx_hash, merkle}`, or undefined when out of range.
   */
  idFromPos(
    height: number,
    pos: number,
    merkle = false,
  ): string | { tx_hash: string; merkle: string[] } | undefined {
    const block = this.#block(height);
    if (!block || !Number.isInteger(pos) || pos < 0 || pos >= block.txids.length) return undefined;
    const tx_hash = block.txids[pos];
    return merkle ? { tx_hash, merkle: merkleBranch(block.txids, pos) } : tx_hash;
  }

  /** Fee histogram `[sat/vB, vB]`, strictly decreasing fee rates (unshaped, 0.1 sat/vB steps). */
  feeHistogram(): [number, number][] {
    return this.store.memo(
      `histogram|${this.height}`,
      () => compactFeeHistogram(this.#feeEntries()),
    );
  }

  /** Fee estimate in BTC/kvB for `blocks` (see `estimateFeeRate`), -1 for a bad target. */
  estimateFee(blocks: number): number {
    return this.store.memo(
      `estimate|${this.height}|${blocks}`,
      () => estimateFeeRate(this.#feeEntries(), blocks),
    );
  }

  /** Minimum relay fee in BTC/kvB. */
  relayFee(): number {
    return RELAY_FEE;
  }

  /** Transactions in this view's mempool, in arrival order. */
  mempoolTxids(): string[] {
    return this.#mempoolRecords().map((r) => r.txid);
  }

  #block(height: number) {
    return Number.isInteger(height) && height >= 0 && height <= this.height
      ? this.store.blocks[height]
      : undefined;
  }

  #records(scripthash: string): readonly TxRecord[] {
    if (typeof scripthash !== "string" || !HEX64.test(scripthash)) return [];
    return this.store.bySh.get(scripthash) ?? [];
  }

  #inMempool(r: TxRecord): boolean {
    return r.seenAt <= this.height && r.height > this.height;
  }

  #spentConfirmed(txid: string, vout: number): boolean {
    const s = this.store.spentBy.get(`${txid}:${vout}`);
    return s !== undefined && s.height <= this.height;
  }

  #mempoolHeight(r: TxRecord): number {
    return r.prevouts.every((p) => this.store.txs.get(p.txid)!.height <= this.height) ? 0 : -1;
  }

  #mempoolEntries(list: readonly TxRecord[]): HistoryEntry[] {
    return list.filter((r) => this.#inMempool(r))
      .map((r) => ({ tx_hash: r.txid, height: this.#mempoolHeight(r), fee: r.fee }))
      .sort((a, b) =>
        b.height - a.height || (a.tx_hash < b.tx_hash ? -1 : a.tx_hash > b.tx_hash ? 1 : 0)
      );
  }

  #mempoolRecords(): TxRecord[] {
    return this.store.memo(`mempool|${this.height}`, () => {
      const v = this.height;
      if (v === this.store.tip) return this.store.mempool.filter((r) => r.seenAt <= v);
      return [...this.store.txs.values()].filter((r) => this.#inMempool(r)).sort((a, b) =>
        a.seenAt - b.seenAt
      );
    });
  }

  #feeEntries(): FeeEntry[] {
    return this.store.memo(`fees|${this.height}`, () => {
      const own = this.#mempoolRecords().map((r) => ({
        feeRate: Math.round((r.fee / r.vsize) * 10) / 10,
        vsize: r.vsize,
      }));
      return backgroundMempool(this.store.seed, this.height).concat(own);
    });
  }
}
