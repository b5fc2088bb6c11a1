/**
 * The lab's one seeded randomness module, so the same seed always builds the same lab.
 *
 * Three generators live here, each kept bit for bit because lab output depends on its stream:
 * {@linkcode sfc32} (seeded through a string hash) drives the population ({@linkcode makeRng});
 * {@linkcode xoshiro128ss} (seeded with SHA-256 of a string by `chain/rng.ts`) drives the regtest
 * chain; {@linkcode xorshift32} makes the hostile servers' junk bytes. Each is a
 * {@linkcode U32Source}; {@linkcode unitFloat} and {@linkcode intIn} are the one mapping from its
 * words to floats and integers.
 *
 * @module
 */

/** A seeded source of uniformly distributed unsigned 32-bit integers. */
export type U32Source = () => number;

/** A word of a {@linkcode U32Source} as a float in [0, 1). */
export function unitFloat(u32: number): number {
  return u32 / 4294967296;
}

/** A float in [0, 1) as an integer in [lo, hi] (the one integer mapping of the lab's generators). */
export function intIn(float: number, lo: number, hi: number): number {
  return lo + Math.floor(float * (hi - lo + 1));
}

/** A seeded source of numbers in [0, 1) with helpers. */
export interface Rng {
  (): number;
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** One element chosen by weight from `[value, weight]` pairs. */
  pick<T>(choices: readonly (readonly [T, number])[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A new generator derived from this one's seed and a label (independent streams). */
  fork(label: string): Rng;
}

function hash(text: string): [number, number, number, number] {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/**
 * Make a seeded generator.
 *
 * @example
 * ```ts
 * const r = makeRng("seed-1");
 * r.int(1, 6);
 * ```
 */
export function makeRng(seed: string | number): Rng {
  const label = String(seed);
  const source = sfc32(label);
  const next = () => unitFloat(source());
  const rng = next as Rng;
  rng.int = (lo, hi) => intIn(next(), lo, hi);
  rng.chance = (p) => next() < p;
  rng.pick = <T>(choices: readonly (readonly [T, number])[]): T => {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    if (!(total > 0)) throw new RangeError("pick needs at least one positive weight");
    let x = next() * total;
    for (const [v, w] of choices) {
      x -= w;
      if (x < 0) return v;
    }
    return choices[choices.length - 1][0];
  };
  rng.fork = (sub) => makeRng(`${label}/${sub}`);
  return rng;
}

/**
 * sfc32 (Chris Doty-Humphrey's small fast counting generator) seeded with a 128-bit hash of
 * `seed`, after 12 discarded words.
 *
 * @example
 * ```ts
 * const next = sfc32("seed-1");
 * unitFloat(next()); // 0.3637...
 * ```
 */
export function sfc32(seed: string): U32Source {
  let [a, b, c, d] = hash(seed);
  const next = () => {
    a >>>= 0, b >>>= 0, c >>>= 0, d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return r >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/**
 * xoshiro128** (Blackman and Vigna) over a 128-bit state, which it advances in place.
 *
 * @param state Four 32-bit words, not all zero.
 * @throws {RangeError} For a state that is not four words or is all zero.
 */
export function xoshiro128ss(state: Uint32Array): U32Source {
  if (state.length !== 4 || state.every((v) => v === 0)) {
    throw new RangeError("xoshiro128ss: state must be four 32-bit words, not all zero");
  }
  const s = state;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
}

/** Marsaglia's xorshift32 (shifts 13, 17, 5); a zero seed is taken as 1. */
export function xorshift32(seed: number): U32Source {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
