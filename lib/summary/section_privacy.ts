/**
 * Section 4 of the executive summary, the six privacy risks of the seed, each with its measured
 * value from the privacy experiment's risk table, or a plain "not measured" (the whole section
 * says so when the table is absent).
 *
 * @module
 */
import type { PrivacyTables } from "./read_privacy.ts";
import { NOTEBOOKS, shownIn, text } from "./markdown.ts";

const NB = NOTEBOOKS.privacy;

/** The six risks of the seed, with the words that find each in the risk table's `risk` column. */
export const PRIVACY_RISKS: readonly { name: string; match: RegExp }[] = [
  { name: "xpub leakage", match: /xpub/i },
  { name: "address correlation", match: /correlat|link/i },
  { name: "timing leaks", match: /timing/i },
  { name: "IP-based deanonymization", match: /\bip\b|deanonym/i },
  { name: "insufficient client-to-server encryption", match: /encrypt|plaintext|tls/i },
  { name: "centralization vulnerabilities", match: /centrali/i },
];

/** The first cell of `row` among `keys` that is not empty. */
export function pick(row: Record<string, string>, keys: readonly string[]): string {
  for (const k of keys) if (row[k]) return row[k];
  return "";
}

/**
 * The privacy bullets (Markdown): one per risk of the seed.
 *
 * @param tables The privacy tables, or null when absent.
 */
export function privacyBullets(tables: PrivacyTables | null): string[] {
  if (tables === null) {
    return [
      "- **Not measured in this run:** the privacy experiment's risk table (`data/privacy_risks.csv`, written by notebook 05) is not there. The six risks of the assessment are listed with no value:",
      ...PRIVACY_RISKS.map((r) => `  - ${r.name}: not measured.`),
    ];
  }
  return PRIVACY_RISKS.map((risk) => {
    const row = tables.risks.find((r) => risk.match.test(pick(r, ["risk", "name"])));
    if (!row) return `- **${risk.name}:** not measured (no row in the risk table).`;
    const value = pick(row, ["value", "measured"]);
    const measure = pick(row, ["measure", "metric"]);
    const meaning = pick(row, ["what_it_means", "meaning"]);
    return `- **${risk.name}:** ${text(value)}${measure ? ` (${text(measure)})` : ""}${
      meaning ? `: ${text(meaning)}` : ""
    } ${shownIn(NB, "Risks")}`;
  });
}
