/**
 * PEM armour: DER to PEM and back (RFC 7468).
 *
 * @module
 */

/**
 * Wrap DER bytes in PEM armour, 64 base64 characters per line.
 *
 * @param der The DER bytes.
 * @param label The PEM label (default `"CERTIFICATE"`).
 * @returns The PEM text, ending with a newline.
 * @throws {TypeError} if `der` is not a Uint8Array.
 * @example
 * ```ts
 * derToPem(cert.der); // "-----BEGIN CERTIFICATE-----\nMII..."
 * ```
 */
export function derToPem(der: Uint8Array, label = "CERTIFICATE"): string {
  if (!(der instanceof Uint8Array)) throw new TypeError("der must be a Uint8Array");
  const lines = Buffer.from(der).toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * The DER bytes of every PEM block with the given label in `text`, in order.
 *
 * @param text PEM text (one or more blocks; other text between blocks is ignored).
 * @param label The PEM label (default `"CERTIFICATE"`).
 * @returns One Uint8Array per block; empty if there is none.
 * @throws {TypeError} if `text` is not a string.
 * @example
 * ```ts
 * const [leaf, intermediate] = pemToDer(chainPem);
 * ```
 */
export function pemToDer(text: string, label = "CERTIFICATE"): Uint8Array[] {
  if (typeof text !== "string") throw new TypeError("text must be a string");
  const re = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]*?)-----END ${label}-----`, "g");
  return [...text.matchAll(re)].map((m) =>
    new Uint8Array(Buffer.from(m[1].replace(/\s+/g, ""), "base64"))
  );
}
