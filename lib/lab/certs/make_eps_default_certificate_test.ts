import { assert, assertEquals } from "../../testing/assert.ts";
import { createHash } from "node:crypto";
import tls from "node:tls";
import { EPS_DEFAULT_CERT_SHA256, knownCertificate } from "../../tls/known_certificates.ts";
import { makeEpsDefaultCertificate } from "./make_eps_default_certificate.ts";
import { parseCertificate } from "../../tls/parse_certificate.ts";
import { pemToDer } from "../../tls/pem.ts";

Deno.test("makeEpsDefaultCertificate: is the certificate EPS ships, known to the detector", () => {
  const eps = makeEpsDefaultCertificate();
  assertEquals(eps.sha256, EPS_DEFAULT_CERT_SHA256);
  assertEquals(knownCertificate(eps.sha256)?.id, "eps-default-2018");
  const fixture = pemToDer(
    Deno.readTextFileSync(new URL("../../tls/testdata/eps_default_2018.pem", import.meta.url)),
  )[0];
  assertEquals(eps.der, fixture);
  assertEquals(pemToDer(eps.chainPem)[0], fixture);
  const p = parseCertificate(eps.der, { now: new Date("2026-06-01T00:00:00Z") });
  assert(p.ok);
  assertEquals([p.serialHex, p.keyBits, p.validity, p.selfSigned], [
    "D1AFD94BF302F7FA",
    2048,
    "expired",
    true,
  ]);
  // The key is the certificate's: the same public key.
  assertEquals(createHash("sha256").update(eps.key.spkiDer).digest("hex"), p.spkiSha256);
});

Deno.test("makeEpsDefaultCertificate: the pair makes a TLS context (node:tls refuses a key that does not match)", () => {
  const eps = makeEpsDefaultCertificate();
  assert(tls.createSecureContext({ cert: eps.chainPem, key: eps.keyPem }));
  assertEquals(makeEpsDefaultCertificate().sha256, eps.sha256);
});
