/**
 * JARM's ten crafted ClientHellos, built as raw bytes (JARM: https://github.com/salesforce/jarm,
 * described in its README and the Salesforce engineering post "Easily Identify Malicious Servers
 * on the Internet with JARM", Nov 2020). The facts below are JARM's public parameters; the code is
 * our own.
 *
 * Record and handshake layout (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2):
 *
 * ```
 * 0      1      3      5      6      9      11          43   44          76   78
 * +------+------+------+------+------+------+-----------+----+-----------+----+--------+--+--+----+-----+
 * | 0x16 | rver | rlen | 0x01 | hlen | cver | random 32 | 32 | session32 | cl | suites |01|00| el | ext |
 * +------+------+------+------+------+------+-----------+----+-----------+----+--------+--+--+----+-----+
 *  record header (5)   handshake header (4)
 * ```
 *
 * `rver` is 0x0301 for the TLS 1.3 hellos (as JARM sends them), else the hello's version; `cver`
 * is 0x0303 for TLS 1.3 (the real version goes in `supported_versions`). Each probe varies:
 * version, cipher list (`all` with the five TLS 1.3 suites, `no13` without), cipher order
 * (forward, reverse, top half, bottom half, middle out), GREASE, ALPN list (`common` or `rare`),
 * the `supported_versions` extension (none, up to 1.2, up to 1.3) and the order of the ALPN and
 * version lists (forward or reverse). Extensions, in order: [GREASE], server_name,
 * extended_master_secret, max_fragment_length (2^9), renegotiation_info, supported_groups
 * (x25519, P-256, P-384, P-521), ec_point_formats, session_ticket, ALPN, signature_algorithms,
 * key_share (x25519, [GREASE]), psk_key_exchange_modes, [supported_versions].
 *
 * @module
 */

/** How a list is reordered (JARM's cipher and extension orders). */
export type JarmOrder = "forward" | "reverse" | "top-half" | "bottom-half" | "middle-out";

/** One JARM probe's parameters. */
export interface JarmProbeSpec {
  /** JARM's name for the probe. */
  name: string;
  /** The ClientHello's version (TLS 1.3 is offered through `supported_versions`). */
  version: 0x0302 | 0x0303 | 0x0304;
  /** Cipher list: all of JARM's 69 suites, or the 64 without TLS 1.3 ones. */
  ciphers: "all" | "no13";
  cipherOrder: JarmOrder;
  grease: boolean;
  alpn: "common" | "rare";
  /** The `supported_versions` extension: absent, up to TLS 1.2, or up to TLS 1.3. */
  supportedVersions: "none" | "1.2" | "1.3";
  /** Order of the ALPN and supported-versions lists. */
  extensionOrder: "forward" | "reverse";
}

/** JARM's ten probes, in JARM's order (the order of the fingerprint's ten 3-character groups). */
export const JARM_PROBES: readonly JarmProbeSpec[] = [
  {
    name: "tls1_2_forward",
    version: 0x0303,
    ciphers: "all",
    cipherOrder: "forward",
    grease: false,
    alpn: "common",
    supportedVersions: "1.2",
    extensionOrder: "reverse",
  },
  {
    name: "tls1_2_reverse",
    version: 0x0303,
    ciphers: "all",
    cipherOrder: "reverse",
    grease: false,
    alpn: "common",
    supportedVersions: "1.2",
    extensionOrder: "forward",
  },
  {
    name: "tls1_2_top_half",
    version: 0x0303,
    ciphers: "all",
    cipherOrder: "top-half",
    grease: false,
    alpn: "common",
    supportedVersions: "none",
    extensionOrder: "forward",
  },
  {
    name: "tls1_2_bottom_half",
    version: 0x0303,
    ciphers: "all",
    cipherOrder: "bottom-half",
    grease: false,
    alpn: "rare",
    supportedVersions: "none",
    extensionOrder: "forward",
  },
  {
    name: "tls1_2_middle_out",
    version: 0x0303,
    ciphers: "all",
    cipherOrder: "middle-out",
    grease: true,
    alpn: "rare",
    supportedVersions: "none",
    extensionOrder: "reverse",
  },
  {
    name: "tls1_1_middle_out",
    version: 0x0302,
    ciphers: "all",
    cipherOrder: "forward",
    grease: false,
    alpn: "common",
    supportedVersions: "none",
    extensionOrder: "forward",
  },
  {
    name: "tls1_3_forward",
    version: 0x0304,
    ciphers: "all",
    cipherOrder: "forward",
    grease: false,
    alpn: "common",
    supportedVersions: "1.3",
    extensionOrder: "reverse",
  },
  {
    name: "tls1_3_reverse",
    version: 0x0304,
    ciphers: "all",
    cipherOrder: "reverse",
    grease: false,
    alpn: "common",
    supportedVersions: "1.3",
    extensionOrder: "forward",
  },
  {
    name: "tls1_3_invalid",
    version: 0x0304,
    ciphers: "no13",
    cipherOrder: "forward",
    grease: false,
    alpn: "common",
    supportedVersions: "1.3",
    extensionOrder: "forward",
  },
  {
    name: "tls1_3_middle_out",
    version: 0x0304,
    ciphers: "all",
    cipherOrder: "middle-out",
    grease: true,
    alpn: "common",
    supportedVersions: "1.3",
    extensionOrder: "reverse",
  },
];

/** JARM's cipher list in its forward order (IANA codes); `no13` drops the 0x13xx suites. */
export const JARM_CIPHERS_ALL: readonly number[] = [
  0x0016,
  0x0033,
  0x0067,
  0xc09e,
  0xc0a2,
  0x009e,
  0x0039,
  0x006b,
  0xc09f,
  0xc0a3,
  0x009f,
  0x0045,
  0x00be,
  0x0088,
  0x00c4,
  0x009a,
  0xc008,
  0xc009,
  0xc023,
  0xc0ac,
  0xc0ae,
  0xc02b,
  0xc00a,
  0xc024,
  0xc0ad,
  0xc0af,
  0xc02c,
  0xc072,
  0xc073,
  0xcca9,
  0x1302,
  0x1301,
  0xcc14,
  0xc007,
  0xc012,
  0xc013,
  0xc027,
  0xc02f,
  0xc014,
  0xc028,
  0xc030,
  0xc060,
  0xc061,
  0xc076,
  0xc077,
  0xcca8,
  0x1305,
  0x1304,
  0x1303,
  0xcc13,
  0xc011,
  0x000a,
  0x002f,
  0x003c,
  0xc09c,
  0xc0a0,
  0x009c,
  0x0035,
  0x003d,
  0xc09d,
  0xc0a1,
  0x009d,
  0x0041,
  0x00ba,
  0x0084,
  0x00c0,
  0x0007,
  0x0004,
  0x0005,
];

const ALPN_COMMON = [
  "http/0.9",
  "http/1.0",
  "http/1.1",
  "spdy/1",
  "spdy/2",
  "spdy/3",
  "h2",
  "h2c",
  "hq",
];
const ALPN_RARE = ["http/0.9", "http/1.0", "spdy/1", "spdy/2", "spdy/3", "h2c", "hq"];
const GREASE = Array.from({ length: 16 }, (_, i) => (i << 12) | 0x0a00 | (i << 4) | 0x0a);

/**
 * Reorder a list as JARM does: `reverse`; `bottom-half` (the second half, without the middle
 * element of an odd list); `top-half` (the middle element of an odd list, then the first half
 * backwards); `middle-out` (from the middle outwards, the later neighbour first).
 *
 * @param list The list in forward order.
 * @param order The reordering.
 * @returns A new array.
 * @example
 * ```ts
 * reorder([1, 2, 3, 4, 5], "middle-out"); // [3, 4, 2, 5, 1]
 * ```
 */
export function reorder<T>(list: readonly T[], order: JarmOrder): T[] {
  const n = list.length;
  const mid = Math.floor(n / 2);
  switch (order) {
    case "forward":
      return [...list];
    case "reverse":
      return [...list].reverse();
    case "bottom-half":
      return list.slice(n % 2 ? mid + 1 : mid);
    case "top-half":
      return [...(n % 2 ? [list[mid]] : []), ...reorder(reorder(list, "reverse"), "bottom-half")];
    case "middle-out": {
      const out: T[] = n % 2 ? [list[mid]] : [];
      const base = n % 2 ? mid : mid - 1;
      for (let i = 1; i <= mid; i++) out.push(list[base + i], list[mid - i]);
      return out;
    }
  }
}

/** Options of {@linkcode buildJarmHello}. */
export interface JarmHelloOptions {
  /** Random bytes source (client random, session id, key share, GREASE choice). Default:
   * `crypto.getRandomValues`. */
  random?: (n: number) => Uint8Array;
}

/**
 * Build one JARM ClientHello record.
 *
 * @param spec The probe (one of {@linkcode JARM_PROBES}).
 * @param serverName Sent in `server_name` as given, address literals included (as JARM does).
 * @param options Randomness.
 * @returns The whole TLS record (header included).
 * @throws {RangeError} If the server name is longer than 255 bytes.
 * @example
 * ```ts
 * const hello = buildJarmHello(JARM_PROBES[0], "example.org");
 * hello[0]; // 0x16
 * ```
 */
export function buildJarmHello(
  spec: JarmProbeSpec,
  serverName: string,
  options: JarmHelloOptions = {},
): Uint8Array {
  const random = options.random ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const name = new TextEncoder().encode(serverName);
  if (name.length > 255) throw new RangeError(`Server name is ${name.length} bytes, at most 255`);
  const grease = () => GREASE[random(1)[0] & 15];
  // The random draws in the order JARM's layout was first built in (the bytes of a seeded source
  // stay the same): cipher GREASE, extension GREASE, key-share GREASE and key, version GREASE,
  // then client random and session id.
  const suitesGrease = spec.grease ? grease() : null;
  const extGrease = spec.grease ? grease() : null;
  const shareGrease = spec.grease ? grease() : null;
  const shareKey = random(32);
  const versionGrease = spec.grease && spec.supportedVersions !== "none" ? grease() : null;
  const clientRandom = random(32);
  const sessionId = random(32);

  const suites = reorder(
    spec.ciphers === "all" ? JARM_CIPHERS_ALL : JARM_CIPHERS_NO13,
    spec.cipherOrder,
  );
  const w = new HelloWriter();
  w.u8(0x16);
  w.u16(spec.version === 0x0304 ? 0x0301 : spec.version);
  const recordLength = w.hold(2);
  w.u8(1);
  const handshakeLength = w.hold(3);
  w.u16(spec.version === 0x0304 ? 0x0303 : spec.version);
  w.bytes(clientRandom);
  w.u8(32);
  w.bytes(sessionId);
  w.u16((suites.length + (suitesGrease === null ? 0 : 1)) * 2);
  if (suitesGrease !== null) w.u16(suitesGrease);
  for (const c of suites) w.u16(c);
  w.u8(1);
  w.u8(0);
  const extensionsLength = w.hold(2);
  // Each extension: type, a 2-byte length, body.
  const ext = (type: number, body: () => void) => {
    w.u16(type);
    const at = w.hold(2);
    body();
    w.fill(at, 2);
  };
  if (extGrease !== null) ext(extGrease, () => {});
  ext(0x0000, () => {
    w.u16(name.length + 3);
    w.u8(0);
    w.u16(name.length);
    w.bytes(name);
  });
  ext(0x0017, () => {});
  ext(0x0001, () => w.u8(1));
  ext(0xff01, () => w.u8(0));
  ext(0x000a, () => {
    w.u16(8);
    for (const g of [0x001d, 0x0017, 0x0018, 0x0019]) w.u16(g);
  });
  ext(0x000b, () => {
    w.u8(1);
    w.u8(0);
  });
  ext(0x0023, () => {});
  const alpn = reorder(
    spec.alpn === "rare" ? ALPN_RARE_BYTES : ALPN_COMMON_BYTES,
    spec.extensionOrder,
  );
  ext(0x0010, () => {
    const at = w.hold(2);
    for (const p of alpn) {
      w.u8(p.length);
      w.bytes(p);
    }
    w.fill(at, 2);
  });
  ext(0x000d, () => {
    w.u16(SIGNATURE_ALGORITHMS.length * 2);
    for (const a of SIGNATURE_ALGORITHMS) w.u16(a);
  });
  ext(0x0033, () => {
    const at = w.hold(2);
    if (shareGrease !== null) {
      w.u16(shareGrease);
      w.u16(1);
      w.u8(0);
    }
    w.u16(0x001d);
    w.u16(32);
    w.bytes(shareKey);
    w.fill(at, 2);
  });
  ext(0x002d, () => {
    w.u8(1);
    w.u8(1);
  });
  if (spec.supportedVersions !== "none") {
    const versions = reorder(
      spec.supportedVersions === "1.2" ? VERSIONS_TO_12 : VERSIONS_TO_13,
      spec.extensionOrder,
    );
    ext(0x002b, () => {
      w.u8((versions.length + (versionGrease === null ? 0 : 1)) * 2);
      if (versionGrease !== null) w.u16(versionGrease);
      for (const v of versions) w.u16(v);
    });
  }
  w.fill(extensionsLength, 2);
  w.fill(handshakeLength, 3);
  w.fill(recordLength, 2);
  return w.done();
}

const JARM_CIPHERS_NO13 = JARM_CIPHERS_ALL.filter((c) => c >> 8 !== 0x13);
const ALPN_COMMON_BYTES = ALPN_COMMON.map((p) => new TextEncoder().encode(p));
const ALPN_RARE_BYTES = ALPN_RARE.map((p) => new TextEncoder().encode(p));
const SIGNATURE_ALGORITHMS = [
  0x0403,
  0x0804,
  0x0401,
  0x0503,
  0x0805,
  0x0501,
  0x0806,
  0x0601,
  0x0201,
];
const VERSIONS_TO_12 = [0x0301, 0x0302, 0x0303];
const VERSIONS_TO_13 = [0x0301, 0x0302, 0x0303, 0x0304];

/** Writes one hello into one buffer (a hello is at most about 600 bytes), big-endian, with
 * length fields held open and filled in once their contents are written. */
class HelloWriter {
  #buf = new Uint8Array(1024);
  #n = 0;
  u8(v: number): void {
    if (this.#n === this.#buf.length) {
      const grown = new Uint8Array(this.#buf.length * 2);
      grown.set(this.#buf);
      this.#buf = grown;
    }
    this.#buf[this.#n++] = v & 255;
  }
  u16(v: number): void {
    this.u8(v >> 8);
    this.u8(v);
  }
  bytes(b: Uint8Array): void {
    for (let i = 0; i < b.length; i++) this.u8(b[i]);
  }
  /** Reserve a length field of `width` bytes; returns where it is. */
  hold(width: number): number {
    const at = this.#n;
    for (let i = 0; i < width; i++) this.u8(0);
    return at;
  }
  /** Fill the `width`-byte length field at `at` with the number of bytes written after it. */
  fill(at: number, width: number): void {
    const length = this.#n - at - width;
    for (let i = 0; i < width; i++) this.#buf[at + i] = (length >> (8 * (width - 1 - i))) & 255;
  }
  done(): Uint8Array {
    return this.#buf.slice(0, this.#n);
  }
}
