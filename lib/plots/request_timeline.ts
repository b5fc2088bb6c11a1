/**
 * Chart: what each server received from a real wallet over time, shape `(rows, options) ->
 * figure`: one row per server (labelled with its role), one tick per request, coloured by kind
 * (wallet addresses, connect and headers, fee estimates, other).
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks } from "./legend_marks.ts";

/** One request as drawn. */
export interface TimelineRow {
  /** Row label, e.g. `f0040 (main)`. */
  server: string;
  /** Seconds since the wallet started. */
  tS: number;
  method: string;
}

const KINDS = ["wallet addresses", "connect and headers", "fee estimates", "other"];
const COLORS = ["#e15759", "#4e79a7", "#59a14f", "#9c9c9c"];

function kind(method: string): string {
  if (method.startsWith("blockchain.scripthash") || method.startsWith("blockchain.transaction")) {
    return KINDS[0];
  }
  if (
    method === "server.version" || method.startsWith("blockchain.headers") ||
    method.startsWith("blockchain.block")
  ) {
    return KINDS[1];
  }
  if (method === "blockchain.estimatefee" || method === "mempool.get_fee_histogram") {
    return KINDS[2];
  }
  return KINDS[3];
}

/**
 * Draw the timeline.
 *
 * @param marks Vertical rules with a label (e.g. the moment the main server was killed).
 * @example
 * ```ts
 * requestTimeline([{ server: "a (main)", tS: 0.6, method: "server.version" }]);
 * ```
 */
export function requestTimeline(
  rows: readonly TimelineRow[],
  options: FigureOptions & { width?: number; marks?: { tS: number; label: string }[] } = {},
): Element {
  const document = options.document ?? figureDocument();
  const data = rows.map((r) => ({ ...r, kind: kind(r.method) }));
  const servers = [...new Set(rows.map((r) => r.server))];
  const marks = options.marks ?? [];
  const chart = Plot.plot({
    document,
    width: options.width ?? 760,
    height: 60 + 15 * 4 + 28 * servers.length,
    marginBottom: 104,
    marginLeft: 130,
    x: { label: "seconds since the wallet started", grid: true },
    y: { domain: servers, label: null },
    color: { domain: KINDS, range: COLORS },
    marks: [
      ...legendMarks(KINDS.map((k) => ({ key: k, label: k })), {
        anchor: "bottom-left",
        offset: 34,
        direction: "down",
      }),
      Plot.tickX(data, { x: "tS", y: "server", stroke: "kind", strokeOpacity: 0.7 }),
      Plot.ruleX(marks, { x: "tS", stroke: "#333", strokeDasharray: "4,3" }),
      Plot.text(marks, {
        x: "tS",
        text: "label",
        frameAnchor: "top",
        dy: -2,
        dx: 3,
        textAnchor: "start",
        fontSize: 10,
      }),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note:
      "One tick per request a server logged; red ticks are the wallet's addresses and transactions.",
  });
}
