/**
 * Section 2 of the executive summary, behavioural clusters: clusters, operator groups, modified
 * implementations and the top outliers with their explanations, from `clusters.csv`; each number
 * with its denominator and a link to notebook 03.
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import { countOf, NOTEBOOKS, shownIn, text } from "./markdown.ts";

const NB = NOTEBOOKS.clusters;

/** How many outliers the summary quotes. */
export const OUTLIERS_QUOTED = 3;

/**
 * The clusters' bullet points (Markdown); one line saying it was not measured when `rows` is null.
 *
 * @param rows Rows of `clusters.csv`, or null when absent.
 */
export function clusterBullets(rows: readonly Row[] | null): string[] {
  if (rows === null) {
    return [
      `- Not measured in this run: \`data/clusters.csv\` is not there. ${
        shownIn(NB, "Behavioural clusters")
      }`,
    ];
  }
  const n = rows.length;
  const count = (col: string) => {
    const m = new Map<string, number>();
    for (const r of rows) {
      if (r[col] !== null && r[col] !== "") m.set(String(r[col]), (m.get(String(r[col])) ?? 0) + 1);
    }
    return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  };
  const clusters = count("behaviour_cluster");
  const inClusters = clusters.reduce((a, [, k]) => a + k, 0);
  const groups = count("operator_group");
  const grouped = groups.reduce((a, [, k]) => a + k, 0);
  const out: string[] = [];
  out.push(
    `- **Behavioural clusters:** ${
      countOf(inClusters, n, "servers that answered")
    } fall into ${clusters.length} behavioural clusters${
      clusters[0] ? ` (the largest, ${clusters[0][0]}, holds ${clusters[0][1]})` : ""
    }; ${n - inClusters} are left as noise. ${
      shownIn(NB, "Behavioural clusters", ["cluster_embedding", "cluster_feature_heatmap"])
    }`,
  );
  const largest = groups[0];
  const evidence = largest
    ? rows.find((r) => r.operator_group === largest[0])?.operator_evidence
    : null;
  out.push(
    `- **Operator groups:** ${groups.length} groups link ${
      countOf(grouped, n, "servers")
    } by rare shared identifiers${
      largest
        ? `; the largest, ${largest[0]}, has ${largest[1]} servers (evidence: ${
          text(evidence ?? "")
        })`
        : ""
    }. A group is not an accusation: honest operators run several servers. ${
      shownIn(NB, "Operator groups", ["cluster_similarity"])
    }`,
  );
  const modified = rows.filter((r) => r.modified === true);
  const reasonCounts = new Map<string, number>();
  for (const r of modified) {
    for (const k of String(r.modified_reasons ?? "").split(";").filter(Boolean)) {
      reasonCounts.set(k, (reasonCounts.get(k) ?? 0) + 1);
    }
  }
  const reasons = [...reasonCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  out.push(
    `- **Modified implementations:** ${countOf(modified.length, n, "servers")} are flagged${
      reasons.length
        ? ` (${reasons.slice(0, 3).map(([k, v]) => `${text(k)}: ${v}`).join("; ")})`
        : ""
    }. ${shownIn(NB, "Modified implementations")}`,
  );
  const top = rows.filter((r) => typeof r.outlier_rank === "number")
    .sort((a, b) => Number(a.outlier_rank) - Number(b.outlier_rank)).slice(0, OUTLIERS_QUOTED);
  if (top.length) {
    out.push(
      `- **Outliers**, highest isolation-forest scores of ${n} servers (about 0.5 is ordinary): ${
        shownIn(NB, "Outliers, explained")
      }`,
    );
    for (const r of top) {
      out.push(
        `  - ${text(r.server)}, score ${Number(r.outlier_score).toFixed(3)}: ${
          text(r.explanation)
        }`,
      );
    }
  }
  return out;
}
