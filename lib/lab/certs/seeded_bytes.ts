/**
 * Deterministic bytes from a seed, for the lab's keys and serial numbers.
 *
 * @module
 */
import { createHash } from "node:crypto";

/** A lab seed: a string, or a non-negative safe integer (for example a server's index). */
export type LabSeed = string | number;

/**
 * Canonical text form of a seed, so that `7` and `"7"` stay distinct seeds.
 *
 * @throws {TypeError} if `seed` is neither a string nor a number.
 * @throws {RangeError} if `seed` is a number but not a non-negative safe integer.
 */
export function seedText(seed: LabSeed): string {
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`seed must be a non-negative safe integer, got ${seed}`);
    }
    return `n:${seed}`;
  }
  if (typeof seed !== "string") {
    throw new TypeError(`seed must be a string or a number, got ${typeof seed}`);
  }
  return `s:${seed}`;
}

/**
 * Expand a seed into `length` deterministic pseudo-random bytes: SHA-256 in counter mode over
 * (domain, label, seed, counter). Not a cryptographic DRBG for real keys; lab keys protect nothing.
 *
 * @param seed The lab seed.
 * @param label What the bytes are for (`"ec-p256"`, `"serial"`); distinct labels give
 *   independent streams for the same seed.
 * @param length Number of bytes wanted, 0..65536.
 * @returns `length` bytes, the same for the same (seed, label, length).
 * @throws {RangeError} if `length` is out of range, or the seed is invalid (see {@linkcode seedText}).
 * @example
 * ```ts
 * const scalar = seededBytes("server-17", "ec-p256", 32);
 * ```
 */
export function seededBytes(seed: LabSeed, label: string, length: number): Uint8Array {
  if (!Number.isInteger(length) || length < 0 || length > 65536) {
    throw new RangeError(`length must be an integer in 0..65536, got ${length}`);
  }
  const text = seedText(seed);
  const out = new Uint8Array(length);
  for (let counter = 0, off = 0; off < length; counter++, off += 32) {
    const block = createHash("sha256")
      .update(`electrum-observatory/tls\0${label}\0${text}\0${counter}`)
      .digest();
    out.set(block.subarray(0, Math.min(32, length - off)), off);
  }
  return out;
}
