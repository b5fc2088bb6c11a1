/**
 * Wraps a Plot chart in one standalone SVG that carries its title, subtitle and caption as SVG
 * text, so the exported file (SVG or PNG) says what the notebook says, including the lab
 * label. Text goes in through the DOM (`textContent`), so server-provided text is escaped by
 * the serializer; no SVG is assembled from strings.
 *
 * @module
 */

const SVG_NS = "http://www.w3.org/2000/svg";

/** The options every chart helper of `lib/plots/` takes, documented once. */
export interface FigureOptions {
  /** Document to render into. Default: a fresh headless document. */
  document?: Document;
  /** Bold line above the chart. Default: none. */
  title?: string;
  /** Smaller line under the title. Default: none. */
  subtitle?: string;
  /** Wrapped note under the chart (the lab label goes here too). Default: none. */
  caption?: string;
}

/** Options of {@linkcode frameFigure}. */
export interface FrameFigureOptions extends FigureOptions {
  /** Document the chart was rendered into (the frame is created in it). */
  document: Document;
  /** The chart's own sentence, written after `caption` (one space between). Default: none. */
  note?: string;
}

/**
 * Break text into lines of at most `width` characters at spaces (longer words are cut).
 *
 * @param text The text.
 * @param width Characters per line.
 * @returns The lines.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    for (let word of para.split(/\s+/).filter(Boolean)) {
      while (word.length > width) {
        if (line) lines.push(line), line = "";
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      if (line && line.length + 1 + word.length > width) lines.push(line), line = "";
      line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * Put a chart's `<svg>` inside a taller `<svg>` with title, subtitle and caption lines.
 *
 * @param chart The `<svg>` Plot returned (rendered without its own title).
 * @param options See {@linkcode FrameFigureOptions}.
 * @returns The framed `<svg>` element, with `xmlns` and a DejaVu font family set.
 * @throws {TypeError} If `chart` is not an `<svg>` with a numeric width and height.
 */
export function frameFigure(chart: Element, options: FrameFigureOptions): Element {
  const doc = options.document;
  const width = Number(chart.getAttribute("width"));
  const height = Number(chart.getAttribute("height"));
  if (chart.tagName.toLowerCase() !== "svg" || !(width > 0) || !(height > 0)) {
    throw new TypeError(
      `frameFigure: expected a Plot <svg> with width and height, got <${chart.tagName}>`,
    );
  }
  const perLine = Math.max(20, Math.floor((width - 16) / 6.6));
  const rows: { text: string; size: number; weight: string; fill: string }[] = [];
  if (options.title) {
    for (const t of wrapText(options.title, Math.floor(perLine * 0.72))) {
      rows.push({ text: t, size: 16, weight: "bold", fill: "#111" });
    }
  }
  if (options.subtitle) {
    for (const t of wrapText(options.subtitle, perLine)) {
      rows.push({ text: t, size: 12, weight: "normal", fill: "#444" });
    }
  }
  const caption = [options.caption, options.note].filter(Boolean).join(" ");
  const captions = caption ? wrapText(caption, perLine) : [];
  const lineH = (size: number) => Math.round(size * 1.35);
  let top = rows.length ? 8 : 0;
  const outer = doc.createElementNS(SVG_NS, "svg");
  outer.setAttribute("xmlns", SVG_NS);
  outer.setAttribute("font-family", "DejaVu Sans, sans-serif");
  const bg = doc.createElementNS(SVG_NS, "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", "white");
  outer.appendChild(bg);
  for (const r of rows) {
    top += lineH(r.size);
    outer.appendChild(textNode(doc, r.text, 8, top - 4, r.size, r.weight, r.fill));
  }
  if (rows.length) top += 6;
  const inner = chart.cloneNode(true) as Element;
  // Geometry paths (country outlines) carry a dozen digits per number; a tenth of a pixel is
  // plenty and halves the file.
  for (const path of inner.querySelectorAll("path")) {
    const d = path.getAttribute("d");
    if (d && d.length > 200) {
      path.setAttribute(
        "d",
        d.replace(/-?\d+\.\d{2,}/g, (m) => String(Math.round(Number(m) * 10) / 10)),
      );
    }
  }
  inner.setAttribute("x", "0");
  inner.setAttribute("y", String(top));
  outer.appendChild(inner);
  let bottom = top + height + (captions.length ? 6 : 0);
  for (const c of captions) {
    bottom += lineH(11);
    outer.appendChild(textNode(doc, c, 8, bottom - 3, 11, "normal", "#333"));
  }
  bottom += captions.length ? 8 : 0;
  outer.setAttribute("width", String(width));
  outer.setAttribute("height", String(bottom));
  outer.setAttribute("viewBox", `0 0 ${width} ${bottom}`);
  return outer;
}

function textNode(
  doc: Document,
  text: string,
  x: number,
  y: number,
  size: number,
  weight: string,
  fill: string,
): Element {
  const t = doc.createElementNS(SVG_NS, "text");
  t.setAttribute("x", String(x));
  t.setAttribute("y", String(y));
  t.setAttribute("font-size", String(size));
  t.setAttribute("font-weight", weight);
  t.setAttribute("fill", fill);
  t.setAttribute("text-anchor", "start");
  t.textContent = text;
  return t;
}
