/**
 * TLS certificates: deterministic generation for the lab and bounded parsing and chain
 * verification for the collector.
 *
 * - Keys: {@linkcode makeLabKey} gives seeded RSA-2048/1024, EC P-256/P-384 and Ed25519 keys in
 *   under a millisecond each (no key generation: EC scalars and Ed25519 seeds come from the
 *   seed, RSA keys are products of two primes from a committed pool, so lab RSA keys share
 *   factors; see `primes/README.md`).
 * - Certificates: {@linkcode makeCertificate} builds X.509 v3/v1 DER with node-forge's `asn1` and
 *   signs with node:crypto; {@linkcode makeLabCa} is the lab's stand-in for Let's Encrypt;
 *   {@linkcode makeEpsDefaultCertificate} loads the default certificate and key EPS ships.
 * - Collector: {@linkcode parseCertificate} turns DER into a bounded plain record and never
 *   throws on hostile bytes; {@linkcode verifyChain} checks a chain against trust anchors and a
 *   host name; {@linkcode knownCertificate} names shared default certificates.
 *
 * @example
 * ```ts
 * import { makeCertificate, makeLabCa, makeLabKey, parseCertificate, verifyChain } from "./mod.ts";
 * const ca = makeLabCa("lab-ca");
 * const cert = makeCertificate(makeLabKey(1, { type: "ec-p256" }), {
 *   subject: { CN: "s1.lab.invalid" }, dnsNames: ["s1.lab.invalid"], issuer: ca.intermediate,
 * });
 * parseCertificate(cert.der).ok; // true
 * verifyChain(cert.chainDer, "s1.lab.invalid", { trustAnchorsPem: ca.trustAnchorsPem }).verified; // true
 * ```
 *
 * @module
 */
export * from "./seeded_bytes.ts";
export * from "./rsa_key_from_primes.ts";
export * from "./lab_key.ts";
export * from "./pem.ts";
export * from "./make_certificate.ts";
export * from "./make_lab_ca.ts";
export * from "./make_eps_default_certificate.ts";
export * from "./known_certificates.ts";
export * from "./parse_certificate.ts";
export * from "./certificate_matches_host.ts";
export * from "./verify_chain.ts";
