/**
 * Chart: recommendations tried, each measure's value before and after as an arrow, coloured by
 * verdict, shape `(rows, options) -> figure`. Only measures on a 0-1 scale (shares, precision,
 * recall) are drawn, so one axis fits them all.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { clipLabel } from "./clip_label.ts";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks } from "./legend_marks.ts";

/** One recommendation measure. */
export interface BeforeAfterRow {
  label: string;
  before: number;
  after: number;
  verdict: string;
}

const VERDICTS = ["helps", "no effect", "backfires", "cost"];
const COLORS = ["#59a14f", "#9c9c9c", "#e15759", "#f28e2c"];

/**
 * Draw the arrows (rows with values outside [0, 1] are left out).
 *
 * @example
 * ```ts
 * beforeAfterChart([{ label: "Tor: address seen", before: 0.9, after: 0, verdict: "helps" }]);
 * ```
 */
export function beforeAfterChart(
  rows: readonly BeforeAfterRow[],
  options: FigureOptions & { width?: number } = {},
): Element {
  const document = options.document ?? figureDocument();
  const data = rows.filter((r) => r.before >= 0 && r.before <= 1 && r.after >= 0 && r.after <= 1)
    .map((r) => ({ ...r, label: clipLabel(r.label, 60) }));
  const chart = Plot.plot({
    document,
    width: options.width ?? 760,
    height: 50 + 15 * 4 + 22 * data.length,
    marginBottom: 104,
    marginLeft: 330,
    x: { domain: [0, 1], label: "before → after", grid: true },
    y: { domain: data.map((d) => d.label), label: null },
    color: { domain: VERDICTS, range: COLORS },
    marks: [
      ...legendMarks(VERDICTS.map((v) => ({ key: v, label: v })), {
        anchor: "bottom-left",
        offset: 34,
        direction: "down",
      }),
      Plot.dot(data, { x: "before", y: "label", stroke: "#777", r: 3 }),
      Plot.arrow(data, {
        x1: "before",
        x2: "after",
        y1: "label",
        y2: "label",
        stroke: "verdict",
        strokeWidth: 2,
        headLength: 6,
      }),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note:
      "Grey dot: the default client; arrow head: with the recommendation. Lower is more private except for detection counts.",
  });
}
