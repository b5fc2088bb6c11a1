/**
 * A colour legend drawn with Plot marks inside the chart's own `<svg>` (Plot's HTML legends
 * live outside the `<svg>` and would be lost in exported files).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";

/** The categorical palette every chart uses (Observable's tableau10). */
export const PALETTE = [
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
];

/** Options of {@linkcode legendMarks}. */
export interface LegendMarksOptions {
  /** Corner of the frame. Default: `"bottom-left"`. */
  anchor?: "bottom-left" | "top-right" | "top-left" | "bottom-right";
  /** Line height, pixels. Default: 15. */
  lineHeight?: number;
  /**
   * Vertical offset of the first entry from the anchor, pixels (positive is down), and the
   * direction the entries run. Default: 8 pixels inside the frame, running away from the
   * anchor's edge. A positive offset with `"bottom-*"` and `"down"` puts the legend in the
   * bottom margin, below the x axis.
   */
  offset?: number;
  direction?: "up" | "down";
}

/**
 * Marks drawing one swatch and label per entry, coloured through the chart's colour scale.
 *
 * @param entries `key` is the colour-scale value, `label` the text shown (escaped by Plot).
 * @param options See {@linkcode LegendMarksOptions}.
 * @returns Marks to append to a plot's `marks`.
 */
export function legendMarks(
  entries: readonly { key: string; label: string }[],
  options: LegendMarksOptions = {},
): Plot.Markish[] {
  const anchor = options.anchor ?? "bottom-left";
  const lh = options.lineHeight ?? 15;
  const n = entries.length;
  const bottom = anchor.startsWith("bottom");
  const right = anchor.endsWith("right");
  const direction = options.direction ?? (bottom ? "up" : "down");
  const offset = options.offset ?? (bottom ? -8 : 8);
  return entries.flatMap((e, k) => {
    const dy = direction === "up" ? offset - (n - 1 - k) * lh : offset + k * lh;
    const dx = right ? -150 : 12;
    return [
      Plot.dot([e], { frameAnchor: anchor, dx, dy, r: 5, fill: () => e.key }),
      Plot.text([e], {
        frameAnchor: anchor,
        dx: dx + 10,
        dy,
        text: () => e.label,
        textAnchor: "start",
        lineAnchor: "middle",
        fontSize: 11,
        fill: "#222",
      }),
    ];
  });
}
