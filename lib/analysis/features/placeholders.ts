/**
 * The shared pieces of the text normalisers (`normaliseErrorWording`, `bannerTemplate`): control
 * characters out, whitespace collapsed, and the patterns that turn what differs between two
 * servers of one build or one operator (numbers, addresses, URLs, echoed input, HTML tags) into
 * placeholders. Placeholders are written `<n>`, `<q>`, `<addr>`, ...; a literal `<...>` from the
 * server is an HTML tag and becomes `<tag>` first, so no server text can pass for a placeholder.
 *
 * Every pattern is linear (no nested quantifiers) and each bounded, and inputs are cut to
 * {@linkcode MAX_INPUT} characters before any of them runs: server text is untrusted.
 *
 * @module
 */

/** Characters of server text a normaliser reads at most (the rest is never looked at). */
export const MAX_INPUT = 2000;

/** HTML tags (opening, closing, self-closing, comments, doctype). */
export const HTML_TAG = /<(?:!--[\s\S]{0,500}?--|[!/]?[a-z][^<>]{0,300})>/gi;
/** URLs with a scheme, or starting `www.`. */
export const URL = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|www\.)[^\s"'<>]{1,500}/gi;
/** E-mail addresses. */
export const EMAIL = /\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b/g;
/** Onion host names (v2 and v3). */
export const ONION = /\b[a-z2-7]{16}(?:[a-z2-7]{40})?\.onion\b/gi;
/** IPv4 addresses, optionally with a port. */
export const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?\b/g;
/** Bracketed IPv6 addresses, optionally with a port. */
export const IPV6_BRACKETED = /\[[0-9a-f:.]{2,45}\](?::\d{1,5})?/gi;
/** Candidates for bare IPv6 addresses; {@linkcode isIpv6Like} decides. */
export const IPV6_BARE = /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])/gi;
/** Bitcoin addresses: bech32 (any network's prefix) and base58. */
export const BTC_ADDRESS =
  /\b(?:(?:bc|tb|bcrt)1[02-9ac-hj-np-z]{8,87}|[123mn][1-9A-HJ-NP-Za-km-z]{25,34})\b/g;
/** Hex strings of 16 digits or more (hashes, transaction ids, keys). */
export const LONG_HEX = /\b[0-9a-f]{16,}\b/gi;
/** Numbers, with their fraction or dotted parts (`42`, `0.0001`, `1.19.0`). */
export const NUMBER = /\d+(?:[.,]\d+)*/g;

/** Control characters: C0, DEL, C1, line and paragraph separators, zero-widths, bidi controls, BOM. */
const CONTROL =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** {@linkcode CONTROL} without the newline. */
const CONTROL_BUT_NEWLINE =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Whether a bare-IPv6 candidate is an address (not a clock time like `12:30:45`). */
export function isIpv6Like(s: string): boolean {
  const colons = s.split(":").length - 1;
  return /[0-9a-f]/i.test(s) && (s.includes("::") || colons >= 5);
}

/**
 * Server text made safe to compare: cut to `maxInput` UTF-16 units (default
 * {@linkcode MAX_INPUT}; a surrogate pair is never split), every control character (C0, DEL,
 * C1, line and paragraph separators, zero-widths, bidi controls) a space, except newlines when
 * `keepNewlines` is set (CR LF and CR become LF), space runs collapsed, each line trimmed, at most
 * one blank line in a row.
 *
 * @example
 * ```ts
 * cleanText("a\u0000\tb  \u202ec"); // "a b c"
 * ```
 */
export function cleanText(
  text: string,
  options: { keepNewlines?: boolean; maxInput?: number } = {},
): string {
  const max = options.maxInput ?? MAX_INPUT;
  const end = text.length > max && /[\ud800-\udbff]/.test(text[max - 1]) ? max - 1 : max;
  const cut = text.slice(0, end);
  const nl = options.keepNewlines ? cut.replace(/\r\n?/g, "\n") : cut;
  const spaced = nl.replace(options.keepNewlines ? CONTROL_BUT_NEWLINE : CONTROL, " ");
  return spaced.split("\n").map((l) => l.replace(/ {2,}/g, " ").trim()).join("\n")
    .replace(/\n{3,}/g, "\n\n").trim();
}

/** `text` cut to `max` code points (never half a surrogate pair). */
export function clipCodePoints(text: string, max: number): string {
  const cps = Array.from(text);
  return cps.length > max ? cps.slice(0, max).join("") : text;
}

/** Replace bare IPv6 addresses (not clock times) by `<addr>`. */
export function replaceIpv6(text: string): string {
  return text.replace(IPV6_BRACKETED, "<addr>")
    .replace(IPV6_BARE, (m) => (isIpv6Like(m) ? "<addr>" : m));
}
