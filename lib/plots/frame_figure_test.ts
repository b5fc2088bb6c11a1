import { assertEquals, assertThrows } from "../testing/assert.ts";
import { figureDocument } from "./document.ts";
import { frameFigure } from "./frame_figure.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/** A bare chart `<svg>` of the given size, as Plot returns one. */
function chart(document: Document, width = 400, height = 100): Element {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  return svg;
}

/** The caption lines of a framed figure (the 11-pixel text). */
function captionLines(framed: Element): string[] {
  return [...framed.querySelectorAll("text")]
    .filter((t) => t.getAttribute("font-size") === "11")
    .map((t) => t.textContent ?? "");
}

Deno.test("frameFigure writes the chart's note after the caller's caption", () => {
  const document = figureDocument();
  const framed = frameFigure(chart(document), {
    document,
    caption: "Lab data.",
    note: "Dashed: equal shares.",
  });
  assertEquals(captionLines(framed), ["Lab data. Dashed: equal shares."]);
});

Deno.test("frameFigure writes the note alone when there is no caption, and nothing for neither", () => {
  const document = figureDocument();
  assertEquals(captionLines(frameFigure(chart(document), { document, note: "Only the note." })), [
    "Only the note.",
  ]);
  const bare = frameFigure(chart(document), { document });
  assertEquals(captionLines(bare), []);
  assertEquals(bare.getAttribute("height"), "100");
});

Deno.test("frameFigure ignores the other options of a chart spread into it", () => {
  const document = figureDocument();
  const options = { width: 999, title: "T", caption: "C" };
  const framed = frameFigure(chart(document), { ...options, document, note: "N" });
  assertEquals(framed.getAttribute("width"), "400");
  assertEquals(captionLines(framed), ["C N"]);
});

Deno.test("frameFigure rejects what is not a sized <svg>", () => {
  const document = figureDocument();
  assertThrows(() => frameFigure(document.createElement("div"), { document }), TypeError);
});
