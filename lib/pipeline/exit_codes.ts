/**
 * Exit codes of the `report` and `collect` tasks: each names one way a run can end, so a script
 * (or CI) can tell "nothing answered" from "a notebook broke" from "you typed it wrong".
 *
 * | code | meaning |
 * |---|---|
 * | 0 | servers answered and every step (every notebook) ran |
 * | 1 | a notebook cell failed, or the run broke (setup, a bug); the tables in `data/` are as they were unless the crawl had finished |
 * | 2 | usage or preflight: an unknown argument, a bad run parameter, a local seed off this machine, an output folder that cannot be written; nothing was run or written |
 * | 3 | the crawl ran but not one server answered (every seed refused, timed out or was blocked); the tables in `data/` are as they were |
 *
 * @module
 */

/** The exit codes, by name. */
export const EXIT_CODES = {
  ok: 0,
  failed: 1,
  usage: 2,
  nothingAnswered: 3,
} as const;

/** One of {@linkcode EXIT_CODES}. */
export type ExitCode = typeof EXIT_CODES[keyof typeof EXIT_CODES];

/** An error that should end the run with exit code 2 and its message, before anything ran. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
