/**
 * The collecting pipeline, the layer above `crawl/` and `tables/`: {@linkcode runScan} starts the
 * target (the lab, local seeds or the live network), crawls it, writes the raw records and derives
 * `servers.csv`, `fingerprints.csv`, `tls.csv` and `geo.csv` from them; `cli.ts` is
 * `deno task collect`. It is the one observer-side place allowed to start the lab. A scan whose
 * servers all failed ends with {@linkcode NothingAnsweredError} and leaves `data/` as it was;
 * {@linkcode EXIT_CODES} are the exit codes of `collect` and `report`; progress goes to a file
 * ({@linkcode progressFileWriter}) for a watcher in another process.
 *
 * @module
 */
export * from "./scan.ts";
export * from "./exit_codes.ts";
export * from "./nothing_answered.ts";
export * from "./progress_file.ts";
export * from "./render_progress.ts";
