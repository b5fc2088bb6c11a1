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
import { chromiumLaunchOptions } from "./helpers/chromium.ts";
import { assert, assertEquals } from "../lib/testing/assert.ts";
import { readCsv } from "../lib/data/read_csv.ts";
import { denoCommand } from "./helpers/isolated.ts";
import { FORMULA_PAYLOADS, MARKUP_PAYLOADS } from "../lib/lab/hostile/mod.ts";
import { shareBars } from "../lib/plots/share_bars.ts";
import { figureSvg } from "../lib/plots/export_figure.ts";

/** What a page did in Chromium: its text, and any sign that server text ran. */
interface Inspection {
  pwned: unknown;
  dialogs: string[];
  external: string[];
  injected: number;
  text: string;
}

/** Open `url` in headless Chromium with an empty profile; every non-file request is recorded and refused. */
async function inspectInChromium(url: string, profile: string): Promise<Inspection> {
  const context = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
  try {
    const requests: string[] = [];
    const dialogs: string[] = [];
    await context.route("**/*", (route) => {
      const u = route.request().url();
      requests.push(u);
      return u.startsWith("file://") || u.startsWith("data:") ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(1500); // let any onerror/onload handler fire
    const pwned = await page.evaluate(() =>
      (window as unknown as { __pwned?: unknown }).__pwned ?? null
    );
    const text = await page.evaluate(() =>
      (document.body ?? document.documentElement).textContent ?? ""
    );
    const injected = await page.evaluate(() =>
      [...document.querySelectorAll(
        "img[onerror], svg[onload], iframe, script, [onload], [onerror]",
      )]
        .filter((e) => /pwned|evil\.example/.test(e.outerHTML)).length
    );
    await page.close();
    return {
      pwned,
      dialogs,
      external: requests.filter((u) => !u.startsWith("file://") && !u.startsWith("data:")),
      injected,
      text,
    };
  } finally {
    await context.close();
  }
}

function assertInert(seen: Inspection, what: string): void {
  assertEquals(seen.pwned, null, `a server payload ran in ${what}`);
  assertEquals(seen.dialogs, [], `a server payload opened a dialog in ${what}`);
  assertEquals(seen.external, [], `${what} tried to load something from outside`);
  assertEquals(seen.injected, 0, `a payload became an element in ${what}`);
}

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

      const seen = await inspectInChromium(`file://${tmp}/report.html`, profile);
      assertInert(seen, "the report");
      assert(
        seen.text.includes("<script>window.__pwned=1"),
        "the markup payload is not shown as text",
      );
    } finally {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});

Deno.test({
  name:
    "figures with server text as labels, titles and captions stay inert in Chromium, inline and as exported SVG",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    const tmp = await Deno.makeTempDir({ prefix: "obs-xss-fig-" });
    const profile = await Deno.makeTempDir({ prefix: "obs-chromium-" });
    try {
      const payloads = [...MARKUP_PAYLOADS, ...FORMULA_PAYLOADS];
      const rows = payloads.map((p, i) => ({
        key: p,
        label: p,
        count: payloads.length - i,
        share: 1 / payloads.length,
        cumulative_share: (i + 1) / payloads.length,
      }));
      const figure = shareBars(rows as unknown as Parameters<typeof shareBars>[0], {
        top: payloads.length,
        maxLabel: 200,
        title: MARKUP_PAYLOADS[0],
        subtitle: MARKUP_PAYLOADS[1],
        caption: MARKUP_PAYLOADS[3],
      });
      // As a notebook shows it (the figure's HTML inline) and as exported (a standalone SVG file).
      await Deno.writeTextFile(
        `${tmp}/inline.html`,
        `<!doctype html><html><body>${figure.outerHTML}</body></html>`,
      );
      await Deno.writeTextFile(`${tmp}/figure.svg`, figureSvg(figure));
      for (const file of ["inline.html", "figure.svg"]) {
        const seen = await inspectInChromium(`file://${tmp}/${file}`, profile);
        assertInert(seen, file);
        assert(seen.text.includes("window.__pwned"), `the payloads are not in ${file} as text`);
      }
    } finally {
      await Deno.remove(tmp, { recursive: true }).catch(() => {});
      await Deno.remove(profile, { recursive: true }).catch(() => {});
    }
  },
});
