/**
 * Writes the lab chain into a {@link ChainStore}: genesis, then blocks with a coinbase, the
 * wallet story's transactions and unrelated "other" payments, found by grinding the nonce at
 * regtest difficulty. Internal to `lib/lab/chain`; {@link RegtestChain} drives it.
 *
 * Every choice comes from one seeded generator, so a given seed and call sequence always gives
 * the same chain.
 *
 * @module
 */
import { blockHash } from "../../bitcoin/block_header.ts";
import type { ChainStore, TxRecord } from "./chain_store.ts";
import { genesisCoinbase, REGTEST_GENESIS_HEADER, regtestGenesisHeaderBytes } from "./genesis.ts";
import { hash256, sha256 } from "../../bitcoin/hash.ts";
import type { HdAccount } from "./hd_account.ts";
import { bytesToHex, fromDisplayHex, hexToBytes, toDisplayHex } from "../../bitcoin/hex.ts";
import { merkleRoot } from "../../bitcoin/merkle.ts";
import { grindNonce } from "../../bitcoin/proof_of_work.ts";
import { SeededRandom } from "./rng.ts";
import {
  nullDataScript,
  p2pkhScript,
  p2shScript,
  p2trScript,
  p2wpkhScript,
  pushScriptNumber,
} from "../../bitcoin/script.ts";
import type { Transaction, TxOutput } from "../../bitcoin/transaction.ts";
import { virtualSize } from "../../bitcoin/txid.ts";
import type { WalletSlot, WalletStep } from "./wallet_story.ts";

/** Regtest halves the subsidy every 150 blocks (`consensus.nSubsidyHalvingInterval`). */
const HALVING_INTERVAL = 150;
const COINBASE_MATURITY = 100;
const DUST = 546;
const BITS = 0x207fffff;
const BLOCK_VERSION = 0x20000000;
const RBF_SEQUENCE = 0xfffffffd;

/** Block subsidy at `height` in satoshis (regtest schedule). */
export function regtestSubsidy(height: number): number {
  const halvings = Math.floor(height / HALVING_INTERVAL);
  return halvings >= 64 ? 0 : Math.floor(5_000_000_000 / 2 ** halvings);
}

interface Coin {
  rec: TxRecord;
  vout: number;
  pubkey: Uint8Array;
}

/** Parameters of {@link ChainBuilder}. */
export interface ChainBuilderParams {
  seed: string;
  startTime: number;
  wallet: HdAccount;
  miner: HdAccount;
  story: readonly WalletStep[];
}

/** Internal: appends blocks and mempool transactions to a store. */
export class ChainBuilder {
  readonly #store: ChainStore;
  readonly #rng: SeededRandom;
  readonly #p: ChainBuilderParams;
  readonly #minerPubkey: Uint8Array;
  readonly #minerScript: Uint8Array;
  #minerCoins: Coin[] = [];

  constructor(store: ChainStore, params: ChainBuilderParams) {
    this.#store = store;
    this.#p = params;
    this.#rng = new SeededRandom(`${params.seed}/chain`);
    this.#minerPubkey = params.miner.publicKey(0, 0);
    this.#minerScript = params.miner.script(0, 0);
  }

  /** Store Bitcoin Core's regtest genesis block. */
  genesis(): void {
    const rec = this.#store.addTx(genesisCoinbase(), { coinbase: true, seenAt: 0 });
    const header = regtestGenesisHeaderBytes();
    this.#store.appendBlock(blockHash(header), bytesToHex(header), [rec]);
    if (rec.txid !== REGTEST_GENESIS_HEADER.merkleRoot) {
      throw new Error(`genesis coinbase txid ${rec.txid} is wrong`);
    }
  }

  /**
   * Mine one block on top of the tip.
   *
   * @param options `mempool`: include every transaction in the mempool; `story`: replay the
   *   wallet story's steps for this height; `others`: inclusive range of unrelated payments.
   */
  block(
    options: { mempool: boolean; story: boolean; others: readonly [number, number] },
  ): TxRecord[] {
    const store = this.#store;
    const h = store.tip + 1;
    const body: TxRecord[] = options.mempool
      ? store.mempool.filter((r) => r.seenAt <= store.tip)
      : [];
    let payout = this.#minerScript;
    if (options.story) {
      for (const step of this.#p.story) {
        if (step.at !== h) continue;
        if (step.kind === "coinbase") payout = this.#p.wallet.script(...step.to);
        else {
          const rec = this.#storyTx(step, h, h);
          if (rec) body.push(rec);
        }
      }
    }
    if (h > COINBASE_MATURITY) {
      const n = this.#rng.int(options.others[0], options.others[1]);
      for (let i = 0; i < n; i++) {
        const rec = this.#otherTx(h, h);
        if (rec) body.push(rec);
      }
    }
    const fees = body.reduce((s, r) => s + r.fee, 0);
    const wtxids = ["00".repeat(32), ...body.map((r) => toDisplayHex(hash256(hexToBytes(r.hex))))];
    const commitment = hash256(
      Uint8Array.from([...fromDisplayHex(merkleRoot(wtxids)), ...new Uint8Array(32)]),
    );
    const coinbase: Transaction = {
      version: 2,
      inputs: [{
        prevTxid: "00".repeat(32),
        vout: 0xffffffff,
        scriptSig: Uint8Array.from([...pushScriptNumber(h), 0x00]),
        sequence: 0xffffffff,
        witness: [new Uint8Array(32)],
      }],
      outputs: [
        { value: regtestSubsidy(h) + fees, script: payout },
        {
          value: 0,
          script: nullDataScript(Uint8Array.from([0xaa, 0x21, 0xa9, 0xed, ...commitment])),
        },
      ],
      locktime: 0,
    };
    const cb = store.addTx(coinbase, { coinbase: true, seenAt: h });
    if (payout === this.#minerScript) {
      this.#minerCoins.push({ rec: cb, vout: 0, pubkey: this.#minerPubkey });
    }
    const records = [cb, ...body];
    const prev = store.blocks[store.tip];
    const { bytes } = grindNonce({
      version: BLOCK_VERSION,
      prevHash: prev.hash,
      merkleRoot: merkleRoot(records.map((r) => r.txid)),
      time: this.#p.startTime + 600 * h + this.#rng.int(0, 299),
      bits: BITS,
      nonce: 0,
    });
    store.appendBlock(blockHash(bytes), bytesToHex(bytes), records);
    return records;
  }

  /**
   * Leave transactions unconfirmed on top of the tip: the story's mempool steps (if `story`)
   * and `others` unrelated payments.
   */
  mempool(options: { story: boolean; others: number }): TxRecord[] {
    const tip = this.#store.tip;
    const out: TxRecord[] = [];
    if (options.story) {
      for (const step of this.#p.story) {
        if (step.at !== "mempool" || step.kind === "coinbase") continue;
        const rec = this.#storyTx(step, tip + 1, tip);
        if (rec) out.push(rec);
      }
    }
    for (let i = 0; i < options.others; i++) {
      const rec = this.#otherTx(tip + 1, tip);
      if (rec) out.push(rec);
    }
    return out;
  }

  /** Add an already-validated transaction (a broadcast) to the mempool. */
  accept(tx: Transaction): TxRecord {
    return this.#store.addTx(tx, { seenAt: this.#store.tip });
  }

  #spendable(coin: { rec: TxRecord; vout: number }, h: number, allowUnconfirmed: boolean): boolean {
    const { rec, vout } = coin;
    if (this.#store.spentBy.has(`${rec.txid}:${vout}`)) return false;
    if (rec.height === Infinity) return allowUnconfirmed;
    return rec.height < h && (!rec.coinbase || rec.height + COINBASE_MATURITY <= h);
  }

  #walletCoins(slot: WalletSlot, h: number, allowUnconfirmed: boolean): Coin[] {
    const sh = this.#p.wallet.scripthash(...slot);
    const pubkey = this.#p.wallet.publicKey(...slot);
    const coins: Coin[] = [];
    for (const rec of this.#store.bySh.get(sh) ?? []) {
      rec.outputs.forEach((o, vout) => {
        if (o.sh === sh && this.#spendable({ rec, vout }, h, allowUnconfirmed)) {
          coins.push({ rec, vout, pubkey });
        }
      });
    }
    return coins;
  }

  /**
   * Take a spendable miner coin worth at least `minValue` out of the pool (callers put it back
   * if they end up not spending it). Random probes first, a full scan only if they miss, so
   * long chains stay linear.
   */
  #takeMinerCoin(h: number, minValue: number): Coin | undefined {
    const pool = this.#minerCoins;
    const take = (i: number): Coin => {
      const c = pool[i];
      pool[i] = pool[pool.length - 1];
      pool.pop();
      return c;
    };
    const ok = (c: Coin) => this.#spendable(c, h, false) && c.rec.outputs[c.vout].value >= minValue;
    for (let tries = 0; tries < 16 && pool.length > 0; tries++) {
      const i = this.#rng.int(0, pool.length - 1);
      if (this.#store.spentBy.has(`${pool[i].rec.txid}:${pool[i].vout}`)) take(i);
      else if (ok(pool[i])) return take(i);
    }
    const candidates: number[] = [];
    pool.forEach((c, i) => ok(c) && candidates.push(i));
    return candidates.length ? take(this.#rng.pick(candidates)) : undefined;
  }

  #storyTx(
    step: Exclude<WalletStep, { kind: "coinbase" }>,
    h: number,
    seenAt: number,
  ): TxRecord | undefined {
    const w = this.#p.wallet;
    if (step.kind === "receive") {
      const coin = this.#takeMinerCoin(h, step.sat + 100_000);
      if (!coin) return undefined;
      const tx = this.#spendTx(
        [coin],
        [{ value: step.sat, script: w.script(...step.to) }],
        this.#minerScript,
        this.#rng.int(10, 200) / 10,
        h - 1,
      );
      if (!tx) {
        this.#minerCoins.push(coin);
        return undefined;
      }
      const rec = this.#store.addTx(tx, { seenAt });
      if (rec.outputs.length > 1) {
        this.#minerCoins.push({ rec, vout: 1, pubkey: this.#minerPubkey });
      }
      return rec;
    }
    const coins = step.from.flatMap((slot) => this.#walletCoins(slot, h, step.at === "mempool"));
    if (coins.length === 0) return undefined;
    const outputs = step.pay.map((p) => ({
      value: p.sat,
      script: p.to === "external" ? this.#externalScript() : w.script(...p.to),
    }));
    const tx = this.#spendTx(coins, outputs, w.script(...step.change), step.feeRate, h - 1);
    return tx && this.#store.addTx(tx, { seenAt });
  }

  #otherTx(h: number, seenAt: number): TxRecord | undefined {
    const coin = this.#takeMinerCoin(h, 1_000_000);
    if (!coin) return undefined;
    const value = coin.rec.outputs[coin.vout].value;
    const outputs: TxOutput[] = [];
    for (let i = this.#rng.int(1, 3); i > 0; i--) {
      outputs.push({
        value: this.#rng.int(
          10_000,
          Math.max(10_000, Math.floor(Math.min(200_000_000, value / 8))),
        ),
        script: this.#externalScript(),
      });
    }
    const tx = this.#spendTx(
      [coin],
      outputs,
      this.#minerScript,
      this.#rng.int(10, 600) / 10,
      h - 1,
    );
    if (!tx) {
      this.#minerCoins.push(coin);
      return undefined;
    }
    const rec = this.#store.addTx(tx, { seenAt });
    if (rec.outputs.length > outputs.length) {
      this.#minerCoins.push({ rec, vout: outputs.length, pubkey: this.#minerPubkey });
    }
    return rec;
  }

  /** A P2WPKH-style spend; change goes last and is dropped when it would be dust. */
  #spendTx(
    coins: Coin[],
    outputs: TxOutput[],
    changeScript: Uint8Array,
    feeRate: number,
    locktime: number,
  ): Transaction | undefined {
    const tx: Transaction = {
      version: 2,
      inputs: coins.map((c) => ({
        prevTxid: c.rec.txid,
        vout: c.vout,
        scriptSig: new Uint8Array(0),
        sequence: RBF_SEQUENCE,
        witness: [this.#dummySignature(), c.pubkey],
      })),
      outputs: [...outputs, { value: 0, script: changeScript }],
      locktime,
    };
    const inValue = coins.reduce((s, c) => s + c.rec.outputs[c.vout].value, 0);
    const outValue = outputs.reduce((s, o) => s + o.value, 0);
    // Witness items have fixed sizes, so the vsize with a zero-value change output is final.
    const fee = Math.ceil(feeRate * virtualSize(tx));
    const change = inValue - outValue - fee;
    if (change < 0) return undefined;
    if (change < DUST) tx.outputs.pop();
    else tx.outputs[tx.outputs.length - 1].value = change;
    return tx;
  }

  #externalScript(): Uint8Array {
    const r = this.#rng.float();
    if (r < 0.5) return p2wpkhScript(this.#rng.bytes(20));
    if (r < 0.75) return p2trScript(this.#rng.bytes(32));
    if (r < 0.9) return p2pkhScript(this.#rng.bytes(20));
    return p2shScript(this.#rng.bytes(20));
  }

  /** A DER-shaped 71-byte ECDSA signature with SIGHASH_ALL; never verified by anyone. */
  #dummySignature(): Uint8Array {
    const r = this.#rng.bytes(32);
    const s = this.#rng.bytes(32);
    r[0] = (r[0] & 0x7f) | 0x10;
    s[0] = (s[0] & 0x7f) | 0x10;
    return Uint8Array.from([0x30, 0x44, 0x02, 0x20, ...r, 0x02, 0x20, ...s, 0x01]);
  }
}

/** Seed of the lab miner's key: an outsider whose coinbases fund the "other" payments. */
export function minerSeed(seed: string): Uint8Array {
  return sha256(new TextEncoder().encode(`electrum-observatory lab miner/${seed}`));
}
