/**
 * Schema of `privacy_risks.csv`: the six privacy risks of a light-wallet user, one row per
 * measure, each with its value, unit and denominator (methodology section 11.4). The producer is
 * `lib/privacy/write_privacy_tables.ts` (notebook 05), from `riskTable`.
 *
 * @module
 */
import { defineTable } from "../schema.ts";
import { col } from "./column.ts";

const BOTH =
  "the same meaning in privacy_risks.csv and privacy_recommendations.csv, the two tables of notebook 05";

/** The schema of `privacy_risks.csv`. */
export const PRIVACY_RISKS_SCHEMA = defineTable({
  table: "privacy_risks.csv",
  grain: "one row per measure of a privacy risk, in the order notebook 05 shows them",
  producer: "lib/privacy/write_privacy_tables.ts",
  columns: [
    col("risk", "enum", "the risk of the assessment this measure belongs to", {
      nullable: false,
      values: [
        "xpub leakage",
        "address correlation",
        "timing leaks",
        "IP deanonymization",
        "plaintext transport",
        "centralization",
      ],
    }),
    col("measure", "string", "what is measured, in words", { nullable: false, repeats: BOTH }),
    col(
      "value",
      "number",
      "the measured value, in `unit`, out of or over `denominator` (rounded to 4 decimals)",
      { nullable: false },
    ),
    col(
      "unit",
      "string",
      "the value's unit: `share` (0-1 of the denominator), `precision` or `recall` (0-1, pairwise over the denominator's pairs), `ms`, or what is counted (`servers`, `addresses`, `requests`, `clients`)",
      { nullable: false, repeats: BOTH },
    ),
    col(
      "denominator",
      "string",
      "what the value is out of (a share) or measured over (a count, a time), with its size (`395 reachable servers`, `10000 simulated clients`, `1 payment (broadcast scenario)`)",
      { nullable: false, repeats: BOTH },
    ),
    col(
      "measured_on",
      "enum",
      "where the number comes from: the real wallet's transcripts, the client model over this scan, the scan itself, or the client's source",
      {
        nullable: false,
        values: ["real wallet", "client model", "scan", "client source"],
      },
    ),
    col("meaning", "string", "what the number means for the user", { nullable: false }),
  ],
});
