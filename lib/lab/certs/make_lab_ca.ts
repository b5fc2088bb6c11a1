/**
 * The lab's certificate authority: a root and two intermediates standing in for Let's Encrypt
 * (ISRG Root X2 over E-series and R-series intermediates), honestly named so that no record or
 * figure can mistake it for the real one.
 *
 * @module
 */
import { type LabSeed, seedText } from "./seeded_bytes.ts";
import { makeLabKey } from "./lab_key.ts";
import { type LabCertificate, makeCertificate } from "./make_certificate.ts";

/** The lab CA. */
export interface LabCa {
  /** Self-signed root, EC P-384 (`CN=Observatory Lab Root X1`), 2020-01-01 to 2045-01-01. */
  root: LabCertificate;
  /** Intermediate for EC leaves, EC P-256 (`CN=Observatory Lab E1`), 2024-01-01 to
   * 2035-01-01, path length 0. Issue with `makeCertificate(key, { issuer: ca.intermediate })`;
   * the leaf's `chainPem` then holds leaf + intermediate, as a Let's Encrypt server sends. */
  intermediate: LabCertificate;
  /** Intermediate for RSA leaves, RSA-2048 (`CN=Observatory Lab R1`), same validity. Signing
   * with it costs ~2.5 ms per leaf here against ~0.7 ms for `intermediate`. */
  rsaIntermediate: LabCertificate;
  /** What a lab-mode client trusts: `[root.pem]` (pass to `verifyChain`). */
  trustAnchorsPem: string[];
}

/** The organisation name on every lab CA certificate. */
export const LAB_CA_ORGANIZATION = "Observatory Lab CA (not Let's Encrypt)";

/**
 * Make the lab CA from a seed (same seed, same certificates byte for byte).
 *
 * @param seed Any lab seed; `"lab-ca"` is a good default for a lab run.
 * @returns Root, EC and RSA intermediates, and the trust anchors to give lab clients.
 * @throws {TypeError|RangeError} for an invalid seed.
 * @example
 * ```ts
 * const ca = makeLabCa("lab-ca");
 * const leaf = makeCertificate(makeLabKey(7, { type: "ec-p256" }), {
 *   subject: { CN: "e7.lab.invalid" }, dnsNames: ["e7.lab.invalid"], issuer: ca.intermediate,
 * });
 * verifyChain(leaf.chainDer, "e7.lab.invalid", { trustAnchorsPem: ca.trustAnchorsPem });
 * ```
 */
export function makeLabCa(seed: LabSeed): LabCa {
  const s = seedText(seed);
  const org = { C: "XX", O: LAB_CA_ORGANIZATION };
  const root = makeCertificate(makeLabKey(`lab-ca-root/${s}`, { type: "ec-p384" }), {
    subject: { ...org, CN: "Observatory Lab Root X1" },
    ca: true,
    notBefore: new Date("2020-01-01T00:00:00Z"),
    notAfter: new Date("2045-01-01T00:00:00Z"),
  });
  const intermediate = (cn: string, type: "ec-p256" | "rsa-2048") =>
    makeCertificate(makeLabKey(`lab-ca-${cn}/${s}`, { type }), {
      subject: { ...org, CN: `Observatory Lab ${cn}` },
      issuer: root,
      ca: true,
      pathLength: 0,
      notBefore: new Date("2024-01-01T00:00:00Z"),
      notAfter: new Date("2035-01-01T00:00:00Z"),
    });
  return {
    root,
    intermediate: intermediate("E1", "ec-p256"),
    rsaIntermediate: intermediate("R1", "rsa-2048"),
    trustAnchorsPem: [root.pem],
  };
}
