/**
 * Analysis over derived tables: pure functions from rows to summaries, and the one `median`
 * (observer layer above `data/` and `geo/`; `tables/`, `plots/` and the notebooks use it).
 *
 * - `centralization.ts`: share tables, Herfindahl-Hirschman index, fewest groups holding
 *   half, Lorenz curve, Gini coefficient, and the Electrum client's /16 and /48 buckets.
 * - `software.ts`: claimed software strings into family and version.
 * - `server_population.ts`: one row per server, joining `servers.csv` and `geo.csv`.
 * - `overview.ts`: reachable servers by transport, place, provider, ASN, software, protocol,
 *   tip lag; TLS adoption.
 * - `concentration.ts`: share, HHI and fewest groups for half, per ASN, provider, country,
 *   implementation and Electrum bucket.
 * - `certificate_reuse.ts` (with `subject_fields.ts`): shared certificates and keys across
 *   distinct hosts, name templates, issuance bursts, contradicting Subjects, practices, keys.
 * - `issuance_runs.ts`: certificates chained by notBefore gaps (the bursts' mechanism, shared
 *   with the suspicion score's issuance indicators).
 * - `run_label.ts`: the honest label of a run (lab or live) for titles and captions.
 * - `load_overview.ts`: reads the overview's inputs from `data/`.
 * - `frame.ts`, `rows_where.ts`, `group_summary.ts`, `describe_frame.ts`: typed danfo DataFrames from schema-read
 *   rows, group summaries and `describe` that skip unknown values.
 * - `features/`: the per-server feature table (`features.csv`) for clustering and operator
 *   grouping, its normalisers (error wording, banner template, certificate CN shape) and
 *   `featuresFrame`.
 *
 * @example
 * ```ts
 * import { hhi, shareTable } from "./mod.ts";
 * const t = shareTable([{ provider: "Hetzner" }, { provider: null }], "provider");
 * hhi(t).hhi; // 5000
 * ```
 *
 * @module
 */
export * from "./centralization.ts";
export * from "./software.ts";
export * from "./server_population.ts";
export * from "./overview.ts";
export * from "./concentration.ts";
export * from "./certificate_reuse.ts";
export * from "./issuance_runs.ts";
export * from "./subject_fields.ts";
export * from "./run_label.ts";
export * from "./load_overview.ts";
export * from "./display_rows.ts";
export * from "./overview_findings.ts";
export * from "./frame.ts";
export * from "./group_summary.ts";
export * from "./describe_frame.ts";
export * from "./rows_where.ts";
export * from "./features/mod.ts";
