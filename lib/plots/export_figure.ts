/**
 * Exports a Plot figure as a standalone SVG file and a PNG: takes the figure's own `<svg>` (the
 * first `<svg>` inside a `<figure>` may be a legend swatch), adds the SVG namespace and a font
 * family that renders everywhere; the PNG is rendered by resvg with the DejaVu fonts given
 * explicitly (without a font file resvg silently drops all text).
 *
 * @module
 */
import { Resvg } from "@resvg/resvg-js";
import { writeFileAtomic } from "../data/atomic_write.ts";

/** Where the DejaVu fonts are (Debian `fonts-dejavu-core`). */
export const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"];

/** The standalone SVG text of a figure (an `<svg>` or a `<figure>` holding one). */
export function figureSvg(figure: Element): string {
  const svg = figure.tagName.toLowerCase() === "svg"
    ? figure
    : [...figure.children].find((c) => c.tagName.toLowerCase() === "svg") ??
      figure.querySelector("svg");
  if (!svg) throw new TypeError("The figure holds no <svg> element");
  if (!svg.getAttribute("xmlns")) svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  svg.setAttribute("font-family", "DejaVu Sans, sans-serif");
  return svg.outerHTML;
}

/** Options of {@linkcode svgToPng}. */
export interface SvgToPngOptions {
  /** Scale factor over the SVG's own size. Default: 2 (sharp on high-density screens). */
  scale?: number;
  /** Folder of the DejaVu TrueType files. Default: {@linkcode FONT_DIR}. */
  fontDir?: string;
}

/**
 * Render SVG text to PNG bytes with resvg and the DejaVu fonts (no system font lookup, so the
 * result is the same on every machine that has the font files).
 *
 * @param svg Standalone SVG text (with `xmlns`).
 * @param options See {@linkcode SvgToPngOptions}.
 * @returns PNG bytes.
 * @throws {Error} If the font files are missing (the message names the folder) or resvg
 *   cannot parse the SVG.
 */
export function svgToPng(svg: string, options: SvgToPngOptions = {}): Uint8Array {
  const dir = options.fontDir ?? FONT_DIR;
  const files = FONT_FILES.map((f) => `${dir}/${f}`);
  try {
    Deno.statSync(files[0]);
  } catch {
    throw new Error(
      `svgToPng: ${files[0]} not found; install Debian's fonts-dejavu-core (deno task setup)`,
    );
  }
  const scale = options.scale ?? 2;
  const width = Number(svg.match(/<svg[^>]*?\swidth="(\d+(?:\.\d+)?)"/)?.[1] ?? 0);
  const r = new Resvg(svg, {
    font: {
      fontFiles: files,
      loadSystemFonts: false,
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
    fitTo: width > 0 ? { mode: "width", value: Math.round(width * scale) } : { mode: "original" },
    background: "white",
  });
  return r.render().asPng();
}

function checkName(name: string) {
  if (!/^[a-z0-9_\-]+$/.test(name)) {
    throw new TypeError(`Figure name must be [a-z0-9_-]+, got ${JSON.stringify(name)}`);
  }
}

/**
 * Write a figure to `dir/name.svg` (atomically).
 *
 * @returns The path written.
 */
export async function exportSvg(figure: Element, dir: string, name: string): Promise<string> {
  checkName(name);
  await Deno.mkdir(dir, { recursive: true });
  const path = `${dir}/${name}.svg`;
  await writeFileAtomic(path, figureSvg(figure) + "\n");
  return path;
}

/**
 * Write a figure as `dir/name.svg` and `dir/name.png` (atomically).
 *
 * @param figure A chart helper's figure.
 * @param dir Output folder (created if missing), e.g. `figuresDir()`.
 * @param name File name without extension, `[a-z0-9_-]+`.
 * @param options PNG options.
 * @returns The two paths.
 * @throws {TypeError} For a bad name.
 * @example
 * ```ts
 * await exportFigure(serverMap(pop, { document }), figuresDir(), "server_map");
 * ```
 */
export async function exportFigure(
  figure: Element,
  dir: string,
  name: string,
  options: SvgToPngOptions = {},
): Promise<{ svg: string; png: string }> {
  checkName(name);
  await Deno.mkdir(dir, { recursive: true });
  const text = figureSvg(figure);
  const svg = `${dir}/${name}.svg`;
  const png = `${dir}/${name}.png`;
  await writeFileAtomic(svg, text + "\n");
  await writeFileAtomic(png, svgToPng(text, options));
  return { svg, png };
}
