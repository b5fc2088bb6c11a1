/**
 * BIP39 mnemonic to seed: PBKDF2-HMAC-SHA512, 2048 rounds, salt `"mnemonic" + passphrase`,
 * both NFKD-normalised. The word list and checksum are not needed for this direction and are
 * not checked here.
 *
 * Spec: https://github.com/bitcoin/bips/blob/master/bip-0039.mediawiki#from-mnemonic-to-seed
 *
 * @module
 */
import { pbkdf2 } from "@noble/hashes/pbkdf2.js";
import { sha512 } from "@noble/hashes/sha2.js";

/**
 * Derive the 64-byte BIP39 seed of a mnemonic.
 *
 * @param mnemonic Space-separated words.
 * @param passphrase Optional BIP39 passphrase (default empty).
 * @returns 64-byte seed for BIP32's master key.
 * @throws {TypeError} If `mnemonic` is empty.
 * @example
 * ```ts
 * mnemonicToSeed(TEST_WALLET_MNEMONIC).length; // 64
 * ```
 */
export function mnemonicToSeed(mnemonic: string, passphrase = ""): Uint8Array {
  const words = mnemonic.normalize("NFKD").trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) throw new TypeError("mnemonicToSeed: empty mnemonic");
  const enc = new TextEncoder();
  return pbkdf2(
    sha512,
    enc.encode(words.join(" ")),
    enc.encode(("mnemonic" + passphrase).normalize("NFKD")),
    {
      c: 2048,
      dkLen: 64,
    },
  );
}
