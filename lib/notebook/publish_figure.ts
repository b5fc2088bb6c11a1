/**
 * One call for a notebook cell: export a figure to `figures/` as SVG and PNG and return it for
 * display inline, so what the notebook shows and what the files hold are the same drawing.
 *
 * @module
 */
import { figuresDir } from "../data/paths.ts";
import { type Displayable, showSvg } from "./display.ts";
import { exportFigure, figureSvg } from "../plots/export_figure.ts";

/**
 * Export `figure` as `<dir>/<name>.svg` and `.png`, and return it for display.
 *
 * @param figure A chart helper's figure.
 * @param name File name without extension, `[a-z0-9_-]+`.
 * @param options `dir`: output folder. Default: `figuresDir()` (`OBS_FIGURES_DIR` or
 *   `<project>/figures`).
 * @returns A displayable SVG.
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
  await exportFigure(figure, options.dir ?? figuresDir(), name);
  return showSvg(figureSvg(figure));
}
