import { assertEquals, assertThrows } from "../testing/assert.ts";
import { EPS_DEFAULT_CERT_SHA256, knownCertificate } from "./known_certificates.ts";
import { parseCertificate } from "./parse_certificate.ts";
import { pemToDer } from "./pem.ts";

Deno.test("knownCertificate: names the EPS default in hex or colon form, either case", () => {
  assertEquals(knownCertificate(EPS_DEFAULT_CERT_SHA256)?.id, "eps-default-2018");
  assertEquals(
    knownCertificate(
      "4F:AF:9B:44:23:95:E5:A3:EC:17:76:3D:68:78:66:6F:01:10:48:D4:AF:E1:BE:3E:FB:3A:8F:B7:AD:DF:6A:40",
    )?.id,
    "eps-default-2018",
  );
  assertEquals(knownCertificate("00".repeat(32)), null);
});

Deno.test("knownCertificate: every entry's fingerprint is that of its committed fixture", () => {
  for (
    const [file, id] of [["eps_default_2018.pem", "eps-default-2018"], [
      "eps_pr289_2023.pem",
      "eps-pr289-2023",
    ]]
  ) {
    const der = pemToDer(Deno.readTextFileSync(new URL(`./testdata/${file}`, import.meta.url)))[0];
    const p = parseCertificate(der);
    if (!p.ok) throw new Error(p.message);
    assertEquals(knownCertificate(p.sha256Colon)?.id, id);
  }
});

Deno.test("knownCertificate: caller mistakes throw", () => {
  assertThrows(() => knownCertificate("abc"), RangeError, "abc");
  assertThrows(() => knownCertificate(42 as unknown as string), TypeError, "number");
});
