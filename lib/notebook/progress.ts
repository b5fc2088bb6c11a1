/**
 * A progress printer for long cells: prints a line at most every `everyMs` (and the last state),
 * which shows in the notebook's output while the cell runs.
 *
 * @module
 */
import type { CrawlProgress } from "../crawl/crawl.ts";

/** Make an `onProgress` callback that prints `discovered / done / in flight` lines. */
export function progressPrinter(everyMs = 2000): (p: CrawlProgress) => void {
  let last = 0;
  const t0 = performance.now();
  return (p) => {
    const now = performance.now();
    if (now - last < everyMs && !(p.inFlight === 0)) return;
    last = now;
    console.log(
      `${
        ((now - t0) / 1000).toFixed(1)
      } s: ${p.done}/${p.discovered} servers done, ${p.inFlight} in flight, ${p.records} records`,
    );
  };
}
