/**
 * Bitcoin Core's regtest genesis block. It shares the coinbase (and so the merkle root) of the
 * mainnet genesis block and differs in time, bits and nonce (`chainparams.cpp`,
 * `CRegTestParams`: `CreateGenesisBlock(1296688602, 2, 0x207fffff, 1, 50 * COIN)`).
 *
 * @module
 */
import { type BlockHeader, serializeBlockHeader } from "../../bitcoin/block_header.ts";
import { hexToBytes } from "../../bitcoin/hex.ts";
import { pushData } from "../../bitcoin/script.ts";
import type { Transaction } from "../../bitcoin/transaction.ts";

const TIMES = new TextEncoder().encode(
  "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks",
);
const GENESIS_PUBKEY = hexToBytes(
  "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f",
);

/** Hash of the regtest genesis block, display order. Electrum's `constants.BitcoinRegtest.GENESIS`. */
export const REGTEST_GENESIS_HASH =
  "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";

/** Txid of the genesis coinbase (= the genesis merkle root, shared with mainnet). */
export const GENESIS_COINBASE_TXID =
  "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

/**
 * The genesis coinbase: one input with scriptSig `04ffff001d 0104 <The Times headline>`, one
 * 50 BTC output to Satoshi's P2PK key. A fresh object on every call (callers may mutate it).
 *
 * @returns The transaction; its txid is {@link GENESIS_COINBASE_TXID}.
 * @example
 * ```ts
 * txid(genesisCoinbase()) === GENESIS_COINBASE_TXID; // true
 * ```
 */
export function genesisCoinbase(): Transaction {
  return {
    version: 1,
    inputs: [{
      prevTxid: "00".repeat(32),
      vout: 0xffffffff,
      // 486604799 (0x1d00ffff) as a script number, then the number 4, then the headline.
      scriptSig: Uint8Array.from([
        ...pushData(hexToBytes("ffff001d")),
        ...pushData(Uint8Array.of(4)),
        ...pushData(TIMES),
      ]),
      sequence: 0xffffffff,
      witness: [],
    }],
    outputs: [{
      value: 50 * 100_000_000,
      script: Uint8Array.from([...pushData(GENESIS_PUBKEY), 0xac]),
    }],
    locktime: 0,
  };
}

/** Header fields of the regtest genesis block. */
export const REGTEST_GENESIS_HEADER: Readonly<BlockHeader> = Object.freeze({
  version: 1,
  prevHash: "00".repeat(32),
  merkleRoot: GENESIS_COINBASE_TXID,
  time: 1296688602,
  bits: 0x207fffff,
  nonce: 2,
});

/**
 * The 80 bytes of the regtest genesis header.
 *
 * @returns A fresh copy.
 * @example
 * ```ts
 * blockHash(regtestGenesisHeaderBytes()) === REGTEST_GENESIS_HASH; // true
 * ```
 */
export function regtestGenesisHeaderBytes(): Uint8Array {
  return serializeBlockHeader(REGTEST_GENESIS_HEADER);
}
