/**
 * The lab's chain (emulator side): Bitcoin Core's regtest genesis, the documented test
 * wallet, and {@link RegtestChain}, one deterministic regtest chain that every emulated Electrum
 * server serves (lagging servers serve `chain.view(height)`).
 *
 * - Primitives (re-exported from `lib/bitcoin/`, the observer-side layer this builds on):
 *   hashes, hex, CompactSize, headers and proof of work, merkle branches, transactions,
 *   scripts, addresses, Electrum script hashes.
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
export * from "../../bitcoin/mod.ts";
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
export * from "./expected_balance.ts";
