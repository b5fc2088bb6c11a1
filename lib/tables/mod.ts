/**
 * The derived tables: `servers.csv`, `fingerprints.csv`, `tls.csv`, `peers.csv` and `geo.csv`, each with one
 * producer, rebuilt deterministically from a scan's raw records (grouped once by server, last
 * finished attempt only), and outcome summaries for the collecting notebook (observer layer above
 * `records/`, `geo/`, `analysis/` and the classifiers; `pipeline/` calls it after a crawl).
 *
 * @module
 */
export * from "./scan_records.ts";
export * from "./derive_servers.ts";
export * from "./derive_fingerprints.ts";
export * from "./derive_tls.ts";
export * from "./derive_peers.ts";
export * from "./derive_geo.ts";
export * from "./outcome_summary.ts";
export * from "./open_scan.ts";
