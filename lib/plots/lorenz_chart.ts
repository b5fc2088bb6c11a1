/**
 * Chart: Lorenz curves of server counts per group (for example per ASN, provider, country),
 * shape `(rows, options) -> figure`. The diagonal is an even spread; the further a curve sags
 * below it, the more a few groups hold most servers.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks, PALETTE } from "./legend_marks.ts";

/** One point of one curve (see `lorenzSeries` in lib/analysis). */
export interface LorenzRow {
  /** Which grouping the curve belongs to. */
  dimension: string;
  /** Cumulative share of groups, smallest first, 0..1. */
  x: number;
  /** Cumulative share of servers, 0..1. */
  y: number;
}

/** Options of {@linkcode lorenzChart}. */
export interface LorenzChartOptions extends FigureOptions {
  /** Gini coefficient per dimension, shown in the legend. Default: none. */
  gini?: Readonly<Record<string, number | null>>;
  /** Width, pixels. Default: 520. */
  width?: number;
}

/**
 * Draw Lorenz curves.
 *
 * @param rows Points of one or more curves.
 * @param options See {@linkcode LorenzChartOptions}.
 * @returns A standalone `<svg>` element.
 */
export function lorenzChart(rows: readonly LorenzRow[], options: LorenzChartOptions = {}): Element {
  const document = options.document ?? figureDocument();
  const dims = [...new Set(rows.map((r) => r.dimension))];
  const data = rows.map((r) => ({ ...r, x: r.x * 100, y: r.y * 100 }));
  const g = options.gini ?? {};
  const chart = Plot.plot({
    document,
    width: options.width ?? 520,
    height: options.width ?? 520,
    x: { domain: [0, 100], label: "% of groups (smallest first)", grid: true },
    y: { domain: [0, 100], label: "% of servers", grid: true },
    color: { type: "categorical", domain: dims, range: PALETTE },
    marks: [
      Plot.line([[0, 0], [100, 100]], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.line(data, { x: "x", y: "y", z: "dimension", stroke: "dimension", strokeWidth: 2 }),
      ...legendMarks(
        dims.map((d) => ({
          key: d,
          label: g[d] === undefined || g[d] === null ? d : `${d} (Gini ${g[d]!.toFixed(2)})`,
        })),
        { anchor: "top-left" },
      ),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note: "Dashed diagonal: every group the same size.",
  });
}
