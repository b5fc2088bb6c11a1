/**
 * Exports a Plot figure as a standalone SVG file (and PNG): takes the figure's own `<svg>` (the
 * first `<svg>` inside a `<figure>` may be a legend swatch), adds the SVG namespace and a font
 * family that renders everywhere.
 *
 * @module
 */
import { writeFileAtomic } from "../data/atomic_write.ts";

/** The standalone SVG text of a figure (an `<svg>` or a `<figure>` holding one). */
export function figureSvg(figure: Element): string {
  const svg = figure.tagName.toLowerCase() === "svg" ? figure : [...figure.children].find((c) => c.tagName.toLowerCase() === "svg") ?? figure.querySelector("svg");
  if (!svg) throw new TypeError("The figure holds no <svg> element");
  if (!svg.getAttribute("xmlns")) svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  svg.setAttribute("font-family", "DejaVu Sans, sans-serif");
  return svg.outerHTML;
}

/**
 * Write a figure to `dir/name.svg` (atomically).
 *
 * @returns The path written.
 */
export async function exportSvg(figure: Element, dir: string, name: string): Promise<string> {
  if (!/^[a-z0-9_\-]+$/.test(name)) throw new TypeError(`Figure name must be [a-z0-9_-]+, got ${JSON.stringify(name)}`);
  await Deno.mkdir(dir, { recursive: true });
  const path = `${dir}/${name}.svg`;
  await writeFileAtomic(path, figureSvg(figure) + "\n");
  return path;
}
