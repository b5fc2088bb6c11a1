/**
 * The crawl: run parameters, exclusion files, resolvers, bounded peer parsing, append-only records, politeness,
 * the discovery loop and the whole collecting run (`runScan`). The command line lives in `cli.ts`.
 *
 * @module
 */
export * from "./params.ts";
export * from "./exclusions.ts";
export * from "./resolver.ts";
export * from "./peers.ts";
export * from "./records.ts";
export * from "./politeness.ts";
export * from "./crawl.ts";
export * from "./scan.ts";
