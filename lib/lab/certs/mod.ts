/**
 * The lab's certificate factory (emulator side; imports `tls/` for DER helpers).
 *
 * - Keys: {@linkcode makeLabKey} gives seeded RSA-2048/1024, EC P-256/P-384 and Ed25519 keys in
 *   under a millisecond each (no key generation: EC scalars and Ed25519 seeds come from the
 *   seed, RSA keys are products of two primes from a committed pool, so lab RSA keys share
 *   factors; see `primes/README.md`).
 * - Certificates: {@linkcode makeCertificate} builds X.509 v3/v1 DER with node-forge's `asn1` and
 *   signs with node:crypto; {@linkcode makeLabCa} is the lab's stand-in for Let's Encrypt;
 *   {@linkcode makeEpsDefaultCertificate} imitates EPS's shared default certificate.
 *
 * @example
 * ```ts
 * import { makeCertificate, makeLabCa, makeLabKey } from "./mod.ts";
 * const ca = makeLabCa("lab-ca");
 * const cert = makeCertificate(makeLabKey(1, { type: "ec-p256" }), {
 *   subject: { CN: "s1.lab.invalid" }, dnsNames: ["s1.lab.invalid"], issuer: ca.intermediate,
 * });
 * ```
 *
 * @module
 */
export * from "./seeded_bytes.ts";
export * from "./rsa_key_from_primes.ts";
export * from "./lab_key.ts";
export * from "./make_certificate.ts";
export * from "./make_lab_ca.ts";
export * from "./make_eps_default_certificate.ts";
