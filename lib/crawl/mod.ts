/**
 * The crawl: run parameters, resolvers, bounded peer parsing, append-only records, politeness,
 * the discovery loop and the whole collecting run (`runScan`). The command line lives in `cli.ts`.
 *
 * @module
 */
export * from "./params.ts";
export * from "./resolver.ts";
export * from "../electrum/peers.ts";
export * from "../records/records.ts";
export * from "./politeness.ts";
export * from "./crawl.ts";
export * from "../pipeline/scan.ts";
