import { assert, assertEquals } from "../../testing/assert.ts";
import { knownCertificate } from "../../tls/known_certificates.ts";
import { makeEpsDefaultCertificate } from "./make_eps_default_certificate.ts";
import { parseCertificate } from "../../tls/parse_certificate.ts";
import { pemToDer } from "../../tls/pem.ts";

Deno.test("makeEpsDefaultCertificate: matches the real EPS default in every field but the key", () => {
  const lab = parseCertificate(makeEpsDefaultCertificate().der, {
    now: new Date("2026-06-01T00:00:00Z"),
  });
  const realDer =
    pemToDer(Deno.readTextFileSync(new URL("../../tls/testdata/eps_default_2018.pem", import.meta.url)))[0];
  const real = parseCertificate(realDer, { now: new Date("2026-06-01T00:00:00Z") });
  assert(lab.ok && real.ok);
  for (
    const k of [
      "version",
      "serialHex",
      "subject",
      "issuer",
      "notBefore",
      "notAfter",
      "validity",
      "keyType",
      "keyBits",
      "rsaExponent",
      "signatureAlgorithm",
      "selfSigned",
      "isCa",
      "extensionOids",
    ] as const
  ) {
    assertEquals(lab[k], real[k], k);
  }
  assert(lab.sha256 !== real.sha256 && lab.spkiSha256 !== real.spkiSha256);
  assertEquals(knownCertificate(lab.sha256), null);
});

Deno.test("makeEpsDefaultCertificate: every call gives the same shared certificate", () => {
  assertEquals(makeEpsDefaultCertificate().sha256, makeEpsDefaultCertificate().sha256);
});
