import { chromium } from "playwright-core";
import { assertEquals } from "../../lib/testing/assert.ts";
import { chromiumLaunchOptions } from "./chromium.ts";

Deno.test("chromiumLaunchOptions starts Debian's Chromium headless, and it renders a page", async () => {
  const options = chromiumLaunchOptions();
  assertEquals(options.headless, true);
  assertEquals(options.args.includes("--disable-background-networking"), true);
  options.args.push("--changed-by-caller");
  assertEquals(chromiumLaunchOptions().args.includes("--changed-by-caller"), false);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.setContent("<p id=x>ok</p>");
    assertEquals(await page.textContent("#x"), "ok");
  } finally {
    await browser.close();
  }
});
