/**
 * Transaction identifiers and sizes: txid (hash of the witness-stripped form), wtxid (hash of
 * the full form), weight and virtual size (BIP141).
 *
 * @module
 */
import { hash256 } from "./hash.ts";
import { toDisplayHex } from "./hex.ts";
import { serializeTransaction, type Transaction } from "./transaction.ts";

/**
 * The txid: `hash256` of the serialization without witness data, display order.
 *
 * @param tx The transaction.
 * @returns Display-order hex, as Electrum's `tx_hash`.
 * @example
 * ```ts
 * txid(parseTransaction(hex)) === chainTxid; // true
 * ```
 */
export function txid(tx: Transaction): string {
  return toDisplayHex(hash256(serializeTransaction(tx, { witness: false })));
}

/**
 * The wtxid: `hash256` of the full serialization (equals the txid for legacy transactions).
 *
 * @param tx The transaction.
 * @returns Display-order hex.
 * @example
 * ```ts
 * wtxid(tx) !== txid(tx); // for a segwit transaction
 * ```
 */
export function wtxid(tx: Transaction): string {
  return toDisplayHex(hash256(serializeTransaction(tx)));
}

/**
 * Weight units: base size * 3 + total size.
 *
 * @param tx The transaction.
 * @returns Weight in WU.
 * @example
 * ```ts
 * transactionWeight(tx) <= 4 * serializeTransaction(tx).length; // true
 * ```
 */
export function transactionWeight(tx: Transaction): number {
  return serializeTransaction(tx, { witness: false }).length * 3 + serializeTransaction(tx).length;
}

/**
 * Virtual size: weight / 4, rounded up. Fee rates are in sat per vbyte of this.
 *
 * @param tx The transaction.
 * @returns Size in vbytes.
 * @example
 * ```ts
 * virtualSize(oneInTwoOutP2wpkh); // 141
 * ```
 */
export function virtualSize(tx: Transaction): number {
  return Math.ceil(transactionWeight(tx) / 4);
}
