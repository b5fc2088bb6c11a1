/**
 * Banner templates: what an operator wrote in `server.banner`, with what changes from server to
 * server of one operator (numbers, versions, names, host names, addresses, URLs) replaced by
 * placeholders, and whether that template is an implementation's default.
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

/** Options of {@linkcode bannerTemplate}. */
export interface BannerTemplateOptions {
  /** Longest template, in code points. Default: 200. */
  maxLength?: number;
}

/** BIP 14 user agents (`/Satoshi:27.0.0/`, `/Satoshi:25.0.0(x)/Knots:20230807/`). */
const USER_AGENT = /\/(?:[A-Za-z][\w .-]{0,40}:\d[\w.]{0,30}(?:\([^()\n]{0,80}\))?\/){1,4}/g;
/** Host names: two or more labels ending in a letters-only top-level label. */
const HOST_NAME = /\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,24}\b/gi;
/** Versions (`1.19.0`, `v0.10.9`, `2.1.1-rc1`). */
const VERSION = /\bv?\d+(?:\.\d+)+(?:[-+][0-9a-z]+(?:\.[0-9a-z]+)*)?\b/gi;
/** Handles (`@name`, not part of an e-mail address, already replaced). */
const HANDLE = /(^|[\s(])@[\w.]{1,40}/g;
/** A personal or organisation name after the words that introduce one. */
const NAMED =
  /\b([Oo]perated by|[Rr]un by|[Mm]aintained by|[Hh]osted by|[Pp]rovided by|[Bb]rought to you by|[Bb]y|[Oo]perator|[Aa]dmin|[Cc]ontact|[Oo]wner|[Nn]ick(?:name)?)(:? +)([A-Z][\w'-]{0,40}(?: [A-Z][\w'-]{0,40}){0,2})/g;

/**
 * The template of a banner: control characters out (newlines kept), HTML tags `<tag>`, URLs
 * `<url>`, e-mail addresses `<email>`, onion names and IP addresses `<addr>`, BIP 14 user agents
 * `<agent>`, host names `<host>`, Bitcoin addresses `<btc>`, long hex `<hex>`, versions `<v>`,
 * other numbers `<n>`, handles `@<name>`, and a capitalised name after "by", "operated by",
 * "contact:" and the like `<name>`. So two servers of one operator whose banners differ only in
 * their host name, version and uptime share the template.
 *
 * @param banner The banner as recorded (`servers.csv` `banner`); `""` stays `""`, null null.
 * @returns The template, at most `maxLength` code points.
 * @example
 * ```ts
 * bannerTemplate("Welcome to electrum3.example.org (ElectrumX 1.19.0), run by Alice. Uptime 12 days");
 * // "Welcome to <host> (ElectrumX <v>), run by <name>. Uptime <n> days"
 * ```
 */
export function bannerTemplate(
  banner: string | null,
  options: BannerTemplateOptions = {},
): string | null {
  if (banner === null) return null;
  const t = cleanText(banner, { keepNewlines: true })
    .replace(HTML_TAG, "<tag>")
    .replace(URL, "<url>")
    .replace(EMAIL, "<email>")
    .replace(ONION, "<addr>")
    .replace(USER_AGENT, "<agent>")
    .replace(IPV4, "<addr>")
    .replace(/\S+/g, (w) => (w.includes(":") ? replaceIpv6(w) : w))
    .replace(HOST_NAME, "<host>")
    .replace(BTC_ADDRESS, "<btc>")
    .replace(LONG_HEX, "<hex>")
    .replace(VERSION, "<v>")
    .replace(NUMBER, "<n>")
    .replace(HANDLE, "$1@<name>")
    .replace(NAMED, "$1$2<name>");
  return clipCodePoints(t, options.maxLength ?? 200);
}

/**
 * Templates of the banners implementations ship by default (what an operator who wrote no banner
 * shows). ElectrumX's `You are connected to an ElectrumX $VERSION server.`, Fulcrum's, electrs's
 * and esplora's one-liners, and Electrum Personal Server's status banner (its first line).
 */
const DEFAULT_TEMPLATES: readonly RegExp[] = [
  /^You are connected to an? [\w-]+ <v> server\.?$/,
  /^Connected to an? [\w-]+ <v> server\.?$/,
  /^Welcome to electrs(?: <v>)? \(Electrum Rust Server\)!?$/,
  /^Welcome to electrs-esplora(?: <v>)?$/,
  /^Welcome to Electrum Personal Server <v>(?:\n|$)/,
];

/**
 * Whether a banner template is an implementation's default, or the banner is empty.
 *
 * @param template A template from {@linkcode bannerTemplate}; null (unknown) gives null.
 * @example
 * ```ts
 * isDefaultBanner(bannerTemplate("Connected to a Fulcrum 2.1.1 server")); // true
 * ```
 */
export function isDefaultBanner(template: string | null): boolean | null {
  if (template === null) return null;
  return template === "" || DEFAULT_TEMPLATES.some((re) => re.test(template));
}
