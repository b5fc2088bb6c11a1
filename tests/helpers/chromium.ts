/**
 * How the end-to-end tests start Debian's Chromium through playwright-core: headless, no
 * sandbox (tests may run as root), and nothing it would fetch on its own (background
 * networking, component updates, sync, first-run pages, default apps, extensions).
 *
 * @module
 */

/** Debian's Chromium. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Command-line flags for a quiet headless Chromium. */
export const CHROMIUM_ARGS: readonly string[] = [
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

/**
 * The launch options of playwright-core's `chromium.launch` and `launchPersistentContext` for
 * the tests' Chromium.
 *
 * @example
 * ```ts
 * const browser = await chromium.launch(chromiumLaunchOptions());
 * ```
 */
export function chromiumLaunchOptions(): {
  executablePath: string;
  headless: true;
  args: string[];
} {
  return { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] };
}
