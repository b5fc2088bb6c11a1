/**
 * Error wording normalised, so that two servers of one build share the value whatever they were
 * asked, where they run and how their reply was clipped.
 *
 * @module
 */
import {
  BTC_ADDRESS,
  cleanText,
  clipCodePoints,
  EMAIL,
  HTML_TAG,
  IPV4,
  LONG_HEX,
  NUMBER,
  ONION,
  replaceIpv6,
  URL,
} from "./placeholders.ts";

/** Options of {@linkcode normaliseErrorWording}. */
export interface ErrorWordingOptions {
  /** Longest result, in code points. Default: 160 (as `fingerprints.csv` keeps the reply). */
  maxLength?: number;
}

/** Outcomes `fingerprints.csv` writes instead of a reply; kept as they are. */
const OUTCOMES = new Set(["silent", "closed", "timeout", "skipped-budget", "not-sent"]);
const THEN_CLOSED = "then-closed: ";

/** The wording of a message: placeholders for what varies between servers of one build. */
function wording(m: string): string {
  return m
    .replace(HTML_TAG, "<tag>")
    .replace(URL, "<url>")
    .replace(EMAIL, "<email>")
    .replace(ONION, "<addr>")
    .replace(IPV4, "<addr>")
    .replace(/\S+/g, (w) => (w.includes(":") ? replaceIpv6(w) : w))
    // Echoed request text: from the first `{` or `[` on, as servers clip their echo differently.
    .replace(/[{[][^]*$/, "<json>")
    .replace(/"[^"\n]{0,300}"/g, '"<q>"')
    .replace(/\u201c[^\u201d\n]{0,300}\u201d/g, '"<q>"')
    .replace(/`[^`\n]{0,300}`/g, "`<q>`")
    // A single-quoted span, not an apostrophe inside a word (`can't`).
    .replace(/(^|[\s(:=,])'[^'\n]{0,300}'(?=$|[\s).,:;!?])/g, "$1'<q>'")
    .replace(BTC_ADDRESS, "<btc>")
    .replace(LONG_HEX, "<hex>")
    .replace(NUMBER, "<n>")
    .replace(/ {2,}/g, " ")
    .trim();
}

/**
 * A raw reply (JSON that is not an error object): numbers and padding out, keys kept. ElectrumX
 * >= 1.18 pads a packet with spaces inserted before its last closing `}` or `]` (reference §1),
 * so a recorded reply clipped inside that run of spaces lost only its bracket: the bracket is
 * put back, and padded and unpadded builds of one family word the reply alike.
 */
function rawReply(r: string, clippedInPadding: boolean): string {
  let out = r.replace(NUMBER, "<n>").replace(/\s+/g, " ").replace(/ ([}\]])/g, "$1").trim();
  const close = r.startsWith("[") ? "]" : "}";
  if (clippedInPadding && !out.endsWith(close)) out += close;
  return out;
}

/**
 * The wording of one error-case cell of `fingerprints.csv` (`code message`, `"text"` for a bare
 * string error, the reply itself, or an outcome such as `silent`), normalised: in the message,
 * numbers become `<n>`, IP and onion addresses `<addr>`, quoted input `"<q>"`, echoed JSON from
 * its first `{` or `[` to the end `<json>`, URLs `<url>`, e-mail addresses `<email>`, Bitcoin
 * addresses `<btc>`, long hex `<hex>`, HTML tags `<tag>`; control characters and padding
 * become single spaces. The error code in front is kept (it tells implementations apart), as is a
 * `then-closed: ` prefix. A raw reply keeps its keys and loses its numbers and padding.
 *
 * @param text A cell of `err_*`, `version_range_error` or `broadcast_error_text`; null is null.
 * @returns The normalised wording, at most `maxLength` code points; null for null.
 * @example
 * ```ts
 * normaliseErrorWording('-32602 0 arguments passed to method "blockchain.block.header" but it requires 1');
 * // '-32602 <n> arguments passed to method "<q>" but it requires <n>'
 * ```
 */
export function normaliseErrorWording(
  text: string | null,
  options: ErrorWordingOptions = {},
): string | null {
  if (text === null) return null;
  const max = options.maxLength ?? 160;
  let s = cleanText(text);
  let prefix = "";
  if (s.startsWith(THEN_CLOSED)) {
    prefix = THEN_CLOSED;
    s = s.slice(THEN_CLOSED.length);
  }
  let out: string;
  if (OUTCOMES.has(s)) out = s;
  else if (/^[{[]/.test(s)) out = rawReply(s, /\s{2,}$/.test(text));
  else if (s.startsWith('"')) {
    out = `"${wording(s.replace(/^"|"$/g, ""))}"`;
  } else {
    const m = /^(-?\d{1,12})(?: ([^]*))?$/.exec(s);
    out = m ? (m[2] ? `${m[1]} ${wording(m[2])}` : m[1]) : wording(s);
  }
  return clipCodePoints(prefix + out, max);
}
