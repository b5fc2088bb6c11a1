/**
 * An RSA private key from two given primes, computed with BigInt and imported as a JWK. Lets the
 * lab make RSA keys in about 0.3 ms instead of the ~100-250 ms of a real key
 * generation.
 *
 * @module
 */
import { createPrivateKey, type KeyObject } from "node:crypto";

function b64u(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2) hex = "0" + hex;
  return Buffer.from(hex, "hex").toString("base64url");
}

/** (a^-1) mod m by the extended Euclidean algorithm; throws if a is not invertible. */
function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError(`${a} is not invertible modulo the given modulus`);
  return ((s0 % m) + m) % m;
}

/**
 * Build an RSA private key from primes `p` and `q` (public exponent 65537 unless given).
 * The primes are not tested for primality: callers pass primes from a trusted pool.
 *
 * @param p First prime.
 * @param q Second prime, different from `p`.
 * @param options.e Public exponent (default 65537n).
 * @returns The private key as a node:crypto KeyObject.
 * @throws {RangeError} if p == q, either is < 3, or e is not invertible modulo (p-1)(q-1).
 * @example
 * ```ts
 * const key = rsaKeyFromPrimes(61n, 53n); // a toy key; real use passes 1024-bit primes
 * ```
 */
export function rsaKeyFromPrimes(p: bigint, q: bigint, options: { e?: bigint } = {}): KeyObject {
  const e = options.e ?? 65537n;
  if (typeof p !== "bigint" || typeof q !== "bigint" || typeof e !== "bigint") {
    throw new TypeError("p, q and e must be bigints");
  }
  if (p < 3n || q < 3n) throw new RangeError(`primes must be >= 3, got p=${p}, q=${q}`);
  if (p === q) throw new RangeError("p and q must differ");
  const d = modInverse(e, (p - 1n) * (q - 1n));
  return createPrivateKey({
    key: {
      kty: "RSA",
      n: b64u(p * q),
      e: b64u(e),
      d: b64u(d),
      p: b64u(p),
      q: b64u(q),
      dp: b64u(d % (p - 1n)),
      dq: b64u(d % (q - 1n)),
      qi: b64u(modInverse(q, p)),
    },
    format: "jwk",
  });
}
