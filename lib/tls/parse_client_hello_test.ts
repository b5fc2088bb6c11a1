/**
 * parseClientHello on JARM's hellos and on cut or lying bytes.
 */
import { assertEquals } from "../testing/assert.ts";
import { buildJarmHello, JARM_PROBES } from "./jarm_hellos.ts";
import { parseClientHello } from "./parse_client_hello.ts";

Deno.test("parseClientHello: reads versions, groups, key shares, ALPN and max_fragment_length of a JARM TLS 1.3 hello", () => {
  const bytes = buildJarmHello(JARM_PROBES[6], "electrum.example.org");
  const r = parseClientHello(bytes);
  assertEquals(r.kind, "client-hello");
  if (r.kind !== "client-hello") return;
  assertEquals(r.recordBytes, bytes.length);
  assertEquals([r.hello.recordVersion, r.hello.legacyVersion], [0x0301, 0x0303]);
  assertEquals(r.hello.supportedVersions, [0x0304, 0x0303, 0x0302, 0x0301]);
  assertEquals(r.hello.groups, [0x001d, 0x0017, 0x0018, 0x0019]);
  assertEquals(r.hello.keyShareGroups, [0x001d]);
  assertEquals(r.hello.alpn?.[0], "hq");
  assertEquals(r.hello.maxFragmentLength, 1);
  assertEquals(r.hello.extensionTypes.slice(0, 4), [0x0000, 0x0017, 0x0001, 0xff01]);
});

Deno.test("parseClientHello: short input is incomplete, other bytes are refused, lying lengths never throw", () => {
  const bytes = buildJarmHello(JARM_PROBES[0], "x");
  for (const n of [0, 3, 5, 40, bytes.length - 1]) {
    assertEquals(parseClientHello(bytes.subarray(0, n)).kind, "incomplete", `cut at ${n}`);
  }
  assertEquals(parseClientHello(new TextEncoder().encode('{"id":1}\n')).kind, "not-client-hello");
  for (let i = 5; i < bytes.length; i += 7) {
    const bad = bytes.slice();
    bad[i] ^= 0xff;
    const r = parseClientHello(bad);
    assertEquals(
      ["client-hello", "not-client-hello", "incomplete"].includes(r.kind),
      true,
      `byte ${i}`,
    );
  }
});
