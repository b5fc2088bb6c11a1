import { X509Certificate } from "node:crypto";
import tls from "node:tls";
import type net from "node:net";
import { assert, assertEquals, assertMatch, assertThrows } from "../../testing/assert.ts";
import { startLoopbackServer } from "../../testing/loopback_server.ts";
import { makeLabKey } from "./lab_key.ts";
import { makeCertificate } from "./make_certificate.ts";
import { makeLabCa } from "./make_lab_ca.ts";
import { parseCertificate } from "../../tls/parse_certificate.ts";
import { pemToDer } from "../../tls/pem.ts";

const NOW = new Date("2026-06-01T00:00:00Z");

Deno.test("makeCertificate -> parseCertificate round trip: RSA-2048 self-signed with SANs", () => {
  const key = makeLabKey(11);
  const cert = makeCertificate(key, {
    subject: {
      C: "GB",
      ST: "England",
      L: "London",
      O: "Example Ltd",
      OU: "Ops",
      CN: "s11.lab.invalid",
    },
    serial: "0a1b2c",
    notBefore: new Date("2025-03-01T12:34:56.789Z"),
    notAfter: new Date("2027-03-01T00:00:00Z"),
    dnsNames: ["s11.lab.invalid", "*.s11.lab.invalid"],
    ipAddresses: ["127.0.0.1", "2001:db8::1"],
  });
  const p = parseCertificate(cert.der, { now: NOW });
  if (!p.ok) throw new Error(p.message);
  assertEquals(p.sha256, cert.sha256);
  assertEquals(p.version, 3);
  assertEquals(p.serialHex, "0A1B2C");
  assertEquals([p.subject.C, p.subject.ST, p.subject.L, p.subject.O, p.subject.OU, p.subject.CN], [
    "GB",
    "England",
    "London",
    "Example Ltd",
    "Ops",
    "s11.lab.invalid",
  ]);
  assertEquals(p.subject.text, "CN=s11.lab.invalid,OU=Ops,O=Example Ltd,L=London,ST=England,C=GB");
  assertEquals(p.issuer, p.subject);
  assertEquals(p.subjectCn, "s11.lab.invalid");
  assertEquals(p.sanDns, ["s11.lab.invalid", "*.s11.lab.invalid"]);
  assertEquals(p.sanIp, ["127.0.0.1", "2001:db8::1"]);
  assertEquals(p.notBefore, "2025-03-01T12:34:56.000Z"); // milliseconds dropped
  assertEquals(p.notAfter, "2027-03-01T00:00:00.000Z");
  assertEquals(p.validity, "valid");
  assertEquals([p.keyType, p.keyBits, p.rsaExponent], ["rsa", 2048, 65537]);
  assertEquals(p.signatureAlgorithm, "sha256WithRSAEncryption");
  assertEquals([p.selfIssued, p.selfSignatureValid, p.selfSigned, p.isCa], [
    true,
    true,
    true,
    false,
  ]);
  assertEquals(p.keyUsage, ["digitalSignature", "keyEncipherment"]);
  assertEquals(p.extendedKeyUsage, ["serverAuth"]);
  assertEquals(p.warnings, []);
  // node:crypto reads it the same way.
  const x = new X509Certificate(cert.der);
  assertEquals(x.serialNumber.replace(/^0+/, ""), "A1B2C"); // Deno drops the leading zero
  assert(x.checkHost("s11.lab.invalid"));
  assertEquals(x.fingerprint256.replaceAll(":", "").toLowerCase(), cert.sha256);
});

Deno.test("makeCertificate -> parseCertificate round trip: EC P-256, P-384 and Ed25519", () => {
  for (
    const [type, bits, curve, alg] of [
      ["ec-p256", 256, "P-256", "ecdsa-with-SHA256"],
      ["ec-p384", 384, "P-384", "ecdsa-with-SHA384"],
      ["ed25519", 256, null, "Ed25519"],
    ] as const
  ) {
    const cert = makeCertificate(makeLabKey(5, { type }), { subject: { CN: type } });
    const p = parseCertificate(cert.der, { now: NOW });
    if (!p.ok) throw new Error(p.message);
    assertEquals([p.keyType, p.keyBits, p.keyCurve], [
      type === "ed25519" ? "ed25519" : "ec",
      bits,
      curve,
    ], type);
    assertEquals(p.signatureAlgorithm, alg, type);
    assertEquals(p.selfSignatureValid, true, type);
    assertEquals(p.keyUsage, ["digitalSignature"], type);
  }
});

Deno.test("makeCertificate: dates before 2050 are UTCTime, from 2050 and year 9999 GeneralizedTime", () => {
  const key = makeLabKey(1, { type: "ec-p256" });
  const cert = makeCertificate(key, {
    subject: { CN: "forever" },
    notBefore: new Date("2049-12-31T23:59:59Z"),
    notAfter: new Date("9999-12-31T23:59:59Z"),
  });
  const hex = Buffer.from(cert.der).toString("hex");
  assert(hex.includes("170d" + Buffer.from("491231235959Z").toString("hex")), "UTCTime 2049");
  assert(
    hex.includes("180f" + Buffer.from("99991231235959Z").toString("hex")),
    "GeneralizedTime 9999",
  );
  const p = parseCertificate(cert.der, { now: NOW });
  assert(p.ok);
  assertEquals([p.notBefore, p.notAfter, p.validity], [
    "2049-12-31T23:59:59.000Z",
    "9999-12-31T23:59:59.000Z",
    "not-yet-valid",
  ]);
  const x = new X509Certificate(cert.der);
  assertMatch(x.validTo, /9999/);
});

Deno.test("makeCertificate: hostile subject strings survive byte for byte and are escaped in text", () => {
  const cn = 'evil,CN=admin+O="x"\n\u0000<script>\u{1F600} ';
  const cert = makeCertificate(makeLabKey(2, { type: "ec-p256" }), {
    subject: [["CN", cn], ["OU", "a"], ["OU", "b"], ["C", "not a country"]],
  });
  const p = parseCertificate(cert.der);
  assert(p.ok);
  assertEquals(p.subjectCn, cn);
  assertEquals(p.subject.OU, "a");
  assertEquals(p.subject.attributes.map((a) => a.type), ["CN", "OU", "OU", "C"]);
  assertEquals(p.subject.C, "not a country");
  assertEquals(
    p.subject.text,
    'C=not a country,OU=b,OU=a,CN=evil\\,CN\\=admin\\+O\\=\\"x\\"\\0A\\00\\<script\\>\u{1F600}\\ ',
  );
});

Deno.test("makeCertificate: v1 certificates carry no extensions; caller mistakes throw", () => {
  const key = makeLabKey(4);
  const v1 = parseCertificate(makeCertificate(key, { subject: { CN: "old" }, version: 1 }).der);
  assert(v1.ok);
  assertEquals([v1.version, v1.extensionOids, v1.isCa], [1, [], false]);
  assertThrows(
    () => makeCertificate(key, { subject: { CN: "x" }, version: 1, dnsNames: ["x"] }),
    RangeError,
  );
  assertThrows(
    () => makeCertificate(key, { subject: { CN: "x" }, ipAddresses: ["1.2.3"] }),
    TypeError,
    "1.2.3",
  );
  assertThrows(
    () => makeCertificate(key, { subject: { CN: "x" }, serial: "xyz" }),
    TypeError,
    "xyz",
  );
  assertThrows(
    () => makeCertificate(key, { subject: { CN: "x" }, serial: new Uint8Array() }),
    RangeError,
  );
  assertThrows(
    () => makeCertificate(key, { subject: { CN: "x" }, notAfter: new Date("nope") }),
    RangeError,
    "notAfter",
  );
  assertThrows(() => makeCertificate(key, { subject: [["XX" as "CN", "v"]] }), TypeError, "XX");
  assertThrows(() => makeCertificate(key, {} as { subject: { CN: string } }), TypeError, "subject");
});

Deno.test("makeCertificate: same seed and options give the same certificate bytes", () => {
  const make = () =>
    makeCertificate(makeLabKey(42), { subject: { CN: "s42" }, dnsNames: ["s42.lab.invalid"] })
      .sha256;
  assertEquals(make(), make());
  const ca1 = makeLabCa("lab-ca"), ca2 = makeLabCa("lab-ca");
  assertEquals(ca1.root.sha256, ca2.root.sha256);
  assertEquals(ca1.intermediate.sha256, ca2.intermediate.sha256);
  assertEquals(ca1.rsaIntermediate.sha256, ca2.rsaIntermediate.sha256);
});

Deno.test("makeCertificate: pinned fingerprints (a change means every lab certificate changed)", () => {
  // RSA PKCS#1 v1.5 signatures are deterministic by design; Deno's ECDSA signs with RFC 6979
  // nonces, which is what makes EC certificates reproducible too (Node's are randomised).
  assertEquals(
    makeCertificate(makeLabKey(0), { subject: { CN: "s0.lab.invalid" } }).sha256,
    "31f0844074206917fcfc0da16392c63f7783cb37a59654166328e47ed4231102",
  );
  assertEquals(
    makeLabCa("lab-ca").root.sha256,
    "c98c95a90ab9a0684fa99f6c4339ca460ebb398c34e0c0d35edf2b112ad99041",
  );
});

Deno.test("makeCertificate: node:tls serves it, and the client's raw peer certificate is our DER", async () => {
  const ca = makeLabCa("handshake");
  const cert = makeCertificate(makeLabKey(9, { type: "ec-p256" }), {
    subject: { CN: "h.lab.invalid" },
    dnsNames: ["h.lab.invalid"],
    issuer: ca.intermediate,
  });
  assertEquals(pemToDer(cert.chainPem).length, 2);
  const server = await startLoopbackServer((s) => s.end(), {
    tls: { key: cert.keyPem, cert: cert.chainPem },
  });
  let socket: tls.TLSSocket | undefined;
  try {
    const peer = await new Promise<tls.DetailedPeerCertificate>((resolve, reject) => {
      socket = tls.connect({
        host: "127.0.0.1",
        port: server.port,
        servername: "h.lab.invalid",
        rejectUnauthorized: false,
      }, () => resolve(socket!.getPeerCertificate(true)));
      socket.on("error", reject);
    });
    assertEquals(new Uint8Array(peer.raw), cert.der);
    assertEquals(new Uint8Array(peer.issuerCertificate.raw), ca.intermediate.der);
  } finally {
    await new Promise<void>((resolve) => {
      if (!socket || socket.destroyed) return resolve();
      (socket as net.Socket).once("close", () => resolve());
      socket.destroy();
    });
    await server.close();
  }
});
