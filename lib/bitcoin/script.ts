/**
 * Builders for the standard output scripts the lab chain uses, plus minimal data pushes.
 *
 * ```
 * P2PKH   OP_DUP OP_HASH160 <20> OP_EQUALVERIFY OP_CHECKSIG   76 a9 14 .. 88 ac
 * P2SH    OP_HASH160 <20> OP_EQUAL                            a9 14 .. 87
 * P2WPKH  OP_0 <20>                                           00 14 ..
 * P2WSH   OP_0 <32>                                           00 20 ..
 * P2TR    OP_1 <32>                                           51 20 ..
 * NULLDATA OP_RETURN <data>                                   6a ..
 * ```
 *
 * @module
 */

function fixed(
  prefix: number[],
  hash: Uint8Array,
  size: number,
  suffix: number[],
  what: string,
): Uint8Array {
  if (hash.length !== size) {
    throw new RangeError(`${what}: expected a ${size}-byte hash, got ${hash.length} bytes`);
  }
  return Uint8Array.from([...prefix, ...hash, ...suffix]);
}

/** P2PKH script for a 20-byte key hash. */
export function p2pkhScript(hash160: Uint8Array): Uint8Array {
  return fixed([0x76, 0xa9, 0x14], hash160, 20, [0x88, 0xac], "p2pkhScript");
}

/** P2SH script for a 20-byte script hash. */
export function p2shScript(hash160: Uint8Array): Uint8Array {
  return fixed([0xa9, 0x14], hash160, 20, [0x87], "p2shScript");
}

/**
 * P2WPKH script (witness v0, 20-byte key hash).
 *
 * @param hash160 `hash160` of a compressed public key.
 * @returns The 22-byte script `0014{hash}`.
 * @throws {RangeError} If the hash is not 20 bytes.
 * @example
 * ```ts
 * p2wpkhScript(hash160(pubkey));
 * ```
 */
export function p2wpkhScript(hash160: Uint8Array): Uint8Array {
  return fixed([0x00, 0x14], hash160, 20, [], "p2wpkhScript");
}

/** P2WSH script (witness v0, 32-byte script hash). */
export function p2wshScript(sha256: Uint8Array): Uint8Array {
  return fixed([0x00, 0x20], sha256, 32, [], "p2wshScript");
}

/** P2TR script (witness v1, 32-byte x-only output key). */
export function p2trScript(xonly: Uint8Array): Uint8Array {
  return fixed([0x51, 0x20], xonly, 32, [], "p2trScript");
}

/**
 * Minimal push of `data` (direct push up to 75 bytes, else OP_PUSHDATA1/2).
 *
 * @param data Up to 65535 bytes.
 * @returns The push opcode(s) followed by the data.
 * @throws {RangeError} If `data` is longer than 65535 bytes.
 * @example
 * ```ts
 * pushData(Uint8Array.of(1, 2)); // Uint8Array [2, 1, 2]
 * ```
 */
export function pushData(data: Uint8Array): Uint8Array {
  const n = data.length;
  const head = n <= 75
    ? [n]
    : n <= 0xff
    ? [0x4c, n]
    : n <= 0xffff
    ? [0x4d, n & 0xff, n >> 8]
    : undefined;
  if (!head) throw new RangeError(`pushData: ${n} bytes is too long`);
  return Uint8Array.from([...head, ...data]);
}

/** OP_RETURN output script carrying `data` (the witness commitment uses this). */
export function nullDataScript(data: Uint8Array): Uint8Array {
  return Uint8Array.from([0x6a, ...pushData(data)]);
}

/**
 * Push a block height the way Bitcoin Core's `CScript() << nHeight` does (BIP34): OP_0 for 0,
 * OP_1..OP_16 for 1..16, else a minimal little-endian script number.
 *
 * @param n Height, a non-negative integer.
 * @returns The push.
 * @example
 * ```ts
 * pushScriptNumber(300); // Uint8Array [2, 0x2c, 0x01]
 * ```
 */
export function pushScriptNumber(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`pushScriptNumber: expected a non-negative integer, got ${n}`);
  }
  if (n === 0) return Uint8Array.of(0x00);
  if (n <= 16) return Uint8Array.of(0x50 + n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.push(v % 256);
  if (bytes[bytes.length - 1] & 0x80) bytes.push(0);
  return pushData(Uint8Array.from(bytes));
}
