/**
 * Progress of a scan as JSON Lines in a file, so a process other than the one crawling (the
 * `report` task, whose crawl runs inside a notebook kernel) can show it on its terminal.
 *
 * @module
 */
import type { CrawlProgress } from "../crawl/crawl.ts";

/** One progress line: the phase (`lab` starting, `crawl`, `tables`, `done`) and the crawl's counts. */
export interface ProgressLine extends CrawlProgress {
  phase: "lab" | "crawl" | "tables" | "done";
}

/**
 * Make a writer that appends progress lines to `path`, at most one every `everyMs` unless forced
 * (the first and the last lines always go). A write error is ignored: progress is a courtesy to
 * the person watching and must never fail the scan.
 *
 * @param path The file; `undefined` or `""` gives a writer that does nothing.
 * @param everyMs Least milliseconds between two lines. Default: 250.
 * @returns `(line, force?) => void`.
 * @example
 * ```ts
 * const progress = progressFileWriter("/tmp/progress.jsonl");
 * progress({ phase: "crawl", discovered: 3, done: 1, inFlight: 2, records: 40 });
 * ```
 */
export function progressFileWriter(
  path: string | undefined,
  everyMs = 250,
): (line: ProgressLine, force?: boolean) => void {
  if (!path) return () => {};
  let last = -Infinity;
  return (line, force = false) => {
    const now = performance.now();
    if (!force && line.phase === "crawl" && line.inFlight > 0 && now - last < everyMs) return;
    last = now;
    try {
      Deno.writeTextFileSync(path, JSON.stringify(line) + "\n", { append: true, create: true });
    } catch {
      // Progress is best effort; the scan's own records are what count.
    }
  };
}
