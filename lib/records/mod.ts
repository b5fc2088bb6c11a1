/**
 * The records layer: one {@linkcode ProbeRecord} per probe outcome, clipping of untrusted text
 * ({@linkcode clip}) and bytes ({@linkcode bytesField}), and the append-only JSONL writer and
 * reader of a scan's `records.jsonl`. It sits below both `probes/` (which make records) and
 * `tables/` (which derive CSVs from them), and imports only `net/`.
 *
 * @module
 */
export * from "./records.ts";
export * from "./archive_scan.ts";
export * from "./path_exists.ts";
