/**
 * Section 4 of the executive summary, the six privacy risks of the seed: for each, every measure
 * of the privacy experiment's risk table with its value, unit and denominator, where it was
 * measured and what it means, linked to the notebook 05 section and figure that show it; the
 * whole section says it was not measured when the table is absent.
 *
 * @module
 */
import type { PrivacyRisk, PrivacyTables } from "./read_privacy.ts";
import { NOTEBOOKS, pct, shownIn, text } from "./markdown.ts";

const NB = NOTEBOOKS.privacy;

/** The six risks of the seed: the name the summary gives, the table's `risk`, and where it is shown. */
export const PRIVACY_RISKS: readonly {
  name: string;
  risk: string;
  section: string;
  figures: readonly string[];
}[] = [
  {
    name: "xpub leakage",
    risk: "xpub leakage",
    section: "The real wallet: what each server learned",
    figures: ["privacy_failover_timeline"],
  },
  {
    name: "address correlation",
    risk: "address correlation",
    section: "The six risks",
    figures: [],
  },
  { name: "timing leaks", risk: "timing leaks", section: "The six risks", figures: [] },
  {
    name: "IP-based deanonymization",
    risk: "IP deanonymization",
    section: "Exposure to operator groups and providers",
    figures: ["privacy_exposure_operators", "privacy_exposure_providers"],
  },
  {
    name: "insufficient client-to-server encryption",
    risk: "plaintext transport",
    section: "The six risks",
    figures: [],
  },
  {
    name: "centralization vulnerabilities",
    risk: "centralization",
    section: "Exposure to operator groups and providers",
    figures: ["privacy_exposure_operators", "privacy_exposure_providers"],
  },
];

const SHARES = new Set(["share"]);
const RATIOS = new Set(["precision", "recall"]);

/** A number as the tables round it (at most 4 decimals), without trailing zeros. */
export function plain(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 1e4) / 1e4) : "unknown";
}

/**
 * One measured number with its unit and denominator, in words: a share as a percentage of its
 * denominator, a precision or recall over its pairs, anything else as value, unit and what it is
 * measured over.
 *
 * @example
 * ```ts
 * measuredText(0.25, "share", "400 servers"); // "25.0% of 400 servers"
 * measuredText(1476, "ms", "1 wallet opening"); // "1476 ms, over 1 wallet opening"
 * ```
 */
export function measuredText(value: number, unit: string, denominator: string): string {
  if (SHARES.has(unit)) return `${pct(value)} of ${text(denominator)}`;
  if (RATIOS.has(unit)) return `${unit} ${plain(value)} over ${text(denominator)}`;
  return `${plain(value)} ${text(unit)}, over ${text(denominator)}`;
}

/**
 * A measure before and after, with its unit and denominator once: `100.0% -> 0.0% of 10000
 * simulated clients`, `recall 1 -> 0.0074 over ...`, `1 -> 9.411 servers, over ...`.
 *
 * @example
 * ```ts
 * changeText(1, 0, "share", "400 servers"); // "100.0% → 0.0% of 400 servers"
 * ```
 */
export function changeText(
  before: number,
  after: number,
  unit: string,
  denominator: string,
): string {
  if (SHARES.has(unit)) return `${pct(before)} → ${pct(after)} of ${text(denominator)}`;
  if (RATIOS.has(unit)) {
    return `${unit} ${plain(before)} → ${plain(after)} over ${text(denominator)}`;
  }
  return `${plain(before)} → ${plain(after)} ${text(unit)}, over ${text(denominator)}`;
}

function riskLine(r: PrivacyRisk): string {
  return `  - ${text(r.measure)}: **${measuredText(r.value, r.unit, r.denominator)}** (${
    text(r.measuredOn)
  })${r.meaning ? `: ${text(r.meaning)}` : ""}`;
}

/**
 * The privacy bullets (Markdown): one per risk of the seed, each with its measures.
 *
 * @param tables The privacy tables, or null when absent.
 * @param figures Names of the published figures; a figure not among them is not linked.
 *   Default: all linked.
 */
export function privacyBullets(
  tables: PrivacyTables | null,
  figures?: readonly string[],
): string[] {
  if (tables === null) {
    return [
      "- **Not measured in this run:** the privacy experiment's risk table (`data/privacy_risks.csv`, written by notebook 05) is not there. The six risks of the assessment are listed with no value:",
      ...PRIVACY_RISKS.map((r) => `  - ${r.name}: not measured.`),
    ];
  }
  return PRIVACY_RISKS.flatMap((risk) => {
    const rows = tables.risks.filter((r) => r.risk === risk.risk);
    if (!rows.length) return [`- **${risk.name}:** not measured (no row in the risk table).`];
    const figs = risk.figures.filter((f) => !figures || figures.includes(f));
    return [
      `- **${risk.name}** (${rows.length} measures) ${shownIn(NB, risk.section, figs)}:`,
      ...rows.map(riskLine),
    ];
  });
}
