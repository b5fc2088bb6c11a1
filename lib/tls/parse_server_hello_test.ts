/**
 * parseServerFirstFlight on hand-built ServerHellos (RFC 8446 §4.1.3 layout) and on records
 * captured from OpenSSL (Python's ssl) and Deno's node:tls server (testdata/server_hellos.json).
 */
import { assertEquals } from "../testing/assert.ts";
import { parseServerFirstFlight } from "./parse_server_hello.ts";

const hex = (s: string) => new Uint8Array(s.match(/../g)!.map((b) => parseInt(b, 16)));
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/server_hellos.json", import.meta.url)),
) as Record<string, { probe: string; record_hex: string }>;

/** A ServerHello record from its fields, by the RFC layout. */
function serverHello(
  o: {
    version: number;
    sid: number;
    cipher: number;
    exts: [number, number[]][] | null;
    random?: number[];
  },
): Uint8Array {
  const u16 = (v: number) => [v >> 8, v & 255];
  const e = o.exts?.flatMap(([t, d]) => [...u16(t), ...u16(d.length), ...d]) ?? null;
  const body = [
    ...u16(o.version),
    ...(o.random ?? Array(32).fill(7)),
    o.sid,
    ...Array(o.sid).fill(9),
    ...u16(o.cipher),
    0,
    ...(e ? [...u16(e.length), ...e] : []),
  ];
  const hs = [2, 0, body.length >> 8, body.length & 255, ...body];
  return new Uint8Array([22, 3, 3, ...u16(hs.length), ...hs]);
}

Deno.test("parseServerFirstFlight: a hand-built TLS 1.2 ServerHello gives version, cipher, extension order and ALPN", () => {
  const b = serverHello({
    version: 0x0303,
    sid: 32,
    cipher: 0xc02f,
    exts: [[0xff01, [0]], [0x0010, [0, 3, 2, 0x68, 0x32]], [0x0017, []]],
  });
  const r = parseServerFirstFlight(b);
  assertEquals(r.kind, "server-hello");
  if (r.kind !== "server-hello") return;
  assertEquals([r.legacyVersion, r.selectedVersion, r.cipher, r.compression, r.sessionIdLength], [
    0x0303,
    0x0303,
    0xc02f,
    0,
    32,
  ]);
  assertEquals(r.extensions, [{ type: 0xff01, length: 1 }, { type: 0x0010, length: 5 }, {
    type: 0x0017,
    length: 0,
  }]);
  assertEquals(r.alpn, "h2");
  assertEquals(r.helloRetry, false);
});

Deno.test("parseServerFirstFlight: supported_versions sets the chosen version; the HelloRetryRequest random is recognised; no extensions at all is fine", () => {
  const t13 = parseServerFirstFlight(
    serverHello({
      version: 0x0303,
      sid: 0,
      cipher: 0x1301,
      exts: [[0x002b, [3, 4]], [0x0033, [0, 0x1d, 0, 0]]],
    }),
  );
  assertEquals(t13.kind === "server-hello" && [t13.legacyVersion, t13.selectedVersion], [
    0x0303,
    0x0304,
  ]);
  const hrrRandom = hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");
  const hrr = parseServerFirstFlight(
    serverHello({
      version: 0x0303,
      sid: 0,
      cipher: 0x1301,
      exts: [[0x002b, [3, 4]]],
      random: [...hrrRandom],
    }),
  );
  assertEquals(hrr.kind === "server-hello" && hrr.helloRetry, true);
  const bare = parseServerFirstFlight(
    serverHello({ version: 0x0301, sid: 0, cipher: 0x002f, exts: null }),
  );
  assertEquals(bare.kind === "server-hello" && [bare.selectedVersion, bare.extensions.length], [
    0x0301,
    0,
  ]);
});

Deno.test("parseServerFirstFlight: alerts, non-TLS bytes, truncation and lying lengths never throw", () => {
  assertEquals(parseServerFirstFlight(hex("15030300020228")), {
    kind: "alert",
    level: 2,
    description: 40,
  });
  assertEquals(parseServerFirstFlight(new TextEncoder().encode('{"jsonrpc"')).kind, "not-tls");
  const full = serverHello({ version: 0x0303, sid: 32, cipher: 0xc030, exts: [[0xff01, [0]]] });
  for (let n = 0; n < full.length; n++) {
    assertEquals(parseServerFirstFlight(full.subarray(0, n)).kind, "incomplete", `cut at ${n}`);
  }
  // An extension claiming more bytes than the message holds.
  const bad = full.slice();
  bad[bad.length - 2] = 0x7f;
  assertEquals(parseServerFirstFlight(bad).kind, "malformed");
  // A ServerHello split over two records is reassembled.
  const hs = full.subarray(5);
  const split = new Uint8Array([
    22,
    3,
    3,
    0,
    10,
    ...hs.subarray(0, 10),
    22,
    3,
    3,
    0,
    hs.length - 10,
    ...hs.subarray(10),
  ]);
  assertEquals(parseServerFirstFlight(split).kind, "server-hello");
  // A handshake message that is not a ServerHello.
  assertEquals(parseServerFirstFlight(hex("16030300040b000000")).kind, "malformed");
});

Deno.test("parseServerFirstFlight: records captured from OpenSSL 3 (Python ssl, s_server) and Deno's node:tls server", () => {
  const read = (k: string) => parseServerFirstFlight(hex(golden[k].record_hex));
  const types = (k: string) => {
    const r = read(k);
    return r.kind === "server-hello"
      ? [r.cipher, r.legacyVersion, r.selectedVersion, r.extensions.map((e) => e.type)]
      : r;
  };
  assertEquals(types("openssl3_python_tls12"), [0xc030, 0x0303, 0x0303, [
    0xff01,
    0x0001,
    0x000b,
    0x0023,
    0x0017,
  ]]);
  assertEquals(types("openssl3_python_tls13"), [0x1302, 0x0303, 0x0304, [0x002b, 0x0033]]);
  assertEquals(types("openssl3_sserver_tls11"), [0xc014, 0x0302, 0x0302, [
    0xff01,
    0x0001,
    0x000b,
    0x0023,
    0x0017,
  ]]);
  assertEquals(types("deno_node_tls_tls12"), [0xc02b, 0x0303, 0x0303, [
    0x0000,
    0x0023,
    0xff01,
    0x0017,
  ]]);
  assertEquals(types("deno_node_tls_tls13"), [0x1301, 0x0303, 0x0304, [0x0033, 0x002b]]);
  assertEquals(read("openssl3_python_alert47"), { kind: "alert", level: 2, description: 47 });
});
