/**
 * The one reader of the privacy experiment's tables for the executive summary (notebook 05
 * writes them, `lib/privacy/write_privacy_tables.ts`): `data/privacy_risks.csv` (risk, measure,
 * value, unit, denominator, where measured, meaning) and, when present,
 * `data/privacy_recommendations.csv` (recommendation, audience, measure, before, after, unit,
 * denominator, cost, verdict), each typed by its schema (`lib/data/schemas/`). When the risk
 * table is absent the summary says the privacy risks were not measured.
 *
 * @module
 */
import { parseCsv } from "../data/read_csv.ts";
import { PRIVACY_RISKS_SCHEMA } from "../data/schemas/privacy_risks.ts";
import { PRIVACY_RECOMMENDATIONS_SCHEMA } from "../data/schemas/privacy_recommendations.ts";
import type { RecommendationRow } from "../privacy/recommendation_table.ts";
import { pathExists } from "../records/path_exists.ts";

/** One measure of a privacy risk. */
export interface PrivacyRisk {
  risk: string;
  measure: string;
  value: number;
  unit: string;
  denominator: string;
  measuredOn: string;
  meaning: string;
}

/** One measure of a recommendation tried: the row `recommendationTable` (lib/privacy/) makes. */
export type PrivacyRecommendation = RecommendationRow;

/** The privacy tables (written by the experiment, no server text). */
export interface PrivacyTables {
  risks: PrivacyRisk[];
  /** Null when the recommendation table is not there. */
  recommendations: PrivacyRecommendation[] | null;
}

/**
 * Parse the text of `privacy_risks.csv` with its schema.
 *
 * @throws {TypeError} If the header is not the schema's or a cell does not fit (from `parseCsv`).
 */
export function parsePrivacyRisks(csv: string): PrivacyRisk[] {
  return parseCsv(csv, PRIVACY_RISKS_SCHEMA).map((r) => ({
    risk: String(r.risk),
    measure: String(r.measure),
    value: Number(r.value),
    unit: String(r.unit),
    denominator: String(r.denominator),
    measuredOn: String(r.measured_on),
    meaning: String(r.meaning),
  }));
}

/**
 * Parse the text of `privacy_recommendations.csv` with its schema.
 *
 * @throws {TypeError} If the header is not the schema's or a cell does not fit (from `parseCsv`).
 */
export function parsePrivacyRecommendations(csv: string): PrivacyRecommendation[] {
  return parseCsv(csv, PRIVACY_RECOMMENDATIONS_SCHEMA).map((r) => ({
    recommendation: String(r.recommendation),
    audience: r.audience as PrivacyRecommendation["audience"],
    measure: String(r.measure),
    before: Number(r.before),
    after: Number(r.after),
    unit: String(r.unit),
    denominator: String(r.denominator),
    cost: String(r.cost),
    verdict: r.verdict as PrivacyRecommendation["verdict"],
  }));
}

async function maybeRead(path: string): Promise<string | null> {
  return await pathExists(path) ? await Deno.readTextFile(path) : null;
}

/**
 * Read the privacy tables from `dir`, or null when the risk table is not there.
 *
 * @param dir The data folder.
 * @throws {TypeError} When a table does not fit its schema.
 * @example
 * ```ts
 * (await readPrivacy("data"))?.risks[0].denominator; // "44 addresses of the history wallet (used and gap window)"
 * ```
 */
export async function readPrivacy(dir: string): Promise<PrivacyTables | null> {
  const risks = await maybeRead(`${dir}/${PRIVACY_RISKS_SCHEMA.table}`);
  if (risks === null) return null;
  const recs = await maybeRead(`${dir}/${PRIVACY_RECOMMENDATIONS_SCHEMA.table}`);
  return {
    risks: parsePrivacyRisks(risks),
    recommendations: recs === null ? null : parsePrivacyRecommendations(recs),
  };
}
