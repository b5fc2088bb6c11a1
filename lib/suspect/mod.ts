/**
 * The Honeypot Suspicion Score (methodology section 10): indicators as documented rules with
 * evidence (`indicator_specs.ts`, found by `find_indicators.ts` from the tables), combined as a
 * naive-Bayes sum of lab-calibrated log likelihood ratios (`score_servers.ts`, `weights.ts`,
 * `calibrate.ts`) into a score 0-100 with tiers high / medium / benign and group tiers
 * (`derive_hss.ts`, `hss.csv`), a risk feed with its JSON Schema (`risk_feed.ts`), and the
 * evaluation against the lab's reference verdicts given as data (`evaluate_hss.ts`,
 * `reference_verdicts.ts`). Reads tables and `clusters.csv`; never reads the lab.
 *
 * @example
 * ```ts
 * import { deriveHss, readSuspectTables } from "./mod.ts";
 * const tables = await readSuspectTables("data");
 * deriveHss(tables).rows[0]; // the most suspicious server
 * ```
 *
 * @module
 */
export * from "./indicator_specs.ts";
export * from "./suspect_context.ts";
export * from "./find_indicators.ts";
export * from "./score_servers.ts";
export * from "./weights.ts";
export * from "./calibrate.ts";
export * from "./derive_hss.ts";
export * from "./risk_feed.ts";
export * from "./load_suspect_tables.ts";
export * from "./reference_verdicts.ts";
export * from "./evaluate_hss.ts";
export * from "./figure_rows.ts";
export * from "./write_suspicion.ts";
export * from "./leave_one_kind_out.ts";
export * from "./load_suspicion.ts";
export * from "./vantage_of.ts";
