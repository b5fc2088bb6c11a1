/**
 * Chart: an evaluation curve (precision-recall or ROC) with the operating point of a tier
 * marked; shape `(rows, options) -> figure`.
 *
 * @module
 */
import * as Plot from "@observablehq/plot";
import { figureDocument } from "./document.ts";
import { type FigureOptions, frameFigure } from "./frame_figure.ts";

/** One point of a curve, in [0, 1]², with the run it belongs to. */
export interface CurvePoint {
  readonly x: number;
  readonly y: number;
  /** Curve name (one line per run). */
  readonly run: string;
}

/** Options of {@linkcode evaluationCurve}. */
export interface EvaluationCurveOptions extends FigureOptions {
  xLabel?: string;
  yLabel?: string;
  /** Points to mark (e.g. the high tier's operating point), labelled. Default: none. */
  marks?: readonly { x: number; y: number; label: string }[];
  /** Draw the chance diagonal (ROC). Default: false. */
  diagonal?: boolean;
  /** Side, pixels. Default: 420. */
  size?: number;
}

/**
 * Draw the curve.
 *
 * @param rows Points, in drawing order per run.
 * @param options See {@linkcode EvaluationCurveOptions}.
 * @returns A standalone `<svg>` element.
 * @example
 * ```ts
 * evaluationCurve(e.roc.map((p) => ({ x: p.fpr, y: p.tpr, run: "lab" })), { diagonal: true });
 * ```
 */
export function evaluationCurve(
  rows: readonly CurvePoint[],
  options: EvaluationCurveOptions = {},
): Element {
  const document = options.document ?? figureDocument();
  const side = options.size ?? 420;
  const chart = Plot.plot({
    document,
    width: side + 60,
    height: side,
    marginLeft: 50,
    x: { domain: [0, 1], label: options.xLabel ?? null, grid: true },
    y: { domain: [0, 1], label: options.yLabel ?? null, grid: true },
    marks: [
      ...(options.diagonal
        ? [Plot.line([[0, 0], [1, 1]], { stroke: "#bbb", strokeDasharray: "4,3" })]
        : []),
      Plot.line(rows, {
        x: "x",
        y: "y",
        z: "run",
        stroke: "#4e79a7",
        strokeWidth: 2,
        curve: "step-after",
      }),
      ...(options.marks?.length
        ? [
          Plot.dot(options.marks, { x: "x", y: "y", r: 5, fill: "#d62728" }),
          Plot.text(options.marks, {
            x: "x",
            y: "y",
            text: "label",
            dx: 8,
            dy: 10,
            textAnchor: "start",
            fontSize: 11,
          }),
        ]
        : []),
    ],
  }) as unknown as Element;
  return frameFigure(chart, { ...options, document });
}
