import { assert, assertEquals, assertThrows } from "../testing/assert.ts";
import { certificateMatchesHost } from "./certificate_matches_host.ts";
import { makeLabKey } from "../lab/certs/lab_key.ts";
import { makeCertificate, type MakeCertificateOptions } from "../lab/certs/make_certificate.ts";
import { parseCertificate, type ParsedCertificate } from "./parse_certificate.ts";

const key = makeLabKey(1, { type: "ed25519" });
function parsed(options: MakeCertificateOptions): ParsedCertificate {
  const p = parseCertificate(makeCertificate(key, options).der);
  assert(p.ok);
  return p;
}

Deno.test("certificateMatchesHost: exact and wildcard DNS names, case-insensitive", () => {
  const c = parsed({
    subject: { CN: "ignored.example" },
    dnsNames: ["*.wild.example", "Upper.Example."],
  });
  const cases: [string, boolean][] = [
    ["a.wild.example", true],
    ["A.WILD.EXAMPLE", true],
    ["wild.example", false],
    ["a.b.wild.example", false],
    ["upper.example", true],
    ["upper.example.", true],
    ["ignored.example", false], // the CN does not count when dNSName SANs exist
  ];
  for (const [host, want] of cases) assertEquals(certificateMatchesHost(c, host), want, host);
  const tooWide = parsed({ subject: {}, dnsNames: ["*.com", "f*o.example"] });
  assertEquals(certificateMatchesHost(tooWide, "example.com"), false);
  assertEquals(certificateMatchesHost(tooWide, "foo.example"), false);
});

Deno.test("certificateMatchesHost: the CN counts only without dNSName SANs", () => {
  assertEquals(
    certificateMatchesHost(parsed({ subject: { CN: "cn.example" } }), "cn.example"),
    true,
  );
  assertEquals(
    certificateMatchesHost(parsed({ subject: { CN: "cn.example" } }), "other.example"),
    false,
  );
});

Deno.test("certificateMatchesHost: IP addresses match iPAddress SANs only, IPv6 in any spelling", () => {
  const c = parsed({
    subject: { CN: "10.0.0.1" },
    ipAddresses: ["192.0.2.7", "2001:db8:0:0:0:0:0:1"],
  });
  assertEquals(certificateMatchesHost(c, "192.0.2.7"), true);
  assertEquals(certificateMatchesHost(c, "2001:DB8::1"), true);
  assertEquals(certificateMatchesHost(c, "[2001:db8::1]"), true);
  assertEquals(certificateMatchesHost(c, "10.0.0.1"), false);
  assertThrows(() => certificateMatchesHost(c, ""), TypeError, "host");
});
