/**
 * The executive summary (`notebooks/00_summary.ipynb`): the seed's outline filled with this
 * scan's measured numbers, each with its denominator and a link to where it is shown.
 *
 * - `load_summary.ts`: reads `data/` (overview tables, `clusters.csv`, and `hss.csv` and the
 *   privacy tables when present) and the published figures.
 * - `read_hss.ts`, `read_privacy.ts`: the one reader each of the suspicion and privacy tables.
 * - `section_*.ts`: one file per section of the seed; `executive_summary.ts` assembles them.
 * - `markdown.ts`: escaping, counts with denominators, links.
 *
 * @example
 * ```ts
 * import { executiveSummary, loadSummaryData } from "./mod.ts";
 * const sections = executiveSummary(await loadSummaryData());
 * ```
 *
 * @module
 */
export * from "./markdown.ts";
export * from "./read_hss.ts";
export * from "./read_privacy.ts";
export * from "./load_summary.ts";
export * from "./section_overview.ts";
export * from "./section_clusters.ts";
export * from "./section_suspicion.ts";
export * from "./section_privacy.ts";
export * from "./section_recommendations.ts";
export * from "./section_deliverables.ts";
export * from "./executive_summary.ts";
// The summary notebook shows the intro and the over-time section with the notebook's display.
export { showMarkdown } from "../notebook/display.ts";
