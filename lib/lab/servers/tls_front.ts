/**
 * The lab's TLS front: reads the first record of each TLS connection and either hands the
 * connection to the real TLS server (Deno's node:tls, rustls underneath) or answers the
 * ClientHello itself as the personality's TLS stack would (`tls_stacks.ts`), with a ServerHello
 * or an alert, and completes nothing further. A ServerHello is all a fingerprint reads.
 *
 * Which hellos the front answers: those the real server cannot answer as an OpenSSL stack does,
 * in a way a ServerHello shows: a client whose versions are all below TLS 1.2 (rustls has no
 * TLS 1.0/1.1), and a client asking for `max_fragment_length` (RFC 6066 §4: OpenSSL >= 1.1.1
 * echoes it, rustls ignores it). Every JARM probe asks for it; Electrum clients, Python's and
 * Node's OpenSSL clients and rustls do not. Everything else (every real client) gets the real
 * server, so the wallet's handshake and the collector's main session are untouched.
 *
 * The emulation follows OpenSSL's server: version from `supported_versions` (highest common) or
 * the legacy field; TLS 1.3 suite and key-share group, or a HelloRetryRequest, or an alert (40
 * no common suite; 47 a key share for a group the client did not list, as OpenSSL checks); for
 * TLS <= 1.2 the first usable suite in the winning order (usable: version, certificate key type,
 * DH parameters for DHE, a common curve for ECDHE), then OpenSSL's extension order:
 * renegotiation_info, server_name, max_fragment_length, ec_point_formats, session_ticket,
 * encrypt_then_mac, extended_master_secret; in TLS 1.3, supported_versions then key_share.
 *
 * @module
 */
import type net from "node:net";
import { type ClientHelloInfo, parseClientHello } from "../../tls/parse_client_hello.ts";
import type { TlsStack } from "./tls_stacks.ts";

/** The certificate's key type, which decides the usable suites. */
export type CertKeyType = "rsa" | "ecdsa";

type Kx = "ECDHE" | "DHE" | "RSA";
/** Key exchange, authentication, TLS 1.2-only, AEAD, per suite (IANA registry; `openssl ciphers -V`). */
const SUITES = new Map<number, { kx: Kx; au: "RSA" | "ECDSA"; tls12: boolean; aead: boolean }>();
const def = (kx: Kx, au: "RSA" | "ECDSA", tls12: boolean, aead: boolean, codes: number[]) => {
  for (const c of codes) SUITES.set(c, { kx, au, tls12, aead });
};
def("ECDHE", "ECDSA", true, true, [
  0xc02c,
  0xc02b,
  0xcca9,
  0xc0af,
  0xc0ad,
  0xc0ae,
  0xc0ac,
  0xc05d,
  0xc05c,
]);
def("ECDHE", "ECDSA", true, false, [0xc024, 0xc023, 0xc073, 0xc072]);
def("ECDHE", "ECDSA", false, false, [0xc00a, 0xc009]);
def("ECDHE", "RSA", true, true, [0xc030, 0xc02f, 0xcca8, 0xc061, 0xc060]);
def("ECDHE", "RSA", true, false, [0xc028, 0xc027, 0xc077, 0xc076]);
def("ECDHE", "RSA", false, false, [0xc014, 0xc013]);
def("DHE", "RSA", true, true, [
  0x009f,
  0x009e,
  0xccaa,
  0xc0a3,
  0xc09f,
  0xc0a2,
  0xc09e,
  0xc053,
  0xc052,
]);
def("DHE", "RSA", true, false, [0x006b, 0x0067, 0x00c4, 0x00be]);
def("DHE", "RSA", false, false, [0x0039, 0x0033, 0x0088, 0x0045]);
def("RSA", "RSA", true, true, [0x009d, 0x009c, 0xc0a1, 0xc09d, 0xc0a0, 0xc09c, 0xc051, 0xc050]);
def("RSA", "RSA", true, false, [0x003d, 0x003c, 0x00c0, 0x00ba]);
def("RSA", "RSA", false, false, [0x0035, 0x002f, 0x0084, 0x0041]);

/** Groups an OpenSSL 3 server accepts by default (x25519, P-256, x448, P-521, P-384), and the
 * size of a key share in each. */
const GROUP_SHARE_BYTES = new Map([[0x001d, 32], [0x0017, 65], [0x001e, 56], [0x0019, 133], [
  0x0018,
  97,
]]);

const isGrease = (v: number) => (v & 0x0f0f) === 0x0a0a && (v >> 8) === (v & 0xff);

const HRR_RANDOM = [
  0xcf,
  0x21,
  0xad,
  0x74,
  0xe5,
  0x9a,
  0x61,
  0x11,
  0xbe,
  0x1d,
  0x8c,
  0x02,
  0x1e,
  0x65,
  0xb8,
  0x91,
  0xc2,
  0xa2,
  0x11,
  0x16,
  0x7a,
  0xbb,
  0x8c,
  0x5e,
  0x07,
  0x9e,
  0x09,
  0xe2,
  0xc8,
  0xa8,
  0x33,
  0x9c,
];

/**
 * Whether the front answers this hello itself (see the module text for the rule).
 *
 * @param hello What the client offered.
 * @returns True for a hello the real server would answer unlike the emulated stack.
 * @example
 * ```ts
 * answersItself({ ...hello, maxFragmentLength: 1 }); // true
 * ```
 */
export function answersItself(hello: ClientHelloInfo): boolean {
  if (hello.maxFragmentLength !== null) return true;
  const versions = (hello.supportedVersions ?? [hello.legacyVersion]).filter((v) => !isGrease(v));
  return versions.every((v) => v < 0x0303);
}

/**
 * The stack's answer to a ClientHello: one TLS record, a ServerHello or an alert.
 *
 * @param hello What the client offered.
 * @param stack The emulated stack.
 * @param keyType The certificate's key type.
 * @param random Random bytes (server random, session id, key share). Default: crypto.
 * @returns The record's bytes.
 * @example
 * ```ts
 * const record = emulateServerHello(hello, TLS_STACKS["python-openssl3"], "rsa");
 * record[0]; // 22 (ServerHello) or 21 (alert)
 * ```
 */
export function emulateServerHello(
  hello: ClientHelloInfo,
  stack: TlsStack,
  keyType: CertKeyType,
  random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n)),
): Uint8Array {
  const offered = new Set(hello.ciphers);
  const sent = new Set(hello.extensionTypes);
  const clientGroups = hello.groups?.filter((g) => !isGrease(g)) ?? null;
  // Version (OpenSSL: highest common from supported_versions, else the legacy field capped at 1.2).
  let version: number;
  if (hello.supportedVersions) {
    const common = hello.supportedVersions.filter((v) =>
      !isGrease(v) && v >= stack.minVersion && v <= stack.maxVersion
    );
    if (!common.length) {
      const below = hello.supportedVersions.every((v) => isGrease(v) || v < stack.minVersion);
      return alert(below ? stack.belowMinAlert : 70);
    }
    version = Math.max(...common);
  } else {
    version = Math.min(hello.legacyVersion, stack.maxVersion, 0x0303);
    if (version < stack.minVersion) return alert(stack.belowMinAlert);
  }

  if (version === 0x0304) {
    const shares = hello.keyShareGroups ?? [];
    if (shares.some((g) => !(clientGroups ?? []).includes(g))) return alert(47);
    const order = stack.serverPreference
      ? stack.ciphers13.filter((c) => offered.has(c))
      : hello.ciphers.filter((c) => stack.ciphers13.includes(c));
    if (!order.length) return alert(40);
    const share = shares.find((g) => GROUP_SHARE_BYTES.has(g));
    if (share === undefined) {
      const retry = (clientGroups ?? []).find((g) => GROUP_SHARE_BYTES.has(g));
      if (retry === undefined) return alert(40);
      return serverHello(0x0303, HRR_RANDOM, hello.sessionId, order[0], [
        ext(0x002b, u16(0x0304)),
        ext(0x0033, u16(retry)),
      ]);
    }
    const key = random(GROUP_SHARE_BYTES.get(share)!);
    return serverHello(0x0303, [...random(32)], hello.sessionId, order[0], [
      ext(0x002b, u16(0x0304)),
      ext(0x0033, [...u16(share), ...u16(key.length), ...key]),
    ]);
  }

  const au = keyType === "ecdsa" ? "ECDSA" : "RSA";
  const curveOk = clientGroups === null || clientGroups.some((g) => GROUP_SHARE_BYTES.has(g));
  const usable = (c: number) => {
    const s = SUITES.get(c);
    if (!s || s.au !== au || (s.tls12 && version < 0x0303)) return false;
    if (s.kx === "DHE") return stack.dhe;
    if (s.kx === "ECDHE") return curveOk;
    return true;
  };
  const order = stack.serverPreference
    ? stack.ciphers12.filter((c) => offered.has(c))
    : hello.ciphers.filter((c) => stack.ciphers12.includes(c));
  const cipher = order.find(usable);
  if (cipher === undefined) return alert(40);
  const suite = SUITES.get(cipher)!;
  const exts: number[][] = [];
  if (sent.has(0xff01) || offered.has(0x00ff)) exts.push(ext(0xff01, [0]));
  if (stack.sniAck && sent.has(0x0000)) exts.push(ext(0x0000, []));
  const mfl = hello.maxFragmentLength;
  if (mfl !== null && mfl >= 1 && mfl <= 4) exts.push(ext(0x0001, [mfl]));
  if (suite.kx === "ECDHE" && sent.has(0x000b)) exts.push(ext(0x000b, [3, 0, 1, 2]));
  if (stack.tickets && sent.has(0x0023)) exts.push(ext(0x0023, []));
  if (sent.has(0x0016) && !suite.aead) exts.push(ext(0x0016, []));
  if (sent.has(0x0017)) exts.push(ext(0x0017, []));
  // RFC 8446 §4.1.3: a TLS 1.3 server negotiating lower marks its random ("DOWNGRD" 01 or 00).
  const rnd = [...random(32)];
  if (stack.maxVersion >= 0x0304) {
    rnd.splice(24, 8, 0x44, 0x4f, 0x57, 0x4e, 0x47, 0x52, 0x44, version === 0x0303 ? 1 : 0);
  }
  // OpenSSL sends an empty session id when it will issue a ticket instead.
  const sid = stack.tickets && sent.has(0x0023) ? new Uint8Array(0) : random(32);
  return serverHello(version, rnd, sid, cipher, exts);
}

/** Options of {@linkcode tlsFront}. */
export interface TlsFrontOptions {
  stack: TlsStack;
  keyType: CertKeyType;
  /** Takes over a connection for the real TLS server (the bytes read are put back first). */
  realTls: (socket: net.Socket) => void;
  /** How long to wait for the first record, ms. Default: 60,000 (asyncio's TLS handshake
   * timeout, which ElectrumX's listeners inherit). */
  helloTimeoutMs?: number;
  /** How long an emulated connection is kept open for the client to close it, ms. Default: 10,000. */
  lingerMs?: number;
}

/**
 * Read the first record of an accepted TLS connection and route it (see the module text).
 *
 * @param socket The accepted TCP socket, not yet read from.
 * @param options The stack, the key type and the real server.
 */
export function tlsFront(socket: net.Socket, options: TlsFrontOptions): void {
  let buf = new Uint8Array(0);
  const limit = 16_384 + 5;
  const timer = setTimeout(() => socket.destroy(), options.helloTimeoutMs ?? 60_000);
  socket.once("close", () => clearTimeout(timer));
  const onData = (chunk: Uint8Array) => {
    const next = new Uint8Array(buf.length + chunk.length);
    next.set(buf);
    next.set(chunk, buf.length);
    buf = next;
    const r = parseClientHello(buf);
    if (r.kind === "incomplete" && buf.length < limit) return;
    socket.off("data", onData);
    clearTimeout(timer);
    if (r.kind === "client-hello" && answersItself(r.hello)) {
      const reply = emulateServerHello(r.hello, options.stack, options.keyType);
      // An alert ends the connection (OpenSSL closes after a fatal alert); after a ServerHello
      // the server would wait for the client, which here is a scanner about to hang up.
      if (reply[0] === 21) socket.end(reply);
      else {
        socket.write(reply);
        const linger = setTimeout(() => socket.destroy(), options.lingerMs ?? 10_000);
        socket.once("close", () => clearTimeout(linger));
      }
      socket.resume();
      return;
    }
    socket.pause();
    socket.unshift(buf);
    options.realTls(socket);
  };
  socket.on("data", onData);
}

function serverHello(
  version: number,
  rnd: number[],
  sessionId: Uint8Array,
  cipher: number,
  exts: number[][],
): Uint8Array {
  const e = exts.flat();
  const body = [
    ...u16(version),
    ...rnd,
    sessionId.length,
    ...sessionId,
    ...u16(cipher),
    0,
    ...(e.length ? [...u16(e.length), ...e] : []),
  ];
  const hs = [2, (body.length >> 16) & 255, (body.length >> 8) & 255, body.length & 255, ...body];
  return new Uint8Array([22, ...u16(Math.min(version, 0x0303)), ...u16(hs.length), ...hs]);
}

function alert(description: number): Uint8Array {
  return new Uint8Array([21, 3, 3, 0, 2, 2, description]);
}

function ext(type: number, data: number[]): number[] {
  return [...u16(type), ...u16(data.length), ...data];
}

function u16(v: number): number[] {
  return [(v >> 8) & 255, v & 255];
}
