/**
 * JARM's fingerprint from the ten answers (https://github.com/salesforce/jarm, README "How JARM
 * Works"; our own code).
 *
 * Each answer is first written as JARM's raw text `cipher|version|alpn|extensions`: the chosen
 * cipher as 4 hex digits, the ServerHello's `legacy_version` as 4 hex digits (0303 for TLS 1.2
 * and 1.3 alike: JARM reads the field, not `supported_versions`; 1.3 shows in the cipher and the
 * extension list), the ALPN protocol chosen, and the extension types in the order sent, as 4 hex
 * digits joined by `-`. An alert, a close, a timeout or anything but a ServerHello is `|||`.
 *
 * The 62-character fingerprint: for each answer in probe order, 2 hex digits for the cipher (its
 * 1-based position in JARM's sorted list of 69 suites, `00` for none, `46` for a suite not in the
 * list) and 1 character for the version (`a`..`d` for SSL 3.0..TLS 1.2 in `legacy_version`, `0`
 * for none): 30 characters; then the first 32 hex digits of SHA-256 over the concatenated ALPN
 * and extension fields of all ten answers. Ten empty answers give 62 zeros.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { ServerFirstFlight } from "./parse_server_hello.ts";

/** JARM's sorted cipher list: a chosen suite is coded by its 1-based position here. */
const SORTED_CIPHERS: readonly number[] = [
  0x0004,
  0x0005,
  0x0007,
  0x000a,
  0x0016,
  0x002f,
  0x0033,
  0x0035,
  0x0039,
  0x003c,
  0x003d,
  0x0041,
  0x0045,
  0x0067,
  0x006b,
  0x0084,
  0x0088,
  0x009a,
  0x009c,
  0x009d,
  0x009e,
  0x009f,
  0x00ba,
  0x00be,
  0x00c0,
  0x00c4,
  0xc007,
  0xc008,
  0xc009,
  0xc00a,
  0xc011,
  0xc012,
  0xc013,
  0xc014,
  0xc023,
  0xc024,
  0xc027,
  0xc028,
  0xc02b,
  0xc02c,
  0xc02f,
  0xc030,
  0xc060,
  0xc061,
  0xc072,
  0xc073,
  0xc076,
  0xc077,
  0xc09c,
  0xc09d,
  0xc09e,
  0xc09f,
  0xc0a0,
  0xc0a1,
  0xc0a2,
  0xc0a3,
  0xc0ac,
  0xc0ad,
  0xc0ae,
  0xc0af,
  0xcc13,
  0xcc14,
  0xcca8,
  0xcca9,
  0x1301,
  0x1302,
  0x1303,
  0x1304,
  0x1305,
];

/** JARM's text for an answer that is not a ServerHello. */
export const JARM_EMPTY = "|||";

/**
 * One answer as JARM's raw text.
 *
 * @param answer The parsed first flight, or null when nothing usable came (close, timeout).
 * @returns `cipher|version|alpn|extensions`, or `|||`.
 * @example
 * ```ts
 * jarmText(null); // "|||"
 * ```
 */
export function jarmText(answer: ServerFirstFlight | null): string {
  if (!answer || answer.kind !== "server-hello") return JARM_EMPTY;
  return [
    hex4(answer.cipher),
    hex4(answer.legacyVersion),
    answer.alpn ?? "",
    answer.extensions.map((e) => hex4(e.type)).join("-"),
  ].join("|");
}

/**
 * The 62-character JARM fingerprint of ten raw texts (probe order).
 *
 * @param texts JARM raw texts, one per probe, as {@linkcode jarmText} writes them.
 * @returns 62 lowercase hex-like characters.
 * @throws {RangeError} If there are not exactly ten texts or one is not JARM's 4-field form.
 * @example
 * ```ts
 * jarmFingerprint(Array(10).fill("|||")); // "000…0" (62 zeros)
 * ```
 */
export function jarmFingerprint(texts: readonly string[]): string {
  if (texts.length !== 10) throw new RangeError(`JARM needs 10 answers, got ${texts.length}`);
  if (texts.every((t) => t === JARM_EMPTY)) return "0".repeat(62);
  let head = "";
  let tail = "";
  for (const t of texts) {
    const f = t.split("|");
    if (f.length !== 4) {
      throw new RangeError(`Not a JARM answer text: ${JSON.stringify(t.slice(0, 80))}`);
    }
    head += cipherCode(f[0]) + versionCode(f[1]);
    tail += f[2] + f[3];
  }
  return head + createHash("sha256").update(tail).digest("hex").slice(0, 32);
}

function cipherCode(hex: string): string {
  if (hex === "") return "00";
  const i = SORTED_CIPHERS.indexOf(parseInt(hex, 16));
  return (i < 0 ? SORTED_CIPHERS.length + 1 : i + 1).toString(16).padStart(2, "0");
}

function versionCode(hex: string): string {
  if (hex === "") return "0";
  return "abcdef"[Number(hex[3])] ?? "0";
}

function hex4(v: number): string {
  return v.toString(16).padStart(4, "0");
}
