/**
 * Bitcoin's CompactSize unsigned integer ("varint").
 *
 * ```
 * value <  0xfd         1 byte:  value
 * value <= 0xffff       3 bytes: 0xfd, uint16 LE
 * value <= 0xffffffff   5 bytes: 0xfe, uint32 LE
 * larger                9 bytes: 0xff, uint64 LE
 * ```
 *
 * Spec: https://en.bitcoin.it/wiki/Protocol_documentation#Variable_length_integer
 *
 * @module
 */

/**
 * Encode a non-negative integer as a CompactSize.
 *
 * @param n Value, an integer in `[0, 2^53)`.
 * @returns 1, 3, 5 or 9 bytes.
 * @throws {RangeError} If `n` is not a safe non-negative integer.
 * @example
 * ```ts
 * encodeVarint(253); // Uint8Array [0xfd, 0xfd, 0x00]
 * ```
 */
export function encodeVarint(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`encodeVarint: expected a safe non-negative integer, got ${n}`);
  }
  if (n < 0xfd) return Uint8Array.of(n);
  if (n <= 0xffff) return Uint8Array.of(0xfd, n & 0xff, n >>> 8);
  if (n <= 0xffffffff) {
    const b = new Uint8Array(5);
    b[0] = 0xfe;
    new DataView(b.buffer).setUint32(1, n, true);
    return b;
  }
  const b = new Uint8Array(9);
  b[0] = 0xff;
  new DataView(b.buffer).setBigUint64(1, BigInt(n), true);
  return b;
}

/**
 * Decode a CompactSize at `offset`.
 *
 * @param bytes Buffer to read.
 * @param offset Byte offset of the first byte.
 * @returns The value and how many bytes it took.
 * @throws {RangeError} If the buffer ends early or the value exceeds 2^53 - 1.
 * @example
 * ```ts
 * decodeVarint(Uint8Array.of(0xfd, 0xfd, 0x00), 0); // { value: 253, size: 3 }
 * ```
 */
export function decodeVarint(bytes: Uint8Array, offset: number): { value: number; size: number } {
  if (offset >= bytes.length) {
    throw new RangeError(`decodeVarint: offset ${offset} is past the end (${bytes.length} bytes)`);
  }
  const first = bytes[offset];
  const size = first < 0xfd ? 1 : first === 0xfd ? 3 : first === 0xfe ? 5 : 9;
  if (offset + size > bytes.length) {
    throw new RangeError(
      `decodeVarint: ${size}-byte varint at offset ${offset} overruns a ${bytes.length}-byte buffer`,
    );
  }
  if (size === 1) return { value: first, size };
  const dv = new DataView(bytes.buffer, bytes.byteOffset + offset + 1, size - 1);
  if (size === 3) return { value: dv.getUint16(0, true), size };
  if (size === 5) return { value: dv.getUint32(0, true), size };
  const big = dv.getBigUint64(0, true);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`decodeVarint: value ${big} at offset ${offset} is too large`);
  }
  return { value: Number(big), size };
}
