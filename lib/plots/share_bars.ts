/**
 * Chart: the largest groups with their share and the cumulative share, shape
 * `(rows, options) -> figure`. Bars give each group's share of servers; the line and dots give
 * the cumulative share, and a rule marks one half, so the number of groups that together hold
 * half of the servers can be read off.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import type { ShareRow } from "../analysis/centralization.ts";
import { clipLabel } from "./clip_label.ts";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";

/** Options of {@linkcode shareBars}. */
export interface ShareBarsOptions extends FigureOptions {
  /** Groups drawn (largest first). Default: 12. */
  top?: number;
  /** Axis label for the groups. Default: none. */
  groupLabel?: string;
  /** Draw the cumulative share and the one-half rule. Default: true. */
  cumulative?: boolean;
  /** Width, pixels. Default: 720. */
  width?: number;
  /** Longest group label, characters (labels are server-provided text). Default: 28. */
  maxLabel?: number;
}

/**
 * Draw the share bars.
 *
 * @param rows A share table (see `shareTable`), largest group first.
 * @param options See {@linkcode ShareBarsOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * shareBars(overviewTables(pop).providers, { title: "Servers by provider", groupLabel: "provider" });
 * ```
 */
export function shareBars(rows: readonly ShareRow[], options: ShareBarsOptions = {}): Element {
  const document = options.document ?? figureDocument();
  const top = options.top ?? 12;
  const maxLabel = options.maxLabel ?? 28;
  const data = rows.slice(0, top).map((r, i) => ({
    rank: i,
    label: `${i + 1}. ${clipLabel(r.label, maxLabel)}`,
    share: r.share * 100,
    cumulative: r.cumulative_share * 100,
    count: r.count,
  }));
  const cumulative = options.cumulative ?? true;
  const order = data.map((d) => d.label);
  const chart = Plot.plot({
    document,
    width: options.width ?? 720,
    height: 380,
    marginBottom: 120,
    marginLeft: 50,
    x: { domain: order, label: options.groupLabel ?? null, tickRotate: -40 },
    y: { domain: [0, 100], label: "% of servers", grid: true },
    marks: [
      Plot.barY(data, { x: "label", y: "share", fill: "#4e79a7" }),
      Plot.text(data, {
        x: "label",
        y: "share",
        text: (d) => String(d.count),
        dy: -6,
        fontSize: 10,
      }),
      ...(cumulative
        ? [
          Plot.ruleY([50], { stroke: "#e15759", strokeDasharray: "4,3" }),
          Plot.text([{ y: 50 }], {
            y: "y",
            text: () => "half of servers",
            frameAnchor: "right",
            dy: -7,
            dx: -2,
            textAnchor: "end",
            fill: "#e15759",
            fontSize: 10,
          }),
          Plot.lineY(data, { x: "label", y: "cumulative", stroke: "#f28e2c", strokeWidth: 2 }),
          Plot.dot(data, { x: "label", y: "cumulative", fill: "#f28e2c", r: 3 }),
        ]
        : []),
      Plot.ruleY([0]),
    ],
  }) as unknown as Element;
  const shown = rows.length > top ? ` The ${top} largest of ${rows.length} groups are shown.` : "";
  const key = cumulative
    ? "Bars: share of each group (count on top); orange line: cumulative share."
    : "Bars: share of each group (count on top).";
  return frameFigure(chart, { ...options, document, note: key + shown });
}
