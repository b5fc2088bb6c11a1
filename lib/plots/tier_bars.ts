/**
 * Chart: servers by a grouping (provider, implementation) stacked by suspicion tier; shape
 * `(rows, options) -> figure`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { clipLabel } from "./clip_label.ts";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks } from "./legend_marks.ts";
import { TIER_COLOURS, TIERS } from "./tier_colours.ts";

/** One (group, tier) count. */
export interface TierBarRow {
  readonly group: string;
  readonly tier: string;
  readonly servers: number;
}

/** Options of {@linkcode tierBars}. */
export interface TierBarsOptions extends FigureOptions {
  /** Label of the grouping. Default: none. */
  groupLabel?: string;
  /** Groups drawn, largest first. Default: 15. */
  top?: number;
  /** Longest group label, characters (server text). Default: 28. */
  maxLabel?: number;
  /** Width, pixels. Default: 720. */
  width?: number;
}

/**
 * Draw the tier bars.
 *
 * @param rows Counts by group and tier.
 * @param options See {@linkcode TierBarsOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * tierBars(tierCounts(rows, "provider"), { groupLabel: "provider" });
 * ```
 */
export function tierBars(rows: readonly TierBarRow[], options: TierBarsOptions = {}): Element {
  const document = options.document ?? figureDocument();
  const top = options.top ?? 15;
  const maxLabel = options.maxLabel ?? 28;
  const total = new Map<string, number>();
  for (const r of rows) total.set(r.group, (total.get(r.group) ?? 0) + r.servers);
  const order = [...total].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top)
    .map(([g]) => g);
  const clip = (s: string) => clipLabel(s, maxLabel);
  const data = rows.filter((r) => order.includes(r.group)).map((r) => ({
    ...r,
    label: clip(r.group),
  }));
  const chart = Plot.plot({
    document,
    width: options.width ?? 720,
    height: 60 + 22 * order.length,
    marginLeft: 190,
    x: { label: "servers", grid: true },
    y: { domain: order.map(clip), label: options.groupLabel ?? null },
    color: TIER_COLOURS,
    marks: [
      Plot.barX(data, { y: "label", x: "servers", fill: "tier", order: [...TIERS] }),
      Plot.ruleX([0]),
      ...legendMarks(TIERS.map((k) => ({ key: k, label: k })), { anchor: "bottom-right" }),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note: `The ${order.length} largest groups of ${total.size}, servers stacked by tier.`,
  });
}
