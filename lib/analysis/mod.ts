/**
 * Analysis over derived tables: pure functions from rows to summaries.
 *
 * - `centralization.ts`: share tables, Herfindahl-Hirschman index, fewest groups holding
 *   half, Lorenz curve, Gini coefficient, and the Electrum client's /16 and /48 buckets.
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
