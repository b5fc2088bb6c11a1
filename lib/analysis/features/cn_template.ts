/**
 * The shape of a certificate's subject CN, for telling a templated fleet (`node-17.fleet.net`,
 * `node-18.fleet.net`) from per-node names and from one operator's naming scheme.
 *
 * @module
 */
import { cleanText, clipCodePoints, IPV4, isIpv6Like } from "./placeholders.ts";

/** Options of {@linkcode cnTemplate}. */
export interface CnTemplateOptions {
  /** Longest template, in code points. Default: 120. */
  maxLength?: number;
}

/**
 * Whether a label looks random (generated, not a word): 16 or more hex digits, or at least 8
 * letters and digits with two or more digit runs (`k3j9x8q2`) or with under a fifth of its
 * letters vowels (`xkcdqrtz`).
 */
function randomLooking(label: string): boolean {
  if (/^[0-9a-f]{16,}$/.test(label)) return true;
  if (label.length < 8 || !/^[a-z0-9]+$/.test(label)) return false;
  const letters = label.replace(/[^a-z]/g, "");
  const vowels = letters.replace(/[^aeiouy]/g, "").length;
  const runs = label.match(/\d+/g)?.length ?? 0;
  return runs >= 2 || (letters.length > 0 && vowels / letters.length < 0.2);
}

/**
 * The template of a subject CN: lowercased, control characters removed; an IP address is `<ip>`,
 * an onion name `<onion>`; per `.`-label, a random-looking label (8 or more characters with two or
 * more digit runs or few vowels, or long hex) is `<rand>` and other digit runs are `<n>`; a leading
 * `*.` is kept. The registrable part stays literal, so one operator's scheme
 * (`electrum<n>.example.org`) shows, and a fleet with per-node random names shares
 * `<rand>.fleet.net` without sharing a numbered template.
 *
 * @param cn The leaf's first subject CN (`tls.csv` `subject_cn`); null or empty gives null.
 * @returns The template, at most `maxLength` code points.
 * @example
 * ```ts
 * cnTemplate("Electrum12.Example.org"); // "electrum<n>.example.org"
 * cnTemplate("k3j9x8q2.fleet.net"); // "<rand>.fleet.net"
 * ```
 */
export function cnTemplate(cn: string | null, options: CnTemplateOptions = {}): string | null {
  if (cn === null) return null;
  const s = cleanText(cn, { maxInput: 500 }).replace(/\s+/g, "").toLowerCase();
  if (!s) return null;
  const max = options.maxLength ?? 120;
  const bare = s.replace(/^\[|\]$/g, "");
  if (new RegExp(`^${IPV4.source}$`).test(bare) || (bare.includes(":") && isIpv6Like(bare))) {
    return "<ip>";
  }
  if (/^(?:[a-z2-7]{16}|[a-z2-7]{56})\.onion$/.test(s)) return "<onion>";
  const labels = s.split(".").map((l) =>
    l === "*" ? l : randomLooking(l) ? "<rand>" : l.replace(/\d+/g, "<n>")
  );
  return clipCodePoints(labels.join("."), max);
}
