/**
 * An append-only little-endian byte writer for Bitcoin serialization.
 *
 * @module
 */
import { encodeVarint } from "./varint.ts";

/**
 * Collects little-endian integers, CompactSizes and byte strings, then concatenates them.
 *
 * @example
 * ```ts
 * const w = new ByteWriter();
 * w.u32(1).varBytes(new Uint8Array([0xab]));
 * w.finish(); // Uint8Array [1, 0, 0, 0, 1, 0xab]
 * ```
 */
export class ByteWriter {
  #chunks: Uint8Array[] = [];
  #length = 0;

  /** Number of bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** Append raw bytes. */
  bytes(b: Uint8Array): this {
    this.#chunks.push(b);
    this.#length += b.length;
    return this;
  }

  /** Append one byte (0..255). */
  u8(n: number): this {
    return this.bytes(Uint8Array.of(n & 0xff));
  }

  /** Append an unsigned 32-bit integer, little endian. */
  u32(n: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, n >>> 0, true);
    return this.bytes(b);
  }

  /** Append a signed 32-bit integer, little endian (transaction and block versions). */
  i32(n: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, n | 0, true);
    return this.bytes(b);
  }

  /** Append an unsigned 64-bit integer, little endian (output values in satoshis). */
  u64(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) {
      throw new RangeError(`ByteWriter.u64: expected a safe non-negative integer, got ${n}`);
    }
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
    return this.bytes(b);
  }

  /** Append a CompactSize. */
  varint(n: number): this {
    return this.bytes(encodeVarint(n));
  }

  /** Append a CompactSize length followed by the bytes. */
  varBytes(b: Uint8Array): this {
    return this.varint(b.length).bytes(b);
  }

  /** Concatenate everything written. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let o = 0;
    for (const c of this.#chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}
