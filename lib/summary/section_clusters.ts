/**
 * Section 2 of the executive summary, behavioural clusters: clusters, operator groups, modified
 * implementations and the top outliers with their explanations, from `clusters.csv`; each number
 * with its denominator and a link to notebook 03.
 *
 * @module
 */
import type { Row } from "../data/read_csv.ts";
import { type ShareRow, shareTable } from "../analysis/centralization.ts";
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
  // Servers per cluster (per group), largest first; servers in none are left out.
  const known = (col: string) => shareTable(rows, col).filter((g) => g.key !== null);
  const total = (gs: readonly ShareRow[]) => gs.reduce((a, g) => a + g.count, 0);
  const clusters = known("behaviour_cluster");
  const inClusters = total(clusters);
  const groups = known("operator_group");
  const grouped = total(groups);
  const out: string[] = [];
  out.push(
    `- **Behavioural clusters:** ${
      countOf(inClusters, n, "servers that answered")
    } fall into ${clusters.length} behavioural clusters${
      clusters[0] ? ` (the largest, ${clusters[0].label}, holds ${clusters[0].count})` : ""
    }; ${n - inClusters} are left as noise. ${
      shownIn(NB, "Behavioural clusters", ["cluster_embedding", "cluster_feature_heatmap"])
    }`,
  );
  const largest = groups[0];
  const evidence = largest
    ? rows.find((r) => r.operator_group === largest.key)?.operator_evidence
    : null;
  out.push(
    `- **Operator groups:** ${groups.length} groups link ${
      countOf(grouped, n, "servers")
    } by rare shared identifiers${
      largest
        ? `; the largest, ${largest.label}, has ${largest.count} servers (evidence: ${
          text(evidence ?? "")
        })`
        : ""
    }. A group is not an accusation: honest operators run several servers. ${
      shownIn(NB, "Operator groups", ["cluster_similarity"])
    }`,
  );
  const modified = rows.filter((r) => r.modified === true);
  const reasons = shareTable(
    modified.flatMap((r) => String(r.modified_reasons ?? "").split(";").filter(Boolean)),
    (k) => k,
  );
  out.push(
    `- **Modified implementations:** ${countOf(modified.length, n, "servers")} are flagged${
      reasons.length
        ? ` (${reasons.slice(0, 3).map((g) => `${text(g.label)}: ${g.count}`).join("; ")})`
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
