/**
 * Section 6 of the executive summary, the deliverables: each data table with its row count (or
 * "not written by this run"), the figures the seed asks for with links (or "not drawn"), and the
 * documentation.
 *
 * @module
 */
import type { SummaryData } from "./load_summary.ts";
import { figureLink } from "./markdown.ts";

/** The visualisations of the seed and the published figures that are each. */
export const SEED_FIGURES: readonly { name: string; figures: readonly string[] }[] = [
  { name: "Global server map", figures: ["server_map", "server_map_provider_class"] },
  {
    name: "Centralization charts",
    figures: [
      "servers_by_provider",
      "servers_by_asn",
      "servers_by_country",
      "lorenz_concentration",
    ],
  },
  { name: "Clustering heatmaps", figures: ["cluster_feature_heatmap", "cluster_similarity"] },
  {
    name: "Suspicion charts",
    figures: [
      "hss_distribution",
      "hss_tiers_by_provider",
      "hss_tiers_by_implementation",
      "hss_evidence_matrix",
    ],
  },
  {
    name: "Privacy exposure charts",
    figures: [
      "privacy_exposure_operators",
      "privacy_exposure_providers",
      "privacy_recommendations",
      "privacy_restarts",
      "privacy_failover_timeline",
    ],
  },
];

/** The documentation of the seed, with where it is. */
export const SEED_DOCUMENTS: readonly { name: string; where: string }[] = [
  { name: "Full methodology", where: "[methodology.md](../methodology.md)" },
  {
    name: "Threat model",
    where: "[methodology.md](../methodology.md) §7 (servers) and §11.1 (the user)",
  },
  { name: "Honeypot indicators", where: "[methodology.md](../methodology.md) §7.2 and §10" },
  { name: "Executive analysis", where: "this summary (`notebooks/00_summary.ipynb`)" },
];

/**
 * The deliverables (Markdown).
 *
 * @param s The summary's data.
 */
export function deliverableLines(s: SummaryData): string[] {
  const data = s.tables.map((t) =>
    `- \`data/${t.file}\`: ${t.rows === null ? "not written by this run" : `${t.rows} rows`}`
  );
  const have = new Set(s.figures);
  const figures = SEED_FIGURES.map((f) => {
    const present = f.figures.filter((n) => have.has(n));
    return `- ${f.name}: ${
      present.length ? present.map(figureLink).join(", ") : "not drawn by this run"
    }`;
  });
  const docs = SEED_DOCUMENTS.map((d) => `- ${d.name}: ${d.where}`);
  return [
    "**Data** (columns, units and nulls: methodology.md §4)",
    "",
    ...data,
    "",
    "**Visualisations**",
    "",
    ...figures,
    "",
    "**Documentation**",
    "",
    ...docs,
  ];
}
