/**
 * The shared, append-only storage behind {@link RegtestChain} and its views: blocks,
 * transactions, a script-hash index and a spent-output index. Internal to `lib/lab/chain`; views
 * read it, the chain's builder writes it.
 *
 * Every transaction record carries `seenAt` (the tip height when it was first known) and
 * `height` (its block, or Infinity while unconfirmed). A view at height `v` sees a transaction
 * as confirmed when `height <= v` and as in its mempool when `seenAt <= v < height`. Nothing is
 * ever removed, so views of older heights stay valid and cost nothing.
 *
 * @module
 */
import { bytesToHex } from "../../bitcoin/hex.ts";
import { scripthash } from "../../bitcoin/scripthash.ts";
import { serializeTransaction, type Transaction } from "../../bitcoin/transaction.ts";
import { txid as computeTxid, virtualSize } from "../../bitcoin/txid.ts";

/** One transaction output as indexed. */
export interface OutputRecord {
  /** Value in satoshis. */
  readonly value: number;
  /** Electrum script hash of its scriptPubKey. */
  readonly sh: string;
}

/** One transaction as stored. */
export interface TxRecord {
  readonly txid: string;
  /** Raw transaction hex (with witness), as `blockchain.transaction.get` returns it. */
  readonly hex: string;
  readonly outputs: readonly OutputRecord[];
  /** Spent outpoints, empty for a coinbase. */
  readonly prevouts: readonly { readonly txid: string; readonly vout: number }[];
  readonly coinbase: boolean;
  /** Fee in satoshis (0 for a coinbase). */
  readonly fee: number;
  /** Virtual size in vbytes. */
  readonly vsize: number;
  /** Tip height when the transaction was first known. */
  readonly seenAt: number;
  /** Confirmation height, Infinity while unconfirmed. */
  height: number;
  /** Position in its block, -1 while unconfirmed. */
  pos: number;
}

/** One block as stored. */
export interface BlockRecord {
  readonly hash: string;
  /** 80-byte header as hex. */
  readonly header: string;
  readonly txids: readonly string[];
}

/** Internal storage; see the module documentation. */
export class ChainStore {
  /** The seed the chain was built from (feeds the synthetic fee market). */
  readonly seed: string;
  readonly blocks: BlockRecord[] = [];
  readonly txs = new Map<string, TxRecord>();
  /** Script hash -> records that pay to or spend from it, in the order they were added. */
  readonly bySh = new Map<string, TxRecord[]>();
  /** `"txid:vout"` -> the record spending it. */
  readonly spentBy = new Map<string, TxRecord>();
  /** Unconfirmed records in arrival order. */
  mempool: TxRecord[] = [];
  /** Memoised query results; cleared by every mutation. */
  readonly cache = new Map<string, unknown>();

  constructor(seed: string) {
    this.seed = seed;
  }

  /** Current tip height (-1 before genesis). */
  get tip(): number {
    return this.blocks.length - 1;
  }

  /**
   * Index a transaction as unconfirmed. Its inputs must refer to stored outputs (except a
   * coinbase's); a value-less prevout would make the fee unknowable.
   *
   * @throws {RangeError} If an input's previous output is unknown or already spent.
   */
  addTx(tx: Transaction, options: { coinbase?: boolean; seenAt: number }): TxRecord {
    const coinbase = options.coinbase ?? false;
    const id = computeTxid(tx);
    if (this.txs.has(id)) {
      throw new RangeError(`ChainStore.addTx: transaction ${id} is already stored`);
    }
    const prevouts = coinbase ? [] : tx.inputs.map((i) => ({ txid: i.prevTxid, vout: i.vout }));
    let inValue = 0;
    for (const p of prevouts) {
      const out = this.txs.get(p.txid)?.outputs[p.vout];
      if (!out) {
        throw new RangeError(`ChainStore.addTx: ${id} spends unknown output ${p.txid}:${p.vout}`);
      }
      if (this.spentBy.has(`${p.txid}:${p.vout}`)) {
        throw new RangeError(`ChainStore.addTx: ${id} spends spent output ${p.txid}:${p.vout}`);
      }
      inValue += out.value;
    }
    const outValue = tx.outputs.reduce((s, o) => s + o.value, 0);
    const rec: TxRecord = {
      txid: id,
      hex: bytesToHex(serializeTransaction(tx)),
      outputs: tx.outputs.map((o) => ({ value: o.value, sh: scripthash(o.script) })),
      prevouts,
      coinbase,
      fee: coinbase ? 0 : inValue - outValue,
      vsize: virtualSize(tx),
      seenAt: options.seenAt,
      height: Infinity,
      pos: -1,
    };
    this.txs.set(id, rec);
    for (const p of prevouts) {
      this.spentBy.set(`${p.txid}:${p.vout}`, rec);
      this.#index(this.txs.get(p.txid)!.outputs[p.vout].sh, rec);
    }
    for (const o of rec.outputs) this.#index(o.sh, rec);
    this.mempool.push(rec);
    this.invalidate();
    return rec;
  }

  /** Confirm `records` (coinbase first) in a new block on top of the tip. */
  appendBlock(hash: string, header: string, records: readonly TxRecord[]): void {
    const height = this.blocks.length;
    records.forEach((r, pos) => {
      r.height = height;
      r.pos = pos;
    });
    const confirmed = new Set(records);
    this.mempool = this.mempool.filter((r) => !confirmed.has(r));
    this.blocks.push({ hash, header, txids: records.map((r) => r.txid) });
    this.invalidate();
  }

  /** Drop memoised results after a mutation. */
  invalidate(): void {
    this.cache.clear();
  }

  /** Memoise `compute()` under `key` until the next mutation (bounded). */
  memo<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const v = compute();
    if (this.cache.size >= 100_000) this.cache.clear();
    this.cache.set(key, v);
    return v;
  }

  #index(sh: string, rec: TxRecord): void {
    let list = this.bySh.get(sh);
    if (!list) this.bySh.set(sh, list = []);
    if (list[list.length - 1] !== rec) list.push(rec);
  }
}
