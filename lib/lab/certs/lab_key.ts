/**
 * Deterministic (seeded) key pairs for the lab: the same seed always gives the same key, and
 * a thousand keys take under a second (RSA ~0.3 ms, EC ~0.6 ms, Ed25519 ~0.05 ms each here).
 *
 * - EC P-256 / P-384: the private scalar comes from the seed; the key is imported as PKCS#8
 *   and node:crypto derives the public point.
 * - Ed25519: the 32-byte private seed comes from the seed (PKCS#8 import).
 * - RSA-2048 / RSA-1024: the product of two distinct primes from a committed pool
 *   (`primes/primes_1024.json`, 128 primes, 8,128 pairs; `primes/primes_512.json`, 16 primes,
 *   120 pairs; see `primes/make_primes.ts`). **Lab RSA keys therefore share prime factors
 *   across servers**: batch-GCD over the lab's moduli would factor them all. That is a lab
 *   artefact; the observatory does not run batch-GCD, and no real key comes from these pools.
 *
 * @module
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { octets, oid, seq, smallInt, toDer } from "../../tls/_der.ts";
import { KEY_ALGORITHMS } from "../../tls/_oids.ts";
import { type LabSeed, seededBytes, seedText } from "./seeded_bytes.ts";
import { rsaKeyFromPrimes } from "./rsa_key_from_primes.ts";
import primes1024 from "./primes/primes_1024.json" with { type: "json" };
import primes512 from "./primes/primes_512.json" with { type: "json" };

/** The key types the lab can make. */
export type LabKeyType = "rsa-2048" | "rsa-1024" | "ec-p256" | "ec-p384" | "ed25519";

/** The key types, in a fixed order. */
export const LAB_KEY_TYPES: readonly LabKeyType[] = [
  "rsa-2048",
  "rsa-1024",
  "ec-p256",
  "ec-p384",
  "ed25519",
];

/** A lab key pair. */
export interface LabKey {
  /** Which kind of key. */
  type: LabKeyType;
  /** The private key. */
  privateKey: KeyObject;
  /** The public key. */
  publicKey: KeyObject;
  /** The public key as SubjectPublicKeyInfo DER (what a certificate embeds). */
  spkiDer: Uint8Array;
  /** The private key as PKCS#8 PEM (what node:tls `createSecureContext({key})` takes). */
  keyPem: string;
  /** For RSA keys: the indices of the two pool primes, so tests can see shared factors. */
  rsaPrimeIndices?: [number, number];
}

/** Options of {@linkcode makeLabKey}. */
export interface MakeLabKeyOptions {
  /** Key type. Default `"rsa-2048"` (what `openssl genrsa 2048` gives most operators). */
  type?: LabKeyType;
}

const EC: Record<string, { oid: string; bytes: number; order: bigint }> = {
  "ec-p256": {
    oid: "1.2.840.10045.3.1.7",
    bytes: 32,
    order: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  },
  "ec-p384": {
    oid: "1.3.132.0.34",
    bytes: 48,
    order: BigInt(
      "0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
    ),
  },
};

function bigFrom(bytes: Uint8Array): bigint {
  return bytes.length ? BigInt("0x" + Buffer.from(bytes).toString("hex")) : 0n;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Pair number k (0 <= k < n(n-1)/2) as indices a < b, enumerating rows a = 0, 1, ... */
function pairAt(k: number, n: number): [number, number] {
  let a = 0;
  while (k >= n - 1 - a) {
    k -= n - 1 - a;
    a++;
  }
  return [a, a + 1 + k];
}

/**
 * Which pool pair a seed gets. A number seed s maps through a fixed bijection of s mod P (P the
 * number of pairs), so seeds 0..P-1 get pairwise distinct keys; a string seed hashes onto a
 * pair, so distinct strings can collide (birthday bound: for RSA-2048 the first shared key is
 * expected after about 110 string seeds). Give servers number seeds when keys must differ.
 */
/**
 * The indices of the two pool primes an RSA lab key made from `seed` uses, without making the
 * key (cheap): lets a caller keep RSA keys pairwise distinct.
 *
 * @example
 * ```ts
 * labRsaPrimePair(5); // the same pair as makeLabKey(5).rsaPrimeIndices
 * ```
 */
export function labRsaPrimePair(
  seed: LabSeed,
  type: "rsa-2048" | "rsa-1024" = "rsa-2048",
): [number, number] {
  return rsaPairFor(
    seed,
    type,
    (type === "rsa-2048" ? primes1024.primes : primes512.primes).length,
  );
}

function rsaPairFor(seed: LabSeed, label: string, n: number): [number, number] {
  const pairs = (n * (n - 1)) / 2;
  let k: number;
  if (typeof seed === "number") {
    let stride = Math.floor(pairs * 0.618) | 1;
    while (gcd(stride, pairs) !== 1) stride += 2;
    seedText(seed); // validates the number
    const offset = Number(bigFrom(seededBytes("pair-offset", label, 6)) % BigInt(pairs));
    k = (((seed % pairs) * stride) % pairs + offset) % pairs;
  } else {
    k = Number(bigFrom(seededBytes(seed, label, 6)) % BigInt(pairs));
  }
  return pairAt(k, n);
}

function finish(type: LabKeyType, privateKey: KeyObject, extra: Partial<LabKey> = {}): LabKey {
  const publicKey = createPublicKey(privateKey);
  return {
    type,
    privateKey,
    publicKey,
    spkiDer: new Uint8Array(publicKey.export({ type: "spki", format: "der" })),
    keyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    ...extra,
  };
}

/**
 * Make a deterministic lab key pair from a seed.
 *
 * @param seed A string, or a non-negative safe integer (for RSA, number seeds 0..8,127 give
 *   pairwise distinct RSA-2048 keys and 0..119 distinct RSA-1024 keys; larger ones wrap).
 * @param options Key type (default `"rsa-2048"`).
 * @returns The key pair with its SPKI DER and PKCS#8 PEM.
 * @throws {TypeError} if the seed is not a string or number, or the type is unknown.
 * @throws {RangeError} if a number seed is negative or not a safe integer.
 * @example
 * ```ts
 * const key = makeLabKey(17, { type: "ec-p256" });
 * key.keyPem; // "-----BEGIN PRIVATE KEY-----..."
 * ```
 */
export function makeLabKey(seed: LabSeed, options: MakeLabKeyOptions = {}): LabKey {
  const type = options.type ?? "rsa-2048";
  if (!LAB_KEY_TYPES.includes(type)) {
    throw new TypeError(`options.type must be one of ${LAB_KEY_TYPES.join(", ")}, got ${type}`);
  }
  if (type === "rsa-2048" || type === "rsa-1024") {
    const pool = type === "rsa-2048" ? primes1024.primes : primes512.primes;
    const [a, b] = rsaPairFor(seed, type, pool.length);
    const key = rsaKeyFromPrimes(BigInt("0x" + pool[a]), BigInt("0x" + pool[b]));
    return finish(type, key, { rsaPrimeIndices: [a, b] });
  }
  if (type === "ed25519") {
    // PKCS#8 (RFC 8410): the private key is the 32-byte seed, wrapped in an OCTET STRING.
    const raw = seededBytes(seed, type, 32);
    const der = toDer(
      seq(smallInt(0), seq(oid(KEY_ALGORITHMS.ed25519)), octets(toDer(octets(raw)))),
    );
    return finish(type, createPrivateKey({ key: Buffer.from(der), format: "der", type: "pkcs8" }));
  }
  const curve = EC[type];
  // Rejection sampling keeps the scalar in 1..order-1 (a retry is needed about once in 2^32).
  let d: Uint8Array;
  for (let i = 0;; i++) {
    d = seededBytes(seed, i === 0 ? type : `${type}#${i}`, curve.bytes);
    const v = bigFrom(d);
    if (v > 0n && v < curve.order) break;
  }
  // PKCS#8 with an ECPrivateKey that omits the public point (RFC 5915 makes it optional); the
  // point is derived on import. Three times faster here than a JWK import with x and y.
  const pkcs8 = toDer(seq(
    smallInt(0),
    seq(oid(KEY_ALGORITHMS.ec), oid(curve.oid)),
    octets(toDer(seq(smallInt(1), octets(d)))),
  ));
  const key = createPrivateKey({ key: Buffer.from(pkcs8), format: "der", type: "pkcs8" });
  return finish(type, key);
}
