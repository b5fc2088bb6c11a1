/**
 * The collecting pipeline, the layer above `crawl/` and `tables/`: {@linkcode runScan} starts the
 * target (the lab, local seeds or the live network), crawls it, writes the raw records and derives
 * `servers.csv`, `fingerprints.csv`, `tls.csv` and `geo.csv` from them; `cli.ts` is
 * `deno task collect`. It is the one observer-side place allowed to start the lab.
 *
 * @module
 */
export * from "./scan.ts";
