import { assertEquals, assertThrows } from "../testing/assert.ts";
import { genesisCoinbase } from "../lab/chain/genesis.ts";
import { bytesToHex, hexToBytes } from "./hex.ts";
import { p2wpkhScript } from "./script.ts";
import { parseTransaction, serializeTransaction, type Transaction } from "./transaction.ts";
import { transactionWeight, txid, virtualSize, wtxid } from "./txid.ts";

function segwitSpend(): Transaction {
  return {
    version: 2,
    inputs: [{
      prevTxid: "11".repeat(32),
      vout: 1,
      scriptSig: new Uint8Array(),
      sequence: 0xfffffffd,
      witness: [new Uint8Array(71).fill(0x30), new Uint8Array(33).fill(0x02)],
    }],
    outputs: [
      { value: 100_000, script: p2wpkhScript(new Uint8Array(20).fill(1)) },
      { value: 49_000, script: p2wpkhScript(new Uint8Array(20).fill(2)) },
    ],
    locktime: 299,
  };
}

Deno.test("serializeTransaction/parseTransaction round-trip legacy and segwit transactions", () => {
  for (const tx of [genesisCoinbase(), segwitSpend()]) {
    const raw = serializeTransaction(tx);
    assertEquals(parseTransaction(raw), tx);
    assertEquals(
      bytesToHex(serializeTransaction(parseTransaction(bytesToHex(raw)))),
      bytesToHex(raw),
    );
  }
});

Deno.test("txid hashes the witness-stripped form; wtxid the full form", () => {
  const tx = segwitSpend();
  const raw = serializeTransaction(tx);
  assertEquals(raw[4], 0, "segwit marker");
  assertEquals(raw[5], 1, "segwit flag");
  const stripped = { ...tx, inputs: tx.inputs.map((i) => ({ ...i, witness: [] })) };
  assertEquals(txid(tx), txid(stripped));
  assertEquals(wtxid(stripped), txid(stripped));
  assertEquals(wtxid(tx) === txid(tx), false);
});

Deno.test("virtualSize of a 1-input 2-output P2WPKH spend is 141 vB", () => {
  assertEquals(transactionWeight(segwitSpend()), 561);
  assertEquals(virtualSize(segwitSpend()), 141);
  assertEquals(virtualSize(genesisCoinbase()), serializeTransaction(genesisCoinbase()).length);
});

Deno.test("parseTransaction rejects truncated data, trailing bytes and a bad segwit flag", () => {
  const raw = serializeTransaction(segwitSpend());
  assertThrows(() => parseTransaction(raw.subarray(0, raw.length - 1)), RangeError);
  assertThrows(() => parseTransaction(Uint8Array.from([...raw, 0])), RangeError, "trailing");
  const bad = raw.slice();
  bad[5] = 2;
  assertThrows(() => parseTransaction(bad), RangeError, "flag");
  assertThrows(() => parseTransaction(hexToBytes("0100")), RangeError);
});
