/**
 * Map an autonomous system to a provider name and a network class: the curated
 * {@linkcode PROVIDERS} table first, then a coarse heuristic on the organisation name.
 *
 * @module
 */
import { type ProviderClass, PROVIDERS } from "./providers.ts";

/** Result of {@linkcode classifyProvider}. */
export interface ProviderClassification {
  /**
   * Provider name for grouping: the table's name, else the AS organisation name, else
   * `AS<number>`; null only when neither an ASN nor an organisation is known.
   */
  provider: string | null;
  /** Network class; null only when neither an ASN nor an organisation is known. */
  provider_class: ProviderClass | null;
  /** What decided: the curated table, the organisation-name heuristic, or nothing ("other"). */
  matched: "table" | "org-name" | "none";
}

// Checked in order; the first pattern that matches the organisation name decides. Words that
// hosting firms and ISPs share ("communications", "network", "internet") decide nothing.
const ORG_RULES: [RegExp, ProviderClass][] = [
  [
    /\b(universit|college|school|institut|academ|research|educat|government|ministry|department of|bank)/i,
    "other",
  ],
  [
    /(cloud|hosting|\bhost|server|data ?cent(er|re)|datacenter|\bcolo|vps|dedicated|\bidc\b|compute)/i,
    "hosting",
  ],
  [
    /(telecom|telekom|telecomunica|telecommunica|telefon|broadband|cable|\bkabel|fib(er|re)|wireless|mobile|cellular|\bdsl|\bisp\b|internet service provider|vodafone|orange|comcast|charter|verizon|at&t|telenor|telia|swisscom)/i,
    "residential",
  ],
];

/**
 * Classify an autonomous system. The curated {@linkcode PROVIDERS} table wins; otherwise the
 * organisation name is matched against keyword rules (hosting words such as "hosting",
 * "server", "data center", "cloud" give `hosting`, never `cloud`, which is reserved for the
 * curated platforms; access-ISP words such as "telecom", "broadband", "cable", "fiber",
 * "mobile" give `residential`; universities and agencies give `other`); anything else is
 * `other`.
 *
 * @param asn Autonomous system number, or null if unknown.
 * @param asOrg Organisation name from the ASN database, or null.
 * @returns Provider name, class and what decided them.
 * @throws {TypeError} If `asn` is not null and not a non-negative integer.
 * @example
 * ```ts
 * classifyProvider(24940, "Hetzner Online GmbH");
 * // { provider: "Hetzner", provider_class: "hosting", matched: "table" }
 * classifyProvider(64496, "Example Hosting Ltd");
 * // { provider: "Example Hosting Ltd", provider_class: "hosting", matched: "org-name" }
 * ```
 */
export function classifyProvider(asn: number | null, asOrg: string | null): ProviderClassification {
  if (asn !== null && (!Number.isInteger(asn) || asn < 0 || asn > 0xffff_ffff)) {
    throw new TypeError(
      `classifyProvider: asn must be an integer in 0..4294967295 or null, got ${asn}`,
    );
  }
  const org = typeof asOrg === "string" && asOrg.trim() !== "" ? asOrg.trim() : null;
  if (asn !== null) {
    const row = Object.hasOwn(PROVIDERS, asn) ? PROVIDERS[asn] : undefined;
    if (row) return { provider: row.provider, provider_class: row.class, matched: "table" };
  }
  if (asn === null && org === null) {
    return { provider: null, provider_class: null, matched: "none" };
  }
  const provider = org ?? `AS${asn}`;
  if (org !== null) {
    for (const [re, cls] of ORG_RULES) {
      if (re.test(org)) return { provider, provider_class: cls, matched: "org-name" };
    }
  }
  return { provider, provider_class: "other", matched: "none" };
}
