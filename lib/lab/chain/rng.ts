/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded from SHA-256 of a string), so
 * the lab chain is a pure function of its seed. Not for cryptography.
 *
 * @module
 */
import { sha256 } from "../../bitcoin/hash.ts";
import { intIn, type U32Source, unitFloat, xoshiro128ss } from "../rng.ts";

/**
 * Deterministic random numbers from a string seed.
 *
 * @example
 * ```ts
 * const rng = new SeededRandom("lab");
 * rng.int(1, 6); // same sequence for the same seed, on every machine
 * ```
 */
export class SeededRandom {
  #next: U32Source;

  /** @param seed Any string; equal seeds give equal sequences. */
  constructor(seed: string) {
    const h = sha256(new TextEncoder().encode(seed));
    const s = new Uint32Array(h.buffer, h.byteOffset, 4).slice();
    if (s.every((v) => v === 0)) s[0] = 1;
    this.#next = xoshiro128ss(s);
  }

  /** Next 32-bit unsigned value. */
  u32(): number {
    return this.#next();
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return unitFloat(this.u32());
  }

  /**
   * Uniform integer in `[min, max]` (inclusive).
   *
   * @throws {RangeError} If the bounds are not integers with `min <= max`.
   */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
      throw new RangeError(`SeededRandom.int: bad range [${min}, ${max}]`);
    }
    return intIn(this.float(), min, max);
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.u32() & 0xff;
    return out;
  }

  /** A uniformly chosen element. @throws {RangeError} If the array is empty. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("SeededRandom.pick: empty array");
    return items[this.int(0, items.length - 1)];
  }
}
