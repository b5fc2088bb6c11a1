/**
 * Chart: the evidence matrix, server x indicator, each cell the hit's weight; shape
 * `(rows, options) -> figure`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { clipLabel } from "./clip_label.ts";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";

/** One hit. */
export interface EvidenceCell {
  readonly server: string;
  readonly indicator: string;
  /** The hit's weight (log likelihood ratio). */
  readonly weight: number;
}

/** Options of {@linkcode evidenceHeatmap}. */
export interface EvidenceHeatmapOptions extends FigureOptions {
  /** Server order, top to bottom (e.g. by score). Default: first appearance. */
  servers?: readonly string[];
  /** Indicator order, left to right. Default: first appearance. */
  indicators?: readonly string[];
  /** Longest server label, characters (server text). Default: 30. */
  maxLabel?: number;
}

/**
 * Draw the evidence matrix.
 *
 * @param rows One row per (server, indicator) hit.
 * @param options See {@linkcode EvidenceHeatmapOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * evidenceHeatmap(cells, { servers: ranked.map((r) => r.server) });
 * ```
 */
export function evidenceHeatmap(
  rows: readonly EvidenceCell[],
  options: EvidenceHeatmapOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const maxLabel = options.maxLabel ?? 30;
  const servers = options.servers ?? [...new Set(rows.map((r) => r.server))];
  const indicators = options.indicators ?? [...new Set(rows.map((r) => r.indicator))];
  const clip = (s: string) => clipLabel(s, maxLabel);
  const shown = new Set(servers);
  const data = rows.filter((r) => shown.has(r.server)).map((r) => ({
    ...r,
    label: clip(r.server),
  }));
  const chart = Plot.plot({
    document,
    width: 230 + 22 * indicators.length,
    height: 150 + 12 * servers.length,
    marginLeft: 210,
    marginTop: 140,
    x: { domain: indicators, axis: "top", tickRotate: -60, label: null },
    y: { domain: servers.map(clip), label: null, tickSize: 0 },
    color: { type: "linear", domain: [0, 5], scheme: "reds", label: "weight (ln LR)" },
    marks: [
      Plot.cell(data, { x: "indicator", y: "label", fill: "weight", inset: 0.5 }),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note: `${servers.length} servers (rows) by the ${indicators.length} indicators they hit; ` +
      "darker cells weigh more (natural log of the likelihood ratio, 0-5).",
  });
}
