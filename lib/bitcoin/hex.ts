/**
 * Hex helpers. Bitcoin shows hashes (block hashes, txids) in "display order", the byte-reverse
 * of the order in which they are hashed and serialized; {@link reverseHex} converts between the
 * two.
 *
 * @module
 */

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Decode a hex string into bytes.
 *
 * @param hex Even-length string of hex digits (either case).
 * @returns The decoded bytes.
 * @throws {TypeError} If `hex` has odd length or a non-hex character.
 * @example
 * ```ts
 * hexToBytes("00ff"); // Uint8Array [0, 255]
 * ```
 */
export function hexToBytes(hex: string): Uint8Array {
  if (typeof hex !== "string" || !HEX_RE.test(hex)) {
    throw new TypeError(
      `hexToBytes: expected an even-length hex string, got ${
        JSON.stringify(String(hex).slice(0, 80))
      }`,
    );
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  }
  return out;
}

/**
 * Encode bytes as lower-case hex.
 *
 * @param bytes Bytes to encode.
 * @returns Lower-case hex, two digits per byte.
 * @example
 * ```ts
 * bytesToHex(new Uint8Array([0, 255])); // "00ff"
 * ```
 */
export function bytesToHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += BYTE_HEX[bytes[i]];
  return s;
}

/**
 * Reverse the byte order of a hex string (internal order <-> display order).
 *
 * @param hex Even-length hex string.
 * @returns The same bytes in reverse order, lower case.
 * @throws {TypeError} If `hex` is not valid hex.
 * @example
 * ```ts
 * reverseHex("0102ff"); // "ff0201"
 * ```
 */
export function reverseHex(hex: string): string {
  return bytesToHex(hexToBytes(hex).reverse());
}

/**
 * Hex of bytes in reverse order: turns a hash as computed (internal order) into the display
 * order used by block explorers, Bitcoin Core RPC and the Electrum protocol.
 *
 * @param bytes A hash in internal byte order.
 * @returns Display-order hex.
 * @example
 * ```ts
 * toDisplayHex(new Uint8Array([1, 2])); // "0201"
 * ```
 */
export function toDisplayHex(bytes: Uint8Array): string {
  return bytesToHex(bytes.slice().reverse());
}

/**
 * Bytes of a display-order hex hash, in internal order (the inverse of {@link toDisplayHex}).
 *
 * @param hex Display-order hex, e.g. a txid.
 * @returns Internal-order bytes.
 * @throws {TypeError} If `hex` is not valid hex.
 * @example
 * ```ts
 * fromDisplayHex("0201"); // Uint8Array [1, 2]
 * ```
 */
export function fromDisplayHex(hex: string): Uint8Array {
  return hexToBytes(hex).reverse();
}

function nibble(c: number): number {
  // '0'-'9' = 48-57, 'A'-'F' = 65-70, 'a'-'f' = 97-102 (validated by HEX_RE beforehand).
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}
