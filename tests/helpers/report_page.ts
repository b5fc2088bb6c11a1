/**
 * What a rendered HTML report looks like in headless Chromium at a given width: screenshots of
 * the first screen and of the first figure of every notebook, and the facts the report test
 * judges (broken images, empty figures, scripts, requests that leave the file, horizontal
 * scroll, the code toggle).
 *
 * @module
 */
import { chromium } from "playwright-core";
import { join } from "node:path";
import { chromiumLaunchOptions } from "./chromium.ts";

/** One figure of the report, as laid out. */
export interface FigureView {
  /** The notebook section it is in (`nb-02_network_overview`). */
  notebook: string;
  width: number;
  height: number;
  /** Drawn marks inside it (paths, rects, circles, lines, texts). */
  marks: number;
}

/** The facts of one report page. */
export interface ReportPage {
  /** `<img>` elements that did not load (src clipped to 80 characters). */
  brokenImages: string[];
  figures: FigureView[];
  /** `<script>` elements, and elements with an `on*` handler attribute. */
  scripts: number;
  handlers: number;
  /** Requests to anything but the report's own file and data: URLs (all refused). */
  external: string[];
  /** Document width minus viewport width in CSS pixels (> 0: a horizontal scroll bar). */
  overflowPx: number;
  /** The widest element that sticks out of the viewport, when one does. */
  overflowing: string | null;
  /** Visible code cells before and after ticking "Show code". */
  codeShown: { before: number; after: number; total: number };
  /** In-page links (`#id`) whose target is not in the page. */
  deadAnchors: string[];
  /** Links to figure files (`../figures/NAME.svg`), resolved against the page. */
  figureLinks: string[];
  /** Text of the first screen. */
  firstScreenText: string;
  /** The first h1 of the page. */
  firstHeading: string;
  /** Printed (A4, print stylesheet): document width beyond the page, and the PDF's size in bytes. */
  print: { overflowPx: number; codeShown: number; pdfBytes: number };
  /** Screenshot files written (and `report.pdf`). */
  shots: string[];
}

/**
 * Open a report in headless Chromium at `width` x 900 px and inspect it; screenshots go to
 * `shotsDir` (`first_screen.png`, `figure_<notebook>.png`).
 */
export async function inspectReportPage(
  htmlPath: string,
  shotsDir: string,
  width = 1280,
): Promise<ReportPage> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const external: string[] = [];
    await context.route("**/*", (route) => {
      const u = route.request().url();
      if (u.startsWith("file://") || u.startsWith("data:")) return route.continue();
      external.push(u);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(`file://${htmlPath}`, { waitUntil: "load" });
    const shots: string[] = [];
    const first = join(shotsDir, "first_screen.png");
    await page.screenshot({ path: first });
    shots.push(first);
    const facts = await page.evaluate(() => {
      const cells = [...document.querySelectorAll(".jp-Cell")];
      let notebook = "";
      const figures: {
        notebook: string;
        width: number;
        height: number;
        marks: number;
        index: number;
      }[] = [];
      const svgs = [...document.querySelectorAll(".jp-RenderedSVG")];
      for (const cell of cells) {
        const marker = cell.querySelector("hr[id^='nb-']");
        if (marker) notebook = marker.id;
        for (const out of cell.querySelectorAll(".jp-RenderedSVG")) {
          const svg = out.querySelector("svg");
          const box = svg?.getBoundingClientRect();
          figures.push({
            notebook,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: out.querySelectorAll("path, rect, circle, line, text, polyline, polygon").length,
            index: svgs.indexOf(out),
          });
        }
      }
      const doc = document.documentElement;
      let overflowing: string | null = null;
      if (doc.scrollWidth > doc.clientWidth) {
        let widest = 0;
        for (const e of document.body.querySelectorAll("*")) {
          const r = e.getBoundingClientRect();
          if (r.right > doc.clientWidth && r.right > widest) {
            widest = r.right;
            overflowing = `${e.tagName.toLowerCase()}.${e.className} (right edge ${
              Math.round(r.right)
            } px)`;
          }
        }
      }
      const visibleCode = () =>
        [...document.querySelectorAll(".jp-CodeCell .jp-Cell-inputWrapper")].filter((e) =>
          (e as HTMLElement).offsetParent !== null
        ).length;
      const before = visibleCode();
      (document.getElementById("obs-show-code") as HTMLInputElement | null)?.click();
      const after = visibleCode();
      (document.getElementById("obs-show-code") as HTMLInputElement | null)?.click();
      const screenText = [...document.body.querySelectorAll("h1, h2, p, li, td")]
        .filter((e) => e.getBoundingClientRect().top < globalThis.innerHeight)
        .map((e) => e.textContent ?? "").join(" ");
      return {
        brokenImages: [...document.images].filter((i) => !i.complete || i.naturalWidth === 0)
          .map((i) => i.src.slice(0, 80)),
        figures,
        scripts: document.querySelectorAll("script").length,
        handlers: [...document.querySelectorAll("*")].filter((e) =>
          [...e.attributes].some((a) =>
            /^on/i.test(a.name)
          )
        ).length,
        overflowPx: doc.scrollWidth - doc.clientWidth,
        overflowing,
        codeShown: {
          before,
          after,
          total: document.querySelectorAll(".jp-CodeCell .jp-Cell-inputWrapper").length,
        },
        // As a browser finds a fragment's target: the id as written, else percent-decoded.
        deadAnchors: [...document.querySelectorAll("a[href^='#']")]
          .map((a) => a.getAttribute("href")!.slice(1))
          .filter((id) =>
            id !== "" && !document.getElementById(id) &&
            !document.getElementById(decodeURIComponent(id))
          ),
        figureLinks: [...document.querySelectorAll("a[href$='.svg']")]
          .map((a) => (a as HTMLAnchorElement).href),
        firstScreenText: screenText.replace(/\s+/g, " ").trim(),
        firstHeading: document.querySelector("h1")?.textContent?.replace("¶", "").trim() ?? "",
      };
    });
    const seen = new Set<string>();
    const outputs = page.locator(".jp-RenderedSVG");
    for (const f of facts.figures) {
      if (seen.has(f.notebook) || f.width === 0) continue;
      seen.add(f.notebook);
      const path = join(shotsDir, `figure_${f.notebook || "top"}.png`);
      await outputs.nth(f.index).screenshot({ path });
      shots.push(path);
    }
    // As printed: the print stylesheet at A4 width (794 CSS px), and the PDF Chromium makes.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      overflowPx: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      codeShown: [...document.querySelectorAll(".jp-CodeCell .jp-Cell-inputWrapper")]
        .filter((e) => (e as HTMLElement).offsetParent !== null).length,
    }));
    const pdf = join(shotsDir, "report.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true });
    shots.push(pdf);
    await context.close();
    return {
      ...facts,
      print: { ...printed, pdfBytes: (await Deno.stat(pdf)).size },
      figures: facts.figures.map(({ index: _, ...f }) => f),
      external,
      shots,
    };
  } finally {
    await browser.close();
  }
}

if (import.meta.main) {
  console.log(JSON.stringify(await inspectReportPage(Deno.args[0], Deno.args[1]), null, 1));
}
