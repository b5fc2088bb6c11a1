/**
 * End to end: nothing a server sends executes. The notebooks run against a lab with the hostile
 * hosts planted (banners, software strings, donation addresses, errors and a certificate full of
 * `<script>`, `<img onerror>`, `<svg onload>`, Markdown links, ANSI escapes and formulas); the
 * resulting HTML report is opened in headless Chromium (Debian's, through playwright-core, with
 * an empty profile and background networking off). Every payload tries to set `window.__pwned`
 * or to fetch from evil.example: the test proves none ran, that no request left the report's
 * own file, and that the payloads are on the page as inert text. The CSV derived from the same
 * run carries the formula payloads neutralised.
 */
import { chromium } from "playwright-core";
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { denoCommand } from "./helpers/isolated.ts";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-default-apps",
  "--disable-extensions",
];

Deno.test({
  name:
    "report of a hostile lab run: no server text executes in Chromium and no external request is attempted",
  // playwright-core keeps internal timers and pipes a little past browser.close().
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "obs-xss-" });
    const profile = await Deno.makeTempDir({ prefix: "obs-chromium-" });
    try {
      const out =
        await (await denoCommand(new URL("./helpers/xss_report.ts", import.meta.url).pathname, [
          tmp,
        ])).output();
      const text = new TextDecoder().decode(out.stdout).trim().split("\n").at(-1) ?? "{}";
      const run = JSON.parse(text.startsWith("{") ? text : "{}") as { code?: number; log?: string };
      assertEquals(
        run.code,
        0,
        `notebooks failed: ${run.log ?? new TextDecoder().decode(out.stderr).slice(-3000)}`,
      );

      // The hostile text reached the data: formulas neutralised in the CSV, markup kept verbatim.
      const csv = await Deno.readTextFile(`${tmp}/data/servers.csv`);
      assert(
        csv.includes(`"'=HYPERLINK(`),
        "the formula software string is not neutralised in servers.csv",
      );
      assert(
        !/(^|,)[=+\-@][A-Za-z(]/m.test(csv.replace(/"[^"]*"/g, '""')),
        "an unquoted formula cell in servers.csv",
      );
      const rows = await readCsv(`${tmp}/data/servers.csv`);
      assert(
        rows.some((r) => String(r.software ?? "").includes("<script>window.__pwned=1")),
        "markup software string missing from servers.csv",
      );

      const html = await Deno.readTextFile(`${tmp}/report.html`);
      assert(
        html.includes("window.__pwned"),
        "no hostile payload reached the report (the test would prove nothing)",
      );

      const context = await chromium.launchPersistentContext(profile, {
        executablePath: "/usr/bin/chromium",
        headless: true,
        args: CHROMIUM_ARGS,
      });
      try {
        const requests: string[] = [];
        const dialogs: string[] = [];
        await context.route("**/*", (route) => {
          const url = route.request().url();
          requests.push(url);
          return url.startsWith("file://") || url.startsWith("data:")
            ? route.continue()
            : route.abort();
        });
        const page = await context.newPage();
        page.on("dialog", (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.goto(`file://${tmp}/report.html`, { waitUntil: "load" });
        await page.waitForTimeout(1500); // let any onerror/onload handler fire
        const pwned = await page.evaluate(() =>
          (window as unknown as { __pwned?: unknown }).__pwned ?? null
        );
        assertEquals(pwned, null, "a server payload ran in the report");
        assertEquals(dialogs, [], "a server payload opened a dialog");
        const external = requests.filter((u) => !u.startsWith("file://") && !u.startsWith("data:"));
        assertEquals(external, [], "the report tried to load something from outside");
        // The payloads are there, as text.
        const visible = await page.evaluate(() => document.body.innerText);
        assert(
          visible.includes("<script>window.__pwned=1"),
          "the markup payload is not shown as text",
        );
        const injected = await page.evaluate(() =>
          [...document.querySelectorAll("img[onerror], svg[onload], iframe, script")].filter((e) =>
            /pwned|evil\.example/.test(e.outerHTML)
          ).length
        );
        assertEquals(injected, 0, "a payload became an element");
        await page.close();
      } finally {
        await context.close();
      }
    } finally {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});
