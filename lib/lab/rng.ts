/**
 * A small seeded random number generator (sfc32 seeded through a string hash), so the same seed
 * always builds the same lab.
 *
 * @module
 */

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
  let [a, b, c, d] = hash(label);
  const next = () => {
    a >>>= 0, b >>>= 0, c >>>= 0, d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng = next as Rng;
  rng.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
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
