/**
 * Bitcoin primitives an observer verifies with (observer layer; imports no other `lib/` folder):
 * `hash256`/`hash160`, hex in display order, CompactSize, 80-byte headers and their proof of
 * work, merkle roots and Electrum merkle branches, transaction (de)serialization,
 * txid/wtxid/vsize, output scripts, addresses and Electrum script hashes, BTC amounts.
 *
 * The lab builds its regtest chain from these (`lib/lab/chain/`); the observer uses them to check
 * what servers answer (headers, merkle proofs, script hashes of addresses).
 *
 * @example
 * ```ts
 * import { merkleRootFromBranch, parseBlockHeader } from "./mod.ts";
 * ```
 *
 * @module
 */
export * from "./hex.ts";
export * from "./hash.ts";
export * from "./varint.ts";
export * from "./byte_writer.ts";
export * from "./byte_reader.ts";
export * from "./block_header.ts";
export * from "./proof_of_work.ts";
export * from "./merkle.ts";
export * from "./transaction.ts";
export * from "./txid.ts";
export * from "./script.ts";
export * from "./address.ts";
export * from "./scripthash.ts";
export * from "./script_type.ts";
export * from "./format_btc.ts";
