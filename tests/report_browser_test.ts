/**
 * End to end, in a real browser: every report notebook runs headless on a small lab in a
 * temporary copy of the project, the HTML report is written as `deno task report` writes it
 * (executive summary first), and headless Chromium (Debian's, through playwright-core) opens it
 * at 1,280 px. Screenshots of the first screen and of the first figure of each notebook are
 * kept in a temporary folder whose path is printed. The test fails on a broken image, an empty
 * or unsized figure, any script or event-handler attribute (the report needs none, so one
 * would have come from server data), a request leaving the file, a horizontal scroll bar, or a
 * code toggle that does not hide and show the code; printed (A4, print stylesheet) it must fit
 * the page width and show no code, and Chromium's PDF of it is kept beside the screenshots.
 */
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { setup } from "../lib/report/setup.ts";
import { SUMMARY_NOTEBOOK } from "../lib/report/report.ts";
import { notebookWorkspace } from "./helpers/notebook_workspace.ts";
import { runLabNotebooks } from "./helpers/run_lab_notebooks.ts";
import { inspectReportPage } from "./helpers/report_page.ts";

Deno.test({
  name:
    "report in Chromium at 1280 px: summary first, figures drawn, no script, no broken image, no horizontal scroll, code toggle works",
  // playwright-core keeps internal timers and pipes a little past browser.close().
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await setup({ log: () => {} });
    const tmp = await Deno.makeTempDir({ prefix: "obs-report-browser-" });
    const shots = await Deno.makeTempDir({ prefix: "obs-report-screenshots-" });
    console.log(`report browser test: screenshots in ${shots}`);
    try {
      const notebooks = await notebookWorkspace(tmp);
      const r = await runLabNotebooks(tmp, notebooks, {
        seed: "report-browser",
        htmlPath: `${tmp}/figures/report.html`,
        lead: [SUMMARY_NOTEBOOK],
        env: { OBS_TIMING: "off", OBS_LAB_CLOCK: "2026-06-01" },
      });
      assertEquals(r.code, 0, `nbrun failed:\n${r.stdout}\n${r.stderr}`);

      const page = await inspectReportPage(`${tmp}/figures/report.html`, shots, 1280);
      assertEquals(page.brokenImages, [], "broken images");
      assertEquals(page.scripts, 0, "a <script> in the report");
      assertEquals(page.handlers, 0, "an element with an on* handler in the report");
      assertEquals(page.external, [], "requests that leave the report's file");
      assertEquals(page.overflowPx, 0, `horizontal scroll at 1280 px: ${page.overflowing}`);
      assert(page.figures.length >= 5, `only ${page.figures.length} figures`);
      for (const f of page.figures) {
        assert(f.width >= 300 && f.width <= 1280, `figure in ${f.notebook} is ${f.width} px wide`);
        assert(f.height >= 150, `figure in ${f.notebook} is ${f.height} px high`);
        assert(f.marks >= 10, `figure in ${f.notebook} is empty (${f.marks} marks)`);
      }
      // One screenshot per notebook with figures, the first screen, and the printed PDF.
      const withFigures = new Set(page.figures.map((f) => f.notebook));
      assertEquals(page.shots.length, 2 + withFigures.size);
      // Printed: nothing wider than an A4 page, no code, a PDF with the figures in it.
      assertEquals(page.print.overflowPx, 0, "wider than an A4 page when printed");
      assertEquals(page.print.codeShown, 0, "code printed");
      assert(page.print.pdfBytes > 100_000, `the PDF has ${page.print.pdfBytes} bytes`);
      for (const s of page.shots) assert((await Deno.stat(s)).size > 2000, `${s} is empty`);
      // Code hidden until the toggle is ticked.
      assert(page.codeShown.total > 10, "code cells in the page");
      assertEquals(page.codeShown.before, 0, "code shown before the toggle");
      assertEquals(page.codeShown.after, page.codeShown.total, "code hidden after the toggle");
      // Every in-page link reaches its heading or notebook; every figure link reaches its file.
      assertEquals(page.deadAnchors, [], "links to nowhere in the page");
      for (const href of page.figureLinks) {
        await Deno.stat(new URL(href)).catch(() => {
          throw new Error(`a figure link points to no file: ${href}`);
        });
      }
      // The executive summary comes first, and says it is a lab run.
      if (notebooks.some((n) => n.endsWith(SUMMARY_NOTEBOOK))) {
        assert(/summary/i.test(page.firstHeading), `first heading: ${page.firstHeading}`);
        assert(/lab/i.test(page.firstScreenText), "the first screen does not say lab run");
      }
    } finally {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
    }
  },
});
