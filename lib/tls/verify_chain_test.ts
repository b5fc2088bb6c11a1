import { assertEquals, assertThrows } from "../testing/assert.ts";
import { makeLabKey } from "../lab/certs/lab_key.ts";
import { makeCertificate } from "../lab/certs/make_certificate.ts";
import { makeLabCa } from "../lab/certs/make_lab_ca.ts";
import { verifyChain } from "./verify_chain.ts";

const NOW = new Date("2026-06-01T00:00:00Z");
const ca = makeLabCa("verify-chain-test");
const anchors = { trustAnchorsPem: ca.trustAnchorsPem, now: NOW };
const leaf = makeCertificate(makeLabKey(1, { type: "ec-p256" }), {
  subject: { CN: "s1.lab.invalid" },
  dnsNames: ["s1.lab.invalid", "*.wild.lab.invalid"],
  ipAddresses: ["127.0.0.7"],
  issuer: ca.intermediate,
});

Deno.test("verifyChain: a lab-CA-issued chain verifies against the lab CA, by name and by IP", () => {
  const v = verifyChain(leaf.chainDer, "s1.lab.invalid", anchors);
  assertEquals([v.verified, v.reason, v.depth], [true, "verified", null]);
  assertEquals(v.path.length, 3);
  assertEquals(verifyChain(leaf.chainDer, "a.wild.lab.invalid", anchors).reason, "verified");
  assertEquals(verifyChain(leaf.chainDer, "127.0.0.7", anchors).reason, "verified");
  assertEquals(verifyChain(leaf.chainDer, null, anchors).reason, "verified");
  const rsaLeaf = makeCertificate(makeLabKey(2), {
    subject: { CN: "r2" },
    dnsNames: ["r2.lab.invalid"],
    issuer: ca.rsaIntermediate,
  });
  assertEquals(verifyChain(rsaLeaf.chainDer, "r2.lab.invalid", anchors).reason, "verified");
});

Deno.test("verifyChain: the same chain fails against an empty store and another CA", () => {
  const empty = verifyChain(leaf.chainDer, "s1.lab.invalid", { trustAnchorsPem: [], now: NOW });
  assertEquals([empty.verified, empty.reason, empty.depth], [false, "unknown-issuer", 1]);
  // Another lab CA has the same names but other keys: the name chains, the signature does not.
  const other = makeLabCa("someone-else");
  const v = verifyChain(leaf.chainDer, "s1.lab.invalid", {
    trustAnchorsPem: other.trustAnchorsPem,
    now: NOW,
  });
  assertEquals([v.verified, v.reason, v.depth], [false, "bad-signature", 1]);
});

Deno.test("verifyChain: a missing intermediate, a wrong host name, an expired or future leaf", () => {
  assertEquals(verifyChain([leaf.der], "s1.lab.invalid", anchors).reason, "unknown-issuer");
  assertEquals(
    verifyChain(leaf.chainDer, "other.lab.invalid", anchors).reason,
    "hostname-mismatch",
  );
  assertEquals(verifyChain(leaf.chainDer, "127.0.0.8", anchors).reason, "hostname-mismatch");
  const old = makeCertificate(makeLabKey(3, { type: "ec-p256" }), {
    subject: { CN: "old" },
    dnsNames: ["old.lab.invalid"],
    issuer: ca.intermediate,
    notBefore: new Date("2024-02-01T00:00:00Z"),
    notAfter: new Date("2024-05-01T00:00:00Z"),
  });
  const v = verifyChain(old.chainDer, "old.lab.invalid", anchors);
  assertEquals([v.reason, v.depth], ["expired", 0]);
  assertEquals(
    verifyChain(old.chainDer, "old.lab.invalid", {
      ...anchors,
      now: new Date("2024-01-15T00:00:00Z"),
    }).reason,
    "not-yet-valid",
  );
});

Deno.test("verifyChain: self-signed leaves fail unless pinned as an anchor", () => {
  const self = makeCertificate(makeLabKey(4), {
    subject: { CN: "self" },
    dnsNames: ["self.lab.invalid"],
  });
  assertEquals(verifyChain(self.chainDer, "self.lab.invalid", anchors).reason, "self-signed");
  const pinned = verifyChain(self.chainDer, "self.lab.invalid", {
    trustAnchorsPem: [self.pem],
    now: NOW,
  });
  assertEquals(pinned.reason, "verified");
  // A self-signed root sent along with a chain nobody trusts.
  const v = verifyChain([...leaf.chainDer, ca.root.der], "s1.lab.invalid", {
    trustAnchorsPem: [],
    now: NOW,
  });
  assertEquals([v.reason, v.depth], ["self-signed-in-chain", 2]);
});

Deno.test("verifyChain: a leaf issued by a non-CA, a tampered signature, garbage and empty chains", () => {
  const notCa = makeCertificate(makeLabKey(5, { type: "ec-p256" }), {
    subject: { CN: "not-a-ca" },
    issuer: ca.intermediate,
  });
  const child = makeCertificate(makeLabKey(6, { type: "ec-p256" }), {
    subject: { CN: "child" },
    dnsNames: ["child.lab.invalid"],
    issuer: notCa,
  });
  assertEquals(verifyChain(child.chainDer, "child.lab.invalid", anchors).reason, "issuer-not-ca");
  const tampered = leaf.der.slice();
  tampered[tampered.length - 5] ^= 0xff;
  assertEquals(
    verifyChain([tampered, ca.intermediate.der], "s1.lab.invalid", anchors).reason,
    "bad-signature",
  );
  assertEquals(verifyChain([new Uint8Array([1, 2, 3])], "x", anchors).reason, "unparsable");
  assertEquals(verifyChain([], "x", anchors).reason, "empty-chain");
});

Deno.test("verifyChain: caller mistakes throw", () => {
  assertThrows(
    () => verifyChain("x" as unknown as Uint8Array[], "h", anchors),
    TypeError,
    "chainDer",
  );
  assertThrows(() => verifyChain([], "", anchors), TypeError, "hostname");
  assertThrows(
    () => verifyChain([], "h", {} as { trustAnchorsPem: string[] }),
    TypeError,
    "trustAnchorsPem",
  );
});

Deno.test("verifyChain: an empty subject name (which Deno's X509Certificate reports as undefined) does not throw", () => {
  const blank = makeCertificate(makeLabKey(7, { type: "ec-p256" }), {
    subject: {},
    dnsNames: ["blank.lab.invalid"],
  });
  const v = verifyChain(blank.chainDer, "blank.lab.invalid", anchors);
  assertEquals([v.reason, v.path], ["self-signed", [""]]);
});

Deno.test("verifyChain: remembered signature checks never carry over to another certificate with the same names", () => {
  const tampered = leaf.der.slice();
  tampered[tampered.length - 5] ^= 0xff;
  const other = makeLabCa("someone-else-again");
  const elsewhere = { trustAnchorsPem: other.trustAnchorsPem, now: NOW };
  for (let round = 0; round < 3; round++) {
    assertEquals(verifyChain(leaf.chainDer, "s1.lab.invalid", anchors).reason, "verified");
    assertEquals(
      verifyChain([tampered, ca.intermediate.der], "s1.lab.invalid", anchors).reason,
      "bad-signature",
    );
    // The other CA's intermediate has the same names as ours but is signed by another root.
    assertEquals(
      verifyChain([leaf.der, other.intermediate.der], "s1.lab.invalid", anchors).reason,
      "bad-signature",
    );
    assertEquals(verifyChain(leaf.chainDer, "s1.lab.invalid", elsewhere).reason, "bad-signature");
  }
});
