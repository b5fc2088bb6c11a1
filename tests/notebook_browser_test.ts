/**
 * End to end, in a real browser: `deno task notebook`'s server (Debian's Jupyter Notebook on
 * 127.0.0.1, the project's Deno kernel) serves a temporary copy of the project whose data come
 * from a small lab scan; headless Chromium (Debian's, through playwright-core) opens notebook 02,
 * runs its cells one by one with Shift+Enter as a reader would, and checks after each cell that
 * it finished, showed something and no error, that table cells show a table and figure cells a
 * figure with the caption naming its files. Screenshots (one per code cell, and the whole page)
 * are kept in a temporary folder whose path is printed.
 */
import { chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "./helpers/chromium.ts";
import { notebookWorkspace } from "./helpers/notebook_workspace.ts";
import { figureName } from "./helpers/figure_name.ts";
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { projectPath, projectRoot } from "../lib/data/paths.ts";
import { jupyterDir, setup } from "../lib/report/setup.ts";
import { startNotebookServer } from "../lib/report/notebook_server.ts";
import { runScan } from "../lib/pipeline/scan.ts";
import { runParams } from "../lib/crawl/params.ts";

const NOTEBOOK = "02_network_overview.ipynb";

/** What one code cell shows in the page once it has run. */
interface CellView {
  prompt: string;
  outputs: number;
  errors: number;
  tables: number;
  figures: number;
  text: string;
}

async function cellView(page: Page, index: number): Promise<CellView> {
  return await page.evaluate((i) => {
    const cell = document.querySelectorAll("#notebook-container > .cell")[i];
    const area = cell.querySelector(".output_wrapper .output");
    return {
      prompt: cell.querySelector(".input_prompt")?.textContent?.replace(/\s+/g, "") ?? "",
      outputs: area?.querySelectorAll(".output_area").length ?? 0,
      errors: area?.querySelectorAll(".output_error, .output_stderr").length ?? 0,
      tables: area?.querySelectorAll(".output_html table, .rendered_html table").length ?? 0,
      // A figure: an SVG output drawn at a real size (Plot nests an <svg> in its titled figure).
      figures: [...(area?.querySelectorAll(".output_svg") ?? [])].filter((o) => {
        const box = o.querySelector("svg")?.getBoundingClientRect();
        return box !== undefined && box.width > 200 && box.height > 100;
      }).length,
      text: (area?.textContent ?? "").replace(/\s+/g, " ").trim(),
    };
  }, index);
}

Deno.test({
  name:
    "notebook server: headless Chromium runs notebook 02 cell by cell through the Jupyter UI, tables and figures appear, no cell errs",
  // playwright-core keeps internal timers and pipes a little past browser.close().
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    await setup({ log: () => {} });
    const tmp = await Deno.makeTempDir({ prefix: "obs-browser-" });
    const shots = await Deno.makeTempDir({ prefix: "obs-browser-screenshots-" });
    console.log(`notebook browser test: screenshots in ${shots}`);
    const env = { OBS_DATA_DIR: `${tmp}/data`, OBS_FIGURES_DIR: `${tmp}/figures` };
    let server: Awaited<ReturnType<typeof startNotebookServer>> | null = null;
    let browser: Awaited<ReturnType<typeof chromium.launch>> | null = null;
    try {
      await notebookWorkspace(tmp);
      // What the Jupyter start page should list: every visible entry of the folder it serves
      // (the notebooks copied there, whichever exist), in name order as the page sorts them.
      const listed = [...Deno.readDirSync(`${tmp}/notebooks`)].map((e) => e.name)
        .filter((n) => !n.startsWith(".")).sort();
      // The data notebook 02 reads: a small lab scan, as notebook 01 makes it.
      await runScan({
        params: runParams({
          OBS_TARGET: "lab",
          OBS_LAB_SIZE: "10",
          OBS_LATENCY: "0",
          OBS_SEED: "browser",
        }),
        dataDir: env.OBS_DATA_DIR,
      });
      const committed = JSON.parse(await Deno.readTextFile(projectPath("notebooks", NOTEBOOK)));
      const cells = committed.cells as { cell_type: string; source: string[] | string }[];
      const sources = cells.map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));

      server = await startNotebookServer({
        notebookDir: `${tmp}/notebooks`,
        jupyterDir: jupyterDir(projectRoot()),
        stateDir: `${tmp}/jupyter-state`,
        env,
        log: "null",
      });
      browser = await chromium.launch(chromiumLaunchOptions());
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const outside: string[] = [];
      const origin = server.url.replace(/\/$/, "");
      await context.route("**/*", (route) => {
        const u = route.request().url();
        if (u.startsWith(origin) || u.startsWith("data:") || u.startsWith("blob:")) {
          return route.continue();
        }
        outside.push(u);
        return route.abort();
      });
      const pageErrors: string[] = [];
      context.on("page", (p) => p.on("pageerror", (e) => pageErrors.push(String(e))));

      // The server's start page lists the notebooks folder; open notebook 02 from it.
      const tree = await context.newPage();
      await tree.goto(`${server.url}tree?token=${server.token}`, { waitUntil: "load" });
      const link = tree.locator("#notebook_list a.item_link", { hasText: NOTEBOOK });
      await link.waitFor({ timeout: 30_000 });
      assertEquals(
        (await tree.locator("#notebook_list a.item_link span.item_name").allTextContents()).sort(),
        listed,
      );
      await tree.screenshot({ path: `${shots}/00_tree.png` });
      const [page] = await Promise.all([context.waitForEvent("page"), link.click()]);
      await page.waitForLoadState("load");
      await page.waitForFunction(
        () => {
          const j = (window as unknown as {
            Jupyter?: { notebook?: { kernel?: { info_reply?: { status?: string } } } };
          }).Jupyter;
          return j?.notebook?.kernel?.info_reply?.status === "ok";
        },
        undefined,
        { timeout: 60_000 },
      );
      assertEquals(
        await page.evaluate(() =>
          (window as unknown as { Jupyter: { notebook: { kernel: { name: string } } } }).Jupyter
            .notebook.kernel.name
        ),
        "deno-observatory",
      );
      assertEquals(await page.locator("#notebook-container > .cell").count(), cells.length);
      await page.screenshot({ path: `${shots}/01_opened.png` });

      // Run every cell from the top with Shift+Enter, one at a time, as a reader would.
      await page.locator("#notebook-container > .cell").first().click();
      await page.keyboard.press("Escape"); // command mode: Shift+Enter runs and selects the next
      const problems: string[] = [];
      let tables = 0, figures = 0;
      for (let i = 0; i < cells.length; i++) {
        const selected = await page.evaluate(() =>
          [...document.querySelectorAll("#notebook-container > .cell")].findIndex((c) =>
            c.classList.contains("selected")
          )
        );
        assertEquals(selected, i, `cell ${i} is selected before Shift+Enter`);
        await page.keyboard.press("Shift+Enter");
        if (cells[i].cell_type !== "code") continue;
        // Done when the prompt shows an execution number (it shows * while the cell runs).
        await page.waitForFunction(
          (n) => {
            const p = document.querySelectorAll("#notebook-container > .cell")[n]?.querySelector(
              ".input_prompt",
            );
            return /\[\d+\]/.test(p?.textContent ?? "");
          },
          i,
          { timeout: 120_000 },
        );
        // The reply (which numbers the prompt) can come before the last output of the cell: wait
        // for the kernel to be idle and for the outputs a cell of this kind shows (a figure cell:
        // the figure, then its caption), then until nothing more arrives for 300 ms.
        await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 120_000 });
        const expected = /\bpublishFigure\(/.test(sources[i]) ? 2 : 1;
        let view = await cellView(page, i);
        for (let t = 0, stable = 0; t < 50 && (view.outputs < expected || stable < 3); t++) {
          await page.waitForTimeout(100);
          const next = await cellView(page, i);
          stable = next.outputs === view.outputs && next.text === view.text ? stable + 1 : 0;
          view = next;
        }
        const cell = page.locator("#notebook-container > .cell").nth(i);
        await cell.scrollIntoViewIfNeeded();
        await cell.screenshot({ path: `${shots}/cell_${String(i).padStart(2, "0")}.png` });
        const head = sources[i].split("\n").find((l) => !l.startsWith("//")) ?? "";
        if (view.outputs === 0) problems.push(`cell ${i} shows nothing: ${head}`);
        if (view.errors > 0) problems.push(`cell ${i} shows an error: ${view.text.slice(0, 300)}`);
        if (
          /\bshowTable\(/.test(sources[i]) && view.tables === 0 &&
          !view.text.includes("None in this run.")
        ) {
          problems.push(`cell ${i} shows no table: ${head}`);
        }
        if (/\bpublishFigure\(/.test(sources[i])) {
          const name = figureName(sources[i]);
          if (view.figures === 0) problems.push(`cell ${i} shows no figure: ${head}`);
          if (!view.text.includes(`Saved as figures/${name}.svg and figures/${name}.png`)) {
            problems.push(
              `cell ${i} does not say where ${name}.svg and .png went: ${view.text.slice(0, 300)}`,
            );
          }
        }
        tables += view.tables;
        figures += view.figures;
      }
      await page.screenshot({ path: `${shots}/99_whole_notebook.png`, fullPage: true });
      assertEquals(problems, [], `screenshots in ${shots}`);
      const wanted = sources.filter((_s, i) => cells[i].cell_type === "code");
      assert(tables >= 10, `only ${tables} tables appeared (screenshots in ${shots})`);
      assertEquals(
        figures,
        wanted.filter((s) => s.includes("publishFigure(")).length,
        `figures (screenshots in ${shots})`,
      );
      // The figure files the cells name exist.
      for (const s of wanted.filter((s) => s.includes("publishFigure("))) {
        const name = figureName(s);
        assert((await Deno.stat(`${tmp}/figures/${name}.png`)).size > 0, `${name}.png`);
      }
      assertEquals(outside, [], "the page asked for something outside the notebook server");
      assertEquals(pageErrors, [], "script errors on the page");
    } finally {
      await browser?.close();
      const code = await server?.stop();
      if (server) assert(code !== undefined, "the server stopped");
      await Deno.remove(tmp, { recursive: true });
    }
  },
});
