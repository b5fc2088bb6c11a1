/**
 * TLS certificates as the observer sees them: bounded parsing, host matching and chain
 * verification (observer layer; imports only `net/`). The lab's certificate factory (seeded
 * keys, the RSA prime pool, the lab CA) lives in `lib/lab/certs/`.
 *
 * - {@linkcode parseCertificate} turns DER into a bounded plain record and never
 *   throws on hostile bytes; {@linkcode verifyChain} checks a chain against trust anchors and a
 *   host name; {@linkcode knownCertificate} names shared default certificates.
 * - TLS stack fingerprints: {@linkcode buildJarmHello} writes JARM's ten ClientHellos as bytes,
 *   {@linkcode parseServerFirstFlight} reads the ServerHello (or alert) that comes back,
 *   {@linkcode jarmFingerprint} hashes ten answers as JARM does; {@linkcode parseClientHello}
 *   reads a client's offer (the lab's TLS front).
 *
 * @example
 * ```ts
 * import { parseCertificate, verifyChain } from "./mod.ts";
 * import { makeCertificate, makeLabCa, makeLabKey } from "../lab/certs/mod.ts";
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
export * from "./pem.ts";
export * from "./known_certificates.ts";
export * from "./parse_certificate.ts";
export * from "./certificate_matches_host.ts";
export * from "./verify_chain.ts";
export * from "./jarm_hellos.ts";
export * from "./parse_server_hello.ts";
export * from "./parse_client_hello.ts";
export * from "./jarm_fingerprint.ts";
