/**
 * Chart: the distribution of the Honeypot Suspicion Score, stacked by tier, with the tier
 * cut-offs as rules; shape `(rows, options) -> figure`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks } from "./legend_marks.ts";
import { TIER_COLOURS, TIERS } from "./tier_colours.ts";

/** One scored server. */
export interface HssDistributionRow {
  readonly hss: number;
  readonly tier: string;
}

/** Options of {@linkcode hssDistribution}. */
export interface HssDistributionOptions extends FigureOptions {
  /** Tier cut-offs drawn as rules. Default: none. */
  thresholds?: { high: number; medium: number };
  /** Width, pixels. Default: 720. */
  width?: number;
}

/**
 * Draw the score distribution.
 *
 * @param rows One row per server.
 * @param options See {@linkcode HssDistributionOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * hssDistribution(hssRows, { thresholds: TIER_THRESHOLDS, title: "HSS by tier" });
 * ```
 */
export function hssDistribution(
  rows: readonly HssDistributionRow[],
  options: HssDistributionOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const t = options.thresholds;
  // Bins of 5 points per tier, in the tiers' order (the stack keeps it).
  const count = new Map<string, number>();
  for (const r of rows) {
    const b = Math.min(19, Math.floor(r.hss / 5));
    count.set(`${r.tier}|${b}`, (count.get(`${r.tier}|${b}`) ?? 0) + 1);
  }
  const bins = TIERS.flatMap((tier) =>
    Array.from({ length: 20 }, (_, b) => ({
      tier,
      x1: b * 5,
      x2: b * 5 + 5,
      servers: count.get(`${tier}|${b}`) ?? 0,
    })).filter((x) => x.servers > 0)
  );
  const chart = Plot.plot({
    document,
    width: options.width ?? 720,
    height: 320,
    marginLeft: 50,
    x: { domain: [0, 100], label: "HSS (0-100)" },
    y: { label: "servers", grid: true },
    color: TIER_COLOURS,
    marks: [
      Plot.rectY(bins, Plot.stackY({ x1: "x1", x2: "x2", y: "servers", fill: "tier", inset: 0.5 })),
      ...(t ? [Plot.ruleX([t.medium, t.high], { stroke: "#333", strokeDasharray: "4,3" })] : []),
      Plot.ruleY([0]),
      ...legendMarks(TIERS.map((k) => ({ key: k, label: k })), { anchor: "top-left" }),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note: `${rows.length} servers in bins of 5 points` +
      (t ? `; dashed rules at the tier cut-offs ${t.medium} (medium) and ${t.high} (high).` : "."),
  });
}
