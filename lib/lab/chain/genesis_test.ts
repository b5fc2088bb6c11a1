import { assertEquals } from "../../testing/assert.ts";
import { blockHash, parseBlockHeader } from "../../bitcoin/block_header.ts";
import {
  GENESIS_COINBASE_TXID,
  genesisCoinbase,
  REGTEST_GENESIS_HASH,
  REGTEST_GENESIS_HEADER,
  regtestGenesisHeaderBytes,
} from "./genesis.ts";
import { bytesToHex } from "../../bitcoin/hex.ts";
import { merkleRoot } from "../../bitcoin/merkle.ts";
import { checkProofOfWork } from "../../bitcoin/proof_of_work.ts";
import { serializeTransaction } from "../../bitcoin/transaction.ts";
import { txid } from "../../bitcoin/txid.ts";

Deno.test("regtest genesis header hashes to Bitcoin Core's regtest genesis hash", () => {
  assertEquals(
    blockHash(regtestGenesisHeaderBytes()),
    "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
  );
  assertEquals(
    REGTEST_GENESIS_HASH,
    "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206",
  );
  assertEquals(parseBlockHeader(regtestGenesisHeaderBytes()), { ...REGTEST_GENESIS_HEADER });
  assertEquals(checkProofOfWork(regtestGenesisHeaderBytes()), true);
});

Deno.test("genesisCoinbase is the well-known genesis transaction and its txid is the merkle root", () => {
  const tx = genesisCoinbase();
  assertEquals(txid(tx), "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
  assertEquals(merkleRoot([GENESIS_COINBASE_TXID]), REGTEST_GENESIS_HEADER.merkleRoot);
  assertEquals(
    bytesToHex(serializeTransaction(tx)),
    "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d6573" +
      "2030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b" +
      "73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f355" +
      "04e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000",
  );
});
