import { assert, assertEquals, assertThrows } from "../../testing/assert.ts";
import { LAB_CA_ORGANIZATION, makeLabCa } from "./make_lab_ca.ts";
import { parseCertificate } from "../../tls/parse_certificate.ts";

Deno.test("makeLabCa: an honestly named root and two intermediates, deterministic per seed", () => {
  const ca = makeLabCa("lab-ca");
  const [root, e1, r1] = [ca.root, ca.intermediate, ca.rsaIntermediate].map((c) =>
    parseCertificate(c.der)
  );
  assert(root.ok && e1.ok && r1.ok);
  assertEquals(LAB_CA_ORGANIZATION, "Observatory Lab CA (not Let's Encrypt)");
  for (const p of [root, e1, r1]) {
    assertEquals(p.subject.O, LAB_CA_ORGANIZATION);
    assertEquals(p.isCa, true);
  }
  assertEquals([root.subjectCn, root.keyCurve, root.selfSigned], [
    "Observatory Lab Root X1",
    "P-384",
    true,
  ]);
  assertEquals([e1.subjectCn, e1.keyCurve, e1.pathLength, e1.selfSigned], [
    "Observatory Lab E1",
    "P-256",
    0,
    false,
  ]);
  assertEquals([r1.subjectCn, r1.keyType, r1.keyBits], ["Observatory Lab R1", "rsa", 2048]);
  assertEquals(e1.issuer.text, root.subject.text);
  assertEquals(ca.trustAnchorsPem, [ca.root.pem]);
  assertEquals(ca.intermediate.chainDer, [ca.intermediate.der]); // the root is not sent
  assertEquals(makeLabCa("lab-ca").root.sha256, ca.root.sha256);
  assert(makeLabCa("other").root.sha256 !== ca.root.sha256);
  assertThrows(() => makeLabCa(-3), RangeError, "-3");
});
