/**
 * A stand-in for Electrum Personal Server's bundled default certificate, for lab EPS servers.
 * Same subject and issuer, serial, validity, version (v1, no extensions), key size and signature
 * algorithm as the real one (fixture `testdata/eps_default_2018.pem`), but a lab key, so its
 * fingerprint differs from `EPS_DEFAULT_CERT_SHA256`; detectors are tested on the
 * shared-certificate pattern with it and on the real fingerprint with the fixture.
 *
 * @module
 */
import { makeLabKey } from "./lab_key.ts";
import { type LabCertificate, makeCertificate } from "./make_certificate.ts";

/**
 * Make the lab's EPS-like default certificate. Every call returns the same bytes: lab EPS
 * servers share it, as real installs share the real one.
 *
 * @returns The certificate and key (C=AU, ST=Some-State, O=Internet Widgits Pty Ltd, serial
 *   D1AFD94BF302F7FA, RSA-2048, sha256WithRSAEncryption, 2018-03-13T00:07:58Z to
 *   2023-03-12T00:07:58Z, so expired).
 * @example
 * ```ts
 * const eps = makeEpsDefaultCertificate();
 * tls.createServer({ cert: eps.chainPem, key: eps.keyPem });
 * ```
 */
export function makeEpsDefaultCertificate(): LabCertificate {
  return makeCertificate(makeLabKey("eps-default-certificate", { type: "rsa-2048" }), {
    subject: { C: "AU", ST: "Some-State", O: "Internet Widgits Pty Ltd" },
    serial: "D1AFD94BF302F7FA",
    notBefore: new Date("2018-03-13T00:07:58Z"),
    notAfter: new Date("2023-03-12T00:07:58Z"),
    version: 1,
  });
}
