/**
 * The lab's deterministic regtest chain: Bitcoin Core's regtest genesis, then a few hundred
 * blocks whose transactions tell the test wallet's story ({@link WALLET_STORY}) among unrelated
 * payments, plus a small mempool. One instance is shared by every lab server; lagging servers
 * serve `chain.view(height)`.
 *
 * @module
 */
import { ChainBuilder, minerSeed } from "./chain_builder.ts";
import { ChainStore } from "./chain_store.ts";
import { HdAccount } from "./hd_account.ts";
import { bytesToHex } from "../../bitcoin/hex.ts";
import { RegtestView } from "./regtest_view.ts";
import {
  parseTransaction,
  serializeTransaction,
  type Transaction,
} from "../../bitcoin/transaction.ts";
import { testWallet } from "./test_wallet.ts";
import { txid as computeTxid, virtualSize } from "../../bitcoin/txid.ts";
import { WALLET_STORY, type WalletStep } from "./wallet_story.ts";

/** Options of {@link RegtestChain}. */
export interface RegtestChainOptions {
  /** Seed of every random choice (amounts, outsiders' addresses, times). Default `"electrum-observatory"`. */
  seed?: string;
  /** Tip height after construction, 0..100,000. Default 300. */
  height?: number;
  /**
   * Time base in Unix seconds: block `h` is stamped `startTime + 600*h + (0..299)`.
   * Default 1735689600 (2025-01-01T00:00:00Z). Never the wall clock.
   */
  startTime?: number;
  /** The wallet the story pays. Default {@link testWallet}. */
  wallet?: HdAccount;
  /** The story to replay. Default {@link WALLET_STORY}. */
  story?: readonly WalletStep[];
  /** Leave the story's mempool steps and 3 unrelated payments unconfirmed. Default true. */
  mempool?: boolean;
}

/** A change of the chain, for servers that push notifications. */
export type ChainEvent =
  | { kind: "block"; height: number; hash: string }
  | { kind: "mempool"; txid: string };

/** Outcome of {@link RegtestChain.broadcast}; `reason` uses Bitcoin Core's reject strings. */
export type BroadcastResult = { ok: true; txid: string } | { ok: false; reason: string };

const COINBASE_MATURITY = 100;

/**
 * The shared lab chain; also a live view of its own tip (see {@link RegtestView}).
 *
 * @example
 * ```ts
 * const chain = new RegtestChain();
 * chain.tip().height;                                  // 300
 * chain.history(testWallet().scripthash(0, 0)).length; // 2
 * const lagging = chain.view(297);
 * chain.mine();                                        // 301; `lagging` still says 297
 * ```
 */
export class RegtestChain extends RegtestView {
  readonly #builder: ChainBuilder;
  readonly #miner: HdAccount;
  readonly #listeners = new Set<(e: ChainEvent) => void>();
  /** Seed the chain was built from. */
  readonly seed: string;

  /**
   * Build the chain (about 0.1 s for the default 300 blocks).
   *
   * @param options See {@link RegtestChainOptions}.
   * @throws {RangeError} If `height` or `startTime` is out of range.
   */
  constructor(options: RegtestChainOptions = {}) {
    const seed = options.seed ?? "electrum-observatory";
    super(new ChainStore(seed));
    this.seed = seed;
    const height = options.height ?? 300;
    if (!Number.isInteger(height) || height < 0 || height > 100_000) {
      throw new RangeError(`RegtestChain: height must be an integer in 0..100000, got ${height}`);
    }
    const startTime = options.startTime ?? 1735689600;
    if (
      !Number.isSafeInteger(startTime) || startTime < 0 ||
      startTime + 600 * (height + 1000) > 0xffffffff
    ) {
      throw new RangeError(`RegtestChain: startTime ${startTime} does not fit block timestamps`);
    }
    this.#miner = HdAccount.fromSeed(minerSeed(seed), { path: "m/0'" });
    this.#builder = new ChainBuilder(this.store, {
      seed,
      startTime,
      wallet: options.wallet ?? testWallet(),
      miner: this.#miner,
      story: options.story ?? WALLET_STORY,
    });
    this.#builder.genesis();
    for (let h = 1; h <= height; h++) {
      this.#builder.block({ mempool: false, story: true, others: [1, 5] });
    }
    if (options.mempool ?? true) this.#builder.mempool({ story: true, others: 3 });
  }

  /** Address of the lab miner, the outsider that receives block rewards and pays others. */
  get minerAddress(): string {
    return this.#miner.address(0, 0);
  }

  /**
   * Mine `n` blocks on the tip. Each confirms the whole mempool and 1-3 new unrelated payments;
   * rewards go to the lab miner. Deterministic for a given sequence of calls.
   *
   * @param n Blocks to mine, 1..10,000. Default 1.
   * @returns The new tip height.
   * @throws {RangeError} If `n` is out of range.
   */
  mine(n = 1): number {
    if (!Number.isInteger(n) || n < 1 || n > 10_000) {
      throw new RangeError(`mine: n must be an integer in 1..10000, got ${n}`);
    }
    for (let i = 0; i < n; i++) {
      this.#builder.block({ mempool: true, story: false, others: [1, 3] });
      const tip = this.tip().height;
      this.#emit({ kind: "block", height: tip, hash: this.blockHash(tip)! });
    }
    return this.tip().height;
  }

  /**
   * Accept a raw transaction into the mempool if its inputs exist, are unspent (coinbases
   * mature) and cover its outputs at >= 1 sat/vB. Scripts and signatures are not checked.
   *
   * @param rawHex Raw transaction hex.
   * @returns `{ok: true, txid}` (also for a transaction already in the mempool) or
   *   `{ok: false, reason}` with Bitcoin Core's reject reason.
   */
  broadcast(rawHex: string): BroadcastResult {
    let tx: Transaction;
    try {
      tx = parseTransaction(String(rawHex));
      if (bytesToHex(serializeTransaction(tx)) !== String(rawHex).toLowerCase()) {
        throw new RangeError("not canonical");
      }
    } catch {
      return { ok: false, reason: "TX decode failed. Make sure the tx has at least one input." };
    }
    const id = computeTxid(tx);
    const known = this.store.txs.get(id);
    if (known) {
      return known.height === Infinity
        ? { ok: true, txid: id }
        : { ok: false, reason: "Transaction already in block chain" };
    }
    if (tx.inputs.length === 0) return { ok: false, reason: "bad-txns-vin-empty" };
    if (tx.outputs.length === 0) return { ok: false, reason: "bad-txns-vout-empty" };
    const seen = new Set<string>();
    let inValue = 0;
    const tip = this.store.tip;
    for (const i of tx.inputs) {
      const key = `${i.prevTxid}:${i.vout}`;
      if (seen.has(key)) return { ok: false, reason: "bad-txns-inputs-duplicate" };
      seen.add(key);
      const prev = this.store.txs.get(i.prevTxid);
      const out = prev?.outputs[i.vout];
      if (!prev || !out) return { ok: false, reason: "bad-txns-inputs-missingorspent" };
      const spender = this.store.spentBy.get(key);
      if (spender) {
        return {
          ok: false,
          reason: spender.height === Infinity
            ? "txn-mempool-conflict"
            : "bad-txns-inputs-missingorspent",
        };
      }
      if (prev.coinbase && prev.height + COINBASE_MATURITY > tip + 1) {
        return { ok: false, reason: "bad-txns-premature-spend-of-coinbase" };
      }
      inValue += out.value;
    }
    const outValue = tx.outputs.reduce((s, o) => s + o.value, 0);
    if (outValue > inValue) return { ok: false, reason: "bad-txns-in-belowout" };
    if (inValue - outValue < virtualSize(tx)) return { ok: false, reason: "min relay fee not met" };
    this.#builder.accept(tx);
    this.#emit({ kind: "mempool", txid: id });
    return { ok: true, txid: id };
  }

  /**
   * Be told about new blocks and mempool transactions.
   *
   * @param listener Called synchronously after each change.
   * @returns A function that removes the listener.
   */
  onChange(listener: (event: ChainEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(event: ChainEvent): void {
    const errors: unknown[] = [];
    for (const l of [...this.#listeners]) {
      try {
        l(event);
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length) {
      throw new AggregateError(errors, `RegtestChain: ${errors.length} change listener(s) threw`);
    }
  }
}
