/**
 * A scan's progress as one line of text, for the terminal (`collect` and `report`).
 *
 * @module
 */
import type { ProgressLine } from "./progress_file.ts";

/** Options of {@linkcode renderProgress}. */
export interface RenderProgressOptions {
  /** Draw a bar (for a TTY) instead of a plain sentence. Default: false. */
  tty?: boolean;
  /** Width of the bar in characters. Default: 24. */
  barWidth?: number;
}

const PHASES: Record<ProgressLine["phase"], string> = {
  lab: "starting the lab",
  crawl: "crawling",
  tables: "deriving tables",
  done: "crawl done",
};

/**
 * One progress line as text: `crawling: 40/120 servers done, 3 in flight, 1234 records`, or with
 * `tty`, the same after a bar `[#######.................]`.
 *
 * @example
 * ```ts
 * renderProgress({ phase: "crawl", discovered: 4, done: 1, inFlight: 3, records: 20 });
 * // "crawling: 1/4 servers done, 3 in flight, 20 records"
 * ```
 */
export function renderProgress(line: ProgressLine, options: RenderProgressOptions = {}): string {
  const counts =
    `${line.done}/${line.discovered} servers done, ${line.inFlight} in flight, ${line.records} records`;
  const text = line.phase === "lab" ? PHASES.lab : `${PHASES[line.phase] ?? line.phase}: ${counts}`;
  if (!options.tty) return text;
  const width = options.barWidth ?? 24;
  const share = line.discovered > 0 ? Math.min(1, line.done / line.discovered) : 0;
  const filled = Math.round(share * width);
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${text}`;
}
