/**
 * Writes the privacy experiment's two tables into the data folder, checked against their
 * schemas: `privacy_risks.csv` (from {@linkcode riskTable}) and `privacy_recommendations.csv`
 * (from {@linkcode recommendationTable}), so the executive summary reads measured numbers
 * instead of recomputing them. Notebook 05 calls this once, after it has shown both tables.
 *
 * @module
 */
import { writeFileAtomic } from "../data/atomic_write.ts";
import { dataDir } from "../data/paths.ts";
import { tableCsv } from "../data/table_csv.ts";
import { PRIVACY_RECOMMENDATIONS_SCHEMA } from "../data/schemas/privacy_recommendations.ts";
import { PRIVACY_RISKS_SCHEMA } from "../data/schemas/privacy_risks.ts";
import type { RiskRow } from "./risk_table.ts";
import type { RecommendationRow } from "./recommendation_table.ts";

/** Options of {@linkcode writePrivacyTables}. */
export interface WritePrivacyOptions {
  /** The data folder. Default: `dataDir()` (`OBS_DATA_DIR` or `<project>/data`). */
  dir?: string;
}

/** Paths {@linkcode writePrivacyTables} wrote. */
export interface PrivacyTableFiles {
  readonly risks: string;
  readonly recommendations: string;
}

/**
 * Write the risk and recommendation tables.
 *
 * @param risks Rows of `riskTable`.
 * @param recommendations Rows of `recommendationTable`.
 * @param options The data folder.
 * @returns The paths written.
 * @throws {TypeError} When a row does not fit its schema (a risk or verdict outside the closed
 *   set, a value that is not a finite number; the message names the table, row and column).
 * @example
 * ```ts
 * await writePrivacyTables(riskTable(inputs, opts), recommendationTable(inputs, opts));
 * ```
 */
export async function writePrivacyTables(
  risks: readonly RiskRow[],
  recommendations: readonly RecommendationRow[],
  options: WritePrivacyOptions = {},
): Promise<PrivacyTableFiles> {
  const dir = options.dir ?? dataDir();
  const riskCsv = tableCsv(
    risks.map(({ source, ...r }) => ({ ...r, measured_on: source })),
    PRIVACY_RISKS_SCHEMA,
  );
  const recCsv = tableCsv(recommendations.map((r) => ({ ...r })), PRIVACY_RECOMMENDATIONS_SCHEMA);
  const files = {
    risks: `${dir}/${PRIVACY_RISKS_SCHEMA.table}`,
    recommendations: `${dir}/${PRIVACY_RECOMMENDATIONS_SCHEMA.table}`,
  };
  await writeFileAtomic(files.risks, riskCsv);
  await writeFileAtomic(files.recommendations, recCsv);
  return files;
}
