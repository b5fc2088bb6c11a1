/**
 * The lab's documented test wallet. Everything the lab chain pays to belongs to this account,
 * so a real Electrum wallet restored from {@link TEST_WALLET_VPUB} sees a non-trivial history.
 *
 * - Mnemonic (BIP39, English, 12 words, no passphrase):
 *   `because humor alert post into engine viable rice ignore frequent learn hip`
 *   (entropy = first 16 bytes of SHA-256 of `"electrum-observatory lab test wallet v1"`).
 * - Account path: `m/84'/1'/0'` (BIP84 native segwit, coin type 1 for test networks).
 * - Watch-only: `electrum --regtest -D DIR --offline restore <TEST_WALLET_VPUB> -w WALLET`.
 * - Spending: restore {@link TEST_WALLET_VPRV} instead (lab signatures are never checked).
 * - Receive `m/84'/1'/0'/0/i`, change `m/84'/1'/0'/1/i`, P2WPKH `bcrt1q...` addresses.
 *
 * These keys are public test material for regtest only. Never send real coins to them.
 *
 * @module
 */
import { HdAccount } from "./hd_account.ts";

/** BIP39 mnemonic of the test wallet (no passphrase). */
export const TEST_WALLET_MNEMONIC =
  "because humor alert post into engine viable rice ignore frequent learn hip";

/** BIP84 account path of the test wallet. */
export const TEST_WALLET_PATH = "m/84'/1'/0'";

/** Account extended public key in Electrum's regtest/testnet P2WPKH form (`vpub`, 0x045f1cf6). */
export const TEST_WALLET_VPUB =
  "vpub5YBhabhGQHyQnuk6HGQ92Au2fwbYNSQoy72pXZbYcB4pxL7LwMizyPNK8w4eSFsoYqV2i3ihrTA6dQ2ogcJD7wXcUFSQs4LU1Rhd1FXQGy8";

/** Account extended private key (`vprv`, 0x045f18bc). Regtest test material only. */
export const TEST_WALLET_VPRV =
  "vprv9KCMB6ANZvR7aRfdBEs8f2xJ7um3xygxbt7DjBBw3qXr5XnCPpQkRb3qHdsrpvh5C9ntcNj3p5Vz85R4Zg2HmfCcGTxEhcAtrgxHohAXULs";

/** First receive address, `m/84'/1'/0'/0/0`. */
export const TEST_WALLET_FIRST_ADDRESS = "bcrt1qwytxsrkzur6pzjeytr9hzqw9fwvt2448eh5mjn";

let cached: HdAccount | undefined;

/**
 * The test wallet's account (derived on first call, then cached).
 *
 * @returns The regtest P2WPKH account at {@link TEST_WALLET_PATH}.
 * @example
 * ```ts
 * testWallet().address(0, 0) === TEST_WALLET_FIRST_ADDRESS; // true
 * testWallet().xpub === TEST_WALLET_VPUB; // true
 * ```
 */
export function testWallet(): HdAccount {
  cached ??= HdAccount.fromMnemonic(TEST_WALLET_MNEMONIC, { path: TEST_WALLET_PATH });
  return cached;
}
