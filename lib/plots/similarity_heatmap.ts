/**
 * Chart: server x server behavioural similarity in dendrogram order, shape
 * `(rows, options) -> figure`. Servers are averaged into consecutive blocks along the order (a
 * 1,000-server population would otherwise need a million cells); a band on the left names each
 * block's most common cluster.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { PALETTE } from "./legend_marks.ts";

/** One block (the shape `similarityBlocks` of `lib/cluster/` gives). */
export interface SimilarityHeatmapRow {
  readonly x: number;
  readonly y: number;
  /** Mean similarity, 0-1. */
  readonly similarity: number;
}

/** Options of {@linkcode similarityHeatmap}. */
export interface SimilarityHeatmapOptions extends FigureOptions {
  /** Per block, its most common cluster (drawn as a band). Default: no band. */
  blockCluster?: readonly string[];
  /** Servers in the figure (for the caption). Default: not said. */
  servers?: number;
  /** Side, pixels. Default: 560. */
  size?: number;
}

/**
 * Draw the similarity heatmap.
 *
 * @param rows One row per block pair.
 * @param options See {@linkcode SimilarityHeatmapOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * const s = similarityBlocks(b.distances, b.labels);
 * similarityHeatmap(s.cells, { blockCluster: s.blockCluster, servers: rows.length });
 * ```
 */
export function similarityHeatmap(
  rows: readonly SimilarityHeatmapRow[],
  options: SimilarityHeatmapOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const blocks = rows.reduce((m, r) => Math.max(m, r.x + 1, r.y + 1), 0);
  const side = options.size ?? 560;
  const band = options.blockCluster ?? [];
  const clusters = [...new Set(band)].sort();
  const bandData = band.map((c, y) => ({ y, c }));
  const chart = Plot.plot({
    document,
    width: side + 90,
    height: side + 40,
    marginLeft: 70,
    marginBottom: 30,
    x: { domain: [0, blocks], axis: null },
    y: { domain: [0, blocks], axis: null, reverse: true },
    color: { type: "linear", domain: [0, 1], scheme: "viridis", label: "similarity (1 - Gower)" },
    marks: [
      Plot.rect(rows, {
        x1: "x",
        x2: (d) => d.x + 1,
        y1: "y",
        y2: (d) => d.y + 1,
        fill: "similarity",
        shapeRendering: "crispEdges",
      }),
      ...(band.length
        ? [
          Plot.rect(bandData, {
            x1: -blocks * 0.06,
            x2: -blocks * 0.02,
            y1: "y",
            y2: (d) => d.y + 1,
            fill: (d) => PALETTE[clusters.indexOf(d.c) % PALETTE.length],
            clip: false,
          }),
          Plot.text(
            bandData.filter((d, k) => k === 0 || band[k - 1] !== d.c),
            {
              x: -blocks * 0.07,
              y: (d) => d.y + 0.5,
              text: "c",
              textAnchor: "end",
              fontSize: 9,
              clip: false,
            },
          ),
        ]
        : []),
    ],
  }) as unknown as Element;
  const n = options.servers === undefined ? "" : `${options.servers} servers in `;
  return frameFigure(chart, {
    ...options,
    document,
    note:
      `${n}${blocks} blocks per side along the dendrogram (average linkage) of Gower distances ` +
      "on the behaviour features; each cell is the mean similarity of its servers; the band " +
      "names each block's most common behavioural cluster.",
  });
}
