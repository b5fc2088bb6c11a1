/**
 * One call for a notebook cell: export a figure to `figures/` as SVG and PNG, show it inline and
 * say where the files went, so what the notebook shows and what the files hold are the same
 * drawing.
 *
 * @module
 */
import { relative } from "node:path";
import { figuresDir, projectRoot } from "../data/paths.ts";
import { type Displayable, escapeMarkdown, showSvg } from "./display.ts";
import { exportFigure, figureSvg } from "../plots/export_figure.ts";

const DISPLAY = Symbol.for("Jupyter.display");

/** `Deno.jupyter.display` inside the Deno Jupyter kernel; null elsewhere (reading it throws). */
function kernelDisplay(): ((value: unknown) => Promise<void>) | null {
  try {
    const jupyter =
      (Deno as unknown as { jupyter?: { display(value: unknown): Promise<void> } }).jupyter;
    return typeof jupyter?.display === "function" ? (v) => jupyter.display(v) : null;
  } catch {
    return null;
  }
}

/** A path as a reader knows it: relative to the project when inside it, else absolute. */
function shownPath(path: string): string {
  const rel = relative(projectRoot(), path);
  return rel.startsWith("..") || rel.startsWith("/") ? path : rel;
}

/** The caption under a published figure: where its files went, and how to export it again. */
export function figureCaption(name: string, files: { svg: string; png: string }): Displayable {
  const svg = shownPath(files.svg), png = shownPath(files.png);
  const again = `deno task figure ${name} --width 1920 --format pdf`;
  return ({
    [DISPLAY]: () => ({
      "text/markdown": `Saved as ${escapeMarkdown(svg)} and ${escapeMarkdown(png)}. ` +
        `Another size or format (svg, png, pdf): \`${again}\``,
      "text/plain": `Saved as ${svg} and ${png}. Another size or format (svg, png, pdf): ${again}`,
    }),
  }) as unknown as Displayable;
}

/**
 * Export `figure` as `<dir>/<name>.svg` and `.png`; in the notebook, show it inline (an
 * `image/svg+xml` output) followed by a caption naming both files and the one-liner that
 * exports it at another size or format ({@linkcode figureCaption}). Re-running the cell
 * rewrites the same two files.
 *
 * @param figure A chart helper's figure.
 * @param name File name without extension, `[a-z0-9_-]+`.
 * @param options `dir`: output folder. Default: `figuresDir()` (`OBS_FIGURES_DIR` or
 *   `<project>/figures`).
 * @returns The caption, for display as the cell's result (the figure itself is displayed
 *   first when running in the kernel).
 * @throws {TypeError} For a bad name.
 * @example
 * ```ts
 * await publishFigure(serverMap(pop), "server_map");
 * ```
 */
export async function publishFigure(
  figure: Element,
  name: string,
  options: { dir?: string } = {},
): Promise<Displayable> {
  const files = await exportFigure(figure, options.dir ?? figuresDir(), name);
  await kernelDisplay()?.(showSvg(figureSvg(figure)));
  return figureCaption(name, files);
}
