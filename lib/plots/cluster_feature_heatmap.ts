/**
 * Chart: behavioural clusters x behaviour features, shape `(rows, options) -> figure`. Each
 * cell's colour is the share of the cluster holding its most common value; the value is written
 * in the cell; a dot marks a value rare outside the cluster (it sets the cluster apart).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { clipLabel } from "./clip_label.ts";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";

/** One cell (the shape `clusterProfile` of `lib/cluster/` gives). */
export interface ClusterFeatureHeatmapRow {
  readonly cluster: string;
  readonly size: number;
  readonly feature: string;
  /** The cluster's most common value (server text; escaped by Plot). */
  readonly value: string;
  /** Share of the cluster holding it, 0-1. */
  readonly share: number;
  /** Share of other servers holding it, 0-1. */
  readonly elsewhere: number;
}

/** Options of {@linkcode clusterFeatureHeatmap}. */
export interface ClusterFeatureHeatmapOptions extends FigureOptions {
  /** Characters of a value written in a cell. Default: 10. */
  maxValue?: number;
  /** A value held by at most this share of the other servers gets a dot. Default: 0.1. */
  rareElsewhere?: number;
  /** Width, pixels. Default: 80 per cluster + 240, at least 480. */
  width?: number;
}

/**
 * Draw the cluster x feature heatmap.
 *
 * @param rows One row per (cluster, feature).
 * @param options See {@linkcode ClusterFeatureHeatmapOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * clusterFeatureHeatmap(clusterProfile(rows, specs, labels), { title: "Behaviour by cluster" });
 * ```
 */
export function clusterFeatureHeatmap(
  rows: readonly ClusterFeatureHeatmapRow[],
  options: ClusterFeatureHeatmapOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const maxValue = options.maxValue ?? 10;
  const rare = options.rareElsewhere ?? 0.1;
  const clusters = [...new Set(rows.map((r) => r.cluster))];
  const features = [...new Set(rows.map((r) => r.feature))];
  const size = new Map(rows.map((r) => [r.cluster, r.size]));
  const label = (c: string) => `${c} (${size.get(c)})`;
  const data = rows.map((r) => ({
    x: label(r.cluster),
    y: r.feature,
    share: r.share * 100,
    text: clipLabel(r.value, maxValue),
    distinct: r.elsewhere <= rare,
  }));
  const chart = Plot.plot({
    document,
    width: options.width ?? Math.max(480, 80 * clusters.length + 240),
    height: 40 + 22 * features.length,
    marginLeft: 200,
    marginTop: 30,
    x: { domain: clusters.map(label), axis: "top", label: "behavioural cluster (servers)" },
    y: { domain: features, label: null },
    color: { type: "linear", domain: [0, 100], scheme: "blues", label: "% of cluster" },
    marks: [
      Plot.cell(data, { x: "x", y: "y", fill: "share", inset: 0.5 }),
      Plot.text(data, {
        x: "x",
        y: "y",
        text: "text",
        fontSize: 9,
        fill: (d) => (d.share > 60 ? "white" : "black"),
      }),
      Plot.dot(data.filter((d) => d.distinct), {
        x: "x",
        y: "y",
        r: 2.5,
        fill: "#e15759",
        dx: 34,
        dy: -5,
      }),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note:
      "Cell: the cluster's most common value of the feature; colour: the share of the cluster " +
      `holding it; red dot: held by at most ${Math.round(rare * 100)}% of the other servers.`,
  });
}
