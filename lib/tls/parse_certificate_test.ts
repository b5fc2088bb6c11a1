import {
  assert,
  assertEquals,
  assertIncludes,
  assertLess,
  assertThrows,
} from "../testing/assert.ts";
import { bits, nul, oid, seq, toDer } from "./_der.ts";
import { EPS_DEFAULT_CERT_SHA256 } from "./known_certificates.ts";
import { makeLabKey } from "../lab/certs/lab_key.ts";
import { makeCertificate } from "../lab/certs/make_certificate.ts";
import { parseCertificate } from "./parse_certificate.ts";
import { pemToDer } from "./pem.ts";

const fixture = (name: string) =>
  pemToDer(Deno.readTextFileSync(new URL(`./testdata/${name}`, import.meta.url)))[0];

Deno.test("parseCertificate: the real EPS default certificate (golden fixture)", () => {
  const p = parseCertificate(fixture("eps_default_2018.pem"), {
    now: new Date("2026-11-24T00:00:00Z"),
  });
  if (!p.ok) throw new Error(p.message);
  assertEquals(p.sha256, EPS_DEFAULT_CERT_SHA256);
  assertEquals(
    p.sha256Colon,
    "4F:AF:9B:44:23:95:E5:A3:EC:17:76:3D:68:78:66:6F:01:10:48:D4:AF:E1:BE:3E:FB:3A:8F:B7:AD:DF:6A:40",
  );
  assertEquals(p.subject.text, "O=Internet Widgits Pty Ltd,ST=Some-State,C=AU");
  assertEquals(p.issuer.text, p.subject.text);
  assertEquals(p.subjectCn, null);
  assertEquals([p.version, p.serialHex], [1, "D1AFD94BF302F7FA"]);
  assertEquals([p.notBefore, p.notAfter, p.validity], [
    "2018-03-13T00:07:58.000Z",
    "2023-03-12T00:07:58.000Z",
    "expired",
  ]);
  assertEquals([p.keyType, p.keyBits, p.signatureAlgorithm], [
    "rsa",
    2048,
    "sha256WithRSAEncryption",
  ]);
  assertEquals([p.selfSigned, p.selfSignatureValid, p.isCa], [true, true, false]);
  assertEquals(p.sanCount, 0);
});

Deno.test("parseCertificate: validity relative to now (valid, expired, not-yet-valid)", () => {
  const cert = makeCertificate(makeLabKey(1, { type: "ec-p256" }), {
    subject: { CN: "v" },
    notBefore: new Date("2025-01-01T00:00:00Z"),
    notAfter: new Date("2026-01-01T00:00:00Z"),
  });
  const at = (iso: string) => {
    const p = parseCertificate(cert.der, { now: new Date(iso) });
    return p.ok ? p.validity : p.error;
  };
  assertEquals(at("2024-12-31T23:59:59Z"), "not-yet-valid");
  assertEquals(at("2025-06-01T00:00:00Z"), "valid");
  assertEquals(at("2026-01-01T00:00:00Z"), "valid"); // notAfter is inclusive
  assertEquals(at("2026-01-01T00:00:01Z"), "expired");
});

Deno.test("parseCertificate: issued (not self-signed) and CA certificates", () => {
  const caKey = makeLabKey("ca", { type: "ec-p384" });
  const ca = makeCertificate(caKey, { subject: { CN: "Some CA" }, ca: true, pathLength: 0 });
  const leaf = makeCertificate(makeLabKey(3), { subject: { CN: "leaf" }, issuer: ca });
  const pc = parseCertificate(ca.der), pl = parseCertificate(leaf.der);
  assert(pc.ok && pl.ok);
  assertEquals([pc.isCa, pc.pathLength, pc.selfSigned], [true, 0, true]);
  assertEquals(pc.keyUsage, ["digitalSignature", "keyCertSign", "cRLSign"]);
  assertEquals([pl.isCa, pl.selfIssued, pl.selfSigned, pl.selfSignatureValid], [
    false,
    false,
    false,
    null,
  ]);
  assertEquals(pl.issuer.text, "CN=Some CA");
  assertEquals(pl.signatureAlgorithm, "ecdsa-with-SHA384");
});

Deno.test("parseCertificate: a name that claims self-issue but is signed by another key is not self-signed", () => {
  const other = makeCertificate(makeLabKey("other", { type: "ec-p256" }), {
    subject: { CN: "Other" },
    ca: true,
  });
  const liar = makeCertificate(makeLabKey(5, { type: "ec-p256" }), {
    subject: { CN: "liar" },
    issuer: other,
    issuerName: { CN: "liar" },
  });
  const p = parseCertificate(liar.der);
  assert(p.ok);
  assertEquals([p.selfIssued, p.selfSignatureValid, p.selfSigned], [true, false, false]);
});

Deno.test("parseCertificate: the SPKI hash is shared by certificates of one key and differs across keys", () => {
  const key = makeLabKey(8);
  const a = parseCertificate(makeCertificate(key, { subject: { CN: "a" } }).der);
  const b = parseCertificate(makeCertificate(key, { subject: { CN: "b" } }).der);
  const c = parseCertificate(makeCertificate(makeLabKey(9), { subject: { CN: "a" } }).der);
  assert(a.ok && b.ok && c.ok);
  assert(a.sha256 !== b.sha256);
  assertEquals(a.spkiSha256, b.spkiSha256);
  assert(a.spkiSha256 !== c.spkiSha256);
});

Deno.test("parseCertificate: 10,000 SANs stay bounded (size cap by default; with a raised cap, 100 kept)", () => {
  const dnsNames = Array.from({ length: 10_000 }, (_, i) => `host-${i}.many.lab.invalid`);
  const cert = makeCertificate(makeLabKey(6, { type: "ec-p256" }), {
    subject: { CN: "many" },
    dnsNames,
  });
  assert(cert.der.length > 65_536);
  const capped = parseCertificate(cert.der);
  assert(!capped.ok);
  assertEquals([capped.error, capped.sha256], ["too-large", null]);
  const t0 = performance.now();
  const p = parseCertificate(cert.der, { maxBytes: 1 << 20 });
  const ms = performance.now() - t0;
  assert(p.ok);
  assertEquals([p.sanCount, p.sanDns.length, p.sanTruncated], [10_000, 100, true]);
  assertEquals(p.sanDns[99], "host-99.many.lab.invalid");
  assertLess(ms, 2000);
});

Deno.test("parseCertificate: long strings are cut and the cut is noted", () => {
  const cert = makeCertificate(makeLabKey(7, { type: "ec-p256" }), {
    subject: { CN: "x".repeat(5000) },
    dnsNames: ["y".repeat(5000)],
  });
  const p = parseCertificate(cert.der, { maxStringLength: 64 });
  assert(p.ok);
  assertEquals([p.subjectCn!.length, p.sanDns[0].length], [64, 64]);
  assertIncludes(p.warnings.join("\n"), "truncated");
});

Deno.test("parseCertificate: garbage, truncated and empty input give parse-error records, never throw", () => {
  const good = makeCertificate(makeLabKey(1), { subject: { CN: "t" } }).der;
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
  const inputs: Uint8Array[] = [
    new Uint8Array(),
    new Uint8Array([0x30]),
    new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]),
    new TextEncoder().encode("-----BEGIN CERTIFICATE-----"),
    Uint8Array.from({ length: 2000 }, rnd),
    // 20,000 nested SEQUENCEs: bounded nesting, not a crash.
    new Uint8Array(Array.from({ length: 20_000 }, () => [0x30, 0x80]).flat()),
  ];
  for (let cut = 1; cut < good.length; cut += 37) inputs.push(good.subarray(0, cut));
  for (let i = 0; i < 200; i++) {
    const bad = good.slice();
    bad[rnd() * 3 % bad.length] ^= 1 << (rnd() & 7);
    inputs.push(bad);
  }
  for (const input of inputs) {
    const p = parseCertificate(input);
    if (!p.ok) {
      assert(["empty", "malformed"].includes(p.error), p.error);
      assertEquals(p.sizeBytes, input.length);
    }
  }
  const empty = parseCertificate(new Uint8Array());
  assert(!empty.ok && empty.error === "empty");
  const truncated = parseCertificate(good.subarray(0, good.length - 1));
  assert(!truncated.ok && truncated.error === "malformed");
});

Deno.test("parseCertificate: a zero-length public key is reported, not fatal", () => {
  const real = makeLabKey(2);
  const emptySpki = toDer(seq(seq(oid("1.2.840.113549.1.1.1"), nul()), bits(new Uint8Array())));
  const cert = makeCertificate({ ...real, spkiDer: emptySpki }, { subject: { CN: "nokey" } });
  const p = parseCertificate(cert.der);
  assert(p.ok);
  assertEquals([p.keyType, p.keyBits, p.selfSignatureValid, p.selfSigned], [
    "rsa",
    null,
    null,
    true,
  ]);
  assertIncludes(p.warnings, "zero-length public key");
});

Deno.test("parseCertificate: caller mistakes throw", () => {
  assertThrows(() => parseCertificate("abc" as unknown as Uint8Array), TypeError, "Uint8Array");
  assertThrows(() => parseCertificate(new Uint8Array(1), { maxBytes: 0 }), RangeError, "maxBytes");
  assertThrows(
    () => parseCertificate(new Uint8Array(1), { now: new Date(NaN) }),
    RangeError,
    "now",
  );
});
