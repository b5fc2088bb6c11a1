/**
 * Electrum's script hash: the key of every `blockchain.scripthash.*` method.
 *
 * Spec: https://electrum-protocol.readthedocs.io/en/latest/protocol-basics.html#script-hashes
 *
 * @module
 */
import { type AddressNetwork, addressToScript, REGTEST } from "./address.ts";
import { sha256 } from "./hash.ts";
import { toDisplayHex } from "./hex.ts";

/**
 * `sha256(scriptPubKey)`, hex with the bytes reversed.
 *
 * @param script Output script.
 * @returns 64 hex digits.
 * @example
 * ```ts
 * scripthash(addressToScript("bcrt1q...")); // as Electrum's address_to_scripthash
 * ```
 */
export function scripthash(script: Uint8Array): string {
  return toDisplayHex(sha256(script));
}

/**
 * The script hash of an address.
 *
 * @param address An address of `network`.
 * @param network Defaults to regtest.
 * @returns 64 hex digits.
 * @throws {TypeError} If the address does not parse.
 * @example
 * ```ts
 * addressToScripthash(testWallet().address(0, 0));
 * ```
 */
export function addressToScripthash(address: string, network: AddressNetwork = REGTEST): string {
  return scripthash(addressToScript(address, network));
}
