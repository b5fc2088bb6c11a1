/**
 * Parse a ClientHello from the first TLS record of a connection (the lab's TLS front reads what a
 * client offers). Never throws on client bytes.
 *
 * Layout (RFC 8446 §4.1.2; RFC 5246 §7.4.1.2):
 *
 * ```
 * record:      type(1)=22  version(2)  length(2)
 * handshake:   msg_type(1)=1  length(3)
 * ClientHello: legacy_version(2) random(32) session_id_len(1) session_id
 *              suites_len(2) suites(2 each)  compression_len(1) methods
 *              [extensions_len(2) { type(2) len(2) data(len) }*]
 * supported_versions (43): list_len(1) versions(2 each)
 * supported_groups (10):   list_len(2) groups(2 each)
 * key_share (51):          list_len(2) { group(2) key_len(2) key }*
 * ALPN (16):               list_len(2) { name_len(1) name }*
 * ```
 * Spec: https://www.rfc-editor.org/rfc/rfc8446#section-4.1.2
 *
 * @module
 */

/** What a client offered. */
export interface ClientHelloInfo {
  recordVersion: number;
  legacyVersion: number;
  sessionId: Uint8Array;
  ciphers: number[];
  compression: number[];
  /** Extension types in the order sent. */
  extensionTypes: number[];
  /** `supported_versions` list, or null when absent. */
  supportedVersions: number[] | null;
  /** `supported_groups` list, or null when absent. */
  groups: number[] | null;
  /** Groups with a key share, or null when absent. */
  keyShareGroups: number[] | null;
  /** ALPN names offered, or null when absent. */
  alpn: string[] | null;
  /** `max_fragment_length` code (1..4), or null when absent. */
  maxFragmentLength: number | null;
}

/** Outcome of {@linkcode parseClientHello}. */
export type ClientHelloParse =
  | { kind: "client-hello"; hello: ClientHelloInfo; recordBytes: number }
  | { kind: "incomplete"; needBytes: number }
  | { kind: "not-client-hello"; reason: string };

/**
 * Parse the first record of a connection as a ClientHello.
 *
 * @param data The bytes received so far.
 * @returns The hello, `incomplete` when the first record is not all here, or why it is not one.
 * @example
 * ```ts
 * parseClientHello(new Uint8Array([22, 3, 1])).kind; // "incomplete"
 * ```
 */
export function parseClientHello(data: Uint8Array): ClientHelloParse {
  if (data.length < 5) return { kind: "incomplete", needBytes: 5 - data.length };
  const no = (reason: string): ClientHelloParse => ({ kind: "not-client-hello", reason });
  if (data[0] !== 22 || data[1] !== 3) return no("not a TLS handshake record");
  const recordVersion = (data[1] << 8) | data[2];
  const len = (data[3] << 8) | data[4];
  if (len < 4 || len > 16_384) return no(`record length ${len}`);
  if (data.length < 5 + len) return { kind: "incomplete", needBytes: 5 + len - data.length };
  const r = data.subarray(5, 5 + len);
  if (r[0] !== 1) return no(`handshake type ${r[0]}`);
  const bodyLen = (r[1] << 16) | (r[2] << 8) | r[3];
  // A ClientHello spread over several records: not read here.
  if (bodyLen + 4 > r.length) return no("ClientHello spans records");
  const b = r.subarray(4, 4 + bodyLen);
  let p = 0;
  const need = (n: number) => p + n <= b.length;
  const u8 = () => b[p++];
  const u16 = () => {
    const v = (b[p] << 8) | b[p + 1];
    p += 2;
    return v;
  };
  if (!need(35)) return no("short ClientHello");
  const legacyVersion = u16();
  p += 32;
  const sidLen = u8();
  if (sidLen > 32 || !need(sidLen + 2)) return no("bad session id");
  const sessionId = b.slice(p, p + sidLen);
  p += sidLen;
  const suitesLen = u16();
  if (suitesLen % 2 || !need(suitesLen + 1)) return no("bad cipher list");
  const ciphers: number[] = [];
  for (let i = 0; i < suitesLen / 2; i++) ciphers.push(u16());
  const compLen = u8();
  if (!need(compLen)) return no("bad compression list");
  const compression = Array.from(b.subarray(p, p + compLen));
  p += compLen;
  const hello: ClientHelloInfo = {
    recordVersion,
    legacyVersion,
    sessionId,
    ciphers,
    compression,
    extensionTypes: [],
    supportedVersions: null,
    groups: null,
    keyShareGroups: null,
    alpn: null,
    maxFragmentLength: null,
  };
  if (p === b.length) return { kind: "client-hello", hello, recordBytes: 5 + len };
  if (!need(2)) return no("bad extensions length");
  const extLen = u16();
  if (p + extLen !== b.length) return no("extensions length mismatch");
  while (p < b.length) {
    if (!need(4)) return no("truncated extension");
    const type = u16();
    const l = u16();
    if (!need(l)) return no(`extension 0x${type.toString(16)} overruns`);
    const d = b.subarray(p, p + l);
    p += l;
    hello.extensionTypes.push(type);
    if (type === 0x002b && l >= 1) hello.supportedVersions = pairs(d.subarray(1, 1 + d[0]));
    else if (type === 0x000a && l >= 2) {
      hello.groups = pairs(d.subarray(2, 2 + ((d[0] << 8) | d[1])));
    } else if (type === 0x0001 && l === 1) hello.maxFragmentLength = d[0];
    else if (type === 0x0033 && l >= 2) {
      const groups: number[] = [];
      let q = 2;
      const end = Math.min(l, 2 + ((d[0] << 8) | d[1]));
      while (q + 4 <= end) {
        groups.push((d[q] << 8) | d[q + 1]);
        q += 4 + ((d[q + 2] << 8) | d[q + 3]);
      }
      hello.keyShareGroups = groups;
    } else if (type === 0x0010 && l >= 2) {
      const names: string[] = [];
      let q = 2;
      while (q < l && q + 1 + d[q] <= l) {
        names.push(String.fromCharCode(...d.subarray(q + 1, q + 1 + d[q])));
        q += 1 + d[q];
      }
      hello.alpn = names;
    }
  }
  return { kind: "client-hello", hello, recordBytes: 5 + len };
}

function pairs(d: Uint8Array): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < d.length; i += 2) out.push((d[i] << 8) | d[i + 1]);
  return out;
}
