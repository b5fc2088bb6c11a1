/**
 * Bitcoin's hash functions: double SHA-256 (`hash256`, used for block hashes, txids and merkle
 * nodes) and `hash160` (RIPEMD-160 of SHA-256, used for key and script hashes in addresses).
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { ripemd160 } from "@noble/hashes/legacy.js";

/**
 * Double SHA-256: `sha256(sha256(data))`.
 *
 * @param data Bytes to hash.
 * @returns 32-byte digest in internal byte order (reverse it for display).
 * @example
 * ```ts
 * hash256(new Uint8Array()); // 5df6e0e2...1c9d456 (internal order)
 * ```
 */
export function hash256(data: Uint8Array): Uint8Array {
  return sha256(sha256(data));
}

/**
 * `ripemd160(sha256(data))`, the hash inside P2PKH and P2WPKH scripts.
 *
 * @param data Bytes to hash (usually a 33-byte compressed public key).
 * @returns 20-byte digest.
 * @example
 * ```ts
 * hash160(pubkey).length; // 20
 * ```
 */
export function hash160(data: Uint8Array): Uint8Array {
  return ripemd160(sha256(data));
}

export { sha256 };
