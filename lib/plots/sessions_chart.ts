/**
 * Chart: how many servers have learned the whole wallet after k starts, for the default client
 * and a pinned one, shape `(rows, options) -> figure`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks, PALETTE } from "./legend_marks.ts";

/** One point. */
export interface SessionsChartRow {
  sessions: number;
  client: string;
  wholeWalletServers: number;
}

/**
 * Draw the lines.
 *
 * @example
 * ```ts
 * sessionsChart([{ sessions: 1, client: "default", wholeWalletServers: 1 }]);
 * ```
 */
export function sessionsChart(
  rows: readonly SessionsChartRow[],
  options: FigureOptions & { width?: number } = {},
): Element {
  const document = options.document ?? figureDocument();
  const clients = [...new Set(rows.map((r) => r.client))];
  const chart = Plot.plot({
    document,
    width: options.width ?? 720,
    height: 340 + 15 * clients.length,
    marginBottom: 44 + 15 * clients.length,
    x: { label: "wallet starts", grid: true },
    y: { label: "servers that learned the whole wallet", grid: true, zero: true },
    color: { domain: clients, range: PALETTE.slice(0, clients.length) },
    marks: [
      Plot.line(rows, { x: "sessions", y: "wholeWalletServers", stroke: "client", strokeWidth: 2 }),
      Plot.dot(rows, { x: "sessions", y: "wholeWalletServers", fill: "client", r: 2.5 }),
      ...legendMarks(clients.map((c) => ({ key: c, label: c })), {
        anchor: "bottom-left",
        offset: 34,
        direction: "down",
      }),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note: "Mean over simulated clients; each start of the default client draws a new main server.",
  });
}
