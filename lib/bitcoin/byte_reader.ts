/**
 * A bounds-checked little-endian byte reader for Bitcoin deserialization.
 *
 * @module
 */
import { decodeVarint } from "./varint.ts";

/**
 * Reads little-endian integers, CompactSizes and byte strings from a buffer. Every read checks
 * the bound and throws a RangeError naming the offset when the buffer is too short.
 *
 * @example
 * ```ts
 * const r = new ByteReader(Uint8Array.of(1, 0, 0, 0));
 * r.u32(); // 1
 * r.done; // true
 * ```
 */
export class ByteReader {
  #bytes: Uint8Array;
  #view: DataView;
  #offset = 0;

  /** @param bytes The buffer to read from (not copied). */
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Current offset. */
  get offset(): number {
    return this.#offset;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this.#bytes.length - this.#offset;
  }

  /** True when every byte has been read. */
  get done(): boolean {
    return this.remaining === 0;
  }

  #need(n: number, what: string): number {
    if (this.#offset + n > this.#bytes.length) {
      throw new RangeError(
        `ByteReader: ${what} needs ${n} bytes at offset ${this.#offset}, only ${this.remaining} left`,
      );
    }
    const o = this.#offset;
    this.#offset += n;
    return o;
  }

  /** Read `n` raw bytes (a copy). */
  bytes(n: number): Uint8Array {
    const o = this.#need(n, "bytes");
    return this.#bytes.slice(o, o + n);
  }

  /** Peek at the byte at `offset + ahead` without consuming it, or undefined past the end. */
  peek(ahead = 0): number | undefined {
    return this.#bytes[this.#offset + ahead];
  }

  /** Read one byte. */
  u8(): number {
    return this.#bytes[this.#need(1, "u8")];
  }

  /** Read an unsigned 32-bit little-endian integer. */
  u32(): number {
    return this.#view.getUint32(this.#need(4, "u32"), true);
  }

  /** Read a signed 32-bit little-endian integer. */
  i32(): number {
    return this.#view.getInt32(this.#need(4, "i32"), true);
  }

  /** Read an unsigned 64-bit little-endian integer (must fit in 2^53 - 1). */
  u64(): number {
    const o = this.#need(8, "u64");
    const v = this.#view.getBigUint64(o, true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`ByteReader: u64 ${v} at offset ${o} is too large`);
    }
    return Number(v);
  }

  /** Read a CompactSize. */
  varint(): number {
    const { value, size } = decodeVarint(this.#bytes, this.#offset);
    this.#offset += size;
    return value;
  }

  /** Read a CompactSize length and then that many bytes. */
  varBytes(): Uint8Array {
    return this.bytes(this.varint());
  }
}
