/**
 * Chart: reachable servers by claimed implementation, shape `(rows, options) -> figure`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { softwareFamily } from "../analysis/software.ts";
import { figureDocument } from "./document.ts";
import { frameFigure } from "./frame_figure.ts";

/** Options of {@linkcode serversByImplementation}. */
export interface ServersByImplementationOptions {
  /** Document to render into. Default: a fresh headless document. */
  document?: Document;
  /** Title (a lab run says so). */
  title?: string;
  /** Caption under the chart. */
  caption?: string;
}

/**
 * Bar chart of servers that answered `server.version`, by implementation family, split by version.
 *
 * @param rows Rows of `servers.csv` (`software` column).
 * @returns A standalone `<svg>` with the title and caption inside it.
 */
export function serversByImplementation(
  rows: readonly { software?: string | null }[],
  options: ServersByImplementationOptions = {},
): Element {
  const data = rows.filter((r) => r.software).map((r) => ({
    family: softwareFamily(r.software!).family,
    software: String(r.software).slice(0, 40),
  }));
  const document = options.document ?? figureDocument();
  const chart = Plot.plot({
    document,
    marginLeft: 150,
    width: 720,
    height: 80 + 32 * new Set(data.map((d) => d.family)).size,
    x: { label: "servers", grid: true },
    y: { label: null },
    color: { legend: false },
    marks: [
      Plot.barX(
        data,
        Plot.groupY({ x: "count" }, {
          y: "family",
          fill: "family",
          sort: { y: "x", reverse: true },
        }),
      ),
      Plot.text(
        data,
        Plot.groupY({ x: "count", text: "count" }, { y: "family", dx: 12, textAnchor: "start" }),
      ),
      Plot.ruleX([0]),
    ],
  }) as unknown as Element;
  return frameFigure(chart, { document, title: options.title, caption: options.caption });
}
