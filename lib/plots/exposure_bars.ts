/**
 * Chart: exposure of default clients to the most exposing groups (operator groups or providers),
 * shape `(rows, options) -> figure`. Per group, three bars: the share of clients whose main
 * server it runs (it learns the whole wallet), whose connections reach it at all, and whose own
 * address it sees.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks } from "./legend_marks.ts";

/** One group's exposure shares (0-1). */
export interface ExposureBarRow {
  group: string;
  mainShare: number;
  anyShare: number;
  ipShare: number;
}

/** Options of {@linkcode exposureBars}. */
export interface ExposureBarsOptions extends FigureOptions {
  /** Groups drawn (in the given order). Default: 10. */
  top?: number;
  /** Axis label for the groups. Default: "group". */
  groupLabel?: string;
  /** Width, pixels. Default: 720. */
  width?: number;
}

const MEASURES = [
  { key: "mainShare", label: "main server (whole wallet)", color: "#e15759" },
  { key: "anyShare", label: "any connection", color: "#4e79a7" },
  { key: "ipShare", label: "sees the client's address", color: "#f28e2c" },
] as const;

/**
 * Draw the exposure bars.
 *
 * @example
 * ```ts
 * exposureBars(simulateExposure(cs, ELECTRUM_4_3_4, { random }).rows, { title: "Exposure" });
 * ```
 */
export function exposureBars(
  rows: readonly ExposureBarRow[],
  options: ExposureBarsOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const top = rows.slice(0, options.top ?? 10);
  const data = top.flatMap((r) =>
    MEASURES.map((m) => ({ group: r.group.slice(0, 28), measure: m.label, pct: 100 * r[m.key] }))
  );
  const chart = Plot.plot({
    document,
    width: options.width ?? 720,
    height: 60 + 15 * 3 + 34 * top.length,
    marginBottom: 89,
    marginLeft: 150,
    x: { domain: [0, 100], label: "% of simulated clients", grid: true },
    y: {
      domain: top.map((r) => r.group.slice(0, 28)),
      label: options.groupLabel ?? "group",
      paddingInner: 0.15,
    },
    color: { domain: MEASURES.map((m) => m.label), range: MEASURES.map((m) => m.color) },
    marks: [
      // Three thin bars in each group's band (34 px a band, 10 px a bar).
      ...MEASURES.map((m, i) =>
        Plot.barX(data.filter((d) => d.measure === m.label), {
          x: "pct",
          y: "group",
          fill: "measure",
          insetTop: 1 + 10 * i,
          insetBottom: 1 + 10 * (2 - i),
        })
      ),
      Plot.ruleX([0]),
      ...legendMarks(MEASURES.map((m) => ({ key: m.label, label: m.label })), {
        anchor: "bottom-left",
        offset: 34,
        direction: "down",
      }),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note:
      "Red: main server (the whole wallet); blue: any of the client's connections; orange: sees the client's own address.",
  });
}
