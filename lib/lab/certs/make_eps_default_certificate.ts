/**
 * Electrum Personal Server's bundled default certificate and its key, as EPS ships them (the
 * committed copies in `eps_default/`, see its README), for the lab's EPS servers: every lab EPS
 * host presents this one certificate, as real installs do, so the known-default detector
 * (`known_certificates.ts`) sees its real fingerprint, `EPS_DEFAULT_CERT_SHA256`.
 *
 * @module
 */
import { createHash, createPrivateKey, createPublicKey } from "node:crypto";
import type { LabCertificate } from "./make_certificate.ts";
import { pemToDer } from "../../tls/pem.ts";

/**
 * Load EPS's default certificate and key (read from `eps_default/` on each call; no state).
 *
 * @returns The certificate and key (C=AU, ST=Some-State, O=Internet Widgits Pty Ltd, serial
 *   D1AFD94BF302F7FA, RSA-2048, sha256WithRSAEncryption, 2018-03-13T00:07:58Z to
 *   2023-03-12T00:07:58Z, so expired), SHA-256 `4faf9b44…df6a40`.
 * @example
 * ```ts
 * const eps = makeEpsDefaultCertificate();
 * tls.createServer({ cert: eps.chainPem, key: eps.keyPem });
 * ```
 */
export function makeEpsDefaultCertificate(): LabCertificate {
  const certPem = Deno.readTextFileSync(new URL("./eps_default/cert.crt", import.meta.url));
  const privateKey = createPrivateKey(
    Deno.readTextFileSync(new URL("./eps_default/cert.key", import.meta.url)),
  );
  const publicKey = createPublicKey(privateKey);
  const der = pemToDer(certPem)[0];
  const pem = `-----BEGIN CERTIFICATE-----\n${
    btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")
  }-----END CERTIFICATE-----\n`;
  const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
  return {
    der,
    pem,
    chainDer: [der],
    chainPem: pem,
    keyPem,
    key: {
      type: "rsa-2048",
      privateKey,
      publicKey,
      spkiDer: new Uint8Array(publicKey.export({ type: "spki", format: "der" })),
      keyPem,
    },
    sha256: createHash("sha256").update(der).digest("hex"),
    selfSigned: true,
  };
}
