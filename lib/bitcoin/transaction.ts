/**
 * Transaction serialization, legacy and segwit (BIP144).
 *
 * ```
 * version      int32 LE
 * [marker 0x00, flag 0x01]           only when some input has a witness
 * n_inputs     CompactSize
 *   prev_txid  32 bytes, internal order
 *   prev_vout  uint32 LE
 *   scriptSig  CompactSize length + bytes
 *   sequence   uint32 LE
 * n_outputs    CompactSize
 *   value      uint64 LE, satoshis
 *   script     CompactSize length + bytes
 * [witness     per input: CompactSize item count, then each item as CompactSize + bytes]
 * locktime     uint32 LE
 * ```
 *
 * Spec: https://github.com/bitcoin/bips/blob/master/bip-0144.mediawiki
 *
 * @module
 */
import { ByteReader } from "./byte_reader.ts";
import { ByteWriter } from "./byte_writer.ts";
import { fromDisplayHex, hexToBytes, toDisplayHex } from "./hex.ts";

/** A transaction input. */
export interface TxInput {
  /** Txid of the output being spent, display-order hex (all zeros in a coinbase). */
  prevTxid: string;
  /** Output index being spent (0xffffffff in a coinbase). */
  vout: number;
  /** Unlocking script (empty for native segwit spends). */
  scriptSig: Uint8Array;
  /** nSequence. */
  sequence: number;
  /** Witness stack, empty for legacy inputs. */
  witness: Uint8Array[];
}

/** A transaction output. */
export interface TxOutput {
  /** Amount in satoshis. */
  value: number;
  /** Locking script (scriptPubKey). */
  script: Uint8Array;
}

/** A transaction. */
export interface Transaction {
  /** Version (signed 32-bit; 1 or 2 in practice). */
  version: number;
  inputs: TxInput[];
  outputs: TxOutput[];
  /** nLockTime. */
  locktime: number;
}

/** Whether any input carries witness data. */
export function hasWitness(tx: Transaction): boolean {
  return tx.inputs.some((i) => i.witness.length > 0);
}

/**
 * Serialize a transaction.
 *
 * @param tx The transaction.
 * @param options `witness`: include witness data when present (default true); false gives the
 *   form that txids hash.
 * @returns The raw transaction.
 * @example
 * ```ts
 * bytesToHex(serializeTransaction(tx)); // raw hex as blockchain.transaction.get returns it
 * ```
 */
export function serializeTransaction(
  tx: Transaction,
  options: { witness?: boolean } = {},
): Uint8Array {
  const segwit = (options.witness ?? true) && hasWitness(tx);
  const w = new ByteWriter().i32(tx.version);
  if (segwit) w.u8(0).u8(1);
  w.varint(tx.inputs.length);
  for (const i of tx.inputs) {
    const prev = fromDisplayHex(i.prevTxid);
    if (prev.length !== 32) {
      throw new TypeError(
        `serializeTransaction: prevTxid ${JSON.stringify(i.prevTxid)} is not 32 bytes`,
      );
    }
    w.bytes(prev).u32(i.vout).varBytes(i.scriptSig).u32(i.sequence);
  }
  w.varint(tx.outputs.length);
  for (const o of tx.outputs) w.u64(o.value).varBytes(o.script);
  if (segwit) {
    for (const i of tx.inputs) {
      w.varint(i.witness.length);
      for (const item of i.witness) w.varBytes(item);
    }
  }
  return w.u32(tx.locktime).finish();
}

/**
 * Parse a raw transaction (legacy or segwit).
 *
 * @param raw Bytes or hex.
 * @returns The transaction.
 * @throws {RangeError} If the bytes are truncated, have trailing garbage, or a bad segwit flag.
 * @example
 * ```ts
 * parseTransaction(chain.transaction(txid)!).outputs[0].value;
 * ```
 */
export function parseTransaction(raw: Uint8Array | string): Transaction {
  const bytes = typeof raw === "string" ? hexToBytes(raw) : raw;
  const r = new ByteReader(bytes);
  const version = r.i32();
  let segwit = false;
  if (r.peek() === 0) {
    r.u8();
    const flag = r.u8();
    if (flag !== 1) throw new RangeError(`parseTransaction: segwit flag must be 1, got ${flag}`);
    segwit = true;
  }
  const inputs: TxInput[] = [];
  const nIn = r.varint();
  if (nIn > bytes.length) {
    throw new RangeError(`parseTransaction: input count ${nIn} exceeds the data size`);
  }
  for (let k = 0; k < nIn; k++) {
    inputs.push({
      prevTxid: toDisplayHex(r.bytes(32)),
      vout: r.u32(),
      scriptSig: r.varBytes(),
      sequence: r.u32(),
      witness: [],
    });
  }
  const outputs: TxOutput[] = [];
  const nOut = r.varint();
  if (nOut > bytes.length) {
    throw new RangeError(`parseTransaction: output count ${nOut} exceeds the data size`);
  }
  for (let k = 0; k < nOut; k++) outputs.push({ value: r.u64(), script: r.varBytes() });
  if (segwit) {
    for (const i of inputs) {
      const n = r.varint();
      if (n > bytes.length) {
        throw new RangeError(`parseTransaction: witness item count ${n} exceeds the data size`);
      }
      for (let k = 0; k < n; k++) i.witness.push(r.varBytes());
    }
  }
  const locktime = r.u32();
  if (!r.done) {
    throw new RangeError(`parseTransaction: ${r.remaining} trailing bytes after locktime`);
  }
  return { version, inputs, outputs, locktime };
}
