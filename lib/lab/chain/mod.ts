/**
 * The lab's chain: Bitcoin primitives, Bitcoin Core's regtest genesis, the documented test
 * wallet, and {@link RegtestChain}, one deterministic regtest chain that every emulated Electrum
 * server serves (lagging servers serve `chain.view(height)`).
 *
 * - Primitives: `hash256`/`hash160`, hex in display order, CompactSize, 80-byte headers and
 *   proof of work, merkle roots and Electrum merkle branches, transaction (de)serialization,
 *   txid/wtxid/vsize, output scripts, addresses, Electrum script hashes.
 * - Test wallet: BIP39 mnemonic `because humor alert post into engine viable rice ignore
 *   frequent learn hip`, account `m/84'/1'/0'`, restored in Electrum with
 *   {@link TEST_WALLET_VPUB} (`electrum --regtest restore <vpub>`); first address
 *   {@link TEST_WALLET_FIRST_ADDRESS}. See `README.md` in this folder.
 * - Chain: `new RegtestChain()` (300 blocks, seed `"electrum-observatory"`), queries shaped like
 *   Electrum protocol replies, `mine()`, `broadcast()`, `view(height)`, `onChange()`.
 * - {@link expectedWalletBalance}: what `electrum getbalance` should print for a view.
 *
 * @example
 * ```ts
 * import { expectedWalletBalance, RegtestChain, testWallet } from "./lib/lab/chain/mod.ts";
 * const chain = new RegtestChain();
 * chain.status(testWallet().scripthash(0, 0));
 * expectedWalletBalance(chain).getbalance;
 * ```
 *
 * @module
 */
export * from "../../bitcoin/hex.ts";
export * from "../../bitcoin/hash.ts";
export * from "../../bitcoin/varint.ts";
export * from "../../bitcoin/byte_writer.ts";
export * from "../../bitcoin/byte_reader.ts";
export * from "../../bitcoin/block_header.ts";
export * from "../../bitcoin/proof_of_work.ts";
export * from "../../bitcoin/merkle.ts";
export * from "../../bitcoin/transaction.ts";
export * from "../../bitcoin/txid.ts";
export * from "../../bitcoin/script.ts";
export * from "../../bitcoin/address.ts";
export * from "../../bitcoin/scripthash.ts";
export * from "./genesis.ts";
export * from "./rng.ts";
export * from "./mnemonic_to_seed.ts";
export * from "./hd_account.ts";
export * from "./test_wallet.ts";
export * from "./wallet_story.ts";
export * from "./fee_market.ts";
export * from "./regtest_view.ts";
export * from "./regtest_chain.ts";
export { regtestSubsidy } from "./chain_builder.ts";
export * from "../../bitcoin/format_btc.ts";
export * from "./expected_balance.ts";
