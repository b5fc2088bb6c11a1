/**
 * Schema of `privacy_recommendations.csv`: each usual privacy recommendation tried, one row per
 * measure, with the measure before and after, its unit and denominator, the cost and the verdict
 * computed from the numbers (methodology section 11.4). The producer is
 * `lib/privacy/write_privacy_tables.ts` (notebook 05), from `recommendationTable`.
 *
 * @module
 */
import { defineTable } from "../schema.ts";
import { col } from "./column.ts";

const BOTH =
  "the same meaning in privacy_risks.csv and privacy_recommendations.csv, the two tables of notebook 05";

/** The schema of `privacy_recommendations.csv`. */
export const PRIVACY_RECOMMENDATIONS_SCHEMA = defineTable({
  table: "privacy_recommendations.csv",
  grain: "one row per measure of a recommendation tried, in the order notebook 05 shows them",
  producer: "lib/privacy/write_privacy_tables.ts",
  columns: [
    col("recommendation", "string", "the recommendation, as a user or developer would read it", {
      nullable: false,
    }),
    col("audience", "enum", "whom it is for", {
      nullable: false,
      values: ["users", "developers"],
    }),
    col("measure", "string", "what is measured before and after, in words", {
      nullable: false,
      repeats: BOTH,
    }),
    col(
      "before",
      "number",
      "the measure for the default client (Electrum 4.3.4), in `unit`, over `denominator` (rounded to 4 decimals)",
      { nullable: false },
    ),
    col(
      "after",
      "number",
      "the measure with the recommendation followed, in `unit`, over `denominator` (rounded to 4 decimals)",
      { nullable: false },
    ),
    col(
      "unit",
      "string",
      "the unit of before and after: `share` (0-1 of the denominator), `precision` or `recall` (0-1, pairwise over the denominator's pairs), or what is counted (`servers`)",
      { nullable: false, repeats: BOTH },
    ),
    col(
      "denominator",
      "string",
      "what before and after are out of or measured over, with its size (`10000 simulated clients`)",
      { nullable: false, repeats: BOTH },
    ),
    col("cost", "string", "what following it costs (`-` when nothing measured)", {
      nullable: false,
    }),
    col(
      "verdict",
      "enum",
      "computed from before and after: `helps` (privacy measure falls, or a detection count rises), `no effect` (equal at 4 decimals), `backfires` (the other way), `cost` (the row measures the price, not the protection)",
      { nullable: false, values: ["helps", "no effect", "backfires", "cost"] },
    ),
  ],
});
