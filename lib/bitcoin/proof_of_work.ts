/**
 * Proof of work: compact targets ("bits"), the hash-below-target check, and a nonce grinder
 * for regtest's trivial target (`0x207fffff`, about one hash in two succeeds).
 *
 * @module
 */
import { type BlockHeader, serializeBlockHeader } from "./block_header.ts";
import { hash256 } from "./hash.ts";
import { toDisplayHex } from "./hex.ts";

/**
 * Expand a compact target: `mantissa * 256^(exponent - 3)`.
 *
 * @param bits Compact form, e.g. `0x207fffff`.
 * @returns The 256-bit target.
 * @throws {RangeError} If the sign bit is set (negative targets are invalid).
 * @example
 * ```ts
 * bitsToTarget(0x207fffff) === 0x7fffffn << 232n; // true
 * ```
 */
export function bitsToTarget(bits: number): bigint {
  const exponent = bits >>> 24;
  const mantissa = bits & 0x007fffff;
  if (bits & 0x00800000) {
    throw new RangeError(`bitsToTarget: negative compact target 0x${bits.toString(16)}`);
  }
  return exponent <= 3
    ? BigInt(mantissa >>> (8 * (3 - exponent)))
    : BigInt(mantissa) << BigInt(8 * (exponent - 3));
}

/**
 * Whether a header's hash is at or below the target its `bits` encode.
 *
 * @param header 80 header bytes.
 * @param bits Compact target; defaults to the header's own bits field.
 * @returns True if the proof of work is valid.
 * @example
 * ```ts
 * checkProofOfWork(hexToBytes(chain.header(1)!)); // true
 * ```
 */
export function checkProofOfWork(header: Uint8Array, bits?: number): boolean {
  if (header.length !== 80) {
    throw new RangeError(
      `checkProofOfWork: expected an 80-byte header, got ${header.length} bytes`,
    );
  }
  const b = bits ?? new DataView(header.buffer, header.byteOffset).getUint32(72, true);
  return BigInt("0x" + toDisplayHex(hash256(header))) <= bitsToTarget(b);
}

/**
 * Find the first nonce (counting up from `header.nonce`) whose header hash meets the target.
 *
 * @param header Header fields; `nonce` is the starting point.
 * @param options `maxTries`: give up after this many nonces (default 2^32, i.e. the whole range).
 * @returns The header with the winning nonce and its 80 bytes.
 * @throws {RangeError} If no nonce within `maxTries` works (impossible at regtest difficulty).
 * @example
 * ```ts
 * const { header } = grindNonce({ ...fields, nonce: 0 });
 * ```
 */
export function grindNonce(
  header: BlockHeader,
  options: { maxTries?: number } = {},
): { header: BlockHeader; bytes: Uint8Array } {
  const maxTries = options.maxTries ?? 2 ** 32;
  const target = bitsToTarget(header.bits);
  const bytes = serializeBlockHeader(header);
  const dv = new DataView(bytes.buffer);
  let nonce = header.nonce >>> 0;
  for (let i = 0; i < maxTries; i++) {
    dv.setUint32(76, nonce, true);
    if (BigInt("0x" + toDisplayHex(hash256(bytes))) <= target) {
      return { header: { ...header, nonce }, bytes };
    }
    nonce = (nonce + 1) >>> 0;
  }
  throw new RangeError(
    `grindNonce: no nonce found in ${maxTries} tries for bits 0x${header.bits.toString(16)}`,
  );
}
