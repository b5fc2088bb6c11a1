/**
 * Schema of `hss.csv`: one row per server of the feature table with its Honeypot Suspicion
 * Score, tier, indicators and top evidence, operator group and the group's tier (methodology
 * section 10). The producer is `lib/suspect/derive_hss.ts`.
 *
 * @module
 */
import { defineTable } from "../schema.ts";
import { col, SERVER_REPEATS } from "./column.ts";

/** The schema of `hss.csv`. */
export const HSS_SCHEMA = defineTable({
  table: "hss.csv",
  grain: "one row per server of features.csv, highest score first",
  producer: "lib/suspect/derive_hss.ts",
  columns: [
    col("server", "string", "the server's key", { nullable: false, repeats: SERVER_REPEATS }),
    col(
      "hss",
      "number",
      "Honeypot Suspicion Score, 0-100: 100 x the posterior probability of an adversary from a prior of 0.1 and the weights of the indicator families hit (section 10)",
      { nullable: false },
    ),
    col("tier", "enum", "`high` (hss >= 90), `medium` (>= 50) or `benign`", {
      nullable: false,
      values: ["high", "medium", "benign"],
    }),
    col(
      "indicators",
      "list",
      "the indicators hit that carry weight, heaviest first (names of section 10)",
      { emptyString: true },
    ),
    col(
      "top_evidence",
      "string",
      "the three heaviest hits in plain words (server text JSON-quoted and clipped; escape when rendering)",
      { nullable: false },
    ),
    col(
      "operator_group",
      "string",
      "operator group; empty when in no group",
      {
        repeats: "same value as clusters.csv's, so the group view and the feed read hss.csv alone",
      },
    ),
    col(
      "group_tier",
      "enum",
      "the group's tier: `high` when half or more of its members are high, `medium` when any is medium or high, else `benign` (a benign cluster); empty when in no group",
      { values: ["high", "medium", "benign"] },
    ),
  ],
});
