/**
 * The TLS stacks the lab's personalities answer with: data only, interpreted by
 * `tls_front.ts`. Each stack is an OpenSSL server as the implementation (or the terminator in
 * front of it) configures it by default; what matters for a ServerHello is the version range,
 * the enabled cipher suites in preference order, whether the server's order wins, whether DHE
 * can be used (DH parameters present), session tickets, SNI acknowledgement, and how a client
 * below the minimum version is refused.
 *
 * Where the facts come from:
 * - Cipher lists: `openssl ciphers -V '<string>'` on OpenSSL 3.0.19 (Debian 12's series) for each
 *   stack's cipher string, keeping suites a server with an RSA or ECDSA certificate can use (no
 *   PSK, SRP or DSS). Python's list is `ssl.SSLContext(PROTOCOL_TLS_SERVER).get_ciphers()` on
 *   Python 3.11.7 with OpenSSL 3.0.19.
 * - Behaviour checked by JARM-scanning real servers on loopback (Nov 2026, this repository's
 *   `jarmScan`): a Python 3.11 `ssl` server (ElectrumX's stack) and `openssl s_server` 3.0.19 set
 *   up as each other stack; the emulation reproduces those answers (`tls_front_test.ts`).
 * - ElectrumX: `ssl.SSLContext(PROTOCOL_TLS)` plus a certificate (electrum-servers.md §7.1), so
 *   Python's defaults: TLS 1.2 minimum (Python >= 3.10), Python's cipher string, server order
 *   (`OP_CIPHER_SERVER_PREFERENCE`), no DH parameters, tickets on.
 * - EPS: `ssl.wrap_socket` (§7.5), which builds the same default context: the same stack.
 * - Fulcrum: Qt 5.15's `QSslSocket` on the OpenSSL 1.1.1 its release binaries bundle: Qt's default
 *   ciphers are OpenSSL's DEFAULT list, server order (Qt sets `SSL_OP_CIPHER_SERVER_PREFERENCE`
 *   unless told not to), Qt's built-in 2048-bit DH parameters, and every TLS version unless
 *   `tls-disallow-deprecated` is set (§7.2). A Fulcrum built against Debian 12's OpenSSL 3 refuses
 *   TLS 1.0/1.1 instead (checked, §7.2 header): the lab models the release binary. Checked with
 *   `s_server -cipher DEFAULT:@SECLEVEL=0 -serverpref -dhparam` (3.0 standing in for 1.1.1, whose
 *   ServerHello logic is the same) (inferred for 1.1.1 itself).
 * - electrs: no TLS of its own; its documentation's nginx `stream` block (`ssl_protocols TLSv1
 *   TLSv1.1 TLSv1.2 TLSv1.3; ssl_prefer_server_ciphers on;`, nginx's default `HIGH:!aNULL:!MD5`,
 *   no `ssl_dhparam`, so no DHE) on Debian 12's nginx and OpenSSL 3, whose security level 2
 *   refuses TLS 1.0/1.1 with an `internal_error` alert (checked with `s_server`). The stream
 *   module of nginx < 1.25.5 sets no SNI callback, so SNI is not acknowledged.
 * - esplora: Blockstream's electrs has no TLS; which terminator Blockstream runs is not public.
 *   The lab stands in HAProxy's defaults (inferred): OpenSSL's DEFAULT list, server order, its
 *   built-in 2048-bit DH parameters (`tune.ssl.default-dh-param`), TLS 1.2 minimum, SNI
 *   acknowledged (HAProxy selects certificates by SNI).
 *
 * @module
 */
import type { Family } from "./personalities.ts";

/** One emulated TLS server configuration. */
export interface TlsStack {
  id: string;
  /** What runs, in words. */
  description: string;
  /** Lowest version accepted (0x0301 TLS 1.0 .. 0x0304). */
  minVersion: number;
  /** Highest version accepted. */
  maxVersion: number;
  /** Alert sent to a client whose versions are all below `minVersion`: 70 protocol_version
   * (version floor), 80 internal_error (OpenSSL 3's security level refusing TLS < 1.2). */
  belowMinAlert: 70 | 80;
  /** TLS <= 1.2 suites enabled, in the server's order. */
  ciphers12: readonly number[];
  /** TLS 1.3 suites enabled, in the server's order. */
  ciphers13: readonly number[];
  /** The server's order wins (else the client's). */
  serverPreference: boolean;
  /** DH parameters are set, so DHE suites are usable. */
  dhe: boolean;
  /** Session tickets issued (`session_ticket` echoed). */
  tickets: boolean;
  /** `server_name` acknowledged in a TLS <= 1.2 ServerHello. */
  sniAck: boolean;
}

/** OpenSSL's default TLS 1.3 suites, in its order. */
const TLS13_DEFAULT = [0x1302, 0x1303, 0x1301];

/** `openssl ciphers -V DEFAULT` (3.0.19; 1.1.1 lists the same suites in the same order). */
const OPENSSL_DEFAULT = [
  0xc02c,
  0xc030,
  0x009f,
  0xcca9,
  0xcca8,
  0xccaa,
  0xc02b,
  0xc02f,
  0x009e,
  0xc024,
  0xc028,
  0x006b,
  0xc023,
  0xc027,
  0x0067,
  0xc00a,
  0xc014,
  0x0039,
  0xc009,
  0xc013,
  0x0033,
  0x009d,
  0x009c,
  0x003d,
  0x003c,
  0x0035,
  0x002f,
];

/** Python >= 3.10's `@SECLEVEL=2:ECDH+AESGCM:ECDH+CHACHA20:ECDH+AES:DHE+AES:!aNULL:!eNULL:!aDSS:!SHA1:!AESCCM`. */
const PYTHON_DEFAULT = [
  0xc02c,
  0xc030,
  0xc02b,
  0xc02f,
  0xcca9,
  0xcca8,
  0xc024,
  0xc028,
  0xc023,
  0xc027,
  0x009f,
  0x009e,
  0x006b,
  0x0067,
];

/** nginx's default `HIGH:!aNULL:!MD5`. */
const NGINX_HIGH = [
  0xc02c,
  0xc030,
  0x009f,
  0xcca9,
  0xcca8,
  0xccaa,
  0xc0af,
  0xc0ad,
  0xc0a3,
  0xc09f,
  0xc05d,
  0xc061,
  0xc053,
  0xc02b,
  0xc02f,
  0x009e,
  0xc0ae,
  0xc0ac,
  0xc0a2,
  0xc09e,
  0xc05c,
  0xc060,
  0xc052,
  0xc024,
  0xc028,
  0x006b,
  0xc073,
  0xc077,
  0x00c4,
  0xc023,
  0xc027,
  0x0067,
  0xc072,
  0xc076,
  0x00be,
  0xc00a,
  0xc014,
  0x0039,
  0x0088,
  0xc009,
  0xc013,
  0x0033,
  0x0045,
  0x009d,
  0xc0a1,
  0xc09d,
  0xc051,
  0x009c,
  0xc0a0,
  0xc09c,
  0xc050,
  0x003d,
  0x00c0,
  0x003c,
  0x00ba,
  0x0035,
  0x0084,
  0x002f,
  0x0041,
];

/** The stacks, by id. */
export const TLS_STACKS: Readonly<Record<string, TlsStack>> = Object.freeze({
  "python-openssl3": {
    id: "python-openssl3",
    description: "Python 3.11 ssl on OpenSSL 3.0 (Debian 12), default context",
    minVersion: 0x0303,
    maxVersion: 0x0304,
    belowMinAlert: 70,
    ciphers12: PYTHON_DEFAULT,
    ciphers13: TLS13_DEFAULT,
    serverPreference: true,
    dhe: false,
    tickets: true,
    sniAck: false,
  },
  "qt5-openssl111": {
    id: "qt5-openssl111",
    description: "Qt 5.15 QSslSocket on OpenSSL 1.1.1 (Fulcrum release binary), Qt defaults",
    minVersion: 0x0301,
    maxVersion: 0x0304,
    belowMinAlert: 70,
    ciphers12: OPENSSL_DEFAULT,
    ciphers13: TLS13_DEFAULT,
    serverPreference: true,
    dhe: true,
    tickets: true,
    sniAck: false,
  },
  "nginx-openssl3": {
    id: "nginx-openssl3",
    description: "nginx 1.22 stream TLS on OpenSSL 3.0 (Debian 12), electrs' documented config",
    minVersion: 0x0303,
    maxVersion: 0x0304,
    belowMinAlert: 80,
    ciphers12: NGINX_HIGH,
    ciphers13: TLS13_DEFAULT,
    serverPreference: true,
    dhe: false,
    tickets: true,
    sniAck: false,
  },
  "haproxy-openssl3": {
    id: "haproxy-openssl3",
    description: "HAProxy defaults on OpenSSL 3.0 (stand-in for esplora's unknown terminator)",
    minVersion: 0x0303,
    maxVersion: 0x0304,
    belowMinAlert: 70,
    ciphers12: OPENSSL_DEFAULT,
    ciphers13: TLS13_DEFAULT,
    serverPreference: true,
    dhe: true,
    tickets: true,
    sniAck: true,
  },
});

/** Which stack answers for each implementation family (the reasons are above). */
export const STACK_OF_FAMILY: Readonly<Record<Family, string>> = Object.freeze({
  electrumx: "python-openssl3",
  eps: "python-openssl3",
  fulcrum: "qt5-openssl111",
  electrs: "nginx-openssl3",
  esplora: "haproxy-openssl3",
});

/**
 * The TLS stack of a family.
 *
 * @param family An implementation family.
 * @returns Its stack.
 * @throws {RangeError} For an unknown family.
 * @example
 * ```ts
 * tlsStackOf("fulcrum").minVersion; // 0x0301
 * ```
 */
export function tlsStackOf(family: Family): TlsStack {
  const id = STACK_OF_FAMILY[family];
  if (!id) throw new RangeError(`No TLS stack for family ${JSON.stringify(family)}`);
  return TLS_STACKS[id];
}
