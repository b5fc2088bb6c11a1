/**
 * The crawl's progress on the terminal while a notebook kernel does the crawling: the kernel's
 * `runScan` appends JSON lines to a progress file (`lib/pipeline/progress_file.ts`), and this
 * watches that file and draws a bar where the terminal is a TTY, plain lines otherwise.
 *
 * @module
 */
import type { ProgressLine } from "../pipeline/progress_file.ts";
import { renderProgress } from "../pipeline/render_progress.ts";

/** Options of {@linkcode watchProgress}. */
export interface WatchProgressOptions {
  /** Draw a bar redrawn in place (`\r`), for a TTY. Default: whether stderr is a terminal. */
  tty?: boolean;
  /** Where text goes. Default: stderr. */
  write?: (text: string) => void;
  /** How often the file is read, in ms. Default: 200. */
  pollMs?: number;
  /** Without a TTY, least ms between two plain lines of the same phase. Default: 5000. */
  plainEveryMs?: number;
  /** Put before every plain line. Default: `"report: "`. */
  prefix?: string;
}

/**
 * Watch a progress file and show its last line: a bar redrawn in place on a TTY, otherwise a plain
 * line on every change of phase, at most every `plainEveryMs` in between, and the last line of
 * each phase (held back lines are printed when the phase ends or watching stops). The file may not
 * exist yet (the crawl has not started); bytes after the last newline wait for the next read.
 *
 * @param path The progress file (JSON Lines of `ProgressLine`).
 * @param options TTY, sink, poll interval.
 * @returns `stop()`, which reads the file one last time, ends a drawn bar with a newline and stops.
 * @example
 * ```ts
 * const stop = watchProgress(".cache/report/progress.jsonl");
 * // ... run the notebooks ...
 * await stop();
 * ```
 */
export function watchProgress(
  path: string,
  options: WatchProgressOptions = {},
): () => Promise<void> {
  const tty = options.tty ?? Deno.stderr.isTerminal();
  const encoder = new TextEncoder();
  const write = options.write ?? ((text: string) => Deno.stderr.writeSync(encoder.encode(text)));
  const prefix = options.prefix ?? "report: ";
  const plainEveryMs = options.plainEveryMs ?? 5000;
  const decoder = new TextDecoder();
  let offset = 0;
  let pending = "";
  let lastShown = "";
  let lastPhase = "";
  let lastPlainAt = -Infinity;
  let drawn = false;

  // Without a TTY, the newest line held back by `plainEveryMs`: it is printed before a line of
  // the next phase and when watching stops, so each phase's last state (the finished count of
  // the crawl) is always shown, however the polls fell.
  let held: ProgressLine | null = null;
  const emit = (line: ProgressLine) => {
    held = null;
    const text = renderProgress(line, { tty });
    if (text === lastShown) return;
    if (tty) {
      write(`\r\x1b[2K${prefix}${text}`);
      drawn = true;
    } else {
      write(`${prefix}${text}\n`);
      lastPlainAt = performance.now();
    }
    lastShown = text;
    lastPhase = line.phase;
  };
  const show = (line: ProgressLine, final: boolean) => {
    if (tty) return emit(line);
    if (held && held.phase !== line.phase) emit(held);
    if (
      line.phase !== lastPhase || final || performance.now() - lastPlainAt >= plainEveryMs
    ) emit(line);
    else held = line;
  };

  const poll = async (final: boolean) => {
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch {
      return;
    }
    if (bytes.length < offset) offset = 0; // truncated: a new run
    pending += decoder.decode(bytes.subarray(offset));
    offset = bytes.length;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    const parsed: ProgressLine[] = [];
    for (const l of lines) {
      try {
        parsed.push(JSON.parse(l));
      } catch {
        // A torn or foreign line: skip it.
      }
    }
    // Show every phase change, then the newest state.
    for (let i = 0; i < parsed.length; i++) {
      const next = parsed[i + 1];
      if (!next || next.phase !== parsed[i].phase) show(parsed[i], final && !next);
    }
  };

  let busy: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    busy = busy.then(() => poll(false));
  }, options.pollMs ?? 200);
  return async () => {
    clearInterval(timer);
    await busy;
    await poll(true);
    if (held) emit(held);
    if (drawn) write("\n");
  };
}
