/**
 * Schema of `clusters.csv`: one row per server of the feature table, with its behavioural
 * cluster, operator group, modified-implementation verdict, outlier score and explanation
 * (methodology section 9). The producer is `lib/cluster/derive_clusters.ts`.
 *
 * @module
 */
import { defineTable } from "../schema.ts";
import { col, SERVER_REPEATS } from "./column.ts";

/** The schema of `clusters.csv`. */
export const CLUSTERS_SCHEMA = defineTable({
  table: "clusters.csv",
  grain: "one row per server of features.csv",
  producer: "lib/cluster/derive_clusters.ts",
  columns: [
    col("server", "string", "the server's key", { nullable: false, repeats: SERVER_REPEATS }),
    col(
      "behaviour_cluster",
      "string",
      "behavioural cluster, an implementation family (`c1`, `c2`, ... by decreasing size): DBSCAN on the behaviour features but the release ones, under Gower distance; empty for noise",
    ),
    col(
      "behaviour_release",
      "string",
      "release sub-cluster of its behavioural cluster (`c1.1`, `c1.2`, ... by decreasing size): the servers of the cluster with the same values of the release features (protocol range, version-first, padding, `server.features` keys); empty for noise",
    ),
    col(
      "operator_group",
      "string",
      "operator group (`g1`, `g2`, ... by decreasing size): servers linked by rare shared identifiers; empty when in no group",
      { repeats: "also in hss.csv, whose group tiers are read alone" },
    ),
    col(
      "operator_evidence",
      "string",
      "the kept shared identifiers of its group that it holds, `kind (servers holding it, p)`, strongest first (500 characters); for a server in no group that fronts another (serves its certificate from its own address), `fronts <server> (evidence)`; empty otherwise",
    ),
    col(
      "modified",
      "boolean",
      "flagged as a modified implementation (a reason in `modified_reasons`)",
      { nullable: false },
    ),
    col(
      "modified_reasons",
      "list",
      "`claim-family` (claim names another family than the wire inference), `claim-version` (no known build carries the claimed version), `unlike-its-claim` (a behaviour value no other server of the same claim has)",
      { emptyString: true },
    ),
    col(
      "differing_features",
      "list",
      "behaviour features on which it differs from every other server of the same claim",
      { emptyString: true },
    ),
    col(
      "outlier_score",
      "number",
      "isolation-forest score on the encoded behaviour features, (0, 1]; about 0.5 is ordinary, higher is more isolated",
      { nullable: false },
    ),
    col("outlier_rank", "integer", "1 for the highest outlier score", { nullable: false }),
    col(
      "cluster_distance",
      "number",
      "mean Gower distance to the other members of its cluster (to the nearest cluster for noise), 0-1",
    ),
    col(
      "explanation",
      "string",
      "a checkable sentence: the features unusual for its cluster and claim, with counts (server text JSON-quoted and clipped; escape when rendering)",
      { nullable: false },
    ),
  ],
});
