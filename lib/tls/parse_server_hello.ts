/**
 * Parse a TLS server's first flight as far as a fingerprint needs: the ServerHello (or the alert
 * or garbage that came instead). Never throws on server bytes; every length is checked.
 *
 * Layout (RFC 8446 §5.1 records, §4 handshake, §4.1.3 ServerHello; RFC 5246 §7.4.1.3):
 *
 * ```
 * record:      type(1) = 22 handshake | 21 alert   version(2)   length(2)   fragment(length)
 * alert:       level(1)  description(1)
 * handshake:   msg_type(1) = 2 server_hello   length(3)   body(length)   (may span records)
 * ServerHello: legacy_version(2)  random(32)  session_id_len(1) session_id(≤32)
 *              cipher_suite(2)  compression(1)  [extensions_len(2) { type(2) len(2) data(len) }*]
 * supported_versions (43) in a ServerHello: selected_version(2)
 * ALPN (16): list_len(2) { name_len(1) name }   (exactly one name in a ServerHello)
 * ```
 *
 * A ServerHello whose random is SHA-256("HelloRetryRequest") is a HelloRetryRequest (§4.1.3);
 * it is reported as such. Spec: https://www.rfc-editor.org/rfc/rfc8446#section-4.1.3
 *
 * @module
 */

/** A parsed ServerHello. */
export interface ServerHelloInfo {
  kind: "server-hello";
  /** Version in the record header. */
  recordVersion: number;
  /** `legacy_version` in the ServerHello (0x0303 for TLS 1.3). */
  legacyVersion: number;
  /** The version chosen: `supported_versions` if present, else `legacyVersion`. */
  selectedVersion: number;
  sessionIdLength: number;
  cipher: number;
  compression: number;
  /** Extension types in the order sent, with their data lengths. */
  extensions: { type: number; length: number }[];
  /** The protocol chosen by ALPN, if any (printable ASCII only, else null). */
  alpn: string | null;
  /** Whether this is a HelloRetryRequest. */
  helloRetry: boolean;
  /** Bytes of the ServerHello handshake message (header included). */
  sizeBytes: number;
}

/** What a server's first bytes were. */
export type ServerFirstFlight =
  | ServerHelloInfo
  | { kind: "alert"; level: number; description: number }
  | { kind: "incomplete"; needBytes: number }
  | { kind: "malformed"; reason: string }
  | { kind: "not-tls"; firstByte: number };

/** Largest ServerHello accepted, bytes (a real one is under 200; extensions could add some). */
export const MAX_SERVER_HELLO_BYTES = 16_384;

const HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";

/**
 * Parse the bytes a TLS server sent first.
 *
 * @param data The bytes received so far (only the leading records are read).
 * @returns `incomplete` when more bytes could complete the ServerHello, else the outcome.
 * @example
 * ```ts
 * const r = parseServerFirstFlight(new Uint8Array([21, 3, 3, 0, 2, 2, 40]));
 * r.kind === "alert" && r.description; // 40 (handshake_failure)
 * ```
 */
export function parseServerFirstFlight(data: Uint8Array): ServerFirstFlight {
  if (data.length === 0) return { kind: "incomplete", needBytes: 5 };
  if (data[0] !== 22 && data[0] !== 21) return { kind: "not-tls", firstByte: data[0] };
  // Gather handshake bytes from consecutive handshake records.
  const hs: number[] = [];
  let recordVersion = -1;
  let off = 0;
  while (true) {
    if (data.length < off + 5) return { kind: "incomplete", needBytes: off + 5 - data.length };
    const type = data[off];
    const version = (data[off + 1] << 8) | data[off + 2];
    const len = (data[off + 3] << 8) | data[off + 4];
    if (data[off + 1] !== 3) {
      return { kind: "malformed", reason: `record version 0x${hex4(version)}` };
    }
    if (len === 0 || len > 16_384 + 2048) {
      return { kind: "malformed", reason: `record length ${len}` };
    }
    if (type === 21 && hs.length === 0) {
      if (data.length < off + 5 + 2) {
        return { kind: "incomplete", needBytes: off + 7 - data.length };
      }
      if (len !== 2) return { kind: "malformed", reason: `alert record length ${len}` };
      return { kind: "alert", level: data[off + 5], description: data[off + 6] };
    }
    if (type !== 22) {
      return { kind: "malformed", reason: `record type ${type} before the ServerHello ended` };
    }
    if (recordVersion < 0) recordVersion = version;
    const end = Math.min(data.length, off + 5 + len);
    for (let i = off + 5; i < end; i++) hs.push(data[i]);
    if (hs.length >= 4) {
      if (hs[0] !== 2) {
        return { kind: "malformed", reason: `handshake type ${hs[0]}, not server_hello` };
      }
      const bodyLen = (hs[1] << 16) | (hs[2] << 8) | hs[3];
      if (bodyLen + 4 > MAX_SERVER_HELLO_BYTES) {
        return { kind: "malformed", reason: `ServerHello of ${bodyLen} bytes` };
      }
      if (hs.length >= bodyLen + 4) {
        return parseBody(new Uint8Array(hs.slice(4, 4 + bodyLen)), recordVersion);
      }
      if (hs.length > MAX_SERVER_HELLO_BYTES) {
        return { kind: "malformed", reason: "handshake data over the bound" };
      }
    }
    if (end < off + 5 + len) return { kind: "incomplete", needBytes: off + 5 + len - data.length };
    off += 5 + len;
  }
}

function parseBody(b: Uint8Array, recordVersion: number): ServerFirstFlight {
  const bad = (reason: string): ServerFirstFlight => ({ kind: "malformed", reason });
  if (b.length < 38) return bad(`ServerHello body of ${b.length} bytes`);
  const legacyVersion = (b[0] << 8) | b[1];
  const random = Array.from(b.subarray(2, 34), (x) => x.toString(16).padStart(2, "0")).join("");
  const sid = b[34];
  if (sid > 32) return bad(`session id of ${sid} bytes`);
  let p = 35 + sid;
  if (b.length < p + 3) return bad("ServerHello ends inside cipher/compression");
  const cipher = (b[p] << 8) | b[p + 1];
  const compression = b[p + 2];
  p += 3;
  const extensions: { type: number; length: number }[] = [];
  let alpn: string | null = null;
  let selectedVersion = legacyVersion;
  if (p < b.length) {
    if (b.length < p + 2) return bad("truncated extensions length");
    const total = (b[p] << 8) | b[p + 1];
    p += 2;
    if (p + total !== b.length) {
      return bad(`extensions length ${total} != ${b.length - p} bytes left`);
    }
    while (p < b.length) {
      if (b.length < p + 4) return bad("truncated extension header");
      const type = (b[p] << 8) | b[p + 1];
      const len = (b[p + 2] << 8) | b[p + 3];
      p += 4;
      if (b.length < p + len) return bad(`extension 0x${hex4(type)} overruns the ServerHello`);
      const data = b.subarray(p, p + len);
      p += len;
      extensions.push({ type, length: len });
      if (extensions.length > 64) return bad("more than 64 extensions");
      if (type === 0x002b && len === 2) selectedVersion = (data[0] << 8) | data[1];
      if (type === 0x0010 && len >= 3) {
        const n = data[2];
        const name = data.subarray(3, 3 + n);
        alpn = n > 0 && name.length === n && name.every((c) => c >= 0x20 && c < 0x7f)
          ? String.fromCharCode(...name)
          : null;
      }
    }
  }
  return {
    kind: "server-hello",
    recordVersion,
    legacyVersion,
    selectedVersion,
    sessionIdLength: sid,
    cipher,
    compression,
    extensions,
    alpn,
    helloRetry: random === HRR_RANDOM,
    sizeBytes: b.length + 4,
  };
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, "0");
}
