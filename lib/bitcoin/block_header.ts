/**
 * The 80-byte Bitcoin block header.
 *
 * ```
 * offset size field
 *      0    4 version        int32 LE
 *      4   32 prev_block     hash, internal byte order (display order reversed)
 *     36   32 merkle_root    hash, internal byte order
 *     68    4 time           uint32 LE, Unix seconds
 *     72    4 bits           uint32 LE, compact target
 *     76    4 nonce          uint32 LE
 * ```
 *
 * The block hash is `hash256` of these 80 bytes, shown reversed. Spec:
 * https://developer.bitcoin.org/reference/block_chain.html#block-headers
 *
 * @module
 */
import { ByteReader } from "./byte_reader.ts";
import { ByteWriter } from "./byte_writer.ts";
import { hash256 } from "./hash.ts";
import { fromDisplayHex, hexToBytes, toDisplayHex } from "./hex.ts";

/** A block header with hashes in display order. */
export interface BlockHeader {
  /** Block version (signed 32-bit). */
  version: number;
  /** Previous block hash, display-order hex (all zeros for a genesis block). */
  prevHash: string;
  /** Merkle root of the block's txids, display-order hex. */
  merkleRoot: string;
  /** Block time, Unix seconds. */
  time: number;
  /** Compact difficulty target, e.g. `0x207fffff` on regtest. */
  bits: number;
  /** Nonce. */
  nonce: number;
}

/**
 * Serialize a header to its 80 bytes.
 *
 * @param h The header.
 * @returns 80 bytes.
 * @throws {TypeError} If a hash is not 32 bytes of hex.
 * @example
 * ```ts
 * serializeBlockHeader(REGTEST_GENESIS_HEADER).length; // 80
 * ```
 */
export function serializeBlockHeader(h: BlockHeader): Uint8Array {
  const prev = fromDisplayHex(h.prevHash);
  const root = fromDisplayHex(h.merkleRoot);
  if (prev.length !== 32 || root.length !== 32) {
    throw new TypeError(
      `serializeBlockHeader: prevHash and merkleRoot must be 32-byte hex, got ${h.prevHash} / ${h.merkleRoot}`,
    );
  }
  return new ByteWriter().i32(h.version).bytes(prev).bytes(root).u32(h.time).u32(h.bits).u32(
    h.nonce,
  ).finish();
}

/**
 * Parse 80 header bytes (or their hex).
 *
 * @param raw 80 bytes or 160 hex digits.
 * @returns The header fields.
 * @throws {RangeError} If the input is not exactly 80 bytes.
 * @example
 * ```ts
 * parseBlockHeader(chain.header(0)!).nonce; // 2
 * ```
 */
export function parseBlockHeader(raw: Uint8Array | string): BlockHeader {
  const bytes = typeof raw === "string" ? hexToBytes(raw) : raw;
  if (bytes.length !== 80) {
    throw new RangeError(`parseBlockHeader: expected 80 bytes, got ${bytes.length}`);
  }
  const r = new ByteReader(bytes);
  return {
    version: r.i32(),
    prevHash: toDisplayHex(r.bytes(32)),
    merkleRoot: toDisplayHex(r.bytes(32)),
    time: r.u32(),
    bits: r.u32(),
    nonce: r.u32(),
  };
}

/**
 * The block hash of a header, display order.
 *
 * @param header A header, its 80 bytes, or their hex.
 * @returns Display-order hex.
 * @example
 * ```ts
 * blockHash(REGTEST_GENESIS_HEADER); // "0f9188f1...2206"
 * ```
 */
export function blockHash(header: BlockHeader | Uint8Array | string): string {
  const bytes = typeof header === "string"
    ? hexToBytes(header)
    : header instanceof Uint8Array
    ? header
    : serializeBlockHeader(header);
  if (bytes.length !== 80) {
    throw new RangeError(`blockHash: expected an 80-byte header, got ${bytes.length} bytes`);
  }
  return toDisplayHex(hash256(bytes));
}
