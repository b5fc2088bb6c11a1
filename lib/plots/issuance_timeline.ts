/**
 * Chart: when the certificates seen were issued, shape `(rows, options) -> figure`. One bar per
 * week counts the distinct certificates whose notBefore falls in it; certificates inside an
 * issuance burst (many hosts' certificates made seconds apart) are coloured apart, so a fleet
 * set up at once shows as one spike.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks, PALETTE } from "./legend_marks.ts";

/** One distinct certificate (see `certificateReuse(...).issuance`). */
export interface IssuanceRow {
  /** ISO 8601 notBefore. */
  not_before: string;
  /** Part of an issuance burst. */
  in_burst: boolean;
}

/** Options of {@linkcode issuanceTimeline}. */
export interface IssuanceTimelineOptions extends FigureOptions {
  /** Earliest date drawn (older certificates are counted in the caption). Default: 3 years
   * before the latest notBefore. */
  since?: Date;
  /** Width, pixels. Default: 760. */
  width?: number;
}

const KINDS = ["in an issuance burst", "other certificates"];

/**
 * Draw the issuance timeline.
 *
 * @param rows Distinct certificates with their notBefore.
 * @param options See {@linkcode IssuanceTimelineOptions}.
 * @returns A standalone `<svg>` element.
 */
export function issuanceTimeline(
  rows: readonly IssuanceRow[],
  options: IssuanceTimelineOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const dated = rows.map((r) => ({
    t: new Date(r.not_before),
    kind: r.in_burst ? KINDS[0] : KINDS[1],
  }))
    .filter((r) => Number.isFinite(r.t.getTime()));
  const latest = dated.reduce((m, r) => Math.max(m, r.t.getTime()), 0);
  const since = options.since ?? new Date(latest - 3 * 365 * 86_400_000);
  const shown = dated.filter((r) => r.t >= since);
  const chart = Plot.plot({
    document,
    width: options.width ?? 760,
    height: 320,
    marginBottom: 40,
    x: { type: "utc", label: "notBefore (week)" },
    y: { label: "certificates", grid: true },
    color: { type: "categorical", domain: KINDS, range: [PALETTE[2], PALETTE[0]] },
    marks: [
      Plot.rectY(
        shown,
        Plot.binX<Plot.RectYOptions>({ y: "count" }, { x: "t", fill: "kind", interval: "week" }),
      ),
      Plot.ruleY([0]),
      ...legendMarks(KINDS.map((k) => ({ key: k, label: k })), { anchor: "top-left" }),
    ],
  }) as unknown as Element;
  const older = dated.length - shown.length;
  const note =
    `Distinct certificates by week of notBefore since ${since.toISOString().slice(0, 10)}` +
    (older ? ` (${older} older not drawn).` : ".");
  return frameFigure(chart, { ...options, document, note });
}
