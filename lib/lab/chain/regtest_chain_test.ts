import { createHash } from "node:crypto";
import { assert, assertEquals, assertNotEquals, assertThrows } from "../../testing/assert.ts";
import { blockHash, parseBlockHeader } from "../../bitcoin/block_header.ts";
import { REGTEST_GENESIS_HASH } from "./genesis.ts";
import { bytesToHex, fromDisplayHex, hexToBytes } from "../../bitcoin/hex.ts";
import { hash256 } from "../../bitcoin/hash.ts";
import { merkleRoot, merkleRootFromBranch } from "../../bitcoin/merkle.ts";
import { checkProofOfWork } from "../../bitcoin/proof_of_work.ts";
import { type ChainEvent, RegtestChain } from "./regtest_chain.ts";
import {
  parseTransaction,
  serializeTransaction,
  type Transaction,
} from "../../bitcoin/transaction.ts";
import { testWallet } from "./test_wallet.ts";
import { txid, wtxid } from "../../bitcoin/txid.ts";

let shared: RegtestChain | undefined;
/** The default chain, built once for the read-only tests of this file. */
function chain(): RegtestChain {
  return shared ??= new RegtestChain();
}
const w = () => testWallet();

Deno.test("RegtestChain builds 300 blocks on Bitcoin Core's regtest genesis", () => {
  const c = chain();
  assertEquals(c.tip().height, 300);
  assertEquals(c.genesisHash(), REGTEST_GENESIS_HASH);
  assertEquals(blockHash(c.header(0)!), REGTEST_GENESIS_HASH);
  assertEquals(c.tip().hex, c.header(300));
  assertEquals(c.header(301), undefined);
  assertEquals(c.header(-1), undefined);
});

Deno.test("RegtestChain headers link by prev hash, meet the 0x207fffff target, and commit to the block's txids", () => {
  const c = chain();
  let prevTime = 0;
  for (let h = 1; h <= 300; h++) {
    const hex = c.header(h)!;
    const hdr = parseBlockHeader(hex);
    assertEquals(hdr.prevHash, c.blockHash(h - 1), `prev of ${h}`);
    assertEquals(blockHash(hex), c.blockHash(h));
    assertEquals(hdr.bits, 0x207fffff);
    assert(checkProofOfWork(hexToBytes(hex)), `PoW of ${h}`);
    assert(hdr.time > prevTime, `time of ${h}`);
    prevTime = hdr.time;
    assertEquals(hdr.merkleRoot, merkleRoot(c.blockTxids(h)!), `merkle root of ${h}`);
  }
});

Deno.test("RegtestChain blocks after maturity carry several transactions", () => {
  const c = chain();
  let multi = 0;
  for (let h = 101; h <= 300; h++) if (c.blockTxids(h)!.length >= 3) multi++;
  assert(multi > 100, `only ${multi} blocks with 3+ txs`);
});

Deno.test("RegtestChain merkle proofs verify against the header for every tx of several blocks", () => {
  const c = chain();
  for (const h of [0, 5, 101, 150, 205, 240, 280, 299, 300]) {
    const root = parseBlockHeader(c.header(h)!).merkleRoot;
    const txids = c.blockTxids(h)!;
    txids.forEach((id, pos) => {
      const proof = c.merkle(id, h)!;
      assertEquals(proof.block_height, h);
      assertEquals(proof.pos, pos);
      assertEquals(
        merkleRootFromBranch(id, proof.merkle, proof.pos),
        root,
        `block ${h} pos ${pos}`,
      );
      assertEquals(c.idFromPos(h, pos), id);
      assertEquals(c.idFromPos(h, pos, true), { tx_hash: id, merkle: proof.merkle });
    });
    assertEquals(c.idFromPos(h, txids.length), undefined);
    assertEquals(c.merkle(txids[0], h + 1), undefined);
  }
});

Deno.test("RegtestChain transactions hash to their txids; coinbases carry BIP34 height and the witness commitment", () => {
  const c = chain();
  for (let h = 1; h <= 300; h++) {
    const txs: Transaction[] = c.blockTxids(h)!.map((id) => {
      const tx = parseTransaction(c.transaction(id)!);
      assertEquals(txid(tx), id);
      assertEquals(bytesToHex(serializeTransaction(tx)), c.transaction(id));
      return tx;
    });
    const cb = txs[0];
    assertEquals(cb.inputs[0].vout, 0xffffffff);
    const sig = cb.inputs[0].scriptSig;
    const height = sig[0] >= 0x51 && sig[0] <= 0x60
      ? sig[0] - 0x50
      : Number(BigInt("0x" + bytesToHex(sig.subarray(1, 1 + sig[0]).reverse())));
    assertEquals(height, h);
    const wroot = merkleRoot(["00".repeat(32), ...txs.slice(1).map(wtxid)]);
    const commitment = hash256(Uint8Array.from([...fromDisplayHex(wroot), ...new Uint8Array(32)]));
    assertEquals(bytesToHex(cb.outputs[1].script), "6a24aa21a9ed" + bytesToHex(commitment));
  }
});

Deno.test("RegtestChain history is confirmed by height, then mempool with fee; status is sha256 of 'txid:height:'", () => {
  const c = chain();
  const expectedMempoolHeights: Record<string, number> = { "0/7": 0, "0/8": -1, "1/5": -1 };
  for (const [ch, n] of [[0, 12], [1, 8]] as const) {
    for (let i = 0; i < n; i++) {
      const sh = w().scripthash(ch, i);
      const hist = c.history(sh);
      const conf = hist.filter((e) => e.height > 0);
      const mem = hist.filter((e) => e.height <= 0);
      assertEquals(hist, [...conf, ...mem], `mempool last for ${ch}/${i}`);
      conf.forEach((e, k) => {
        assertEquals(e.fee, undefined);
        if (k > 0) assert(e.height >= conf[k - 1].height, "non-decreasing heights");
      });
      mem.forEach((e) =>
        assert(typeof e.fee === "number" && e.fee > 0, "mempool entries have a fee")
      );
      assertEquals(c.mempool(sh), mem);
      const key = `${ch}/${i}`;
      if (key in expectedMempoolHeights) {
        assertEquals(mem.at(-1)!.height, expectedMempoolHeights[key], key);
      }
      const status = hist.length === 0
        ? null
        : createHash("sha256").update(hist.map((e) => `${e.tx_hash}:${e.height}:`).join("")).digest(
          "hex",
        );
      assertEquals(c.status(sh), status, key);
    }
  }
  assertEquals(c.history(w().scripthash(0, 0)).map((e) => e.height), [5, 205]);
  assertEquals(c.status(w().scripthash(0, 19)), null);
  assertEquals(c.history("zz"), []);
});

Deno.test("RegtestChain balance equals listunspent plus mempool spends (ElectrumX semantics)", () => {
  const c = chain();
  let total = 0;
  for (const [ch, n] of [[0, 12], [1, 8]] as const) {
    for (let i = 0; i < n; i++) {
      const sh = w().scripthash(ch, i);
      const b = c.balance(sh);
      const utxos = c.listunspent(sh);
      assertEquals(
        utxos.reduce((s, u) => s + u.value, 0),
        b.confirmed + b.unconfirmed,
        `${ch}/${i}`,
      );
      for (const u of utxos) assert(u.height >= 0, "mempool utxos have height 0");
      total += b.confirmed;
    }
  }
  assertEquals(c.balance(w().scripthash(0, 2)), { confirmed: 5_000_000_000, unconfirmed: 0 });
  assertEquals(c.balance(w().scripthash(0, 7)), { confirmed: 0, unconfirmed: 50_000_000 });
  assert(total > 0);
});

Deno.test("RegtestChain headers() concatenates, clamps at the tip and at 2016", () => {
  const c = chain();
  const r = c.headers(0, 5000);
  assertEquals(r.count, 301);
  assertEquals(r.max, 2016);
  assertEquals(r.hex, Array.from({ length: 301 }, (_, h) => c.header(h)).join(""));
  assertEquals(c.headers(299, 10).count, 2);
  assertEquals(c.headers(400, 10), { hex: "", count: 0, max: 2016 });
  assertThrows(() => c.headers(-1, 1), RangeError, "-1");
});

Deno.test("RegtestChain fee data: histogram strictly decreasing, estimates plausible, relay fee 1 sat/vB", () => {
  const c = chain();
  const hist = c.feeHistogram();
  for (let i = 1; i < hist.length; i++) assert(hist[i][0] < hist[i - 1][0]);
  assert(c.estimateFee(1) >= c.estimateFee(6));
  assert(c.estimateFee(1) > 0);
  assertEquals(c.estimateFee(0), -1);
  assertEquals(c.relayFee(), 0.00001);
});

Deno.test("RegtestChain is deterministic: same seed, same tip; another seed, another chain", () => {
  const a = new RegtestChain({ height: 150 });
  const b = new RegtestChain({ height: 150 });
  assertEquals(a.tip(), b.tip());
  // A shorter chain with the same seed is a prefix of the longer one (its mempool differs).
  assertEquals(a.blockHash(150), chain().blockHash(150));
  assertEquals(a.mempoolTxids(), b.mempoolTxids());
  assertNotEquals(new RegtestChain({ height: 150, seed: "other" }).tip(), a.tip());
  assertEquals(a.mine(2), 152);
  assertEquals(b.mine(2), 152);
  assertEquals(a.tip(), b.tip());
});

Deno.test("RegtestChain view(height) is frozen: older tip, no later blocks or transactions, own mempool", () => {
  const c = chain();
  const v = c.view(250);
  assertEquals(v.tip(), { height: 250, hex: c.header(250)! });
  assertEquals(v.live, false);
  assertEquals(v.header(251), undefined);
  assertEquals(v.headers(240, 100).count, 11);
  const r3 = w().scripthash(0, 3);
  assertEquals(v.history(r3).map((e) => e.height), [120, 250]);
  const r4 = w().scripthash(0, 4);
  assertEquals(v.history(r4).map((e) => e.height), [180]);
  const spendAt280 = c.history(r4)[1].tx_hash;
  assertEquals(v.transaction(spendAt280), undefined);
  assertEquals(v.merkle(spendAt280, 280), undefined);
  assertEquals(v.mempoolTxids(), []);
  assertNotEquals(v.status(r4), c.status(r4));
  assertEquals(v.view(100).tip().height, 100);
  assertThrows(() => v.view(251), RangeError, "251");
  assertThrows(() => c.view(301), RangeError, "301");
  assertEquals(c.view(300).mempoolTxids(), c.mempoolTxids());
});

Deno.test("RegtestChain mine() confirms the mempool in a new block, notifies, and leaves frozen views alone", () => {
  const c = new RegtestChain();
  const before = c.view(300);
  const r7 = w().scripthash(0, 7);
  const pending = c.mempoolTxids();
  const r7tx = c.history(r7)[0].tx_hash;
  assertEquals(pending.length, 6);
  const events: ChainEvent[] = [];
  const off = c.onChange((e) => events.push(e));
  assertEquals(c.mine(), 301);
  off();
  c.mine();
  assertEquals(events, [{ kind: "block", height: 301, hash: c.blockHash(301)! }]);
  const block = c.blockTxids(301)!;
  for (const id of pending) assert(block.includes(id), `${id} mined`);
  assertEquals(c.mempoolTxids(), []);
  assertEquals(c.history(r7), [{ tx_hash: r7tx, height: 301 }]);
  assertEquals(before.tip().height, 300);
  assertEquals(before.history(r7)[0].height, 0);
  assertEquals(before.mempoolTxids(), pending);
  assertEquals(parseBlockHeader(c.header(302)!).prevHash, c.blockHash(301));
  assertThrows(() => c.mine(0), RangeError, "0");
});

Deno.test("RegtestChain broadcast() accepts a valid spend into the mempool and rejects bad ones with Core's reasons", () => {
  const c = new RegtestChain();
  const sh = w().scripthash(0, 2);
  const [utxo] = c.listunspent(sh);
  const spend = (prev: string, vout: number, value: number): string =>
    bytesToHex(serializeTransaction({
      version: 2,
      inputs: [{
        prevTxid: prev,
        vout,
        scriptSig: new Uint8Array(),
        sequence: 0xfffffffd,
        witness: [new Uint8Array(71), w().publicKey(0, 2)],
      }],
      outputs: [{ value, script: w().script(0, 10) }],
      locktime: 300,
    }));
  const events: ChainEvent[] = [];
  c.onChange((e) => events.push(e));
  const raw = spend(utxo.tx_hash, utxo.tx_pos, utxo.value - 1_000);
  const ok = c.broadcast(raw);
  assert(ok.ok, JSON.stringify(ok));
  assertEquals(events, [{ kind: "mempool", txid: ok.txid }]);
  assertEquals(c.transaction(ok.txid), raw);
  assertEquals(c.history(w().scripthash(0, 10)), [{ tx_hash: ok.txid, height: 0, fee: 1_000 }]);
  assertEquals(c.broadcast(raw), ok);
  assertEquals(c.broadcast(spend(utxo.tx_hash, utxo.tx_pos, utxo.value - 2_000)), {
    ok: false,
    reason: "txn-mempool-conflict",
  });
  assertEquals(c.broadcast("00"), {
    ok: false,
    reason: "TX decode failed. Make sure the tx has at least one input.",
  });
  assertEquals(c.broadcast(spend("ab".repeat(32), 0, 1)), {
    ok: false,
    reason: "bad-txns-inputs-missingorspent",
  });
  const [immature] = c.listunspent(w().scripthash(0, 9));
  assertEquals(c.broadcast(spend(immature.tx_hash, 0, 1000)), {
    ok: false,
    reason: "bad-txns-premature-spend-of-coinbase",
  });
  const [other] = c.listunspent(w().scripthash(0, 6));
  assertEquals(c.broadcast(spend(other.tx_hash, other.tx_pos, other.value + 1)), {
    ok: false,
    reason: "bad-txns-in-belowout",
  });
  assertEquals(c.broadcast(spend(other.tx_hash, other.tx_pos, other.value - 10)), {
    ok: false,
    reason: "min relay fee not met",
  });
  c.mine();
  assertEquals(c.history(w().scripthash(0, 10)), [{ tx_hash: ok.txid, height: 301 }]);
  assertEquals(c.broadcast(raw), { ok: false, reason: "Transaction already in block chain" });
});

Deno.test("RegtestChain rejects bad options", () => {
  assertThrows(() => new RegtestChain({ height: -1 }), RangeError, "-1");
  assertThrows(() => new RegtestChain({ height: 1.5 }), RangeError, "1.5");
});
