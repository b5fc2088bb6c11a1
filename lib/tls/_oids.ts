/**
 * Object identifiers shared by the certificate builder and parser (internal).
 *
 * @module
 */

/** A short name of a distinguished-name attribute (RFC 4514 names, plus `emailAddress`). */
export type DnAttribute =
  | "C"
  | "ST"
  | "L"
  | "O"
  | "OU"
  | "CN"
  | "STREET"
  | "serialNumber"
  | "DC"
  | "UID"
  | "emailAddress";

/** Distinguished-name attribute OIDs by short name. */
export const DN_ATTRIBUTE_OIDS: Record<DnAttribute, string> = {
  C: "2.5.4.6",
  ST: "2.5.4.8",
  L: "2.5.4.7",
  O: "2.5.4.10",
  OU: "2.5.4.11",
  CN: "2.5.4.3",
  STREET: "2.5.4.9",
  serialNumber: "2.5.4.5",
  DC: "0.9.2342.19200300.100.1.25",
  UID: "0.9.2342.19200300.100.1.1",
  emailAddress: "1.2.840.113549.1.9.1",
};

/** Short name by OID. */
export const DN_ATTRIBUTE_NAMES: Record<string, DnAttribute> = Object.fromEntries(
  Object.entries(DN_ATTRIBUTE_OIDS).map(([k, v]) => [v, k as DnAttribute]),
);

/** Signature algorithms: OID -> [name, node:crypto hash or null, family]. */
export const SIGNATURE_ALGORITHMS: Record<
  string,
  [string, string | null, "rsa" | "ec" | "ed" | "other"]
> = {
  "1.2.840.113549.1.1.4": ["md5WithRSAEncryption", "md5", "rsa"],
  "1.2.840.113549.1.1.5": ["sha1WithRSAEncryption", "sha1", "rsa"],
  "1.2.840.113549.1.1.11": ["sha256WithRSAEncryption", "sha256", "rsa"],
  "1.2.840.113549.1.1.12": ["sha384WithRSAEncryption", "sha384", "rsa"],
  "1.2.840.113549.1.1.13": ["sha512WithRSAEncryption", "sha512", "rsa"],
  "1.2.840.113549.1.1.10": ["rsassaPss", null, "other"],
  "1.2.840.10045.4.1": ["ecdsa-with-SHA1", "sha1", "ec"],
  "1.2.840.10045.4.3.2": ["ecdsa-with-SHA256", "sha256", "ec"],
  "1.2.840.10045.4.3.3": ["ecdsa-with-SHA384", "sha384", "ec"],
  "1.2.840.10045.4.3.4": ["ecdsa-with-SHA512", "sha512", "ec"],
  "1.3.101.112": ["Ed25519", null, "ed"],
  "1.3.101.113": ["Ed448", null, "ed"],
};

/** Public-key algorithms. */
export const KEY_ALGORITHMS = {
  rsa: "1.2.840.113549.1.1.1",
  ec: "1.2.840.10045.2.1",
  ed25519: "1.3.101.112",
  ed448: "1.3.101.113",
  dsa: "1.2.840.10040.4.1",
} as const;

/** Named curves: OID -> [name, bits]. */
export const CURVES: Record<string, [string, number]> = {
  "1.2.840.10045.3.1.7": ["P-256", 256],
  "1.3.132.0.34": ["P-384", 384],
  "1.3.132.0.35": ["P-521", 521],
  "1.3.132.0.10": ["secp256k1", 256],
  "1.2.840.10045.3.1.1": ["P-192", 192],
  "1.3.132.0.33": ["P-224", 224],
};

/** Extensions. */
export const EXTENSIONS = {
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
} as const;

/** A key usage name (RFC 5280 section 4.2.1.3). */
export type KeyUsage =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign"
  | "encipherOnly"
  | "decipherOnly";

/** Key usage bit names, bit 0 first. */
export const KEY_USAGE_BITS: readonly KeyUsage[] = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

/** An extended key usage name. */
export type ExtKeyUsage =
  | "serverAuth"
  | "clientAuth"
  | "codeSigning"
  | "emailProtection"
  | "timeStamping"
  | "OCSPSigning"
  | "anyExtendedKeyUsage";

/** Extended key usage OIDs by name. */
export const EXT_KEY_USAGE_OIDS: Record<ExtKeyUsage, string> = {
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
  codeSigning: "1.3.6.1.5.5.7.3.3",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  OCSPSigning: "1.3.6.1.5.5.7.3.9",
  anyExtendedKeyUsage: "2.5.29.37.0",
};

/** Extended key usage name by OID. */
export const EXT_KEY_USAGE_NAMES: Record<string, ExtKeyUsage> = Object.fromEntries(
  Object.entries(EXT_KEY_USAGE_OIDS).map(([k, v]) => [v, k as ExtKeyUsage]),
);
