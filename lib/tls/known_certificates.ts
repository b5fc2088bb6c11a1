/**
 * Certificates known to be shared by many installs (defaults shipped with server software), by
 * SHA-256 fingerprint. A server presenting one has not replaced its default key: anyone can
 * impersonate it, and distinct hosts presenting it are not one operator.
 *
 * Fixtures of both certificates are in `testdata/` (see its README).
 *
 * @module
 */

/** SHA-256 of Electrum Personal Server's bundled default certificate (EPS <= 0.2.4,
 * `electrumpersonalserver/certs/cert.crt`; C=AU, ST=Some-State, O=Internet Widgits Pty Ltd,
 * serial D1AFD94BF302F7FA, RSA-2048, expired 2023-03-12), lowercase hex. */
export const EPS_DEFAULT_CERT_SHA256 =
  "4faf9b442395e5a3ec17763d6878666f011048d4afe1be3efb3a8fb7addf6a40";

/** A known shared certificate. */
export interface KnownCertificate {
  /** Short stable identifier, for CSV columns. */
  id: string;
  /** SHA-256 of the DER certificate, lowercase hex. */
  sha256: string;
  /** What it is. */
  description: string;
  /** Where it comes from. */
  source: string;
}

/** Every known shared certificate. */
export const KNOWN_CERTIFICATES: readonly KnownCertificate[] = [
  {
    id: "eps-default-2018",
    sha256: EPS_DEFAULT_CERT_SHA256,
    description: "Electrum Personal Server default certificate (shipped in every release up to " +
      "0.2.4; valid 2018-03-13 to 2023-03-12)",
    source:
      "github.com/chris-belcher/electrum-personal-server electrumpersonalserver/certs/cert.crt",
  },
  {
    id: "eps-pr289-2023",
    sha256: "8c290a8e9ed4ea7eed626bcc03717d22f19f1b922aa1e9d9a16109cb589729b8",
    description: "Replacement EPS default certificate proposed in pull request 289 (unmerged; " +
      "CN=electrum-server.tld, O=Buffy The Vampire Slayer; valid 2023-03-14 to 2028-03-12)",
    source: "github.com/chris-belcher/electrum-personal-server pull/289, commit 716235d",
  },
];

/**
 * Look up a certificate fingerprint among the known shared default certificates.
 *
 * @param sha256 SHA-256 of the DER certificate: hex, either case, colons allowed.
 * @returns The known certificate, or null.
 * @throws {TypeError} if `sha256` is not a string. {RangeError} if it is not 64 hex digits.
 * @example
 * ```ts
 * knownCertificate(parsed.sha256)?.id; // "eps-default-2018"
 * ```
 */
export function knownCertificate(sha256: string): KnownCertificate | null {
  if (typeof sha256 !== "string") {
    throw new TypeError(`sha256 must be a string, got ${typeof sha256}`);
  }
  const hex = sha256.replace(/:/g, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new RangeError(
      `sha256 must be 64 hex digits, got ${JSON.stringify(sha256.slice(0, 100))}`,
    );
  }
  return KNOWN_CERTIFICATES.find((k) => k.sha256 === hex) ?? null;
}
