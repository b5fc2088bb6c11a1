/**
 * jarmText and jarmFingerprint against fingerprints computed by JARM's own reference script
 * (salesforce/jarm `jarm.py`, run on loopback against the same two servers, Nov 2026).
 */
import { assertEquals, assertThrows } from "../testing/assert.ts";
import { jarmFingerprint, jarmText } from "./jarm_fingerprint.ts";

const measured = JSON.parse(
  await Deno.readTextFile(
    new URL("../lab/servers/testdata/tls_stacks_measured.json", import.meta.url),
  ),
) as { stack: string; key_type: string; answers: Record<string, { text: string }> }[];
const textsOf = (stack: string, key: string) =>
  Object.values(measured.find((m) => m.stack === stack && m.key_type === key)!.answers).map((a) =>
    a.text
  );

Deno.test("jarmFingerprint: equals JARM's reference output for a Python ssl server and an OpenSSL server with TLS 1.1", () => {
  // jarm.py printed these for the Python 3.11 ssl server and the s_server of the Qt stand-in.
  assertEquals(
    jarmFingerprint(textsOf("python-openssl3", "rsa")),
    "2ad2ad0002ad2ad00042d42d000000ad9bf51cc3f5a1e29eecb81d0c7b06eb",
  );
  assertEquals(
    jarmFingerprint(textsOf("qt5-openssl111", "rsa")),
    "2ad2ad16d2ad2ad22c42d42d00000071072875005eb3aede396e09e29e9524",
  );
});

Deno.test("jarmFingerprint: ten empty answers are 62 zeros; unknown suites code as 46; wrong input throws", () => {
  assertEquals(jarmFingerprint(Array(10).fill("|||")), "0".repeat(62));
  const fp = jarmFingerprint(["abcd|0303||", ...Array(9).fill("|||")]);
  assertEquals(fp.slice(0, 6), "46d000");
  assertThrows(() => jarmFingerprint(Array(9).fill("|||")), RangeError);
  assertThrows(() => jarmFingerprint(Array(10).fill("x")), RangeError);
});

Deno.test("jarmText: JARM's field order, ALPN as text, extensions joined by dashes; non-hellos are empty", () => {
  assertEquals(
    jarmText({
      kind: "server-hello",
      recordVersion: 0x0303,
      legacyVersion: 0x0303,
      selectedVersion: 0x0303,
      sessionIdLength: 0,
      cipher: 0xc02f,
      compression: 0,
      extensions: [{ type: 0xff01, length: 1 }, { type: 0x0010, length: 5 }],
      alpn: "h2",
      helloRetry: false,
      sizeBytes: 60,
    }),
    "c02f|0303|h2|ff01-0010",
  );
  assertEquals(jarmText({ kind: "alert", level: 2, description: 40 }), "|||");
  assertEquals(jarmText(null), "|||");
});
