/**
 * Figures with Observable Plot, each a chart helper shaped `(rows, options) -> figure` that
 * takes a `document` (a headless linkedom one by default), renders its title and caption into
 * the SVG itself, and exports as SVG and PNG (observer layer above `analysis/` and `data/`; it
 * never imports `notebook/`, which sits above it).
 *
 * - `server_map.ts`: the global server map (world-atlas outlines, dots sized by count).
 * - `share_bars.ts`: largest groups with share and cumulative share.
 * - `lorenz_chart.ts`: Lorenz curves per grouping.
 * - `certificate_reuse_chart.ts`: certificate and key reuse, templates, bursts.
 * - `issuance_timeline.ts`: certificates by week of notBefore, bursts coloured apart.
 * - `servers_by_implementation.ts`: servers by claimed implementation.
 * - `cluster_feature_heatmap.ts`, `similarity_heatmap.ts`, `embedding_scatter.ts`: behavioural
 *   clusters x features, server x server similarity in dendrogram order, the 2-D embedding
 *   coloured by cluster (their rows come from `lib/cluster/figure_data.ts`).
 * - `exposure_bars.ts`, `before_after_chart.ts`, `request_timeline.ts`, `sessions_chart.ts`: the
 *   privacy experiment's exposure per group, recommendations before and after, what each server
 *   received from a real wallet over time, and whole-wallet exposure over restarts (rows from
 *   `lib/privacy/`).
 * - `hss_distribution.ts`, `tier_bars.ts`, `evidence_heatmap.ts`, `evaluation_curve.ts`: the
 *   suspicion score by tier, tiers by provider or implementation, the server x indicator
 *   evidence matrix, precision-recall and ROC curves (rows from `lib/suspect/figure_rows.ts`).
 * - `frame_figure.ts`, `legend_marks.ts`, `clip_label.ts`: titles, captions, legends and
 *   clipped labels inside the SVG.
 * - `export_figure.ts`: SVG and PNG files (resvg, DejaVu fonts). Publishing a figure into a
 *   notebook cell is `lib/notebook/publish_figure.ts` (the notebook layer sits above plots).
 *
 * @example
 * ```ts
 * import { serverMap } from "./mod.ts";
 * const figure = serverMap(rows, { title: "Servers — LAB RUN (simulated network)" });
 * ```
 *
 * @module
 */
export * from "./document.ts";
export * from "./world.ts";
export * from "./frame_figure.ts";
export * from "./legend_marks.ts";
export * from "./clip_label.ts";
export * from "./server_map.ts";
export * from "./share_bars.ts";
export * from "./lorenz_chart.ts";
export * from "./certificate_reuse_chart.ts";
export * from "./issuance_timeline.ts";
export * from "./servers_by_implementation.ts";
export * from "./cluster_feature_heatmap.ts";
export * from "./similarity_heatmap.ts";
export * from "./embedding_scatter.ts";
export * from "./tier_colours.ts";
export * from "./hss_distribution.ts";
export * from "./tier_bars.ts";
export * from "./evidence_heatmap.ts";
export * from "./evaluation_curve.ts";
export * from "./export_figure.ts";
export * from "./exposure_bars.ts";
export * from "./before_after_chart.ts";
export * from "./request_timeline.ts";
export * from "./sessions_chart.ts";
