/**
 * Export a published figure again at another size or in another format, from the SVG that
 * {@linkcode publishFigure} wrote: `await exportFigureAs("server_map", { width: 1920, format: "pdf" })`
 * in a notebook cell, or `deno task figure server_map --width 1920 --format pdf` in a shell.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { figuresDir } from "../data/paths.ts";
import { writeFileAtomic } from "../data/atomic_write.ts";
import { svgToPng } from "../plots/export_figure.ts";

/** Formats {@linkcode exportFigureAs} writes. */
export const FIGURE_FORMATS = ["svg", "png", "pdf"] as const;

/** One of {@linkcode FIGURE_FORMATS}. */
export type FigureFormat = typeof FIGURE_FORMATS[number];

/** Options of {@linkcode exportFigureAs}. */
export interface ExportFigureAsOptions {
  /** Width of the output in CSS pixels (PNG: pixels); the height keeps the figure's aspect
   * ratio. Default: the figure's own width (PNG: twice it, as {@linkcode publishFigure} does). */
  width?: number;
  /** Output format. Default: `png`. */
  format?: FigureFormat;
  /** Folder holding `<name>.svg`. Default: `figuresDir()` (`OBS_FIGURES_DIR` or `figures/`). */
  dir?: string;
  /** Output path. Default: `<dir>/<name>_<width>px.<format>`. */
  out?: string;
  /** Chromium binary that prints the PDF. Default: `/usr/bin/chromium` (Debian's). */
  chromium?: string;
}

/** The width and height attributes of an SVG's root element (CSS pixels). */
function svgSize(svg: string): { width: number; height: number } {
  const root = svg.match(/<svg\b[^>]*>/)?.[0] ?? "";
  const width = Number(root.match(/\swidth="(\d+(?:\.\d+)?)"/)?.[1]);
  const height = Number(root.match(/\sheight="(\d+(?:\.\d+)?)"/)?.[1]);
  if (!(width > 0 && height > 0)) {
    throw new TypeError("exportFigureAs: the SVG's root element has no numeric width and height");
  }
  return { width, height };
}

/** The SVG with its root element's width and height set (its viewBox keeps the drawing). */
function resized(svg: string, width: number, height: number): string {
  return svg.replace(/<svg\b[^>]*>/, (root) => {
    let r = root.replace(/\swidth="[^"]*"/, ` width="${width}"`).replace(
      /\sheight="[^"]*"/,
      ` height="${height}"`,
    );
    if (!/\sviewBox=/.test(r)) {
      const { width: w, height: h } = svgSize(root);
      r = r.replace(/^<svg/, `<svg viewBox="0 0 ${w} ${h}"`);
    }
    return r;
  });
}

async function printPdf(svg: string, width: number, height: number, out: string, chromium: string) {
  const dir = await Deno.makeTempDir({ prefix: "figure-pdf-" });
  try {
    const page = `${dir}/figure.html`;
    await Deno.writeTextFile(
      page,
      `<!doctype html><meta charset="utf-8"><style>@page { size: ${width}px ${height}px; margin: 0 }` +
        ` html, body { margin: 0 } svg { display: block }</style>${svg}`,
    );
    const pdf = `${dir}/figure.pdf`;
    const r = await new Deno.Command(chromium, {
      args: [
        "--headless",
        "--disable-gpu",
        ...(Deno.uid() === 0 ? ["--no-sandbox"] : []),
        "--no-pdf-header-footer",
        `--user-data-dir=${dir}/profile`,
        `--print-to-pdf=${pdf}`,
        `file://${page}`,
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const bytes = await Deno.readFile(pdf).catch(() => null);
    if (!r.success || !bytes) {
      throw new Error(
        `exportFigureAs: ${chromium} could not print the PDF (exit ${r.code}): ${
          new TextDecoder().decode(r.stderr).trim().split("\n").at(-1) ?? ""
        }`,
      );
    }
    await writeFileAtomic(out, bytes);
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

/**
 * Writes the figure `<dir>/<name>.svg` (as {@linkcode publishFigure} saved it) again at another
 * width, as SVG (resized, still vector), PNG (rendered by resvg with the DejaVu fonts) or PDF
 * (printed by headless Chromium, one page the size of the figure).
 *
 * @param name The figure's name, as given to `publishFigure` (`[a-z0-9_-]+`).
 * @param options Width, format, folder, output path, Chromium binary.
 * @returns The path written.
 * @throws {TypeError} For a bad name or format; {@link RangeError} for a bad width.
 * @throws {Error} If `<dir>/<name>.svg` does not exist (publish it first) or Chromium fails.
 * @example
 * ```ts
 * await exportFigureAs("server_map", { width: 1920, format: "pdf" }); // figures/server_map_1920px.pdf
 * ```
 */
export async function exportFigureAs(
  name: string,
  options: ExportFigureAsOptions = {},
): Promise<string> {
  if (!/^[a-z0-9_-]+$/.test(name)) {
    throw new TypeError(
      `exportFigureAs: figure name must be [a-z0-9_-]+, got ${JSON.stringify(name)}`,
    );
  }
  const format = options.format ?? "png";
  if (!FIGURE_FORMATS.includes(format)) {
    throw new TypeError(
      `exportFigureAs: format must be one of ${FIGURE_FORMATS.join(", ")}, got ${
        JSON.stringify(format)
      }`,
    );
  }
  if (
    options.width !== undefined &&
    !(Number.isInteger(options.width) && options.width >= 16 && options.width <= 20_000)
  ) {
    throw new RangeError(
      `exportFigureAs: width must be a whole number of pixels in 16..20000, got ${options.width}`,
    );
  }
  const dir = options.dir ?? figuresDir();
  const source = `${dir}/${name}.svg`;
  let svg: string;
  try {
    svg = await Deno.readTextFile(source);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new Error(
        `exportFigureAs: ${source} not found; run the cell that publishes "${name}" first`,
      );
    }
    throw e;
  }
  const own = svgSize(svg);
  const width = options.width ?? (format === "png" ? own.width * 2 : own.width);
  const height = Math.round((own.height * width) / own.width);
  const out = options.out ?? `${dir}/${name}_${width}px.${format}`;
  if (format === "png") {
    await writeFileAtomic(out, svgToPng(svg, { scale: width / own.width }));
  } else if (format === "svg") {
    await writeFileAtomic(out, resized(svg, width, height));
  } else {
    await printPdf(
      resized(svg, width, height),
      width,
      height,
      out,
      options.chromium ?? "/usr/bin/chromium",
    );
  }
  return out;
}

/** Usage of `deno task figure`. */
export const FIGURE_USAGE =
  `deno task figure NAME [--width PX] [--format svg|png|pdf] [--dir DIR] [--out PATH]

Writes the figure DIR/NAME.svg, as a notebook's figure cell published it, again at another width
(the height follows) or in another format: svg (resized), png (resvg, DejaVu fonts) or pdf
(printed by Debian's chromium). DIR defaults to OBS_FIGURES_DIR or figures/; the output to
DIR/NAME_<width>px.<format>; the format to png. Prints the path written.
  e.g. deno task figure server_map --width 1920 --format pdf`;

if (import.meta.main) {
  let parsed;
  try {
    parsed = parseArgs({
      args: Deno.args,
      allowPositionals: true,
      options: {
        width: { type: "string" },
        format: { type: "string" },
        dir: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    console.error(`figure: ${e instanceof Error ? e.message : e}\n\n${FIGURE_USAGE}`);
    Deno.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(FIGURE_USAGE);
    Deno.exit(0);
  }
  if (positionals.length !== 1) {
    console.error(FIGURE_USAGE);
    Deno.exit(2);
  }
  try {
    const path = await exportFigureAs(positionals[0], {
      width: values.width === undefined ? undefined : Number(values.width),
      format: values.format as FigureFormat | undefined,
      dir: values.dir,
      out: values.out,
    });
    console.log(path);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    Deno.exit(e instanceof TypeError || e instanceof RangeError ? 2 : 1);
  }
}
