/**
 * Chart: the servers' 2-D embedding coloured by behavioural cluster, shape
 * `(rows, options) -> figure`. Noise is grey.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";
import { legendMarks, PALETTE } from "./legend_marks.ts";

/** One point (the shape `embeddingPoints` of `lib/cluster/` gives). */
export interface EmbeddingScatterRow {
  readonly server: string;
  readonly x: number;
  readonly y: number;
  /** Cluster label; `noise` is drawn grey. */
  readonly cluster: string;
}

/** Options of {@linkcode embeddingScatter}. */
export interface EmbeddingScatterOptions extends FigureOptions {
  /** Axis names. Default: `axis 1`, `axis 2`. */
  xLabel?: string;
  yLabel?: string;
  /** Width, pixels. Default: 640. */
  width?: number;
}

/**
 * Draw the embedding scatter.
 *
 * @param rows One point per server.
 * @param options See {@linkcode EmbeddingScatterOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * embeddingScatter(embeddingPoints(servers, b.embedding!, b.labels), { title: "Behaviour" });
 * ```
 */
export function embeddingScatter(
  rows: readonly EmbeddingScatterRow[],
  options: EmbeddingScatterOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.cluster, (count.get(r.cluster) ?? 0) + 1);
  const clusters = [...count.keys()].filter((c) => c !== "noise")
    .sort((a, b) => count.get(b)! - count.get(a)! || a.localeCompare(b));
  const domain = [...clusters, ...(count.has("noise") ? ["noise"] : [])];
  const range = domain.map((
    c,
    k,
  ) => (c === "noise" ? "#bab0ab" : PALETTE[k % (PALETTE.length - 1)]));
  const chart = Plot.plot({
    document,
    width: options.width ?? 640,
    height: 440,
    marginBottom: 40 + 15 * domain.length,
    x: { label: options.xLabel ?? "axis 1", grid: true },
    y: { label: options.yLabel ?? "axis 2", grid: true },
    color: { domain, range },
    marks: [
      Plot.dot(rows, { x: "x", y: "y", fill: "cluster", r: 3, fillOpacity: 0.75 }),
      ...legendMarks(
        domain.map((c) => ({ key: c, label: `${c} (${count.get(c)} servers)` })),
        { anchor: "bottom-left", offset: 36, direction: "down" },
      ),
    ],
  }) as unknown as Element;
  return frameFigure(chart, {
    ...options,
    document,
    note: "Each dot is a server, placed by principal coordinates of the Gower distances on the " +
      "behaviour features; colour: behavioural cluster (grey: noise).",
  });
}
